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
4 MB). The portal never reads a page: a one-site edit re-indexes that site's records only,
into the small "susulan" part beside the parts (``plan``; docs/performance.md "The city index
takes an edit: the susulan part"), while the edited site re-indexes its own pages.
Pagefind's binary ships inside the pinned ``pagefind[bin]`` wheel.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
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


@functools.cache
def _text_fields(kind: str) -> tuple[str, ...]:
    return tuple(f.name for f in TYPES[kind].fields
                 if f.kind in _TEXT_KINDS and f.name not in _SKIPPED)


def site_records(m: dict) -> list[dict]:
    """One Pagefind record per searchable item of a site's manifest. URLs are relative to the
    portal's root (the search page resolves them); the kelurahan, kecamatan and jenis are
    filters (a reader narrows by them) and metadata (each result names its kelurahan)."""
    records = []
    for item in m["item"]:
        kind = item["tipe"]
        if kind not in KINDS:
            continue
        content = " ".join([item["judul"], item.get("ringkasan") or "", item.get("teks") or ""]
                           + [w for name in _text_fields(kind) for w in _words(item.get(name))])
        tags = {"kelurahan": m["nama"], "kecamatan": m["kecamatan"], "jenis": KINDS[kind]}
        # Filtered by slug (two kelurahan of a city may share a name), shown by name.
        records.append({"url": f"/{m['slug']}/{item['url']}", "content": content,
                        "language": LANGUAGE, "meta": {"title": item["judul"], **tags},
                        "filters": {**{key: [value] for key, value in tags.items()},
                                    "kelurahan": [m["slug"]]}})
    return records


def city_records(manifests: list[dict]) -> list[dict]:
    """Every searchable item of the city, in manifest order (``site_records``)."""
    return [record for m in manifests for record in site_records(m)]


@dataclass
class SiteRecords:
    """One kelurahan's share of the city index: how many records, what decides them (``digest``)
    and the records themselves, made only when a part or the susulan is indexed (at 270
    kelurahan making all 20,000 to find the one site that changed cost an edit 0.5 s)."""

    slug: str
    kecamatan: str
    count: int
    digest: str
    manifest: dict

    @functools.cached_property
    def records(self) -> list[dict]:
        return site_records(self.manifest)


def city_sites(manifests: list[dict], digests: dict[str, str] | None = None) -> list[SiteRecords]:
    """The sites with searchable items, in manifest order. ``digests``: {slug: digest of what
    its records are made from} (the portal: its manifest's digest with the code's); without, the
    records themselves are made and hashed."""
    import hashlib

    sites = []
    for m in manifests:
        count = sum(1 for item in m["item"] if item["tipe"] in KINDS)
        if not count:
            continue
        site = SiteRecords(m["slug"], m["kecamatan"], count, "", m)
        site.digest = digests[m["slug"]] if digests else hashlib.sha256(
            json.dumps(site.records, sort_keys=True).encode()).hexdigest()
        sites.append(site)
    return sites


# The city's index is cut into at most SHARDS indexes of whole kecamatan (a part per
# SHARD_RECORDS records): a one-site edit re-indexes its part only, a query merges the parts in
# the browser (three requests each: entry, meta, word), a query filtered by kelurahan loads its part alone.
SHARDS = 3
SHARD_RECORDS = 2000


def shards(sites: list[SiteRecords]) -> list[tuple[str, list[str], list[SiteRecords]]]:
    """The city's sites as [(folder, kecamatan, sites)]: contiguous runs of the sorted
    kecamatan, so a kecamatan stays in its part while the number of parts stays the same."""
    by_kecamatan: dict[str, list[SiteRecords]] = {}
    for site in sites:
        by_kecamatan.setdefault(site.kecamatan, []).append(site)
    names = sorted(by_kecamatan)
    if not names:
        return []
    total = sum(site.count for site in sites)
    count = max(1, min(SHARDS, len(names), -(-total // SHARD_RECORDS)))
    parts = []
    for number in range(count):
        chosen = names[number * len(names) // count:(number + 1) * len(names) // count]
        parts.append((f"bagian-{number + 1}", chosen,
                      [site for name in chosen for site in by_kecamatan[name]]))
    return parts


# --- the susulan (delta) part: a one-site edit re-indexes tens of records, not a part ----------
#
# Pagefind has no incremental update: a part's index is written whole (a part of 6,000-7,500
# records at 270 kelurahan costs it about 4 s of CPU). So the base parts stay as they were
# indexed, and the CURRENT records of every site whose records differ from those its base part
# was indexed with (per-site digests in the portal stamp, key "indeks") go to one small extra
# part, SUSULAN. The search page hides the stale records of those sites in the base parts by
# their Pagefind result ids (each record's fragment name, read from the part when it is
# written and kept in the stamp), so an edited site's new title is found once, its old one not
# at all, and the count is right — without a filter, whose lists would cost every query one
# more request per part. A susulan record carries the filter ASAL = SUSULAN: its fragment (and
# so its id) then differs from an unchanged base record of the same item. When the susulan grows
# past ``limit`` records (or on --force, or when the parts' kecamatan change) it is folded back:
# the base parts holding its sites are indexed again and the susulan is emptied.
SUSULAN = "susulan"
ASAL = "asal"


def folder(name: str) -> str:
    """Where index ``name`` of the city lives, relative to the portal's root: the base parts in
    ``pagefind/<part>/``, the susulan beside them in ``pagefind-susulan/``. Each is then a
    top-level entry of its own: an edit that re-indexes the susulan only leaves ``pagefind/``
    (20,000 files at 270 kelurahan) in place, neither linked again nor sent to the trash."""
    return f"{BUNDLE}-{SUSULAN}" if name == SUSULAN else f"{BUNDLE}/{name}"


DELTA_RECORDS = SHARD_RECORDS // 4  # the susulan's ceiling: a quarter of a part, at most


def page_ids(bundle: Path) -> dict[str, str]:
    """{site slug: its records' Pagefind ids, space-separated} of an index just written: a
    result's id is the name of its fragment, which holds the record's URL (/<slug>/...)."""
    import gzip

    ids: dict[str, list[str]] = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        data = data[data.index(b"{"):]  # after Pagefind's signature
        ids.setdefault(json.loads(data)["url"].split("/")[1], []).append(path.stem)
    return {slug: " ".join(found) for slug, found in ids.items()}


def limit(total: int, parts: int) -> int:
    """How many records the susulan may hold before it is folded back (``total``: the city's
    records): a quarter of an average part, and never more than DELTA_RECORDS (Pagefind's time
    grows with the susulan, and every edit pays it)."""
    return min(DELTA_RECORDS, total // (4 * max(parts, 1)))


@dataclass
class Plan:
    """What the city index is made of this build.

    ``parts``: [(folder, kecamatan, sites)] of the base layout (``shards``; a part's records:
    ``records``); ``fresh``: the
    base parts to index now (the others are kept as they are); ``sites``: {folder: {slug:
    digest}} the digests each base part holds; ``stale``: the sites whose base records are
    hidden, ``hidden`` those records' Pagefind ids; ``delta``: the susulan's records (empty: no
    susulan); ``stamp``: what the portal stamp keeps for the next build (the ids of a part
    indexed now are added once it is written: ``page_ids``)."""

    parts: list[tuple[str, list[str], list[SiteRecords]]]
    fresh: list[str]
    sites: dict[str, dict[str, str]]
    stale: list[str]
    hidden: list[str]
    delta: list[dict]
    stamp: dict = field(default_factory=dict)

    def records(self, name: str) -> list[dict]:
        """The records of base part ``name``."""
        return [r for folder, _, sites in self.parts if folder == name
                for site in sites for r in site.records]

    @property
    def folders(self) -> list[str]:
        """The index folders a city-wide query merges, in order (base parts, then susulan)."""
        return [name for name, _, _ in self.parts] + ([SUSULAN] if self.delta else [])


def delta_digest(delta: list[dict]) -> str | None:
    import hashlib

    return hashlib.sha256(json.dumps(delta, sort_keys=True).encode()).hexdigest() if delta else None


def plan(city: list[SiteRecords], previous: dict, present: Callable[[str], bool],
         force: bool = False) -> Plan:
    """Decide which base parts to index and what goes to the susulan.

    ``previous`` is the stamp's "indeks" of the last build ({"bagian": {folder: {"kecamatan":
    [...], "situs": {slug: digest}, "halaman": {slug: ids}}}, "susulan": digest});
    ``present(folder)`` says whether that build's index folder is still in the output. A base part is kept when its kecamatan are the
    same and its folder is there; its sites whose records changed are stale and their current
    records go to the susulan. Past ``limit`` (or with ``force``) the susulan is folded back."""
    parts = shards(city)
    digests = {site.slug: site.digest for site in city}
    current = {name: {site.slug for site in part} for name, _, part in parts}
    old = {} if force else (previous or {}).get("bagian", {})
    if not isinstance(old, dict):
        old = {}
    kept = {name for name, chosen, _ in parts
            if isinstance(old.get(name), dict) and old[name].get("kecamatan") == chosen
            and isinstance(old[name].get("situs"), dict)
            and isinstance(old[name].get("halaman"), dict) and present(name)}

    def stale_of(name: str) -> set[str]:  # a kept part's sites whose records are not current
        base = old[name]["situs"]
        return {slug for slug in set(base) | current[name] if digests.get(slug) != base.get(slug)}

    while True:  # a stale site indexed afresh in another part (it moved): its holder too
        fresh_sites = set().union(*(current[name] for name in current if name not in kept))
        moved = {name for name in kept if stale_of(name) & fresh_sites}
        if not moved:
            break
        kept -= moved
    stale = set().union(*(stale_of(name) for name in kept))
    delta = [r for site in city if site.slug in stale for r in site.records]
    if len(delta) > limit(sum(site.count for site in city), len(parts)):
        # fold back: index the stale sites' parts again
        kept = {name for name in kept if not stale_of(name)}
        stale, delta = set(), []
    sites = {name: dict(old[name]["situs"]) if name in kept
             else {slug: digests[slug] for slug in sorted(current[name])}
             for name, _, _ in parts}
    stale = sorted(stale)
    hidden = [i for name in sorted(kept) for slug in stale
              for i in old[name]["halaman"].get(slug, "").split()]
    delta = [{**r, "filters": {**r["filters"], ASAL: [SUSULAN]}} for r in delta]
    fresh = [name for name, _, _ in parts if name not in kept]
    stamp = {"bagian": {name: {"kecamatan": chosen, "situs": sites[name],
                               "halaman": old[name]["halaman"] if name in kept else {}}
                        for name, chosen, _ in parts},
             "susulan": delta_digest(delta)}
    return Plan(parts, fresh, sites, stale, hidden, delta, stamp)


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
