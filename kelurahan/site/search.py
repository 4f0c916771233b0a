"""Search with Pagefind: each site indexes its own pages; the portal indexes the city's manifests.

As a Pelican plugin this marks every content page for Pagefind (base.html asks
``pagefind_body(content)`` for the attributes of its main element, the indexed body; kelurahan
and content type become filters, kelurahan and kecamatan metadata), writes the
site's search page ``cari/`` and indexes the finished site into ``pagefind/``.

The portal's search is a city-wide index made from the sites' manifests (``city_records``,
``write_city_index``): one record per item (title, summary, the start of its text and its
text fields) with kelurahan, kecamatan and jenis as filters, in up to SHARDS parts of whole
kecamatan (``shards``) merged in the browser. A phone's first query then costs about 27
requests and 250 KB at 270 kelurahan instead of merging every site's index (848 requests,
4 MB). The portal never reads a page: a one-site edit re-indexes the records of its part only
(docs/performance.md), while the edited site re-indexes its own pages.
Pagefind's binary ships inside the pinned ``pagefind[bin]`` wheel.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import subprocess
import threading
from pathlib import Path

from jinja2 import Undefined
from markupsafe import Markup

from kelurahan import keys
from kelurahan.content.schema import TYPES
from kelurahan.errors import Problem

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


# --- the city's index, from the manifests ---------------------------------------------------

# Item fields whose words a city-wide search finds (besides title and summary): the text kinds
# of the schemas, minus addresses, states and file names nobody searches for.
_SKIPPED = {"judul", "ringkasan", "slug", "status", "pilar", "gambar_alt", "berkas", "galeri",
            "tautan", "instagram", "whatsapp", "telepon", "koordinat", "url", "tipe"}
_TEXT_KINDS = ("text", "list", "enum", "objects")


def _words(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [w for v in value for w in _words(v)]
    if isinstance(value, dict):
        return [w for v in value.values() for w in _words(v)]
    return []


def city_records(manifests: list[dict]) -> list[dict]:
    """One Pagefind record per searchable item of the city, in manifest order. URLs are
    relative to the portal's root (the search page resolves them); the kelurahan, kecamatan and
    jenis are filters (a reader narrows by them) and metadata (each result names its kelurahan)."""
    records = []
    for m in manifests:
        for item in m["item"]:
            kind = item["tipe"]
            if kind not in KINDS:
                continue
            fields = [f.name for f in TYPES[kind].fields
                      if f.kind in _TEXT_KINDS and f.name not in _SKIPPED]
            content = " ".join([item["judul"], item.get("ringkasan") or "", item.get("teks") or ""]
                               + [w for name in fields for w in _words(item.get(name))])
            tags = {"kelurahan": m["nama"], "kecamatan": m["kecamatan"], "jenis": KINDS[kind]}
            # Filtered by slug (two kelurahan of a city may share a name), shown by name.
            records.append({"url": f"/{m['slug']}/{item['url']}", "content": content,
                            "language": LANGUAGE, "meta": {"title": item["judul"], **tags},
                            "filters": {**{key: [value] for key, value in tags.items()},
                                        "kelurahan": [m["slug"]]}})
    return records


# The city's index is cut into at most SHARDS indexes of whole kecamatan (a part per
# SHARD_RECORDS records): a one-site edit re-indexes its part only, a query merges the parts in
# the browser (three requests each: entry, meta, word), a query filtered by kelurahan loads its part alone.
SHARDS = 3
SHARD_RECORDS = 2000


def shards(records: list[dict]) -> list[tuple[str, list[str], list[dict]]]:
    """The city's records as [(folder, kecamatan, records)]: contiguous runs of the sorted
    kecamatan, so a kecamatan stays in its part while the number of parts stays the same."""
    by_kecamatan: dict[str, list[dict]] = {}
    for record in records:
        by_kecamatan.setdefault(record["meta"]["kecamatan"], []).append(record)
    names = sorted(by_kecamatan)
    if not names:
        return []
    count = max(1, min(SHARDS, len(names), -(-len(records) // SHARD_RECORDS)))
    parts = []
    for number in range(count):
        chosen = names[number * len(names) // count:(number + 1) * len(names) // count]
        parts.append((f"bagian-{number + 1}", chosen,
                      [r for name in chosen for r in by_kecamatan[name]]))
    return parts


def _message(number: int, payload: dict) -> bytes:
    """A request to ``pagefind --service``: base64 of JSON, ended by a comma."""
    return base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode()) + b","


def _replies(stream):
    """The service's answers, in the same framing."""
    buffer = b""
    while chunk := stream.read1(1 << 20):
        buffer += chunk
        while b"," in buffer:
            message, buffer = buffer.split(b",", 1)
            yield json.loads(base64.b64decode(message))["payload"]


def write_city_index(records: list[dict], bundle: Path) -> Problem | None:
    """Index ``records`` into the folder ``bundle`` with Pagefind's service mode.

    Pagefind's own Python wrapper (pagefind.index) reads one answer per 0.1 s: 5,000 records
    would take 8 minutes. This speaks the same protocol (the one the wrapper speaks) without the
    wait: the records are written by a thread while their answers are read, then the index is
    written by Pagefind itself."""
    try:
        proc = subprocess.Popen([str(executable()), "--service"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError as exc:
        return _failed(bundle, str(exc), REINSTALL)
    replies = _replies(proc.stdout)

    def ask(number: int, payload: dict) -> dict:
        proc.stdin.write(_message(number, payload))
        proc.stdin.flush()
        return next(replies)

    def feed(index: int) -> None:
        try:
            for number, record in enumerate(records, start=2):
                proc.stdin.write(_message(number, {"type": "AddRecord", "index_id": index, **record}))
            proc.stdin.flush()
        except OSError:  # Pagefind ended: its answers say why
            pass

    try:
        reply = ask(1, {"type": "NewIndex", "config": {"force_language": LANGUAGE}})
        if reply.get("type") != "NewIndex":
            raise RuntimeError(reply.get("message", reply))
        index = reply["index_id"]
        feeder = threading.Thread(target=feed, args=(index,), daemon=True)
        feeder.start()
        for _ in records:
            reply = next(replies)
            if reply.get("type") != "IndexedFile":
                raise RuntimeError(reply.get("message", reply))
        feeder.join()
        reply = ask(len(records) + 2, {"type": "WriteFiles", "index_id": index,
                                       "output_path": str(bundle.resolve())})
        if reply.get("type") != "WriteFiles":
            raise RuntimeError(reply.get("message", reply))
    except (OSError, StopIteration, RuntimeError, ValueError) as exc:
        proc.kill()
        proc.wait()
        return _failed(bundle, str(exc) or "layanan Pagefind berhenti", CITY_INDEX_FAILED)
    proc.stdin.close()
    proc.wait()
    _prune(bundle)
    return None


CITY_INDEX_FAILED = ("pencarian portal tidak bisa dibuat; bangun ulang, dan bila tetap gagal "
                     "laporkan ke tim kota beserta pesan ini")


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


@functools.cache
def _search_page():
    """The generator of the site's own search page, cari/. Made when Pelican asks for it: the
    portal uses this module too, and a build with nothing to do never imports Pelican (a third
    of a no-op's CPU time, docs/performance.md)."""
    from pelican.generators import Generator

    class SearchPage(Generator):
        """The site's own search page, cari/."""

        def generate_context(self):
            pass

        def generate_output(self, writer):
            writer.write_file(SEARCH_PAGE, self.get_template(TEMPLATE), self.context,
                              relative_urls=self.settings["RELATIVE_URLS"], url="cari/",
                              page_name="cari/index", JENIS=KINDS)

    return SearchPage


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
        from kelurahan.site.reader import report

        shown = pelican.settings.get(keys.SHOWN_PATH, str(output))
        report(pelican.settings, [Problem(shown, problem.message, problem.fix)])


def get_generators(pelican):
    return _search_page()


def register():
    from pelican import signals

    signals.generator_init.connect(_add_global)
    signals.get_generators.connect(get_generators)
    signals.page_writer_finalized.connect(_start)
    signals.finalized.connect(_index)
