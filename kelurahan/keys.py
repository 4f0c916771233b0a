"""The registry of our keys in Pelican's settings and context: name, who writes it, who reads it,
what it means. One prefix style, ``KP_`` and English (a content noun stays Indonesian: KELURAHAN,
KOTA, PILAR, TETANGGA). Code uses the constants, never the string; tests/test_keys.py fails on a
key that is not here, and docs/architecture.md shows ``table()``.

Kinds: ``input`` is set per site before Pelican starts (site/settings.py's overrides), ``run`` is
written while Pelican runs, ``context`` lives in Pelican's context rather than its settings, and
``knob`` is a setting of pelicanconf.py a city may change.
"""

from __future__ import annotations

from dataclasses import dataclass

from kelurahan.errors import UsageError


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # input | run | context | knob
    writes: tuple[str, ...]  # modules (paths under kelurahan/, or pelicanconf.py)
    reads: tuple[str, ...]
    meaning: str


KELURAHAN = "KP_KELURAHAN"
KOTA = "KP_KOTA"
PILAR = "KP_PILAR"
TETANGGA = "KP_TETANGGA"
PORTAL_URL = "KP_PORTAL_URL"
SHOWN_PATH = "KP_SHOWN_PATH"
BASE_URL = "KP_BASE_URL"
PROBLEMS = "KP_PROBLEMS"
WRITTEN = "KP_WRITTEN"
FRAGMENTS = "KP_FRAGMENTS"
SEARCH_PROCESS = "KP_SEARCH_PROCESS"
ANNOUNCE = "KP_ANNOUNCE"
IMAGES = "KP_IMAGES"
NEXT_CHANGE = "KP_NEXT_CHANGE"
PENGUMUMAN_KOTA = "KP_PENGUMUMAN_KOTA"
PRATINJAU = "KP_PRATINJAU"
COLLECTIONS = "KP"
ANGGARAN = "KP_ANGGARAN"
IMAGE_WIDTHS = "KP_IMAGE_WIDTHS"
IMAGE_ORIGINALS = "KP_IMAGE_ORIGINALS"
IMAGE_CACHE_PATH = "KP_IMAGE_CACHE_PATH"
RENDER = "KP_RENDER"
RENDERS = "KP_RENDERS"

_SETTINGS = "site/settings.py"
_TEMPLATES = "themes/kelurahan/templates"
KEYS: dict[str, Key] = {k.name: k for k in (
    Key(KELURAHAN, "input", (_SETTINGS,),
        ("site/plugins/admin.py", "site/plugins/images.py", "site/plugins/manifest.py",
         "site/plugins/seo.py", "site/plugins/writer.py", "site/jsonld.py", "site/search.py",
         "site/addresses.py", _TEMPLATES),
        "this site's kelurahan.toml, with its slug"),
    Key(KOTA, "input", (_SETTINGS, "city/portal.py"),
        ("site/plugins/admin.py", "site/plugins/images.py", "site/plugins/manifest.py",
         "site/plugins/writer.py", "site/jsonld.py", "site/addresses.py", _TEMPLATES),
        "kota.toml (the portal passes it to its templates too)"),
    Key(PILAR, "input", (_SETTINGS, "city/portal.py"), ("site/plugins/writer.py", _TEMPLATES),
        "the six pillars, as dicts"),
    Key(TETANGGA, "input", (_SETTINGS,), (_TEMPLATES,),
        "the other kelurahan of the same kecamatan (slug, nama)"),
    Key(PORTAL_URL, "input", (_SETTINGS, "city/portal.py"), (_TEMPLATES,),
        "the portal's address ('' = relative links)"),
    Key(SHOWN_PATH, "input", (_SETTINGS,),
        ("site/reader.py", "site/plugins/images.py", "site/plugins/admin.py",
         "site/plugins/problems.py", "site/search.py"),
        "content/<slug> as a clerk sees it, for messages"),
    Key(BASE_URL, "run", ("site/plugins/seo.py",),
        ("site/plugins/seo.py", "site/plugins/writer.py", "site/plugins/cetak.py", "site/jsonld.py",
         _TEMPLATES),
        "absolute address of the site's home (addresses.site_base), '' if unknown"),
    Key(PROBLEMS, "run", (_SETTINGS, "site/reader.py"), ("city/build.py", "site/plugins/writer.py"),
        "the problems of this site build"),
    Key(WRITTEN, "run", ("site/plugins/writer.py", "site/plugins/images.py"),
        ("city/build.py", "site/plugins/seo.py"),
        "{path: (size, mtime_ns, sha256)} of the files written: the ledger and the sitemap"),
    Key(FRAGMENTS, "run", ("site/plugins/writer.py",), ("site/theme.py",),
        "HTML rendered once per site build (also a Jinja global)"),
    Key(SEARCH_PROCESS, "run", ("site/search.py",), ("site/search.py",),
        "the Pagefind process indexing this site"),
    Key(ANNOUNCE, "run", ("site/speed.py",), ("site/plugins/manifest.py",),
        "callable(slug, bytes) handing the manifest to the parent's early portal; absent in a "
        "plain pelican run"),
    Key(RENDER, "input", ("city/build.py",), ("site/inkremental.py",),
        "{tree, force}: where the site's previous output is, whose unchanged pages may be linked "
        "instead of rendered (site/inkremental.py); absent in a plain pelican run"),
    Key(RENDERS, "run", ("site/plugins/writer.py",), ("city/build.py",),
        "this run's inkremental.Renders: the pages' render keys, how many were linked and rendered"),
    Key(NEXT_CHANGE, "run", ("site/plugins/schedule.py",), ("site/plugins/schedule.py", "city/build.py"),
        "the first future moment (WIB, ISO to the minute) at which this site's output changes: "
        "a scheduled item falls due, a notice ends, an event passes"),
    Key(PENGUMUMAN_KOTA, "input", (_SETTINGS, "city/portal.py"), (_TEMPLATES,),
        "the city-wide notices shown now (kelurahan/content/notices.py), on every site and the portal"),
    Key(PRATINJAU, "input", (_SETTINGS, "city/portal.py"), (_TEMPLATES,),
        "a preview build's pull request number ('' for the live site): noindex and the preview strip"),
    Key(IMAGES, "context", ("site/plugins/images.py",),
        ("site/plugins/images.py", "site/plugins/writer.py"),
        "this site's SiteImages (the image pipeline's per-site state)"),
    Key(COLLECTIONS, "context", ("site/plugins/types.py", "city/portal.py"),
        ("site/plugins/types.py", "site/plugins/manifest.py", "site/plugins/seo.py",
         "site/plugins/cetak.py", _TEMPLATES),
        "the items of each type, the menu and the pillars' lists"),
    Key(ANGGARAN, "context", ("site/plugins/anggaran.py",),
        ("site/plugins/anggaran.py", "site/plugins/manifest.py", _TEMPLATES),
        "this site's budgets (content/<slug>/anggaran/), newest year first, with their totals"),
    Key(IMAGE_WIDTHS, "knob", ("pelicanconf.py",), ("site/plugins/images.py",),
        "widths of the images made from each photo"),
    Key(IMAGE_ORIGINALS, "knob", ("pelicanconf.py",), ("site/plugins/images.py",),
        "also publish the original photos (they may carry GPS positions)"),
    Key(IMAGE_CACHE_PATH, "knob", ("pelicanconf.py",), ("site/plugins/images.py",),
        "where processed images and share cards are cached (default: beside Pelican's cache)"),
)}

# Names of earlier versions: a pelicanconf.py that still sets one is refused with the new name.
RETIRED = {"KELURAHAN": KELURAHAN, "KOTA": KOTA, "PILAR": PILAR, "TETANGGA": TETANGGA,
           "PORTAL_URL": PORTAL_URL, "KP_BASE": BASE_URL, "KP_GAMBAR_STATE": IMAGES,
           "KP_PAGEFIND_RUNNING": SEARCH_PROCESS, "GAMBAR_LEBAR": IMAGE_WIDTHS,
           "GAMBAR_TERBITKAN_ASLI": IMAGE_ORIGINALS, "GAMBAR_CACHE_PATH": IMAGE_CACHE_PATH}


def check_retired(settings: dict, source: str = "pelicanconf.py") -> None:
    """Refuse settings that use a key's old name (it would be silently ignored)."""
    for old in sorted(RETIRED):
        if old in settings:
            raise UsageError(f"{source}: {old} diganti {RETIRED[old]} — ganti namanya")


def table() -> str:
    """The registry as a Markdown table (docs/architecture.md)."""
    rows = ["| key | kind | written by | read by | meaning |", "| --- | --- | --- | --- | --- |"]
    rows += [f"| `{k.name}` | {k.kind} | {', '.join(k.writes)} | {', '.join(k.reads)} | "
             f"{k.meaning} |" for k in KEYS.values()]
    return "\n".join(rows)
