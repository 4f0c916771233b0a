"""The multi-site build: every kelurahan in its own worker process, then the city portal.

A site is built into a folder beside its output and swapped in only when it built without
errors, so a broken file never takes a site's previous output down. A site whose inputs have
not changed is skipped.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from kelurahan import clock, keys
from kelurahan.content import notices
from kelurahan.content.frontmatter import Document
from kelurahan.content.registry import City, Kelurahan, load_city
from kelurahan.content.schema import KOTA
from kelurahan.errors import ContentError, Problem, UsageError, distinct
from kelurahan.fingerprint import code_stamp, combine, tree_stamp
from kelurahan.output import (PORTAL_LEDGER, count_pages, discard, empty_trash, file_ledger,
                              portal_recorded, prune, read_json, read_site_stamp, record_portal,
                              record_shared, remove_trees, snapshot, staging, swap_in, write_ledger,
                              write_site_stamp)
from kelurahan.site import inkremental, speed
from kelurahan.site.addresses import preview_number, publishing_base
from kelurahan.site.settings import default_config

@dataclass
class SiteJob:
    city: City
    slug: str
    output: Path
    cache: Path
    config: Path
    fingerprint: str
    publish: bool = False
    debug: bool = False
    force: bool = False  # render every page (no page taken from the previous tree)


@dataclass
class SiteResult:
    slug: str
    nama: str
    status: str  # built, skipped, failed
    pages: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    peak_kb: int = 0
    trash: Path | None = None  # the replaced tree, deleted by the parent while it goes on
    sizes: dict[str, int] | None = None  # published bytes by suffix (its stamp's "bytes")

    def line(self) -> str:
        label = {"built": "dibangun", "skipped": "dilewati (tidak berubah)", "failed": "GAGAL"}
        return (f"  {self.slug:<22} {self.pages:>5} halaman {self.seconds:>6.2f} dtk  "
                f"{label[self.status]}")


@dataclass
class BuildReport:
    results: list[SiteResult]
    portal: str = ""  # built, skipped, failed, or "" when not asked for
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    portal_sizes: dict[str, int] | None = None  # the portal's published bytes by suffix, if built

    @property
    def sizes(self) -> dict[str, dict[str, int]]:
        """{slug: published bytes by suffix} of the sites this build built or found unchanged
        (the budget adds them up without reading every site's stamp again)."""
        return {r.slug: r.sizes for r in self.results if isinstance(r.sizes, dict)}

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + [p for r in self.results for p in r.problems]

    @property
    def failed(self) -> bool:
        return any(r.status == "failed" for r in self.results) or self.portal == "failed" \
            or any(p.is_error for p in self.problems)

    def summary(self) -> str:
        count = {s: sum(1 for r in self.results if r.status == s) for s in ("built", "skipped", "failed")}
        portal = {"built": "portal dibangun", "skipped": "portal tidak berubah",
                  "failed": "portal GAGAL", "": "portal tidak dibangun"}[self.portal]
        return (f"{len(self.results)} situs: {count['built']} dibangun, {count['skipped']} dilewati, "
                f"{count['failed']} gagal; {portal} ({self.seconds:.1f} dtk)")


# --- one site, in a worker process ----------------------------------------------------------

class _Collect(logging.Handler):
    """Turns Pelican's own warnings into problems of the site being built."""

    def __init__(self, shown: str):
        super().__init__(logging.WARNING)
        self.shown, self.problems = shown, []

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("Could not process"):
            return  # our reader has reported why, with file and line
        if message.startswith("There are ") and "with slug" in message:
            return  # kelurahan/site/plugins/addresses.py names both files, with the line
        if message.startswith("Cannot get modification stamp"):
            return  # a missing image or file: the problems plugin names the page and its line
        if "Unable to find" in message and "skipping url replacement" in message:
            target = message.split("`")[1] if "`" in message else message
            self.problems.append(Problem(self.shown, f"tautan ke {target} tidak ditemukan",
                                         "periksa nama berkas yang ditautkan", level="warning"))
        elif "Empty alt attribute" in message:
            self.problems.append(Problem(self.shown, "ada gambar di isi tulisan tanpa keterangan (alt)",
                                         "tulis keterangan di dalam ![…](gambar/…)", level="warning"))
        else:  # the first line: Pelican adds the exception's text on a line of its own
            first = message.strip().split("\n")[0]
            self.problems.append(Problem(self.shown, f"Pelican: {first}", level="warning"))


def build_site(job: SiteJob) -> SiteResult:
    """Build one kelurahan with Pelican into a fresh folder, then swap it in.

    Pages whose render key is the one the previous build recorded are linked from the
    previous tree instead of rendered (kelurahan/site/inkremental.py)."""
    from pelican.log import console

    start = time.perf_counter()
    site = job.city.site(job.slug)
    tmp = staging(job.output, job.slug)
    target = job.output / job.slug
    collector = _Collect(site.shown)
    pelican_log = logging.getLogger("pelican")
    pelican_log.handlers[:] = [collector]
    pelican_log.propagate = False
    console.quiet = True  # Pelican's own "Done: …" line; we print one line per site instead
    logging.getLogger("kelurahan").propagate = False
    logging.getLogger("kelurahan").addHandler(logging.NullHandler())
    settings, problems = _pelican(job, site, tmp, job.force)
    renders = settings.get(keys.RENDERS)  # None with KELURAHAN_PLAIN=1: every page rendered
    if renders is not None:
        renders.check()
        if renders.stale and renders.reused:
            # The context changed while pages were written: what was linked may be out of
            # date. Built again with nothing reused (a guard; no known change does this).
            collector.problems.clear()
            settings, problems = _pelican(job, site, tmp, True)
            renders = settings.get(keys.RENDERS)
            if renders is not None:
                renders.check()
    problems = distinct([_named(p, tmp, site) for p in
                        settings.get(keys.PROBLEMS, []) + collector.problems + problems])
    trash, pages, sizes = None, 0, None
    if any(p.is_error for p in problems) or not tmp.exists():
        shutil.rmtree(tmp, ignore_errors=True)
        status = "failed"
    else:
        # What this build wrote: publish verifies against it.
        files = file_ledger(tmp, known=settings.get(keys.WRITTEN))
        pages, sizes = write_site_stamp(tmp, job.fingerprint, files, settings.get(keys.NEXT_CHANGE))
        trash = swap_in(tmp, target, keep_old=True)
        status = "built"
        if renders is not None and not renders.stale:
            inkremental.write_record(job.cache, target, renders.now,
                                     settings.get(keys.NEXT_CHANGE), renders.pages,
                                     renders.reused, renders.rendered)
        else:
            inkremental.forget(job.cache)
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return SiteResult(job.slug, site.nama, status, pages, time.perf_counter() - start, problems, peak,
                      trash, sizes)


def _pelican(job: SiteJob, site: Kelurahan, tmp: Path, force: bool) -> tuple[dict, list[Problem]]:
    """One Pelican run of the site into ``tmp`` (emptied first): its settings and problems.
    Pages not changed since the tree now at output/<slug> are linked from it unless ``force``."""
    from pelican import Pelican  # imported in the worker, after fork

    from kelurahan.site.settings import site_settings

    shutil.rmtree(tmp, ignore_errors=True)
    settings = site_settings(job.city, site, tmp, job.cache, job.publish, job.config)
    settings[keys.RENDER] = {"tree": str(job.output / job.slug), "force": force}
    speed.announce_to_parent(settings)
    problems: list[Problem] = []
    try:
        Pelican(settings).run()
    except ContentError as exc:
        problems += exc.problems
    except Exception as exc:  # noqa: BLE001 — reported per site, the others go on
        problems.append(Problem(site.shown, f"situs gagal dibangun ({type(exc).__name__}: {exc})",
                                "perbaiki masalah di atas; bila tidak ada, jalankan ulang "
                                "dengan --debug dan laporkan ke tim kota"))
        if job.debug:
            traceback.print_exc()
    return settings, problems


def _named(problem: Problem, tmp: Path, site: Kelurahan) -> Problem:
    """A problem a plugin reported about the folder being built (Pagefind's, a writer's) is
    the site's: say so with the folder a clerk knows, never a hidden temporary one."""
    if not problem.path.startswith(str(tmp)):
        return problem
    return Problem(site.shown, problem.message, problem.fix, problem.line, problem.level,
                   problem.field, problem.site)


# --- the whole city ---------------------------------------------------------------------------

def city_inputs(city: City) -> dict:
    """What every site's fingerprint shares, worked out once per build (not once per site:
    270 sites made the neighbours alone a 73,000-step loop)."""
    kecamatan: dict[str, list[tuple[str, str]]] = {}
    for s in city.sites:
        kecamatan.setdefault(s.kecamatan, []).append((s.slug, s.nama))
    # City-wide notices as shown now: a site is rebuilt when one starts, ends or is edited.
    return {"shown": notices.shown_now(city.pengumuman, clock.now()),
            "url": publishing_base(city.data), "pratinjau": preview_number(),
            "kecamatan": kecamatan}


def site_fingerprint(city: City, site: Kelurahan, code: str, publish: bool,
                     shared: dict | None = None) -> str:
    # Upcoming and past agenda, scheduled items and notices move with the clock: the site's
    # stamp holds the moment its output next changes (plugins/schedule.py), checked in build().
    shared = shared or city_inputs(city)
    tetangga = [pair for pair in shared["kecamatan"].get(site.kecamatan, []) if pair[0] != site.slug]
    return combine(content=site.stamp or tree_stamp(site.path), site=site.data, kota=city.data,
                   code=code, tetangga=tetangga, publish=publish, url=shared["url"],
                   pengumuman=shared["shown"], pratinjau=shared["pratinjau"])


def build(content: Path | str = "content", output: Path | str = "output", sites=None,
          jobs: int | None = None, force: bool = False, publish: bool = False,
          cache: Path | str | None = None, config: Path | None = None, portal: bool = True,
          debug: bool = False, on_result=None, shard: tuple[int, int] | None = None,
          sites_too: bool = True, checking: bool = False) -> BuildReport:
    """Build the chosen sites (all by default) and the portal; report, never raise on content.

    ``shard=(i, n)`` builds only the sites of shard i of n (kelurahan/city/shard.py);
    ``sites_too=False`` builds only the portal from the manifests already in ``output``;
    ``checking=True`` (`kelurahan check`, into a throw-away folder) builds the sites even when
    kota.toml has errors, so that every problem of the tree is reported in one run.
    """
    start = time.perf_counter()
    content, output = Path(content), Path(output)
    city = load_city(content, str(content))
    config = Path(config or default_config())
    cache = Path(cache) if cache else output.parent / ".cache"
    theme = _theme_path(config, cache)
    code = code_stamp(theme, config)
    wanted = list(dict.fromkeys(sites or []))
    known = {s.slug for s in city.sites} | set(city.broken)
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise UsageError(f"kelurahan tidak dikenal: {', '.join(unknown)} — pilih dari: "
                         + ", ".join(sorted(known)))
    broken = [p for problems in city.broken.values() for p in problems]
    report = BuildReport([], problems=[p for p in city.problems if p not in broken])
    notice_prefix = f"{city.shown}/{notices.FOLDER}/"  # a bad city notice is left out, not fatal
    if any(p.is_error and not p.path.startswith(notice_prefix) for p in report.problems):
        # kota.toml: every page shows the city
        report.problems = list(city.problems)  # and every broken kelurahan.toml, all in one run
        if not checking:
            report.problems.append(Problem(f"{city.shown}/kota.toml", "tidak ada situs yang "
                                           "dibangun karena kota.toml bergalat", "perbaiki "
                                           "kota.toml; kelurahan check menunjukkan juga masalah "
                                           "setiap situs", level="info"))
            report.seconds = time.perf_counter() - start
            return report
        city.data = {**KOTA.validate(Document(city.shown, {"nama": "Kota"}))[0], **city.data}
    output.mkdir(parents=True, exist_ok=True)
    emit = on_result or (lambda result: None)
    from kelurahan.city.shard import in_shard

    def chosen(slug: str) -> bool:
        return sites_too and (not wanted or slug in wanted) and in_shard(slug, shard)

    for slug, problems in city.broken.items():
        if chosen(slug):
            result = SiteResult(slug, slug, "failed", problems=problems)
            report.results.append(result)
            emit(result)
    todo = []
    shared = city_inputs(city)
    now = clock.now().isoformat(timespec="minutes")
    for site in city.sites:
        if not chosen(site.slug):
            continue
        fingerprint = site_fingerprint(city, site, code, publish, shared)
        target = output / site.slug
        stamp = read_site_stamp(target)
        # A scheduled item falls due, a notice ends, an event passes: the stamp says when.
        due = stamp.get("berubah") and stamp["berubah"] <= now
        if not force and not due and stamp.get("fingerprint") == fingerprint and "files" in stamp:
            result = SiteResult(site.slug, site.nama, "skipped",
                                pages=stamp.get("pages") or count_pages(target),
                                sizes=stamp.get("bytes"))
            report.results.append(result)
            emit(result)
            continue
        todo.append(SiteJob(city, site.slug, output, cache / "pelican" / code[:12] / site.slug,
                            config, fingerprint, publish, debug, force))
    slugs = {s.slug for s in city.sites}
    before = snapshot(output, slugs) if todo else {}
    later = speed.trash_age(len(todo))
    deleting = [empty_trash(cache, code, later)] if todo else []
    compiled = cache / "pelican" / code[:12] / "jinja-portal"  # its own: other Jinja options
    force_portal = force or not portal_recorded(output)
    from kelurahan.city.portal import build_portal, prepare_portal

    early = speed.EarlyPortal(prepare_portal, city, output, config, code, publish, force_portal,
                              compiled, [job.slug for job in todo]) \
        if portal and todo and speed.enabled() else None
    for result in _run(todo, jobs, early.queue if early else None):
        report.results.append(result)
        emit(result)
        if result.trash:
            deleting.append(discard(result.trash, cache) if later else remove_trees([result.trash]))
    # Files the sites share outside their folders: written with the portal's ledger when the
    # portal is built (below), else now.
    shared = record_shared(output, slugs, before, write=not portal) if todo else None
    if sites_too and not wanted and shard is None:
        report.problems += prune(output, known, content)
    if portal:
        prepared = early.finish() if early else None

        def dispose(tree: Path) -> None:  # a replaced portal folder, like a replaced site tree
            deleting.append(discard(tree, cache) if later else remove_trees([tree]))

        report.portal, problems = build_portal(city, output, config, code, publish, force_portal,
                                               compiled, prepared, dispose)
        if report.portal == "built":
            report.portal_sizes = record_portal(output, {s.slug for s in city.sites}, shared)
        elif shared is not None:
            ledger = read_json(output / PORTAL_LEDGER)
            write_ledger(output, {**ledger, "shared": shared})
        report.problems += not_in_run(problems, {r.slug for r in report.results}, output)
    for thread in filter(None, deleting):
        thread.join()
    report.seconds = time.perf_counter() - start
    return report


def not_in_run(problems: list[Problem], ran: set[str], output: Path) -> list[Problem]:
    """The portal's problems, its note on each site without a manifest replaced by one line for
    the sites this run did not build (`build --site medono` leaves the others as they were)."""
    absent = [p for p in problems if p.field == "manifest" and p.site and p.site not in ran]
    if not absent:
        return problems
    slugs = [p.site for p in absent]
    sites = " ".join(f"--site {slug}" for slug in slugs[:3]) + (" …" if len(slugs) > 3 else "")
    return [p for p in problems if p not in absent] + [Problem(
        str(output), f"{len(slugs)} situs tidak dibangun dalam proses ini dan belum ada di "
        f"{output}, jadi belum tampil di portal: {', '.join(slugs)}",
        f"bangun semua situs dengan kelurahan build, atau situs tertentu dengan kelurahan build "
        f"{sites}", level="info")]


def default_jobs() -> int:
    """A worker per CPU and one more. Near its end each worker waits for its site's Pagefind
    run (a process of its own); the extra worker keeps the cores busy meanwhile. The scale
    corpus on 2 cores, interleaved: 17.5 and 19.4 s against 20.0 and 20.9 s (tmpfs), 23.8 and
    28.3 s against 25.9 and 27.5 s (ext4, under load)."""
    return (os.cpu_count() or 1) + 1


def _run(todo: list[SiteJob], jobs: int | None, early=None):
    if not todo:
        return
    jobs = max(1, min(jobs or default_jobs(), len(todo)))
    speed.preload(todo[0].config, todo[0].cache)
    # A fresh forked process per site: Pelican's signals and caches never leak between sites.
    # The early portal's queue reaches each worker as an initializer argument: inherited
    # through the fork (a queue cannot be pickled with each job).
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs, maxtasksperchild=1, initializer=speed.worker_init, initargs=(early,)) as pool:
        yield from pool.imap_unordered(build_site, todo)


THEME_MEMO = "tema.json"  # in the cache: the config's THEME, beside the config's own stamp


def _theme_path(config: Path, cache: Path | None = None) -> Path:
    """The config's THEME. Reading it runs the config, which imports Pelican and the theme's
    filters: a third of the CPU time of a build with nothing to do (docs/performance.md). So
    the answer is kept in the cache with the config's path, size and mtime (what the code
    stamp knows the config by) and read again only when the config changes."""
    memo = cache / THEME_MEMO if cache is not None and speed.enabled() else None
    key = [str(config.resolve()), tree_stamp(config)]
    if memo:
        try:
            kept = json.loads(memo.read_text(encoding="utf-8"))
            if kept["config"] == key:
                return Path(kept["theme"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    from pelican.settings import read_settings

    theme = str(read_settings(str(config))["THEME"])
    if memo:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            memo.write_text(json.dumps({"config": key, "theme": theme}), encoding="utf-8")
        except OSError:
            pass
    return Path(theme)
