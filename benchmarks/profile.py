"""Profile one site's build in this process with pyinstrument (pip install pyinstrument).

    python benchmarks/profile.py [--quick | --size issue] [--site uji-01] [--warm] [--html out.html]

Cold by default (empty output and Pelican cache for that site); --warm keeps the cache, as after
one edited berita; --pages drops output and Pelican's cache but keeps the image and card caches
of an earlier run (the "cold (pages)" scenario). The build runs in-process (no worker pool) so the profile sees all of it.

--bare builds without the profiler, for a tool that counts from outside; --setup-only stops
before the build. On a shared machine CPU time varies by ±15 % from run to run, but the number
of instructions does not (to about 0.02 %), so a small change is measured as the difference of
two counts (docs/performance.md, "Measuring a small change"):

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        python benchmarks/profile.py --pages --keep-templates --bare      # minus --setup-only

The code measured is KP_CODE's checkout (default: this one), with its own pelicanconf.py and theme.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
CODE = Path(os.environ.get("KP_CODE") or HERE.parent).resolve()
sys.path.insert(0, str(CODE))

import corpus as corpus_mod  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--size", choices=sorted(corpus_mod.SIZES), default=None,
                        help="corpus: full (default), quick (= --quick), issue")
    parser.add_argument("--site", default="uji-01")
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--pages", action="store_true",
                        help="cold pages only: keep the image and card caches of an earlier run")
    parser.add_argument("--keep-templates", action="store_true",
                        help="with --pages: keep the compiled templates (as every site but the "
                             "first two of a city build finds them)")
    parser.add_argument("--html", type=Path, default=None)
    parser.add_argument("--bare", action="store_true", help="no profiler (count from outside)")
    parser.add_argument("--cprofile", type=int, default=0, metavar="N",
                        help="cProfile in CPU time (time.process_time) instead of pyinstrument's "
                             "wall-clock samples: the N functions of most own time, then of most "
                             "cumulative time (threads and child processes are not seen)")
    parser.add_argument("--setup-only", action="store_true",
                        help="everything but the build: what to subtract from a --bare count")
    parser.add_argument("--root", type=Path, default=corpus_mod.DEFAULT_ROOT)
    args = parser.parse_args(argv)
    from kelurahan.fingerprint import code_stamp  # at the root in both layouts

    try:  # --code may name a checkout from before the stage folders (issue 17)
        from kelurahan.city.build import SiteJob, _theme_path, build_site
        from kelurahan.site.speed import preload as _preload
        from kelurahan.content.registry import load_city
    except ImportError:
        from kelurahan.build import SiteJob, _preload, _theme_path, build_site
        from kelurahan.registry import load_city

    size = corpus_mod.SIZES[args.size] if args.size else corpus_mod.QUICK if args.quick else corpus_mod.FULL
    content = args.root / size.name / "content"
    if not (content / args.site).is_dir():  # else as run.py left it (writing it all takes seconds)
        content = corpus_mod.generate(args.root, size, plain=False)
    work = args.root / size.name / "profile"
    output, cache = work / "out", work / "cache" / args.site
    if args.pages:
        shutil.rmtree(output, ignore_errors=True)
        if not args.keep_templates:
            shutil.rmtree(work / "cache" / "jinja", ignore_errors=True)
        for kept in (cache.glob("*") if cache.exists() else []):
            if kept.name not in ("gambar", "kartu"):
                shutil.rmtree(kept) if kept.is_dir() else kept.unlink()
    elif not args.warm:
        shutil.rmtree(work, ignore_errors=True)
    output.mkdir(parents=True, exist_ok=True)
    city = load_city(content, str(content))
    config = CODE / "pelicanconf.py"  # the measured checkout's, whatever the current folder
    job = SiteJob(city, args.site, output, cache, config, code_stamp(_theme_path(config), config))
    if args.warm:
        build_site(job)  # make sure the cache is there
    _preload(config, cache)  # what a worker inherits from the parent of a city build
    if args.setup_only:
        return 0
    if args.bare:
        start = time.perf_counter()
        result = build_site(job)
        print(f"{result.slug}: {result.status}, {result.pages} halaman, "
              f"{time.perf_counter() - start:.2f} dtk, CPU {time.process_time():.2f} dtk")
        return 0 if result.status == "built" else 1
    if args.cprofile:
        # This file is named like the standard library's profile module, which cProfile imports.
        saved = sys.path[:]
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
        sys.modules.pop("profile", None)
        import cProfile
        import pstats
        sys.path[:] = saved

        profile = cProfile.Profile(time.process_time)
        profile.enable()
        result = build_site(job)
        profile.disable()
        print(f"{result.slug}: {result.status}, {result.pages} halaman, CPU {time.process_time():.2f} dtk")
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(args.cprofile)
        stats.sort_stats("cumulative").print_stats(args.cprofile)
        return 0
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    start = time.perf_counter()
    profiler.start()
    result = build_site(job)
    profiler.stop()
    print(f"{result.slug}: {result.status}, {result.pages} halaman, "
          f"{time.perf_counter() - start:.2f} dtk, puncak {result.peak_kb / 1024:.0f} MB")
    for problem in result.problems[:10]:
        print(problem.format())
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
