"""Every item's output path is its own: none replaces a page the build generates, none leaves
the site's folder, no two items write the same file, no file name is too long for the disk.

Used by the build (kelurahan/site/plugins/addresses.py, once Pelican knows every item) and by
`kelurahan check`, with the same messages so that the two reports merge into one line.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from kelurahan.errors import Problem
from kelurahan.content.schema import PILAR_KEYS, TYPES

NAME_MAX = 255  # bytes of one file or folder name (ext4 and most others)
# Written by plugins rather than from a *_SAVE_AS setting: images (gambar/), share cards
# (kartu/), open data (data/), the web editor (admin/), search (cari/, pagefind/), the manifest,
# sitemap and robots file (seo), and the portal's top-level folders (registry.RESERVED).
PLUGIN_OUTPUTS = frozenset({"gambar", "kartu", "data", "admin", "cari", "pagefind", "feeds",
                            "theme", "static", "manifest.json", "sitemap.xml", "robots.txt",
                            "404.html", "index.html", "hal"})
_FIELD = re.compile(r"\{[^}]*\}")


@dataclass
class Entry:
    """One published item: where it comes from and the slug it asks for."""

    shown: str
    type: str
    slug: str
    line: int | None = None

    @property
    def url(self) -> str:
        return TYPES[self.type].url.format(slug=self.slug)


def _generated(settings: dict) -> set[str]:
    """Paths (and path patterns cut at their first field) the build writes besides items."""
    from kelurahan.content.registry import RESERVED

    paths = set(PLUGIN_OUTPUTS) | set(RESERVED)
    for key, value in settings.items():
        if key.endswith("_SAVE_AS") and isinstance(value, str) and value:
            paths.add(value)
        if key.startswith(("FEED_", "CATEGORY_FEED", "TAG_FEED", "AUTHOR_FEED", "TRANSLATION_FEED")) \
                and isinstance(value, str) and "/" in value:
            paths.add(value)
    if settings.get("THEME_STATIC_DIR"):
        paths.add(settings["THEME_STATIC_DIR"] + "/")
    bases = [schema.url.split("{")[0] for schema in TYPES.values()]
    for _, _, save_as in settings.get("PAGINATION_PATTERNS") or ():
        if "{base_name}" in save_as:
            paths.update(save_as.replace("{base_name}/", base) for base in bases)
    paths.update(f"{name}/index.html" for name in TYPES if name != "halaman")
    paths.update(f"pilar/{key}/index.html" for key in PILAR_KEYS)
    paths.add("umkm/kategori/")
    return {_FIELD.split(p)[0] for p in paths}


def reserved(settings: dict) -> dict[str, set[str]]:
    """For each type's folder ("" for halaman), the names directly inside it an item may not
    take, because the build writes something there."""
    generated = _generated(settings)
    out: dict[str, set[str]] = {}
    for schema in TYPES.values():
        base = schema.url.split("{")[0]
        out[base] = {p[len(base):].split("/")[0] for p in generated
                     if p.startswith(base) and p[len(base):].split("/")[0]}
        out[base] -= {"index.html"} if base else set()  # <type>/index.html/ is harmless
    return out


def problems(entries: list[Entry], settings: dict) -> list[Problem]:
    """Every address that leaves the site, replaces a generated page, is taken twice or is too
    long for a file name."""
    taken = reserved(settings)
    found, seen = [], {}
    for entry in sorted(entries, key=lambda e: e.shown):  # the first file keeps its address
        url = entry.url
        base = TYPES[entry.type].url.split("{")[0]
        path = posixpath.normpath(url + "index.html")
        rest = path[len(base):] if path.startswith(base) else None
        if rest is None or path.startswith(("..", "/")) or rest == "index.html":
            found.append(Problem(entry.shown, f'slug "{entry.slug}" membuat alamat "{url}" yang '
                                 f"menimpa halaman lain situs ini", "tulis slug dari huruf kecil, "
                                 "angka, dan tanda hubung, misalnya rapat-koordinasi", entry.line,
                                 field="slug"))
            continue
        if rest.split("/")[0] in taken[base]:
            name = rest.split("/")[0]
            found.append(Problem(entry.shown, f'alamat halaman "{url}" sudah dipakai situs untuk '
                                 f"halaman {(base + name).strip('/')}",
                                 "ganti nama berkas atau tulis slug yang lain", entry.line,
                                 field="slug"))
            continue
        if any(len(part.encode()) > NAME_MAX for part in path.split("/")):
            found.append(Problem(entry.shown, f"slug terlalu panjang untuk nama berkas (lebih dari "
                                 f"{NAME_MAX} bita)", "tulis slug yang lebih pendek", entry.line,
                                 field="slug"))
            continue
        first = seen.setdefault(path, entry)
        if first is not entry:
            found.append(Problem(entry.shown, f'alamat halaman "{url}" sama dengan {first.shown}, '
                                 "sehingga salah satunya hilang",
                                 "ganti nama berkas atau tulis slug yang lain", entry.line,
                                 field="slug"))
    return found


def name_too_long(slug: str) -> bool:
    """Whether a tag's or category's slug cannot be a folder name."""
    return len(slug.encode()) > NAME_MAX
