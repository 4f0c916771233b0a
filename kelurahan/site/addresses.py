"""Addresses: where the city, each site, each item, feed and calendar file is published.

The one place for the publishing base ($KELURAHAN_URL, else kota.toml's url), a site's address
under it, an item's address and page from its type's schema and its slug, and the feed and
.ics paths (the templates read them as globals, kelurahan/site/theme.py).

And the rule that every item's output path is its own: none replaces a page the build
generates, none leaves the site's folder, no two items write the same file, no file name is too
long for the disk. Used by the build (kelurahan/site/plugins/addresses.py, once Pelican knows
every item) and by `kelurahan check`, with the same messages so that the two reports merge into
one line.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass

from kelurahan import keys
from kelurahan.content.schema import PILAR_KEYS, TYPES
from kelurahan.errors import Problem
from kelurahan.output import MANIFEST

URL_ENV = "KELURAHAN_URL"  # overrides kota.toml's url (a fork's GitHub Pages address, a preview)
FEED_SITE = "feeds/semua.atom.xml"  # a site's news feed, and the portal's (city-wide) one
FEED_PILAR = "feeds/pilar/{key}.atom.xml"  # a site's feed of one pillar
FEED_CATEGORY = "feeds/{slug}.atom.xml"  # Pelican's category feeds (publishconf.py)
ICS_NAME = "acara.ics"  # an agenda's calendar file, beside its page
PRINT_NAME = "cetak"  # a layanan's print view (A4, with a QR code), in a folder beside its page
SITEMAP = "sitemap.xml"  # a site's sitemap; at the publishing root, the index of every sitemap
SITEMAP_PORTAL = "sitemap-portal.xml"  # the portal's own pages, at the publishing root
ROBOTS = "robots.txt"  # a site's, and the one crawlers read, at the publishing root
PREVIEW_ENV = "KELURAHAN_PRATINJAU"  # a pull request's number: build and publish its preview
PREVIEW_ROOT = "pratinjau"  # every preview lives under <base>/pratinjau/pr-<n>/


def preview_number() -> str:
    """$KELURAHAN_PRATINJAU: the pull request whose preview this is ('' for the live site)."""
    value = os.environ.get(PREVIEW_ENV, "").strip()
    if value and not value.isdigit():
        from kelurahan.errors import UsageError
        raise UsageError(f'{PREVIEW_ENV} "{value}" bukan nomor pull request — tulis angkanya, '
                         "misalnya 12, atau kosongkan untuk situs yang terbit")
    return value


def preview_prefix(number: str) -> str:
    """The folder of a preview in the published tree: pratinjau/pr-<n>."""
    return f"{PREVIEW_ROOT}/pr-{number}" if number else ""


def publishing_base(kota: dict) -> str:
    """The city's publishing base: $KELURAHAN_URL, else kota.toml's url, without a trailing
    slash ('' when neither is set); a preview's base is under it, at pratinjau/pr-<n>."""
    base = (os.environ.get(URL_ENV) or kota.get("url") or "").rstrip("/")
    number = preview_number()
    return f"{base}/{preview_prefix(number)}" if base and number else base


def site_url(base: str, slug: str | None) -> str:
    """A kelurahan's address under the publishing base ('' when either is unknown)."""
    return f"{base}/{slug}" if base and slug else ""


def site_base(settings: dict) -> str:
    """The absolute address of a site's home in its Pelican settings, without a trailing slash:
    SITEURL when it is absolute (--publish), else where the site will be published ('' if
    unknown), so that a local build already carries the addresses of the published site."""
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    return site_url(publishing_base(settings.get(keys.KOTA) or {}),
                    (settings.get(keys.KELURAHAN) or {}).get("slug"))


def absolute(base: str, path: str) -> str:
    """``path`` (relative to a site or the portal) under ``base``."""
    return f"{base}/{path.lstrip('/')}" if path else f"{base}/"


def slug_of(values: dict, stem: str, regex_subs=None) -> str:
    """An item's slug: its front matter's ``slug``, else its file name made into one (Pelican's
    slugify with its default substitutions unless the settings give others)."""
    if values.get("slug"):
        return values["slug"]
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"] if regex_subs is None else regex_subs
    return slugify(stem, regex_subs=subs)


def item_url(type_name: str, slug: str) -> str:
    """An item's address inside its site, from its type's schema: 'berita/rapat/'."""
    return TYPES[type_name].url.format(slug=slug)


def item_page(type_name: str, slug: str) -> str:
    """The file that serves an item's address: 'berita/rapat/index.html'."""
    return item_url(type_name, slug) + "index.html"

def print_url(item_url: str) -> str:
    """The address of a layanan's print view: 'layanan/ktp/cetak/'."""
    return f"{item_url}{PRINT_NAME}/"


def print_page(item_url: str) -> str:
    """The file that serves a layanan's print view: 'layanan/ktp/cetak/index.html'."""
    return print_url(item_url) + "index.html"


_PRINT_PAGE = re.compile(r"^" + re.escape(TYPES["layanan"].url).replace(r"\{slug\}", "[^/]+")
                         + re.escape(PRINT_NAME) + r"/index\.html$")


def is_print_page(rel: str) -> bool:
    """Whether the file at ``rel`` (relative to a site) is a layanan's print view: a copy of a
    page laid out for paper, its canonical address the page's, kept out of the sitemap."""
    return bool(_PRINT_PAGE.match(rel))


NAME_MAX = 255  # bytes of one file or folder name (ext4 and most others)
# Written by plugins rather than from a *_SAVE_AS setting: images (gambar/), share cards
# (kartu/), open data (data/), the web editor (admin/), search (cari/, pagefind/), the manifest,
# sitemap and robots file (seo), and the portal's top-level folders (registry.RESERVED).
PLUGIN_OUTPUTS = frozenset({"gambar", "kartu", "data", "admin", "cari", "pagefind", "feeds",
                            "theme", "static", MANIFEST, SITEMAP, ROBOTS,
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
        return item_url(self.type, self.slug)


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
    paths.update({"dokumen/jenis/", "dokumen/tahun/", "ppid/index.html"})  # plugins/types.py
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
