"""Search with Pagefind: each site indexes its own pages; the portal indexes nothing.

As a Pelican plugin this marks every content page for Pagefind (base.html asks
``pagefind_body(content)`` for the attributes of its main element, the indexed body; kelurahan
and content type become filters, kelurahan and kecamatan metadata), writes the
site's search page ``cari/`` and indexes the finished site into ``pagefind/``. The portal's
search page loads one site's index and merges the others' in the browser (Pagefind's
``mergeIndex``), so editing one page re-indexes only its own site.
Pagefind's binary ships inside the pinned ``pagefind[bin]`` wheel.
"""

from __future__ import annotations

import html
import subprocess
from pathlib import Path

from jinja2 import Undefined
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from kelurahan import keys
from kelurahan.content.schema import TYPES
from kelurahan.errors import Problem
from kelurahan.site.reader import report

LANGUAGE = "id"
BUNDLE = "pagefind"
ENTRY = "pagefind-entry.json"  # present in a finished index
SEARCH_PAGE = "cari/index.html"
TEMPLATE = "portal/cari"
# Content types a search can be narrowed to, in menu order, with the label a reader sees.
KINDS = {name: TYPES[name].label for name in ("layanan", "umkm", "wisata", "berita", "agenda",
                                               "dokumen", "halaman")}


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


# The pages of the indexed types, from each schema's URL pattern ("berita/{slug}/" →
# "berita/*/index.html"): Pagefind need not read the tag, pillar and other list pages.
CONTENT_GLOB = "{" + ",".join(sorted({TYPES[kind].url.replace("{slug}", "*") + "index.html"
                                      for kind in KINDS})) + "}"


def start_pagefind(site: Path, output: Path, glob: str = "**/*.{html}") -> subprocess.Popen | Problem:
    """Start indexing the HTML under ``site`` into ``output``; finish with ``finish_pagefind``.

    The indexed part of a page is its <main> (base.html puts the data-pagefind-* attributes
    there), so Pagefind is told to start there: the same index, a sixth less of its CPU time."""
    command = [str(executable()), "--site", str(site), "--output-path", str(output),
               "--force-language", LANGUAGE, "--glob", glob, "--root-selector", "main", "--silent"]
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:  # the program itself is missing or broken: the install
        return _failed(site, str(exc), REINSTALL)


def finish_pagefind(proc: subprocess.Popen | Problem, site: Path, output: Path) -> Problem | None:
    """Wait for the indexing started by ``start_pagefind``; a problem if Pagefind failed."""
    if isinstance(proc, Problem):
        return proc
    try:
        out, err = proc.communicate(timeout=600)
    except subprocess.TimeoutExpired as exc:
        proc.kill()
        proc.communicate()
        return _failed(site, str(exc))
    if proc.returncode == 0:
        _prune(output)
        return None
    detail = (err or out).strip().splitlines()
    return _failed(site, detail[-1] if detail else str(proc.returncode))


REINSTALL = ("pasang ulang dependensi dengan pip install -e . lalu bangun ulang; bila tetap "
             "gagal, laporkan ke tim kota")
INDEX_FAILED = ("halaman situs ini tidak bisa diindeks; bangun ulang, dan bila tetap gagal "
                "laporkan ke tim kota beserta pesan ini")


def _failed(site: Path, detail: str, fix: str = INDEX_FAILED) -> Problem:
    return Problem(str(site), f"pencarian tidak bisa dibuat (Pagefind: {detail})", fix)


def _prune(bundle: Path) -> None:
    """Drop Pagefind's ready-made UIs: our search page uses its JS API, and 27 sites × 400 kB
    of unused scripts would eat into the free hosting quota."""
    for pattern in ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*",
                    "pagefind-highlight.js"):
        for path in bundle.glob(pattern):
            path.unlink()


# --- the Pelican plugin ------------------------------------------------------------------------

def _add_global(generator) -> None:
    """``pagefind_body(content)`` for base.html's <main>: the attributes of an indexed page."""
    env = getattr(generator, "env", None)
    site = generator.settings.get(keys.KELURAHAN)
    if env is None or not site:
        return

    def pagefind_body(content) -> Markup:
        kind = None if isinstance(content, Undefined) else getattr(content, "tipe", None)
        if kind not in KINDS:
            return Markup("")
        return Markup(" " + body_attributes(site["nama"], site["kecamatan"], kind))

    env.globals["pagefind_body"] = pagefind_body


class SearchPage(Generator):
    """The site's own search page, cari/."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        writer.write_file(SEARCH_PAGE, self.get_template(TEMPLATE), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url="cari/",
                          page_name="cari/index", JENIS=KINDS)


def _start(generator, writer=None) -> None:
    """Every content page is written once the pages generator is done: index them while the
    list pages, static files and the rest are written (the edit of one berita builds one site
    on one core; Pagefind gets the other)."""
    settings = generator.settings
    if settings.get(keys.KELURAHAN) and keys.SEARCH_PROCESS not in settings:
        output = Path(generator.output_path)
        settings[keys.SEARCH_PROCESS] = start_pagefind(output, output / BUNDLE, CONTENT_GLOB)


def _index(pelican) -> None:
    if not pelican.settings.get(keys.KELURAHAN):
        return
    output = Path(pelican.output_path)
    proc = pelican.settings.pop(keys.SEARCH_PROCESS, None) or start_pagefind(output, output / BUNDLE,
                                                                 CONTENT_GLOB)
    problem = finish_pagefind(proc, output, output / BUNDLE)
    if problem:
        shown = pelican.settings.get(keys.SHOWN_PATH, str(output))
        report(pelican.settings, [Problem(shown, problem.message, problem.fix)])


def get_generators(pelican):
    return SearchPage


def register():
    signals.generator_init.connect(_add_global)
    signals.get_generators.connect(get_generators)
    signals.page_writer_finalized.connect(_start)
    signals.finalized.connect(_index)
