"""The web editor: its config comes from the schemas, and what it writes reads like a hand-made file."""

import json
import subprocess

import pytest
import yaml
from conftest import ROOT, run, write_tree

from kelurahan.content.schema import TYPES
from kelurahan.site import editor

EDITOR_WRITES = r"""
const YAML = require('yaml');
const data = JSON.parse(process.argv[1]);
const body = data.body; delete data.body;
// Sveltia CMS's own front-matter serialiser: the same library and options as its bundle.
const text = YAML.stringify(data, null, {indent: 2, indentSeq: true, lineWidth: 0,
  defaultKeyType: 'PLAIN', defaultStringType: 'PLAIN', singleQuote: true}).trim();
process.stdout.write(`---\n${text}\n---\n\n${body}\n`);
"""

BY_EDITOR = {
    "berita/2025-02-25-rapat-rt-05.md": {
        "judul": "Rapat: RT 05 & RW 02", "ringkasan": "Warga membahas jadwal ronda.",
        "gambar": "gambar/rapat.png", "gambar_alt": "Warga duduk melingkar di balai RW",
        "pilar": "society", "tag": ["ronda", "RT 05"], "tanggal": "2025-02-25 19:30",
        "kategori": "Kegiatan", "penulis": "Admin Kelurahan",
        "body": "Rapat dimulai pukul 19.30 WIB.\n\n## Hasil\n\n- Ronda tiap malam",
    },
    "umkm/kue-bu-contoh.md": {
        "judul": "Kue Bu Contoh", "contoh": True, "kategori": "kuliner", "whatsapp": "0812-3456-7890",
        "koordinat": [-6.8886, 109.6753],
        "produk": [{"nama": "Kue lapis", "harga": 15000}, {"nama": "Nastar", "harga": 60000,
                                                           "gambar": "gambar/rapat.png"}],
        "galeri": [{"gambar": "gambar/rapat.png", "alt": "Kue di etalase"}],
        "body": "Usaha contoh.",
    },
}
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
    for rel, data in BY_EDITOR.items():
        files[f"alpha/{rel}"] = subprocess.run(
            ["node", "-e", EDITOR_WRITES, json.dumps(data)], cwd=ROOT, check=True,
            capture_output=True, text=True).stdout
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
        [(name, f"content/alpha/{name}", "frontmatter", "md") for name in TYPES]
    assert config["media_folder"] == "content/alpha/gambar"
    assert config["public_folder"] == "gambar"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "contoh/kota",
                                 "branch": "konten/alpha"}


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
    collection = next(c for c in config["collections"] if c["name"] == name)
    assert collection["label"] == TYPES[name].label_plural
    assert _config_fields(collection["fields"][:-1]) == _fields(TYPES[name].fields)
    assert collection["fields"][-1]["name"] == "body"


def test_field_kinds_map_to_widgets_that_write_what_the_reader_accepts(built):
    _, _, config = built
    umkm = {f["name"]: f for f in next(c for c in config["collections"] if c["name"] == "umkm")["fields"]}
    berita = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert berita["tanggal"]["widget"] == "datetime" and berita["tanggal"]["format"] == "YYYY-MM-DD HH:mm"
    assert berita["pilar"]["options"][0] == {"label": "Smart Governance — Tata Kelola Pemerintahan",
                                             "value": "governance"}
    assert umkm["produk"]["widget"] == "list"
    assert [s["name"] for s in umkm["produk"]["fields"]] == ["nama", "harga", "gambar"]
    assert umkm["produk"]["fields"][1]["value_type"] == "int"
    assert umkm["koordinat"]["field"]["value_type"] == "float"
    assert umkm["gambar"]["widget"] == "image" and umkm["contoh"]["widget"] == "boolean"


def test_a_file_saved_by_the_editor_reads_like_one_written_by_hand(built):
    root, out, _ = built
    text = (root / "content/alpha/berita/2025-02-25-rapat-rt-05.md").read_text(encoding="utf-8")
    assert text.startswith("---\njudul: 'Rapat: RT 05 & RW 02'\n")
    items = {i["url"]: i for i in json.loads((out / "alpha/manifest.json").read_text())["item"]}

    def same(a, b):
        return {k: v for k, v in items[a].items() if k not in ("url", "slug")} == \
            {k: v for k, v in items[b].items() if k not in ("url", "slug")}

    assert same("berita/2025-02-25-rapat-rt-05/", "berita/2025-02-25-rapat-tangan/")
    assert same("umkm/kue-bu-contoh/", "umkm/kue-tangan/")
    body = [(out / f"alpha/berita/{s}/index.html").read_text(encoding="utf-8")
            for s in ("2025-02-25-rapat-rt-05", "2025-02-25-rapat-tangan")]
    assert all("<h2" in b and "Ronda tiap malam" in b for b in body)


def test_one_shared_copy_of_the_editor_is_served_from_the_site(built):
    _, out, _ = built
    page = (out / "alpha/admin/index.html").read_text(encoding="utf-8")
    assert '<script src="../../admin/sveltia-cms.js"></script>' in page
    assert '<html lang="id">' in page and "noindex" in page
    assert (out / "admin/sveltia-cms.js").read_bytes() == editor.BUNDLE.read_bytes()
    assert [p.name for p in out.rglob("sveltia-cms.js")] == ["sveltia-cms.js"]
    assert "https://" not in page  # never from a CDN
