"""The web editor's configuration, locale and served copy (the real round trip through the editor
itself is tests/browser/test_editor.py)."""

import json
import re
import subprocess

import pytest
import yaml
from conftest import ROOT, run, write_tree

from kelurahan.content.schema import TYPES
from kelurahan.site import editor

BY_HAND = {
    "berita/2025-02-25-rapat-tangan.md": """
        ---
        judul: "Rapat: RT 05 & RW 02"
        ringkasan: Warga membahas jadwal ronda.
        gambar: rapat.png
        gambar_alt: Warga duduk melingkar di balai RW
        pilar: society
        tag: [ronda, RT 05]
        tanggal: 2025-02-25 19:30
        kategori: Kegiatan
        penulis: Admin Kelurahan
        ---
        Rapat dimulai pukul 19.30 WIB.

        ## Hasil

        - Ronda tiap malam
        """,
    "umkm/kue-tangan.md": """
        ---
        judul: Kue Bu Contoh
        contoh: ya
        kategori: Kuliner
        whatsapp: 0812-3456-7890
        koordinat: [-6.8886, 109.6753]
        produk:
          - nama: Kue lapis
            harga: 15000
          - nama: Nastar
            harga: Rp60.000
            gambar: gambar/rapat.png
        galeri:
          - gambar: gambar/rapat.png
            alt: Kue di etalase
        ---
        Usaha contoh.
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("cms")
    files = {"kota.toml": 'nama = "Kota Contoh"\nurl = "https://contoh.github.io/kota"\n',
             "alpha/kelurahan.toml": 'nama = "Alpha"\nkecamatan = "Utara"\n',
             "alpha/gambar/rapat.png": (ROOT / "tests/fixtures/mini/alpha/gambar/rapat.png").read_bytes(),
             **{f"alpha/{k}": v for k, v in BY_HAND.items()}}
    write_tree(root / "content", files)
    proc = run("build", "--site", "alpha", cwd=root, env={"KELURAHAN_REPO": ""})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = root / "output"
    config = yaml.safe_load((out / "alpha/admin/config.yml").read_text(encoding="utf-8"))
    return root, out, config


def _fields(schema_fields):
    return [(f.name, f.label, f.help, f.required, _fields(f.fields)) for f in schema_fields]


def _config_fields(fields):
    return [(f["name"], f["label"], f["hint"], f["required"], _config_fields(f.get("fields", [])))
            for f in fields]


def test_one_collection_per_type_restricted_to_the_kelurahan_folder(built):
    _, _, config = built
    assert [(c["name"], c["folder"], c["format"], c["extension"]) for c in config["collections"]] == \
        [(f"{name}-alpha", f"content/alpha/{name}", "frontmatter", "md") for name in TYPES] + \
        [("anggaran-alpha", "content/alpha/anggaran", "yml", "yml")]  # budgets: one file a year
    assert config["media_folder"] == "content/alpha/gambar"
    assert config["public_folder"] == "gambar"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "contoh/kota",
                                 "branch": "main", "open_authoring": True}
    assert "base_url" not in config["backend"]  # no OAuth helper configured: access tokens only
    assert (config["publish_mode"], config["locale"]) == ("editorial_workflow", "id")


@pytest.mark.parametrize("base", ["content/alpha", "benchmarks/corpus/full/content/uji-01",
                                  "content/dua kata", "content/a: b", "content/x #y", "@x", "'x",
                                  "-x", "true"])
def test_config_text_is_the_config_as_yaml_whatever_the_folder(base):
    """config.yml is assembled from collections emitted once a process (editor.editor_yaml): it
    must be exactly the config as YAML, and read back as it, for any folder a city uses."""
    kota, site = {"nama": "Kota Contoh", "repo": "contoh/kota"}, {"nama": "Alpha", "slug": "alpha"}
    for url in ("", "https://contoh.github.io/kota/alpha/"):
        config = editor.editor_config(kota, site, "alpha", base, url)
        text = editor.editor_yaml(kota, site, "alpha", base, url)
        assert text == yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
        assert yaml.safe_load(text) == config


@pytest.mark.parametrize("name", list(TYPES))
def test_editor_lists_every_schema_field_with_its_indonesian_label_and_hint(built, name):
    _, _, config = built
    collection = next(c for c in config["collections"] if c["name"] == f"{name}-alpha")
    assert collection["label"] == TYPES[name].label_plural
    assert _config_fields(collection["fields"][:-1]) == _fields(TYPES[name].fields)
    assert collection["fields"][-1]["name"] == "body"


def test_field_kinds_map_to_widgets_that_write_what_the_reader_accepts(built):
    _, _, config = built
    umkm = {f["name"]: f for f in next(c for c in config["collections"]
                                        if c["name"] == "umkm-alpha")["fields"]}
    berita = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert berita["tanggal"]["widget"] == "datetime" and berita["tanggal"]["format"] == "YYYY-MM-DD HH:mm"
    assert berita["pilar"]["options"][0] == {"label": "Smart Governance — Tata Kelola Pemerintahan",
                                             "value": "governance"}
    assert umkm["produk"]["widget"] == "list"
    assert [s["name"] for s in umkm["produk"]["fields"]] == ["nama", "harga", "gambar"]
    assert umkm["produk"]["fields"][1]["value_type"] == "int"
    assert umkm["koordinat"]["field"]["value_type"] == "float"
    assert umkm["gambar"]["widget"] == "image" and umkm["contoh"]["widget"] == "boolean"


def test_hand_written_entries_read_as_the_editor_shows_them(built):
    root, out, _ = built
    items = {i["url"]: i for i in json.loads((out / "alpha/manifest.json").read_text())["item"]}
    assert "berita/2025-02-25-rapat-tangan/" in items and "umkm/kue-tangan/" in items
    body = (out / "alpha/berita/2025-02-25-rapat-tangan/index.html").read_text(encoding="utf-8")
    assert "<h2" in body and "Ronda tiap malam" in body


def test_one_shared_copy_of_the_editor_is_served_from_the_site(built):
    _, out, _ = built
    page = (out / "alpha/admin/index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"></script>', page)
    assert scripts == ["../../admin/bahasa-id.js", "../../admin/editor.js",
                       "../../admin/decap/decap-cms.js"]  # locale and start-up before Decap
    assert '<html lang="id">' in page and "noindex" in page and 'data-masuk="token"' in page
    assert (out / "admin/decap/decap-cms.js").read_bytes() == editor.patched_bundle()
    assert [p.name for p in out.rglob("decap-cms.js")] == ["decap-cms.js"]
    assert {p.name for p in (out / "admin/decap").iterdir()} == \
        {"decap-cms.js"} | {name.split("/")[1] for name in editor.bundle_files() if "/" in name}
    assert "https://" not in page.replace(editor.CSP, "")  # never from a CDN


# Outside addresses written anywhere in the shipped editor (code paths of other backends, links,
# licences). Pinned so that a Decap upgrade bringing a new one fails here and gets looked at:
# the browser tests see only the paths they drive.
KNOWN_HOSTS = {
    "api.bitbucket.org", "api.github.com", "api.netlify.com", "app.vssps.visualstudio.com",
    "bit.ly", "bitbucket.org", "bitbucket.status.atlassian.com", "d3dy5gmtp8yhk7.cloudfront.net",
    "dev.apollodata.com", "dev.azure.com", "docs.netlify.com", "example.com", "fb.me",
    "git-lfs.github.com", "git.io", "github.com", "gitlab.com", "goo.gl", "html.spec.whatwg.org",
    "js.pusher.com", "json-schema.org", "login.microsoftonline.com", "material-theme.site",
    "media-library.cloudinary.com", "mozilla.github.io", "npms.io", "openlayers.org",
    "raw.githubusercontent.com", "react-dnd.github.io", "react.dev", "reactjs.org", "redux.js.org",
    "s3.amazonaws.com", "social.uploadcare.com", "try.gitea.io", "ucarecd.net", "ucarecdn.com",
    "upload.uploadcare.com", "uploadcare.com", "www.decapcms.org", "www.ibm.com",
    "www.netlifystatus.com", "www.opengis.net", "www.openstreetmap.org", "www.w3.org",
}


def test_the_shipped_editor_pings_no_status_page_and_names_no_new_outside_host():
    text = editor.patched_bundle().decode("utf-8") + "".join(
        p.read_text(encoding="utf-8") for name, p in editor.bundle_files().items()
        if name.endswith(".js"))
    assert "githubstatus.com" not in text  # GitHub's status ping, answered by a data: URL
    assert all(old not in text for old, _ in editor.PATCHES)
    assert set(re.findall(r"https?://([a-z0-9.-]+\.[a-z]{2,})", text)) == KNOWN_HOSTS


LOCALE_KEYS = r"""
const id = require(process.argv[1]);
import(process.argv[2]).then(({default: en}) => {
  const flat = (o, p = '') => Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' ? flat(v, p + k + '.') : [[p + k, (v.match(/%\{\w+\}/g) || []).sort()]]);
  process.stdout.write(JSON.stringify({id: flat(id), en: flat(en)}));
});
"""


def test_the_indonesian_locale_has_every_string_of_decap_with_the_same_placeholders():
    en = ROOT / "node_modules/decap-cms-locales/dist/esm/en/index.js"
    out = subprocess.run(["node", "-e", LOCALE_KEYS, str(editor.ASSETS / "bahasa-id.js"), str(en)],
                         capture_output=True, text=True, check=True).stdout
    ours, theirs = ({key: marks for key, marks in pairs} for pairs in json.loads(out).values())
    assert sorted(theirs.keys() - ours.keys()) == []  # untranslated: Decap would show English
    assert sorted(ours.keys() - theirs.keys()) == []
    assert ours == theirs  # the same %{placeholders} in every string


def test_oauth_and_sign_in_methods_come_from_kota_toml():
    site = {"nama": "Alpha", "slug": "alpha"}
    kota = {"nama": "Kota", "url": "https://contoh.github.io/kota",
            "editor": {"auth_methods": ["token", "oauth"], "base_url": "https://oauth.kota.go.id",
                       "branch": "terbit", "open_authoring": False}}
    backend = editor.editor_config(kota, site, "alpha", "content/alpha")["backend"]
    assert (backend["base_url"], backend["auth_endpoint"], backend["branch"],
            backend["open_authoring"]) == ("https://oauth.kota.go.id", "auth", "terbit", False)
    # oauth without a helper would send clerks to Netlify's: the button is left out instead
    assert editor.editor_settings({"editor": {"auth_methods": ["oauth"]}})["auth_methods"] == ["token"]


def test_an_unknown_sign_in_method_is_one_indonesian_line(tmp_path):
    write_tree(tmp_path / "content", {
        "kota.toml": 'nama = "Kota"\n[editor]\nauth_methods = ["token", "sandi"]\n',
        "alpha/kelurahan.toml": 'nama = "Alpha"\nkecamatan = "Utara"\n'})
    proc = run("check", cwd=tmp_path)
    assert proc.returncode == 1
    assert 'butir ke-2 auth_methods "sandi" tidak dikenal — pilih dari: token, oauth' in proc.stdout


def test_the_editor_says_what_an_account_pillar_and_date_field_accept():
    from kelurahan.content.schema import KELURAHAN

    sosmed = editor.field_config(KELURAHAN.field("media_sosial"))["fields"]
    for field in sosmed:  # an account name is typed here: no browser check for a web address
        assert "type" not in field and "Nama akun" in field["hint"], field
    pilar = editor.field_config(TYPES["berita"].field("pilar"))
    assert "Smart Living" in pilar["hint"] and "Kualitas Hidup" in pilar["hint"]
    assert editor.field_config(KELURAHAN.field("email"))["type"] == "email"
