"""Real PDFs for the dokumen tests, written with pypdf."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def _writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def _bytes(writer: PdfWriter, metadata: dict | None = None) -> bytes:
    # pypdf signs what it writes (/Producer pypdf): a clean document carries no such note.
    writer._info = None if metadata is None else writer._info
    if metadata:
        writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def clean() -> bytes:
    return _bytes(_writer())


def javascript() -> bytes:
    """A PDF whose /OpenAction runs JavaScript."""
    writer = _writer()
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert('x');")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _bytes(writer)


def embedded() -> bytes:
    """A PDF carrying an embedded file."""
    writer = _writer()
    writer.add_attachment("data.txt", b"rahasia")
    return _bytes(writer)


def author() -> bytes:
    """A PDF naming its author and the tool that made it."""
    writer = _writer()
    return _bytes(writer, {"/Author": "Budi Santoso", "/Creator": "Microsoft Word"})
