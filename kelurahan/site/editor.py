"""The web editor at <site>/admin/: Sveltia CMS configured from the same schemas as the reader.

Each kelurahan gets ``admin/index.html`` and ``admin/config.yml``: one collection per content
type, restricted to ``content/<slug>/<type>/``, with the schema's Indonesian labels and help, and
``content/<slug>/gambar/`` as media folder. The editor writes YAML front matter (``---`` lines,
our Indonesian keys, dates as ``YYYY-MM-DD HH:MM``) exactly as the reader expects.

The CMS itself comes from the npm registry (``npm ci``, see package.json) and is served from the
site: one shared copy at ``<output>/admin/sveltia-cms.js`` instead of one per kelurahan.
"""

from __future__ import annotations

import filecmp
import functools
import html
import os
import re
import shutil
from pathlib import Path

import yaml

from kelurahan import REPO
from kelurahan.content.schema import PILAR_BY_KEY, TYPES, pilar_title
from kelurahan.content.schema.fields import Field

ROOT = REPO
BUNDLE = ROOT / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
SHARED = "admin/sveltia-cms.js"  # relative to the output root (the city portal)
BODY = {"name": "body", "label": "Isi tulisan", "widget": "markdown", "required": False,
        "hint": "Teks utama. Baris kosong memisahkan paragraf; ## untuk subjudul."}


def repository(kota: dict) -> str:
    """owner/name of the GitHub repository: $KELURAHAN_REPO, else from a github.io base URL."""
    if os.environ.get("KELURAHAN_REPO"):
        return os.environ["KELURAHAN_REPO"]
    match = re.match(r"^https?://([a-z0-9-]+)\.github\.io/([A-Za-z0-9_.-]+)", kota.get("url") or "", re.I)
    return f"{match.group(1)}/{match.group(2)}" if match else ""


def branch(slug: str) -> str:
    """The branch the editor saves to; main is protected, changes reach it by reviewed PR."""
    return f"konten/{slug}"


def field_config(f: Field) -> dict:
    """One schema field as a CMS field: widget from its kind, label and hint from the schema."""
    out: dict = {"name": f.name, "label": f.label, "hint": f.help, "required": f.required}
    if f.kind in ("text", "phone", "whatsapp", "url", "email"):
        out["widget"] = "text" if (f.max_length or 0) >= 200 else "string"
        if f.kind in ("url", "email"):
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


def collection(schema, base: str) -> dict:
    """One content type of one kelurahan: its folder only, its fields, then the body."""
    dated = schema.name == "berita"
    return {
        "name": schema.name, "label": schema.label_plural, "label_singular": schema.label,
        "description": schema.description, "folder": f"{base}/{schema.folder}",
        "create": True, "delete": True, "extension": "md", "format": "frontmatter",
        "identifier_field": "judul", "summary": "{{judul}}",
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}" if dated else "{{slug}}",
        "sortable_fields": ["judul", "tanggal"] if dated else ["judul"],
        "fields": [field_config(f) for f in schema.fields] + [BODY],
    }


def editor_config(kota: dict, site: dict, slug: str, base: str, site_url: str = "") -> dict:
    """The CMS configuration of one kelurahan (a plain dict, written as config.yml)."""
    config = {
        "backend": {
            "name": "github", "repo": repository(kota), "branch": branch(slug),
            "commit_messages": {
                "create": f"{site['nama']}: tambah {{{{collection}}}} \"{{{{slug}}}}\"",
                "update": f"{site['nama']}: ubah {{{{collection}}}} \"{{{{slug}}}}\"",
                "delete": f"{site['nama']}: hapus {{{{collection}}}} \"{{{{slug}}}}\"",
                "uploadMedia": f"{site['nama']}: unggah gambar \"{{{{path}}}}\"",
                "deleteMedia": f"{site['nama']}: hapus gambar \"{{{{path}}}}\"",
            },
        },
        "media_folder": f"{base}/gambar",
        "public_folder": "gambar",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "output": {"omit_empty_optional_fields": True},
        "collections": [collection(schema, base) for schema in TYPES.values()],
    }
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config


PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Editor situs {nama}</title>
</head>
<body>
<noscript>Editor situs {nama} memerlukan JavaScript. Panduan: docs/panduan/editor.md.</noscript>
<script src="{bundle}"></script>
</body>
</html>
"""


def _dump(data: dict) -> str:
    # libyaml's emitter: the same text as yaml.safe_dump, five times faster
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)


# PyYAML's representer is still most of the editor's cost (about 20 ms a site). The collections,
# nearly all of the text, differ between sites only by the folder they sit in, so they are
# emitted once a process (speed.preload, before the workers fork) with a stand-in folder.
_FOLDER = "kp-folder-situs"
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*\Z")  # written unquoted by YAML, as _FOLDER is


@functools.cache
def collections_yaml() -> str:
    """The ``collections:`` part of every site's config.yml, with _FOLDER for its folder."""
    return _dump({"collections": [collection(schema, _FOLDER) for schema in TYPES.values()]})


def editor_yaml(kota: dict, site: dict, slug: str, base: str, site_url: str = "") -> str:
    """config.yml's text: exactly ``editor_config`` as YAML."""
    config = editor_config(kota, site, slug, base, site_url)
    if not _PLAIN.match(base):
        return _dump(config)  # a folder YAML would quote: the stand-in would not fit
    keys = list(config)
    at = keys.index("collections")
    before, after = ({key: config[key] for key in part} for part in (keys[:at], keys[at + 1:]))
    return (_dump(before) + collections_yaml().replace(_FOLDER, base)
            + (_dump(after) if after else ""))


def write_admin(site_output: Path, kota: dict, site: dict, slug: str, base: str,
                site_url: str = "") -> Path:
    """Write <site>/admin/index.html and config.yml; return the admin folder."""
    admin = Path(site_output) / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    text = editor_yaml(kota, site, slug, base, site_url)
    (admin / "config.yml").write_text(
        f"# Dibuat otomatis dari kelurahan/schema/ saat build; jangan diubah dengan tangan.\n{text}",
        encoding="utf-8")
    (admin / "index.html").write_text(PAGE.format(nama=html.escape(site["nama"]),
                                                  bundle="../../" + SHARED), encoding="utf-8")
    return admin


def install_bundle(output_root: Path) -> bool:
    """Copy the CMS once to <output>/admin/; False when `npm ci` has not been run."""
    if not BUNDLE.is_file():
        return False
    target = Path(output_root) / SHARED
    if target.is_file() and filecmp.cmp(BUNDLE, target, shallow=False):
        return True
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.copyfile(BUNDLE, tmp)
    os.replace(tmp, target)  # sites build in parallel: never expose a half-written copy
    return True
