"""CPU of one site's worker for an edited berita, in-process, as a worker of a city build runs
it (after speed.preload): its own CPU and its children's (the site's Pagefind run), medians.

    python benchmarks/edit_worker.py --root DIR [--rounds 5]      # KP_CODE=<checkout> to compare

Each round edits a berita's body (a sentence appended), builds, restores it and builds again;
then the newest berita's title, the same way. Only the edit's build is counted. The corpus is
run.py's (``--size issue``) under ``--root``; output and cache go to <root>/issue/wcpu/.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODE = Path(os.environ.get("KP_CODE") or HERE.parent).resolve()
sys.path.insert(0, str(CODE))


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def main(argv=None) -> int:
    from kelurahan.city.build import SiteJob, _theme_path, build_site
    from kelurahan.content.registry import load_city
    from kelurahan.fingerprint import code_stamp
    from kelurahan.site.speed import preload

    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--site", default="uji-01")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    content = args.root / "issue" / "content"
    work = args.root / "issue" / "wcpu"
    output, cache = work / "out", work / "cache" / args.site
    output.mkdir(parents=True, exist_ok=True)
    config = CODE / "pelicanconf.py"
    stamp = code_stamp(_theme_path(config), config)

    def build():
        city = load_city(content, str(content))
        return build_site(SiteJob(city, args.site, output, cache, config, stamp))

    build()
    preload(config, cache)
    berita = sorted((content / args.site / "berita").glob("*.md"))
    edits = {"isi": (berita[len(berita) // 2], lambda text, i: text + f"\nPembaruan uji {i}.\n"),
             "judul": (berita[-1], lambda text, i: re.sub(r"^judul: .*$", f'judul: "Judul uji {i}"',
                                                           text, count=1, flags=re.M))}
    rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in edits}
    for i in range(args.rounds):
        for name, (path, change) in edits.items():
            original = path.read_text(encoding="utf-8")
            path.write_text(change(original, i), encoding="utf-8")
            try:
                (own0, kids0), start = _cpu(), time.perf_counter()
                build()
                wall, (own1, kids1) = time.perf_counter() - start, _cpu()
                rows[name].append((own1 - own0, kids1 - kids0, wall))
            finally:
                path.write_text(original, encoding="utf-8")
                build()
    for name, found in rows.items():
        own, kids, wall = (statistics.median(r[k] for r in found) for k in range(3))
        print(f"{CODE.name}: edit {name:<5} worker CPU {own:.3f} s + Pagefind {kids:.3f} s, "
              f"wall {wall:.3f} s (medians of {len(found)}; load {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
