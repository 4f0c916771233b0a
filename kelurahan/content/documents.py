"""A dokumen's file checked as a photo is: active PDF content refused, metadata and size warned.

The original is only read, never written: what is published is a byte-for-byte copy, so a
signed or stamped PDF stays exactly what the office issued. Author and tool metadata are
therefore not stripped (that would rewrite the file) but named to the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kelurahan.content.schema.fields import DOKUMEN_FORMATS

MAX_BYTES = 20 * 1024 * 1024  # over this a warning: residents download on phone data

RESAVE = ('buka berkasnya, pilih "Cetak" lalu "Simpan sebagai PDF" (Microsoft Print to PDF), '
          "dan ganti berkas ini dengan hasilnya")
# Names of PDF objects that make a document act when opened, and what a clerk is told.
ACTIVE = {
    "/JavaScript": "JavaScript", "/JS": "JavaScript", "/Launch": "perintah menjalankan program",
    "/OpenAction": "aksi otomatis saat dibuka", "/AA": "aksi otomatis saat dibuka",
    "/EmbeddedFiles": "berkas tersembunyi di dalamnya", "/EmbeddedFile": "berkas tersembunyi di dalamnya",
}
METADATA = {"/Author": "penulis", "/Creator": "aplikasi pembuat", "/Producer": "aplikasi pembuat"}


@dataclass(frozen=True)
class Finding:
    """One thing found in a document: (level, message, fix)."""

    level: str
    message: str
    fix: str


def size_text(size: int) -> str:
    """A file size as residents read it: 1,2 MB, 340 KB."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def format_of(path: str) -> str:
    return DOKUMEN_FORMATS.get(path.rsplit(".", 1)[-1].lower(), "")


def inspect(path: Path, name: str) -> list[Finding]:
    """Everything wrong with the document file at ``path`` (shown as ``name``)."""
    findings = []
    size = path.stat().st_size
    if size > MAX_BYTES:
        findings.append(Finding("warning", f"{name} berukuran {size_text(size)}, lebih dari "
                                f"{size_text(MAX_BYTES)}", "perkecil berkasnya (misalnya pindai "
                                "ulang dengan resolusi 150 dpi) atau pecah menjadi beberapa berkas"))
    if format_of(name) == "PDF":
        findings += _pdf(path, name)
    return findings


def _pdf(path: Path, name: str) -> list[Finding]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        found = sorted({ACTIVE[k] for k in _names(reader)}, key=list(ACTIVE.values()).index)
        info = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError) as exc:
        return [Finding("error", f"{name} bukan PDF yang bisa dibaca ({exc})", RESAVE)]
    findings = [Finding("error", f"PDF {name} memuat {' dan '.join(found)}: dokumen seperti "
                        "ini bisa menjalankan sesuatu di komputer pembaca", RESAVE)] if found else []
    kept = [f"{METADATA[k]} ({str(info[k])[:60]})" for k in METADATA if info.get(k)]
    if kept:
        findings.append(Finding("warning", f"{name} menyimpan keterangan {', '.join(kept)} yang "
                                "ikut terbit bersama berkasnya", "bila tidak boleh diketahui umum, "
                                "hapus di Properti Dokumen aplikasi pembuatnya lalu simpan ulang"))
    return findings


def _names(reader) -> set[str]:
    """Every active key anywhere in the document, objects followed once each."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    found: set[str] = set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in ACTIVE:
                    found.add(key)
                if key == "/S" and value in ("/JavaScript", "/Launch"):
                    found.add(str(value))
                if key != "/Parent":
                    stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return found
