"""The web editor at <site>/admin/: Decap CMS configured from the same schemas as the reader.

Each kelurahan gets ``admin/index.html`` and ``admin/config.yml``: one collection per content
type, restricted to ``content/<slug>/<type>/``, with the schema's Indonesian labels and help, and
``content/<slug>/gambar/`` as media folder. The editor writes YAML front matter (``---`` lines,
our Indonesian keys, dates as ``YYYY-MM-DD HH:MM``) exactly as the reader expects.

Decap CMS comes from the npm registry (``npm ci``, see package.json) and is served from the site:
one shared copy at ``<output>/admin/decap/`` with our Indonesian locale and start-up script
(themes/kelurahan/admin/). Why Decap and not Sveltia: docs/editor.md. The copy is patched while
it is installed (PATCHES) so that it asks no outside host and says nothing in English.
"""

from __future__ import annotations

import functools
import html
import os
import re
from pathlib import Path

import yaml

from kelurahan import REPO
from kelurahan.content.schema import PILAR_BY_KEY, TYPES, pilar_title
from kelurahan.content.schema.anggaran import SCHEMA as ANGGARAN
from kelurahan.content.schema.fields import Field

ROOT = REPO
DIST = ROOT / "node_modules" / "decap-cms" / "dist"
BUNDLE = DIST / "decap-cms.js"
ASSETS = ROOT / "themes" / "kelurahan" / "admin"  # start-up, locale and phone layout of the editor
SHARED = "admin"  # the shared copy, relative to the output root (the city portal)
SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"  # the local backend
BODY = {"name": "body", "label": "Isi tulisan", "widget": "markdown", "required": False,
        "hint": "Teks utama. Baris kosong memisahkan paragraf; ## untuk subjudul."}

# Decap has no option for these, so the installed copy is changed as it is copied (install_bundle);
# a missing text fails the build loudly, so an upgrade that moves one cannot pass silently.
PATCHES = (
    # The GitHub backend asks www.githubstatus.com whether GitHub is up, on every status check:
    # answered from a data: URL instead ("no component down"), so the page asks no outside host.
    ('"https://www.githubstatus.com"', '"data:application/json,{\\"components\\":[]}#"'),
    # Open authoring's fork screen and the GitHub access errors are English in the code itself.
    ('"Open Authoring is enabled: we need to use a fork on your github account. '
     '(If a fork already exists, we\'ll use that.)"',
     '"Anda belum punya hak tulis, jadi tulisan Anda diajukan lewat salinan (fork) repositori di '
     'akun GitHub Anda. (Bila salinan sudah ada, salinan itu yang dipakai.)"'),
    ('"Fork the repo"', '"Buat salinan (fork)"'),
    ('"Don\'t fork the repo"', '"Jangan buat salinan"'),
    ('"Your GitHub user account does not have access to this repo."',
     '"Akun GitHub Anda belum punya akses ke repositori ini. Minta tim kota menambahkan Anda ke '
     'tim kelurahan."'),
    # What a screen reader hears when reordering list items (dnd-kit's defaults, not locale keys).
    ("To pick up a draggable item, press the space bar.", "Untuk mengangkat butir, tekan spasi."),
    ("While dragging, use the arrow keys to move the item.",
     "Selama diangkat, pindahkan butir dengan tombol panah."),
    ("Press space again to drop the item in its new position, or press escape to cancel.",
     "Tekan spasi lagi untuk meletakkannya, atau Escape untuk membatalkan."),
    ('"Picked up draggable item "', '"Butir diangkat: "'),
    ('" was moved over droppable area "', '" berada di atas area "'),
    ('" is no longer over a droppable area."', '" tidak lagi di atas area tujuan."'),
    ('" was dropped over droppable area "', '" diletakkan di area "'),
    ('" was dropped."', '" diletakkan."'),
    ('"Dragging was cancelled. Draggable item "', '"Pemindahan dibatalkan. Butir "'),
    ('"Draggable item "', '"Butir "'),
)


def editor_settings(kota: dict) -> dict:
    """kota.toml's [editor] table with its defaults (see kelurahan/content/schema/identitas.py)."""
    table = dict(kota.get("editor") or {})
    methods = [m for m in table.get("auth_methods") or ["token"] if m in ("token", "oauth")]
    if "oauth" in methods and not table.get("base_url"):
        methods = [m for m in methods if m != "oauth"] or ["token"]  # no helper, no button
    return {"repo": table.get("repo") or "", "branch": table.get("branch") or "main",
            "auth_methods": methods or ["token"], "base_url": table.get("base_url") or "",
            "auth_endpoint": table.get("auth_endpoint") or "auth",
            "open_authoring": table.get("open_authoring", True) is not False}


def repository(kota: dict) -> str:
    """owner/name of the GitHub repository: $KELURAHAN_REPO, [editor] repo, else the github.io URL."""
    if os.environ.get("KELURAHAN_REPO"):
        return os.environ["KELURAHAN_REPO"]
    if (kota.get("editor") or {}).get("repo"):
        return kota["editor"]["repo"]
    match = re.match(r"^https?://([a-z0-9-]+)\.github\.io/([A-Za-z0-9_.-]+)", kota.get("url") or "", re.I)
    return f"{match.group(1)}/{match.group(2)}" if match else ""


def field_config(f: Field) -> dict:
    """One schema field as a CMS field: widget from its kind, label and hint from the schema."""
    out: dict = {"name": f.name, "label": f.label, "hint": f.help, "required": f.required}
    if f.rule == "berkas":
        # A dokumen's file is uploaded beside its .md (dokumen/) and written as a bare name,
        # which the reader looks up in dokumen/.
        out.update(widget="file", choose_url=False, media_folder="", public_folder="")
    elif f.kind in ("text", "phone", "whatsapp", "url", "email"):
        out["widget"] = "text" if (f.max_length or 0) >= 200 else "string"
        if f.kind in ("url", "email") and not f.rule:  # a network's field takes an account name
            out["type"] = f.kind
        if f.max_length:
            out["maxlength"] = f.max_length
    elif f.kind == "markdown":
        out["widget"] = "markdown"
    elif f.kind == "int":
        out.update(widget="number", value_type="int")
    elif f.kind == "bool":
        out["widget"] = "boolean"
    elif f.kind in ("date", "datetime"):
        out.update(widget="datetime", format="YYYY-MM-DD HH:mm" if f.kind == "datetime" else "YYYY-MM-DD")
        if f.kind == "date":
            out["time_format"] = False
    elif f.kind == "enum":
        out.update(widget="select", options=[
            {"label": pilar_title(c) if c in PILAR_BY_KEY else str(c), "value": c} for c in f.choices])
    elif f.kind == "list":
        out["widget"] = "list"
    elif f.kind == "coords":
        out.update(widget="list", min=2, max=2,
                   field={"name": "nilai", "label": "Lintang, lalu bujur", "widget": "number",
                          "value_type": "float"})
    elif f.kind == "image":
        out.update(widget="image", choose_url=False)
    elif f.kind == "color":
        out["widget"] = "color"
    elif f.kind == "objects":
        out.update(widget="list", fields=[field_config(s) for s in f.fields])
    elif f.kind == "table":
        out.update(widget="object", fields=[field_config(s) for s in f.fields])
    if f.default is not None:
        out["default"] = f.default
    return out


def collection(schema, base: str, slug: str) -> dict:
    """One content type of one kelurahan: its folder only, its fields, then the body.

    The name carries the kelurahan because Decap names a draft's branch cms/<collection>/<entry>:
    two kelurahan writing "layanan/surat-domisili" at once must not share a pull request.
    """
    dated = schema.name == "berita"
    return {
        "name": f"{schema.name}-{slug}", "label": schema.label_plural, "label_singular": schema.label,
        "description": schema.description, "folder": f"{base}/{schema.folder}",
        "create": True, "delete": True, "extension": "md", "format": "frontmatter",
        "identifier_field": "judul", "summary": "{{judul}}",
        # Decap's {{year}} is the day of writing; the file name carries the berita's own date.
        "slug": "{{tanggal | date('YYYY-MM-DD')}}-{{slug}}" if dated else "{{slug}}",
        "sortable_fields": ["judul", "tanggal"] if dated else ["judul"],
        "fields": [field_config(f) for f in schema.fields] + [BODY],
    }


def budget_collection(base: str, slug: str) -> dict:
    """The budgets (kelurahan/content/schema/anggaran.py): one YAML file a year, named by its
    year (anggaran/2026.yml), a mapping with the file's fields and the list of kegiatan. A
    budget kept as CSV (from a spreadsheet) is not shown here: it is edited in the spreadsheet."""
    fields = [field_config(f) for f in ANGGARAN.fields]
    for f in fields:
        if f["name"] == "tahun":  # the file's name; the reader also takes it from the name
            f.update(required=True, min=1900, max=2200)
        if f["name"] == "kegiatan":  # "Tambah kegiatan", and each row named by its activity
            f.update(label_singular="kegiatan", summary="{{fields.kegiatan}}")
    return {
        "name": f"{ANGGARAN.name}-{slug}", "label": ANGGARAN.label_plural,
        "label_singular": ANGGARAN.label, "description": ANGGARAN.description,
        "folder": f"{base}/{ANGGARAN.folder}", "create": True, "delete": True,
        "extension": "yml", "format": "yml", "identifier_field": "tahun",
        "summary": "Anggaran {{tahun}}", "slug": "{{tahun}}", "sortable_fields": ["tahun"],
        "fields": fields,
    }


def _collections(base: str, slug: str) -> list[dict]:
    return [collection(schema, base, slug) for schema in TYPES.values()] + [
        budget_collection(base, slug)]


def editor_config(kota: dict, site: dict, slug: str, base: str, site_url: str = "") -> dict:
    """The CMS configuration of one kelurahan (a plain dict, written as config.yml).

    Editorial workflow: a saved entry is a branch and a pull request into the published branch,
    moved by its author from Draf to Ditinjau, approved by the kelurahan's reviewers (CODEOWNERS)
    and published from the editor. Open authoring lets a volunteer without write access propose
    through a fork of the repository.
    """
    editor = editor_settings(kota)
    backend = {
        "name": "github", "repo": repository(kota), "branch": editor["branch"],
        "open_authoring": editor["open_authoring"],
        "commit_messages": {
            "create": f"{site['nama']}: tambah {{{{collection}}}} \"{{{{slug}}}}\"",
            "update": f"{site['nama']}: ubah {{{{collection}}}} \"{{{{slug}}}}\"",
            "delete": f"{site['nama']}: hapus {{{{collection}}}} \"{{{{slug}}}}\"",
            "uploadMedia": f"{site['nama']}: unggah gambar \"{{{{path}}}}\"",
            "deleteMedia": f"{site['nama']}: hapus gambar \"{{{{path}}}}\"",
            "openAuthoring": f"{site['nama']}: usulan dari {{{{author-login}}}}: {{{{message}}}}",
        },
        # Every pull request the editor opens says which kelurahan it is for (CODEOWNERS review).
        "cms_label_prefix": f"editor/{slug}/",
    }
    if "oauth" in editor["auth_methods"]:
        backend.update(base_url=editor["base_url"], auth_endpoint=editor["auth_endpoint"])
    config = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "id",
        "media_folder": f"{base}/gambar",
        "public_folder": "gambar",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": _collections(base, slug),
    }
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config


# The editor asks only the site itself, GitHub's API (signed in) and data:/blob: URLs it makes;
# the policy makes any other request fail in the browser, visibly, instead of leaving quietly.
# 'unsafe-eval': Decap checks config.yml with ajv, which compiles its schema to a function.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob: https://avatars.githubusercontent.com; font-src 'self' data:; "
       "connect-src 'self' data: blob: https://api.github.com; frame-src 'self' blob:; "
       "object-src 'none'; base-uri 'self'")

PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<link rel="icon" href="{ikon}">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<link href="{shared}/editor.css" rel="stylesheet">
<title>Editor situs {nama}</title>
</head>
<body data-masuk="{masuk}" data-lokal="">
<noscript>Editor situs {nama} memerlukan JavaScript. Panduan: docs/panduan/editor.md.</noscript>
<script src="{shared}/bahasa-id.js"></script>
<script src="{shared}/editor.js"></script>
<script src="{shared}/decap/decap-cms.js"></script>
</body>
</html>
"""


def _dump(data: dict) -> str:
    # libyaml's emitter: the same text as yaml.safe_dump, five times faster
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)


# PyYAML's representer is still most of the editor's cost (about 20 ms a site). The collections,
# nearly all of the text, differ between sites only by the folder they sit in, so they are
# emitted once a process (speed.preload, before the workers fork) with a stand-in folder.
_FOLDER, _SLUG = "kp-folder-situs", "kp-slug-situs"
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*\Z")  # written unquoted by YAML, as _FOLDER is


@functools.cache
def collections_yaml() -> str:
    """The ``collections:`` part of every site's config.yml, with _FOLDER and _SLUG for its own."""
    return _dump({"collections": _collections(_FOLDER, _SLUG)})


def editor_yaml(kota: dict, site: dict, slug: str, base: str, site_url: str = "") -> str:
    """config.yml's text: exactly ``editor_config`` as YAML."""
    config = editor_config(kota, site, slug, base, site_url)
    if not (_PLAIN.match(base) and _PLAIN.match(slug)):
        return _dump(config)  # a folder YAML would quote: the stand-in would not fit
    keys = list(config)
    at = keys.index("collections")
    before, after = ({key: config[key] for key in part} for part in (keys[:at], keys[at + 1:]))
    return (_dump(before) + collections_yaml().replace(_FOLDER, base).replace(_SLUG, slug)
            + (_dump(after) if after else ""))


def icon(site: dict, kota: dict) -> str:
    """The site's icon in the kelurahan's colour, as its pages have it (_partials/kepala.html):
    the editor's tab shows whose site it is, and the browser asks for no /favicon.ico."""
    from kelurahan.site.format import warna

    colour = warna(site.get("warna") or kota.get("warna"))[1:]
    return ("data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%2016%2016'"
            f"%3E%3Cpath%20fill='%23{colour}'%20d='M8%200l8%208-8%208-8-8z'/%3E%3Cpath%20fill='%23fff'"
            "%20d='M8%204l4%204-4%204-4-4z'/%3E%3C/svg%3E")


def write_admin(site_output: Path, kota: dict, site: dict, slug: str, base: str,
                site_url: str = "") -> Path:
    """Write <site>/admin/index.html and config.yml; return the admin folder."""
    admin = Path(site_output) / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    text = editor_yaml(kota, site, slug, base, site_url)
    (admin / "config.yml").write_text(
        f"# Dibuat otomatis dari kelurahan/content/schema/ saat build; jangan diubah dengan tangan.\n{text}",
        encoding="utf-8")
    (admin / "index.html").write_text(PAGE.format(
        nama=html.escape(site["nama"]), csp=CSP, shared="../../" + SHARED, ikon=icon(site, kota),
        masuk=" ".join(editor_settings(kota)["auth_methods"])), encoding="utf-8")
    return admin


def patched_bundle() -> bytes:
    """decap-cms.js with PATCHES applied; AssertionError when one no longer fits."""
    data = BUNDLE.read_bytes()  # bytes, not text: no 5 MB decode in every build worker
    for old, new in PATCHES:
        old_bytes = old.encode("utf-8")
        assert old_bytes in data, f"{BUNDLE}: teks tambalan tidak ditemukan: {old[:60]}"
        data = data.replace(old_bytes, new.encode("utf-8"))
    return data


@functools.cache
def _patched() -> bytes:
    return patched_bundle()  # once a process: build workers install it for every site


def bundle_files() -> dict[str, Path]:
    """What the shared copy holds besides the patched bundle: chunks, wasm, locale, start-up, CSS."""
    files = {f"decap/{p.name}": p for p in sorted(DIST.iterdir())
             if p.name.endswith((".decap-cms.js", ".wasm"))}
    files.update({p.name: p for p in sorted(ASSETS.iterdir()) if p.suffix in (".js", ".css")})
    return files


def _put(target: Path, data: bytes) -> None:
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, target)  # sites build in parallel: never expose a half-written copy


def install_bundle(output_root: Path) -> bool:
    """Copy the CMS once to <output>/admin/; False when `npm ci` has not been run."""
    if not BUNDLE.is_file():
        return False
    shared = Path(output_root) / SHARED
    _put(shared / "decap" / BUNDLE.name, _patched())
    for name, source in bundle_files().items():
        target = shared / name
        if not (target.is_file() and target.stat().st_size == source.stat().st_size
                and target.stat().st_mtime_ns >= source.stat().st_mtime_ns):
            _put(target, source.read_bytes())
    return True

