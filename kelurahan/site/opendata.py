"""Open data: JSON (and CSV for UMKM and layanan) of what the sites published, with JSON Schema.

Every file is derived from the manifests (never from content) and every field from the content
type's schema in kelurahan/content/schema: a field is described once. The same writer makes a site's
``<slug>/data/v1/`` and the city's ``data/v1/``, so a record is identical in both.
Documented for data users in docs/opendata.md.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
import io
import json
from pathlib import Path

from kelurahan.content.schema import TYPES
from kelurahan.content.schema.anggaran import FILE_FIELDS as ANGGARAN_FILE
from kelurahan.content.schema.anggaran import ROW_FIELDS as ANGGARAN_ROW
from kelurahan.content.schema.anggaran import SCHEMA as ANGGARAN
from kelurahan.content.schema.fields import Field
from kelurahan.site.addresses import publishing_base

VERSION = 1
FOLDER = f"data/v{VERSION}"
KINDS = ("berita", "layanan", "umkm", "wisata", "agenda", "dokumen")
CSV_KINDS = ("umkm", "layanan")
# One record per row of a table a site keeps in its manifest (not per item): the budgets.
# Always written in full (small), never linked from an earlier build; JSON and CSV.
TABLES = ("anggaran",)
SKIPPED = ("status",)  # every published item is "terbit": the field says nothing in open data
JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"

# Fields every record carries besides its content type's own: where it comes from and lives.
LINK_FIELDS = (
    Field("id", "text", "Pengenal", "Pengenal tetap: kelurahan/jenis/slug, misalnya kauman/umkm/batik-parang.", required=True),
    Field("kelurahan", "text", "Kelurahan (slug)", "Nama folder kelurahan, bagian alamat situsnya.",
          required=True),
    Field("nama_kelurahan", "text", "Nama kelurahan", "Nama resmi kelurahan.", required=True),
    Field("kecamatan", "text", "Kecamatan", "Nama kecamatan.", required=True),
    Field("url", "text", "Alamat halaman",
          "Alamat lengkap halaman di situs kelurahan (relatif terhadap portal bila kota.toml "
          "tidak berisi url).", required=True),
)

# Fields a kind's records carry besides its schema's: what the published file is.
PUBLISHED_FIELDS = {"dokumen": (
    Field("unduh", "text", "Alamat unduh", "Alamat lengkap berkas dokumen yang diterbitkan.",
          required=True),
    Field("format", "text", "Format", "PDF, ODT, DOCX, XLSX, ODS, atau CSV.", required=True),
    Field("ukuran", "int", "Ukuran", "Ukuran berkas dalam byte.", required=True),
)}


# A budget row's record: its year and place in the file, its own fields, then its file's.
_ANGGARAN_FIELDS = (
    dataclasses.replace(next(f for f in ANGGARAN_FILE if f.name == "tahun"), required=True,
                        help="Tahun anggaran."),
    Field("nomor", "int", "Nomor urut", "Urutan kegiatan di berkas anggaran, mulai dari 1.",
          required=True),
    *ANGGARAN_ROW,
    *(f for f in ANGGARAN_FILE if f.name != "tahun"),
)


def schema_of(kind: str):
    """The schema that describes one kind of open data (a content type, or the budgets)."""
    return ANGGARAN if kind == "anggaran" else TYPES[kind]


@functools.cache
def fields(kind: str) -> tuple[Field, ...]:
    """The fields of one record: where it lives, then the content type's schema fields."""
    if kind == "anggaran":
        return LINK_FIELDS + _ANGGARAN_FIELDS
    return (LINK_FIELDS + tuple(f for f in TYPES[kind].fields if f.name not in SKIPPED)
            + PUBLISHED_FIELDS.get(kind, ()))


def record(kind: str, item: dict, manifest: dict, base: str) -> dict:
    """One manifest item as an open-data record (only the fields the schema describes)."""
    slug = manifest["slug"]
    path = f"{slug}/{item['url']}"
    values = {**item, "id": f"{slug}/{kind}/{item['slug']}", "kelurahan": slug,
              "nama_kelurahan": manifest["nama"], "kecamatan": manifest["kecamatan"],
              "url": f"{base}/{path}" if base else path}
    if item.get("berkas"):
        values["unduh"] = f"{base}/{slug}/{item['berkas']}" if base else f"{slug}/{item['berkas']}"
    return {f.name: values[f.name] for f in fields(kind) if values.get(f.name) not in (None, "", [])}


def budget_records(manifests: list[dict], base: str) -> list[dict]:
    """Every budget row of the given sites: by kelurahan, newest year first, in file order."""
    out = []
    for m in manifests:
        slug = m["slug"]
        for year in m.get("anggaran") or ():
            path = f"{slug}/{year['url']}"
            head = {"tahun": year["tahun"], "sumber": year.get("sumber"),
                    "per_tanggal": year.get("per_tanggal"), "contoh": year.get("contoh", False),
                    "kelurahan": slug, "nama_kelurahan": m["nama"], "kecamatan": m["kecamatan"],
                    "url": f"{base}/{path}" if base else path}
            for row in year["kegiatan"]:
                values = {**head, **row, "id": f"{slug}/anggaran/{year['tahun']}/{row['nomor']}"}
                out.append({f.name: values[f.name] for f in fields("anggaran")
                            if values.get(f.name) not in (None, "", [])})
    return out


# How each kind's records are ordered: (key of a record, newest first).
_ORDER = {"berita": (lambda r: [r["tanggal"], r["id"]], True),
          "agenda": (lambda r: [r["mulai"], r["id"]], False),
          "dokumen": (lambda r: [r.get("tanggal", ""), r["id"]], True)}
_BY_ID = (lambda r: [r["id"]], False)


def records(kind: str, manifests: list[dict], base: str) -> list[dict]:
    """Every record of one kind across the given sites, in a stable order."""
    if kind == "anggaran":
        return budget_records(manifests, base)
    out = [record(kind, item, m, base) for m in manifests for item in m["item"]
           if item["tipe"] == kind]
    key, newest = _ORDER.get(kind, _BY_ID)
    return sorted(out, key=key, reverse=newest)


def _cached(cache: Path, digest: str, base: str) -> Path:
    return cache / f"{hashlib.sha256(f'{digest} {base}'.encode()).hexdigest()[:32]}.json"


def _pairs(value) -> bool:
    """Whether a cache file's entry for a kind is [[sort key, JSON line], …] (else made again)."""
    return isinstance(value, list) and all(
        isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], list)
        and isinstance(pair[1], str) for pair in value)


def _lines(kind: str, manifests: list[dict], base: str, digests: list[str] | None,
           cache: Path | None) -> list[str]:
    """The JSON line of every record of one kind, in ``records``' order.

    With ``cache`` (a folder) and the manifests' ``digests``, each site's lines and sort keys
    are kept in a file named by its manifest's digest and the publishing base: an edit makes one
    site's records, not the city's (the berita of 270 kelurahan: 11,000 records, 0.3-0.4 s)."""
    key, newest = _ORDER.get(kind, _BY_ID)
    if cache is None or digests is None or len(digests) != len(manifests):
        return [json.dumps(r, ensure_ascii=False) for r in records(kind, manifests, base)]
    pairs = []
    for digest, m in zip(digests, manifests):
        path = _cached(cache, digest, base)
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = {}
        if not isinstance(kept, dict) or not _pairs(kept.get(kind)):
            kept = kept if isinstance(kept, dict) else {}
            rows = records(kind, [m], base)
            kept[kind] = [[key(r), json.dumps(r, ensure_ascii=False)] for r in rows]
            try:
                cache.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
            except OSError:
                pass
        pairs += kept[kind]
    return [line for _, line in sorted(pairs, key=lambda pair: pair[0], reverse=newest)]


# --- JSON Schema, derived from the fields ------------------------------------------------------

def _property(f: Field) -> dict:
    kind = f.kind
    if kind in ("int",):
        prop = {"type": "integer"}
    elif kind == "bool":
        prop = {"type": "boolean"}
    elif kind in ("date", "datetime"):
        prop = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"}
    elif kind == "enum":
        prop = {"type": "string", "enum": list(f.choices)}
    elif kind == "list":
        prop = {"type": "array", "items": {"type": "string"}}
    elif kind in ("phone", "whatsapp"):
        prop = {"type": "string", "pattern": r"^\+62\d{7,13}$"}
    elif kind == "url":
        prop = {"type": "string", "format": "uri", "pattern": "^https?://"}
    elif kind == "email":
        prop = {"type": "string", "format": "email"}
    elif kind == "coords":
        prop = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
    elif kind == "color":
        prop = {"type": "string", "pattern": "^#[0-9a-f]{6}$"}
    elif kind == "objects":
        prop = {"type": "array", "items": _object(f.fields)}
    elif kind == "table":
        prop = _object(f.fields)
    else:  # text, markdown, image
        prop = {"type": "string"}
    return {"title": f.label, "description": f.help, **prop}


def _object(fs) -> dict:
    # A value with a default is always filled in by the reader, so it is always present.
    required = [f.name for f in fs if f.required or f.default is not None]
    return {"type": "object", "properties": {f.name: _property(f) for f in fs},
            "required": required, "additionalProperties": False}


def json_schema(kind: str) -> dict:
    """JSON Schema (2020-12) of one open-data JSON file."""
    schema = schema_of(kind)
    items = _object(fields(kind))
    if kind == "anggaran":  # rupiah, never negative; the rows of a file counted from 1
        for name in ("pagu", "realisasi", "nomor"):
            items["properties"][name]["minimum"] = 1 if name == "nomor" else 0
    return {
        "$schema": JSON_SCHEMA,
        "title": f"Data terbuka {schema.label_plural} Kelurahan Pintar, versi {VERSION}",
        "description": schema.description,
        "type": "object",
        "properties": {
            "$schema": {"type": "string", "description": "Alamat skema ini, relatif."},
            "versi": {"const": VERSION, "description": "Versi format; berubah bila ada kolom "
                      "yang dihapus atau diubah artinya."},
            "jenis": {"const": kind},
            "cakupan": {"type": "object", "description": "Kota, atau satu kelurahan.",
                        "properties": {"kota": {"type": "string"}, "kelurahan": {"type": "string"},
                                       "nama_kelurahan": {"type": "string"},
                                       "kecamatan": {"type": "string"}},
                        "required": ["kota"], "additionalProperties": False},
            "jumlah": {"type": "integer", "minimum": 0},
            "data": {"type": "array", "items": items},
        },
        "required": ["versi", "jenis", "cakupan", "jumlah", "data"],
        "additionalProperties": False,
    }


# --- CSV -----------------------------------------------------------------------------------

def csv_columns(kind: str) -> list[str]:
    """Column names: one per field, coordinates split into lintang and bujur."""
    cols = []
    for f in fields(kind):
        cols += [f"{f.name}_lintang", f"{f.name}_bujur"] if f.kind == "coords" else [f.name]
    return cols


def _cells(f: Field, value) -> list:
    if f.kind == "coords":
        return list(value) if value else ["", ""]
    if value is None:
        return [""]
    if f.kind == "list":
        return ["; ".join(value)]
    if f.kind in ("objects", "table"):
        return [json.dumps(value, ensure_ascii=False, sort_keys=True)]
    if f.kind == "bool":
        return ["true" if value else "false"]
    return [value]


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def inert(cell):
    """A text cell a spreadsheet would run as a formula (=HYPERLINK(…), @SUM…, -1+1) gets a
    leading single quote, as OWASP recommends; numbers stay numbers, the JSON stays exact.
    A lone CR becomes a newline: the writer (lineterminator "\n") would leave it unquoted and
    split the row."""
    if not isinstance(cell, str):
        return cell
    quoted = "'" + cell if cell.startswith(_FORMULA) else cell
    return quoted.replace("\r\n", "\n").replace("\r", "\n")


def csv_text(kind: str, rows: list[dict]) -> str:
    """CSV (UTF-8, comma, header row) of the records of one kind; formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_columns(kind))
    for row in rows:
        writer.writerow([inert(cell) for f in fields(kind) for cell in _cells(f, row.get(f.name))])
    return out.getvalue()


# --- files ---------------------------------------------------------------------------------

def write(folder: Path, manifests: list[dict], kota: dict, scope: dict, keep=(),
          previous: Path | None = None, digests: list[str] | None = None,
          cache: Path | None = None) -> list[Path]:
    """Write data/v1/ (JSON, CSV, JSON Schema) for the given sites under ``folder``.

    The kinds in ``keep`` did not change since the data under ``previous`` (an earlier output
    folder) was written: their files are linked from there instead of written again. A JSON-only
    kind's lines come from ``cache`` when given (``_lines``)."""
    base = publishing_base(kota)
    target = Path(folder) / FOLDER
    (target / "schema").mkdir(parents=True, exist_ok=True)
    written, used = [], False
    for kind in KINDS + TABLES:
        names = [f"{kind}.json", f"schema/{kind}.schema.json"]
        names += [f"{kind}.csv"] if kind in CSV_KINDS + TABLES else []
        if kind in keep and previous is not None and _link_all(previous / FOLDER, target, names):
            written += [target / name for name in names]
            continue
        head = {"$schema": f"schema/{kind}.schema.json", "versi": VERSION, "jenis": kind,
                "cakupan": {"kota": kota.get("nama", ""), **scope}}
        if kind in CSV_KINDS + TABLES:
            rows = records(kind, manifests, base)
            written.append(_dump(target / f"{kind}.json", {**head, "jumlah": len(rows), "data": rows}))
        else:
            lines = _lines(kind, manifests, base, digests, cache)
            written.append(_write_lines(target / f"{kind}.json", {**head, "jumlah": len(lines)}, lines))
            used = True
        written.append(_dump(target / "schema" / f"{kind}.schema.json", json_schema(kind)))
        if kind in CSV_KINDS + TABLES:
            path = target / f"{kind}.csv"
            path.write_text(csv_text(kind, rows), encoding="utf-8")
            written.append(path)
    if used and cache is not None and digests is not None and cache.is_dir():
        current = {_cached(cache, digest, base).name for digest in digests}
        for stale in cache.iterdir():  # the files of manifests no longer in the output
            if stale.name not in current:
                stale.unlink(missing_ok=True)
    return written


def _link_all(source: Path, target: Path, names: list[str]) -> bool:
    """Hard-link (else copy) each named file from source to target; False if one is missing."""
    from kelurahan.site.images import link_cached  # the one link-else-copy helper (imports Pillow)

    if not all((source / name).is_file() for name in names):
        return False
    for name in names:
        link_cached(source / name, target / name)
    return True


def site_scope(manifest: dict) -> dict:
    return {"kelurahan": manifest["slug"], "nama_kelurahan": manifest["nama"],
            "kecamatan": manifest["kecamatan"]}


def _dump(path: Path, data: dict) -> Path:
    """JSON with one record of ``data`` per line: readable, diffable, and written by the C
    encoder (``indent`` falls back to the pure-Python one: 0.45 s for the city's 8,000 records)."""
    rows = data.get("data")
    if isinstance(rows, list) and list(data)[-1] == "data":
        return _write_lines(path, {k: v for k, v in data.items() if k != "data"},
                            [json.dumps(row, ensure_ascii=False) for row in rows])
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _write_lines(path: Path, head: dict, lines: list[str]) -> Path:
    """``head`` then its "data": the records' JSON, one a line (``_dump``'s layout)."""
    start = json.dumps(head, ensure_ascii=False)[:-1]
    body = ",\n".join(lines)
    path.write_text(f'{start}, "data": [\n{body}\n]}}\n' if lines else f'{start}, "data": []}}\n',
                    encoding="utf-8")
    return path


# --- the field reference of docs/opendata.md --------------------------------------------------

REFERENCE_START = "<!-- referensi-kolom: dibuat dari kelurahan/content/schema, jangan diubah tangan -->"
REFERENCE_END = "<!-- /referensi-kolom -->"


def _json_type(f: Field) -> str:
    prop = _property(f)
    if "enum" in prop:
        return "teks: " + ", ".join(f"`{c}`" for c in prop["enum"])
    kind = {"string": "teks", "integer": "bilangan bulat", "boolean": "true/false",
            "array": "daftar", "object": "objek", "number": "angka"}[prop["type"]]
    if f.kind in ("date", "datetime"):
        return "teks `YYYY-MM-DDTHH:MM` (WIB)"
    if f.kind == "coords":
        return "daftar [lintang, bujur]"
    if f.kind == "objects":
        return "daftar objek: " + ", ".join(f"`{s.name}`" for s in f.fields)
    return kind


def reference() -> str:
    """The field tables of every open-data file, as Markdown (kept in docs/opendata.md)."""
    lines = [REFERENCE_START, ""]
    for kind in KINDS + TABLES:
        schema = schema_of(kind)
        files = f"`{kind}.json`" + (f", `{kind}.csv`" if kind in CSV_KINDS + TABLES else "")
        lines += [f"### {schema.label_plural} ({files})", "", schema.description, "",
                  "| kolom | jenis nilai | selalu ada | arti |", "| --- | --- | --- | --- |"]
        for f in fields(kind):
            always = "ya" if f.required or f.default is not None else ""
            meaning = f"{f.label}. {f.help}".replace("|", "\\|")
            lines.append(f"| `{f.name}` | {_json_type(f)} | {always} | {meaning} |")
        lines.append("")
    lines.append(REFERENCE_END)
    return "\n".join(lines)


def refresh_docs(path: Path) -> bool:
    """Rewrite the generated part of docs/opendata.md; True if it changed."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(REFERENCE_START)
    _, _, tail = rest.partition(REFERENCE_END)
    new = head + reference() + tail
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # python -m kelurahan.site.opendata: refresh docs/opendata.md
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/opendata.md")
    print(f"{target}: {'diperbarui' if refresh_docs(target) else 'sudah terkini'}")
