"""A content type's schema: its fields, and validation that reports every problem at once."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable

from kelurahan.content.frontmatter import Document
from kelurahan.content.schema.fields import Field, Invalid
from kelurahan.content.schema.screen import markup_in, reordering
from kelurahan.errors import Problem


@dataclass(frozen=True)
class Schema:
    """One content type (or identity file): its folder, URL pattern, template and fields."""

    name: str
    label: str
    label_plural: str
    description: str
    fields: tuple[Field, ...]
    folder: str = ""
    url: str = ""
    template: str = ""
    # Rules across fields: (values, doc) → problems, after every field is validated.
    rules: Callable | None = None

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def aliases(self) -> dict[str, str]:
        return {alias: f.name for f in self.fields for alias in f.aliases}

    def validate(self, doc: Document) -> tuple[dict, list[Problem]]:
        """Normalise ``doc.meta`` through the fields; return values and every problem found."""
        problems: list[Problem] = []
        values = _validate_mapping(self.fields, doc.meta, "", doc, problems)
        if self.rules:
            problems += self.rules(values, doc)
        return values, problems

    def images(self, values: dict):
        """Yield (dotted key, path) for every image named in validated values."""
        yield from _images(self.fields, values, "")


def _problem(doc: Document, key: str, message: str, fix: str, level: str = "error") -> Problem:
    return Problem(doc.path, message, fix, doc.line_of(key), level, key)


def _validate_mapping(fields, meta: dict, prefix: str, doc: Document, problems: list) -> dict:
    by_name = {f.name: f for f in fields}
    aliases = {alias: f.name for f in fields for alias in f.aliases}
    values: dict = {}
    for raw_key, value in meta.items():
        key = str(raw_key).strip()
        name = key if key in by_name else aliases.get(key) or aliases.get(key.lower())
        if name is None and key.lower() in by_name:
            name = key.lower()
        dotted = prefix + key
        if name is None:
            known = list(by_name) + list(aliases)
            guess = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
            fix = (f"maksudnya {aliases.get(guess[0], guess[0])}?" if guess
                   else "kunci yang dikenal: " + ", ".join(by_name))
            problems.append(_problem(doc, dotted, f'kunci "{key}" tidak dikenal dan diabaikan',
                                     fix, "warning"))
            continue
        if name in values:
            problems.append(_problem(doc, dotted, f'kunci "{key}" ditulis dua kali',
                                     f"hapus salah satu {name}", "error"))
            continue
        values[name] = _validate_value(by_name[name], value, prefix + name, dotted, doc, problems)
    for f in fields:
        if f.is_empty(values.get(f.name)):
            invalid = f.name in values and not f.is_empty(meta.get(f.name))
            if f.required and not invalid:  # an invalid value has been reported already
                problems.append(_problem(doc, prefix.rstrip("."), f"{f.name} wajib diisi",
                                         f"tambahkan baris {f.name}: {f.example}" if f.example
                                         else f"tambahkan {f.name} ({f.help.rstrip('.')})"))
            values.pop(f.name, None)
            if f.default is not None:
                values[f.name] = f.default
    for f in fields:  # an image always needs its description
        alt = next((a for a in (f"{f.name}_alt", "alt") if a in by_name), None)
        if f.kind == "image" and values.get(f.name) and alt and not values.get(alt):
            problems.append(_problem(doc, prefix + f.name, f"{alt} wajib diisi bila ada {f.name}",
                                     f"tambahkan {f.name}_alt: kalimat singkat yang menggambarkan "
                                     "isi gambar untuk pembaca tunanetra"))
    return values


def _validate_value(f: Field, value, key: str, dotted: str, doc: Document, problems: list):
    if f.is_empty(value):
        return None
    try:
        value = f.coerce(value, f.name)
    except Invalid as exc:
        where = f"{prefix_of(dotted)}{exc.key}" if exc.key else dotted
        problems.append(_problem(doc, where, exc.message, exc.fix))
        return None
    problems += _markup(f, value, dotted, doc)
    if f.max_length and isinstance(value, str) and len(value) > f.max_length:
        # A little over is a warning; ten times over is no title at all (and the share card
        # drawn from it would be an image of millions of pixels).
        far = len(value) > 10 * f.max_length
        problems.append(_problem(doc, dotted, f"{f.name} terlalu panjang ({len(value)} karakter, "
                                 f"paling banyak {f.max_length})", "persingkat menjadi satu atau "
                                 "dua kalimat" if f.max_length >= 120 else "persingkat; nama dan kode "
                                 "cukup beberapa kata", "error" if far else "warning"))
        if far:
            return None
    if f.kind == "table":
        return _validate_mapping(f.fields, value, dotted + ".", doc, problems)
    if f.kind == "objects":
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                problems.append(_problem(doc, f"{dotted}.{index}", f"butir ke-{index + 1} {f.name} "
                                         "harus berisi kunci: " + ", ".join(s.name for s in f.fields),
                                         f"tulis misalnya - {f.fields[0].name}: …"))
                continue
            items.append(_validate_mapping(f.fields, item, f"{dotted}.{index}.", doc, problems))
        return items
    return value


def _markup(f: Field, value, dotted: str, doc: Document) -> list[Problem]:
    """A warning for each text value holding markup: it is kept, and the page shows it as text."""
    if f.kind in ("text", "markdown"):
        texts = [(dotted, value)]
    elif f.kind == "list":
        texts = [(f"{dotted}.{index}", item) for index, item in enumerate(value)]
    else:
        return []
    shown_key = re.sub(r"\.\d+(?=\.|$)", "", dotted)  # produk.0.nama → produk.nama
    problems = []
    for where, text in texts:
        found = markup_in(text)
        if found:
            what, fix = found
            problems.append(_problem(doc, where, f"kode {what} di {shown_key} akan tampil sebagai teks",
                                     fix, "warning"))
        odd = reordering(text)
        if odd:
            problems.append(_problem(doc, where, f"{shown_key} memuat karakter tak terlihat "
                                     f"U+{ord(odd):04X} yang membalik atau memutus urutan teks",
                                     "hapus karakter itu: ketik ulang teksnya (tampilan bisa "
                                     'menyamarkan isi, misalnya "gpj.exe" tampil sebagai "exe.jpg")',
                                     "warning"))
    return problems


def prefix_of(dotted: str) -> str:
    return dotted.rpartition(".")[0] + "." if "." in dotted else ""


def _images(fields, values: dict, prefix: str):
    for f in fields:
        value = values.get(f.name)
        if not value:
            continue
        if f.kind == "image":
            yield prefix + f.name, value
        elif f.kind == "table":
            yield from _images(f.fields, value, f"{prefix}{f.name}.")
        elif f.kind == "objects":
            for index, item in enumerate(value):
                yield from _images(f.fields, item, f"{prefix}{f.name}.{index}.")
