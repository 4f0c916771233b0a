"""Split a Markdown file into YAML front matter and body, keeping line numbers.

The front matter is what Decap/Sveltia CMS, Hugo and Jekyll write: YAML between two ``---``
lines at the top of the file. Every key and list item is mapped to the line it stands on, so
that a problem can name the line a clerk has to change.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kelurahan.errors import ContentError, Problem


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's when installed) that leaves dates and times as text: the schemas
    parse them (WIB)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


MAX_BYTES = 1024 * 1024  # one content file; a longer one is split or its tables moved to dokumen/
MAX_FRONT_MATTER = 64 * 1024
MAX_LINE = 20_000  # characters on one line (a pipe table row, a paragraph)
MAX_TABLE_CELLS = 20_000  # cells of one Markdown pipe table
MAX_DEPTH = 16  # lists and key: value blocks inside each other in front matter

# Characters a clerk cannot see and XML (feeds, sitemaps) cannot carry: C0 controls other than
# tab and newline, and Unicode noncharacters; typed as such or as &#…; references.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef"
                       + "".join(chr(plane << 16 | 0xfffe) + chr(plane << 16 | 0xffff)
                                 for plane in range(17)) + "]")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
MAX_REPORTED = 20  # problems of one kind per file: the clerk gets the idea, the check stays linear


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


def _node_lines(node, prefix: str, out: dict[str, int], shown: str, twice: list[Problem]) -> None:
    """Map keys to lines; a key written twice in one mapping is a problem (YAML keeps the last)."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = f"{prefix}{key_node.value}"
            line = key_node.start_mark.line + 1
            if key_node.value in seen:
                twice.append(Problem(shown, f'kunci "{name}" ditulis dua kali (juga di baris '
                                     f"{seen[key_node.value]})", "hapus salah satunya; hanya satu "
                                     "nilai yang bisa dipakai", line=line))
            seen.setdefault(key_node.value, line)
            out.setdefault(name, line)
            _node_lines(value_node, name + ".", out, shown, twice)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = f"{prefix}{index}"
            out.setdefault(name, item.start_mark.line + 1)
            _node_lines(item, name + ".", out, shown, twice)


def _bounded(yaml_text: str, shown: str) -> None:
    """Refuse aliases (a nine-line "billion laughs" expands to gigabytes), explicit tags (bytes,
    sets and objects no field takes) and deep nesting (a recursion per level) from the event
    stream, before any node is built."""
    loader = _Loader(yaml_text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ContentError([Problem(shown, "front matter memakai jangkar/alias YAML (& atau *)",
                                            "tulis setiap nilai secara langsung, tanpa & dan *",
                                            line=line)])
            if getattr(event, "tag", None):  # !!binary, !!set, !!python/…, any !tag
                raise ContentError([Problem(shown, f'front matter memakai tanda jenis YAML '
                                            f'"{_tag_name(event.tag)}"', "hapus tanda yang diawali ! "
                                            "dan tulis nilainya sebagai teks biasa (beri tanda kutip "
                                            "bila perlu)", line=line)])
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ContentError([Problem(shown, "front matter bersarang terlalu dalam (lebih "
                                                f"dari {MAX_DEPTH} tingkat)", "tulis daftar dan "
                                                "kunci dengan paling banyak beberapa tingkat",
                                                line=line)])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _tag_name(tag: str) -> str:
    """A YAML tag as it was typed: tag:yaml.org,2002:binary → !!binary."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _bad_code(code: int) -> bool:
    return (code < 0x20 and code not in (9, 10, 13)) or code == 0x7f or 0xd800 <= code <= 0xdfff \
        or 0xfdd0 <= code <= 0xfdef or (code & 0xfffe) == 0xfffe or code > 0x10ffff


def bad_characters(text: str, shown: str) -> list[Problem]:
    """Invisible control characters and noncharacters, one problem per line that has them."""
    problems: list[Problem] = []
    line, counted = 1, 0
    match = _BAD_CHAR.search(text)
    while match and len(problems) < MAX_REPORTED:
        line, counted = line + text.count("\n", counted, match.start()), match.start()
        problems.append(Problem(shown, f"karakter kendali tak terlihat (U+{ord(match.group()):04X})"
                                " di baris ini", "hapus karakter itu (biasanya terbawa saat "
                                "menyalin dari dokumen lain): ketik ulang baris ini", line=line))
        end = text.find("\n", match.end())  # one problem a line: go on at the next one
        match = _BAD_CHAR.search(text, end) if end >= 0 else None
    refs: list[Problem] = []
    line, counted = 1, 0
    for match in _CHAR_REF.finditer(text):
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if not _bad_code(code):
            continue
        if len(refs) == MAX_REPORTED:
            break
        line, counted = line + text.count("\n", counted, match.start()), match.start()
        refs.append(Problem(shown, f"kode karakter {match.group()} tidak boleh dipakai (karakter "
                            "kendali atau bukan karakter)", f"hapus {match.group()} dari baris ini",
                            line=line))
    return sorted(problems + refs, key=lambda p: p.line)


def _too_big(shown: str, what: str, limit: int, fix: str, line: int | None = None) -> ContentError:
    size = f"{limit >> 20} MB" if limit % (1 << 20) == 0 else f"{limit >> 10} KB"
    return ContentError([Problem(shown, f"{what} terlalu besar (lebih dari {size})",
                                 fix, line=line)])


def read_bytes(path: Path, shown: str, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most ``limit``: never blocks on a FIFO, never reads a device,
    never reads more than it may keep."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise ContentError([Problem(shown, "berkas tidak ditemukan atau tautannya rusak",
                                    "periksa nama berkasnya")]) from None
    except OSError as exc:
        raise ContentError([Problem(shown, f"berkas tidak bisa dibuka ({exc.strerror})",
                                    "periksa izin berkas, atau ganti dengan berkas biasa")]) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ContentError([Problem(shown, "ini bukan berkas biasa (FIFO, perangkat, atau soket)",
                                        "hapus berkas ini; simpan tulisan sebagai .md")])
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise _too_big(shown, "berkas", limit, "pecah tulisan ini menjadi beberapa berkas, "
                           "atau unggah tabel besar sebagai dokumen (XLSX/CSV) di folder dokumen/")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: Path, shown: str, limit: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file, refusing binary, empty, oversized, wrongly encoded files and
    invisible control characters clearly."""
    data = read_bytes(path, shown, limit)
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = bad_characters(text, shown) + _long_lines(text, shown)
    if problems:
        raise ContentError(problems)
    return text


def _long_lines(text: str, shown: str) -> list[Problem]:
    """Lines and pipe tables that would make the Markdown renderer take too much memory."""
    problems, cells, start = [], 0, 0
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            problems.append(Problem(shown, f"baris terlalu panjang ({len(line)} karakter, paling "
                                    f"banyak {MAX_LINE})", "pecah baris ini menjadi beberapa "
                                    "paragraf", line=number))
        if "|" not in line:  # a pipe table ends at a line without a cell
            cells, start = 0, 0
            continue
        start = start or number
        cells += line.count("|")
        if cells > MAX_TABLE_CELLS and not any(p.line == start for p in problems):
            problems.append(Problem(shown, f"tabel terlalu besar (lebih dari {MAX_TABLE_CELLS} "
                                    "sel)", "unggah tabel besar sebagai dokumen (XLSX/CSV) di "
                                    "folder dokumen/ dan tautkan dari tulisan", line=start))
    return problems


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
    if sum(len(line) + 1 for line in lines[1:end]) > MAX_FRONT_MATTER:
        raise _too_big(shown, "front matter", MAX_FRONT_MATTER, "pindahkan teks panjang ke isi "
                       "tulisan di bawah baris --- kedua", line=1)
    yaml_text = "\n" * 1 + "\n".join(lines[1:end])  # keep YAML line numbers equal to the file's
    try:
        _bounded(yaml_text, shown)
        loader = _Loader(yaml_text)
        try:  # parse once: the node tree gives the lines, the same tree gives the values
            node = loader.get_single_node()
            meta = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = min(mark.line + 1, end) if mark else 1  # libyaml may point past the last key
        raise ContentError([Problem(shown, "front matter tidak bisa dibaca (YAML salah)",
                                    "periksa titik dua setelah setiap kunci, indentasi dengan "
                                    "spasi, dan beri tanda kutip pada teks yang memuat titik dua",
                                    line=line)])
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError([Problem(shown, "front matter harus berisi pasangan kunci: nilai",
                                    "tulis setiap kunci pada barisnya sendiri, "
                                    "misalnya judul: Rapat Koordinasi", line=2)])
    key_lines: dict[str, int] = {}
    twice: list[Problem] = []
    _node_lines(node, "", key_lines, shown, twice)
    if twice:
        raise ContentError(twice)
    return Document(shown, {str(k): v for k, v in meta.items()}, key_lines,
                    "\n".join(lines[end + 1:]), end + 2)


def load(path: Path, shown: str | None = None) -> Document:
    """Read and parse one content file."""
    shown = shown or str(path)
    return parse(read_text(path, shown), shown)
