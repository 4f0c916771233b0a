"""Search with Pagefind: each site indexes its own pages; the portal indexes nothing.

As a Pelican plugin this marks every content page for Pagefind (its main element is the indexed
body; kelurahan and content type become filters, kelurahan and kecamatan metadata), writes the
site's search page ``cari/`` and indexes the finished site into ``pagefind/``. The portal's
search page loads one site's index and merges the others' in the browser (Pagefind's
``mergeIndex``), so editing one page re-indexes only its own site.
Pagefind's binary ships inside the pinned ``pagefind[bin]`` wheel.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .errors import Problem
from .schema import TYPES

LANGUAGE = "id"
BUNDLE = "pagefind"
ENTRY = "pagefind-entry.json"  # present in a finished index
SEARCH_PAGE = "cari/index.html"
TEMPLATE = "portal/cari"
# Content types a search can be narrowed to, in menu order, with the label a reader sees.
KINDS = {name: TYPES[name].label for name in ("layanan", "umkm", "wisata", "berita", "agenda",
                                               "halaman")}
_MAIN = re.compile(r"<main\b", re.I)


def executable() -> Path:
    """The Pagefind binary of the pagefind[bin] wheel."""
    from pagefind_bin import get_executable
    return get_executable()


def body_attributes(kelurahan: str, kecamatan: str, kind: str) -> str:
    """The attributes that make an element Pagefind's body, with filters and metadata."""
    values = {"kelurahan": kelurahan, "kecamatan": kecamatan, "jenis": KINDS[kind]}
    data = " ".join(f'data-kp-{key}="{html.escape(value)}"' for key, value in values.items())
    return ('data-pagefind-body data-pagefind-filter="kelurahan[data-kp-kelurahan], '
            'jenis[data-kp-jenis]" data-pagefind-meta="kelurahan[data-kp-kelurahan], '
            f'kecamatan[data-kp-kecamatan], jenis[data-kp-jenis]" {data}')


def mark(markup: str, attributes: str) -> str:
    """Add the attributes to the page's <main> (once; a page without <main> is left alone)."""
    if "data-pagefind-body" in markup:
        return markup
    return _MAIN.sub(lambda m: f"{m.group(0)} {attributes}", markup, count=1)


def run_pagefind(site: Path, output: Path) -> Problem | None:
    """Index the HTML under ``site`` into ``output``; a problem if Pagefind failed."""
    command = [str(executable()), "--site", str(site), "--output-path", str(output),
               "--force-language", LANGUAGE, "--silent"]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        message = f"pencarian tidak bisa dibuat (Pagefind: {exc})"
    else:
        if proc.returncode == 0:
            _prune(output)
            return None
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        message = f"pencarian tidak bisa dibuat (Pagefind: {detail[-1] if detail else proc.returncode})"
    return Problem(str(site), message, "pasang ulang dependensi dengan pip install -e . lalu "
                   "bangun ulang; bila tetap gagal, laporkan ke tim kota")


def _prune(bundle: Path) -> None:
    """Drop Pagefind's ready-made UIs: our search page uses its JS API, and 27 sites × 400 kB
    of unused scripts would eat into the free hosting quota."""
    for pattern in ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*",
                    "pagefind-highlight.js"):
        for path in bundle.glob(pattern):
            path.unlink()


# --- the Pelican plugin ------------------------------------------------------------------------

def _marked(path, context) -> None:
    site = context.get("KELURAHAN")
    content = context.get("article") or context.get("page")
    kind = getattr(content, "tipe", None)
    if not site or kind not in KINDS or not str(path).endswith(".html"):
        return
    file = Path(path)
    markup = file.read_text(encoding="utf-8")
    marked = mark(markup, body_attributes(site["nama"], site["kecamatan"], kind))
    if marked != markup:
        file.write_text(marked, encoding="utf-8")


class SearchPage(Generator):
    """The site's own search page, cari/."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        writer.write_file(SEARCH_PAGE, self.get_template(TEMPLATE), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url="cari/",
                          page_name="cari/index", JENIS=KINDS)


def _index(pelican) -> None:
    if not pelican.settings.get("KELURAHAN"):
        return
    output = Path(pelican.output_path)
    problem = run_pagefind(output, output / BUNDLE)
    if problem:
        shown = pelican.settings.get("KP_SHOWN_PATH", str(output))
        pelican.settings.setdefault("KP_PROBLEMS", []).append(
            Problem(shown, problem.message, problem.fix))


def get_generators(pelican):
    return SearchPage


def register():
    signals.content_written.connect(_marked)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(_index)
