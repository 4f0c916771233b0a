"""`kelurahan new TYPE --site SLUG --judul "…"`: a new content file with every field explained.

The file lists every field of the type's schema, each under a comment in Bahasa Indonesia (its
label, help, and choices), so a clerk fills in blanks instead of remembering keys. Required
values get a sensible start (today's date in WIB, the field's example); optional ones are empty,
which the reader treats as absent. The result passes `kelurahan check` and builds as it is.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml

from kelurahan.clock import WIB
from kelurahan.content.registry import load_city
from kelurahan.content.schema import TYPES
from kelurahan.content.schema.fields import Field
from kelurahan.errors import ContentError, Problem, UsageError

BODY_HINT = {
    "berita": "Tulis isi berita di bawah ini: apa, siapa, kapan, di mana, mengapa, bagaimana.",
    "halaman": "Tulis isi halaman di bawah ini.",
    "layanan": "Tulis penjelasan layanan di bawah ini: untuk siapa, dan hal yang perlu diketahui.",
    "umkm": "Tulis cerita usaha di bawah ini: sejak kapan, apa yang istimewa (dengan izin pemilik).",
    "wisata": "Tulis cerita tempat ini di bawah ini: sejarah, daya tarik, dan cara ke sana.",
    "agenda": "Tulis penjelasan kegiatan di bawah ini: untuk siapa, dan apa yang perlu dibawa.",
    "pengumuman": "Tulis pemberitahuannya di bawah ini, singkat: apa yang terjadi, di mana, sampai "
                  "kapan, dan apa yang harus dilakukan warga.",
    "dokumen": "Simpan berkas dokumennya di folder dokumen/ dan tulis namanya di berkas; di bawah "
               "ini tulis singkat isi dokumen dan untuk apa warga membacanya.",
}


def _dump(value) -> str:
    """One YAML value on one line, quoted when needed (a title may hold a colon)."""
    if value == []:
        return "[]"
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    return text.removesuffix("\n...\n").strip()


def _hint(f: Field) -> list[str]:
    """Comment lines explaining one field, as the clerk reads them above the key."""
    need = "wajib" if f.required else "boleh kosong"
    lines = [f"# {f.label} ({need}): {f.help}"]
    if f.choices:
        lines.append("#   Pilihan: " + ", ".join(str(c) for c in f.choices))
    if f.kind == "objects":
        lines.append("#   Setiap butir berisi: " + "; ".join(
            f"{s.name} = {s.label}" + (" (wajib)" if s.required else "") for s in f.fields))
        lines.append("#   Contoh:")
        for index, sub in enumerate(f.fields):
            lines.append(f"#     {'- ' if index == 0 else '  '}{sub.name}: …")
    return lines


def _value(f: Field, judul: str, pilar: str | None, now: dt.datetime):
    if f.name == "judul":
        return judul
    if f.name == "pilar" and pilar:
        return pilar
    if f.kind == "datetime" and f.required:
        return now.strftime("%Y-%m-%d %H:%M")
    if f.default is not None:
        return f.default
    if f.required and f.choices:
        return f.choices[0]
    if f.required and f.example is not None:
        return yaml.safe_load(str(f.example)) if f.kind == "list" else f.example
    return [] if f.kind in ("list", "objects", "coords") else ""


def render(type_name: str, judul: str, pilar: str | None = None,
           now: dt.datetime | None = None) -> str:
    """The text of a new file of this type: every field, commented, then a body hint."""
    schema = TYPES[type_name]
    now = now or dt.datetime.now(WIB)
    out = ["---"]
    for f in schema.fields:
        out += _hint(f)
        out.append(f"{f.name}: {_dump(_value(f, judul, pilar, now))}")
    out += ["---", "", f"<!-- {BODY_HINT[type_name]} -->", ""]
    return "\n".join(out)


def file_name(type_name: str, judul: str, now: dt.datetime) -> str:
    """berita/2025-02-25-rapat-koordinasi.md; other types <judul>.md."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    slug = slugify(judul, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])[:60].strip("-")
    if not slug:
        raise UsageError(f'judul "{judul}" tidak bisa dijadikan nama berkas — tulis judul dengan '
                         "huruf atau angka")
    return f"{now:%Y-%m-%d}-{slug}.md" if type_name == "berita" else f"{slug}.md"


def new(type_name: str, site: str, judul: str, content: Path | str = "content",
        pilar: str | None = None, now: dt.datetime | None = None) -> str:
    """Write the new file and return its path as the clerk sees it; never overwrite."""
    judul = " ".join(judul.split())
    if not judul:
        raise UsageError('judul kosong — tulis misalnya --judul "Rapat Koordinasi RT/RW"')
    content = Path(content)
    city = load_city(content, str(content))
    known = sorted({s.slug for s in city.sites} | set(city.broken))
    if site not in known:
        raise UsageError(f"kelurahan tidak dikenal: {site} — pilih dari: " + ", ".join(known))
    now = now or dt.datetime.now(WIB)
    folder = content / site / TYPES[type_name].folder
    path = folder / file_name(type_name, judul, now)
    shown = f"{city.shown}/{site}/{TYPES[type_name].folder}/{path.name}"
    if os.path.lexists(path):
        raise ContentError([Problem(shown, "berkas sudah ada dan tidak ditimpa",
                                    "buka dan ubah berkas itu, atau pakai judul lain")])
    linked = [p for p in city.broken.get(site, []) if p.field == "berkas"]  # kelurahan/content/tree.py
    if linked:  # a link out of the folder: the new file would be written wherever it points
        raise ContentError(linked)
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(render(type_name, judul, pilar, now))
    return shown
