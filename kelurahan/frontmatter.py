"""Split a Markdown file into YAML front matter and body, keeping line numbers.

The front matter is what Decap/Sveltia CMS, Hugo and Jekyll write: YAML between two ``---``
lines at the top of the file. Every key and list item is mapped to the line it stands on, so
that a problem can name the line a clerk has to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ContentError, Problem


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's when installed) that leaves dates and times as text: the schemas
    parse them (WIB)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A parsed content file: its metadata, the line of each key, and its Markdown body."""

    path: str
    meta: dict
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_in_body(self, *needles: str, ignore_case: bool = False) -> int:
        """File line of the first body line holding a needle (tried in order), else the body's start."""
        lines = self.body.split("\n")
        for needle in needles:
            needle = needle.lower() if ignore_case else needle
            for offset, line in enumerate(lines):
                if needle in (line.lower() if ignore_case else line):
                    return self.body_line + offset
        return self.body_line

    def line_of(self, key: str) -> int:
        """Line of a (dotted) key, falling back to its parent, then the front matter's start."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return 1


def _node_lines(node, prefix: str, out: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = f"{prefix}{key_node.value}"
            out.setdefault(name, key_node.start_mark.line + 1)
            _node_lines(value_node, name + ".", out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = f"{prefix}{index}"
            out.setdefault(name, item.start_mark.line + 1)
            _node_lines(item, name + ".", out)


def read_text(path: Path, shown: str) -> str:
    """Read a UTF-8 text file, refusing binary, empty and wrongly encoded files clearly."""
    data = path.read_bytes()
    if not data.strip():
        raise ContentError([Problem(shown, "berkas kosong", "isi berkas dengan front matter "
                                    "(diawali baris ---) dan teks, atau hapus berkas ini", line=1)])
    if b"\x00" in data[:8192]:
        raise ContentError([Problem(shown, "berkas ini bukan teks (berkas biner)",
                                    "simpan gambar di folder gambar/ dan tulisan sebagai .md")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError([Problem(shown, "berkas tidak tersimpan sebagai UTF-8",
                                    "simpan ulang berkas dengan pengodean UTF-8 "
                                    "(di Notepad: Simpan Sebagai → Encoding UTF-8)", line=line)])
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, shown: str) -> Document:
    """Parse front matter and body; raise ContentError with the line of a YAML mistake."""
    if not text.startswith("---"):
        raise ContentError([Problem(shown, "front matter tidak ditemukan",
                                    "awali berkas dengan baris --- lalu judul: …, "
                                    "dan tutup dengan baris --- sebelum isi tulisan", line=1)])
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise ContentError([Problem(shown, "front matter tidak ditutup",
                                    "tambahkan baris --- setelah kunci terakhir front matter",
                                    line=1)])
    yaml_text = "\n" * 1 + "\n".join(lines[1:end])  # keep YAML line numbers equal to the file's
    loader = _Loader(yaml_text)
    try:  # parse once: the node tree gives the lines, the same tree gives the values
        node = loader.get_single_node()
        meta = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = min(mark.line + 1, end) if mark else 1  # libyaml may point past the last key
        raise ContentError([Problem(shown, "front matter tidak bisa dibaca (YAML salah)",
                                    "periksa titik dua setelah setiap kunci, indentasi dengan "
                                    "spasi, dan beri tanda kutip pada teks yang memuat titik dua",
                                    line=line)])
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError([Problem(shown, "front matter harus berisi pasangan kunci: nilai",
                                    "tulis setiap kunci pada barisnya sendiri, "
                                    "misalnya judul: Rapat Koordinasi", line=2)])
    key_lines: dict[str, int] = {}
    _node_lines(node, "", key_lines)
    return Document(shown, {str(k): v for k, v in meta.items()}, key_lines,
                    "\n".join(lines[end + 1:]), end + 2)


def load(path: Path, shown: str | None = None) -> Document:
    """Read and parse one content file."""
    shown = shown or str(path)
    return parse(read_text(path, shown), shown)
