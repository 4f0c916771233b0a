"""The portal's part of one title edit, in this process, on a built city (docs/performance.md,
"The portal's share of an edit at 270").

    python benchmarks/portal_edit.py CONTENT OUTPUT [REPEAT] [--cprofile]

Retitles the newest berita of the first kelurahan in a manifest announced as the site's worker
announces it, then times `prepare_portal`, `commit_portal` and `record_portal` (wall and CPU of
this process: the search index's Pagefind process is not counted), REPEAT times (default 4).
The first run may render every page (after a change of code). OUTPUT is changed: run it on a
copy (`cp -al`, with the stamps `.kp-portal.json` and `.kp-portal-files.json` copied, not
linked). The code measured is the one on PYTHONPATH.
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/profile.py would stand in for the standard library's profile, which cProfile imports
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import cProfile  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import time  # noqa: E402


def main(argv: list[str]) -> int:
    from kelurahan.city.portal import build_portal, commit_portal, prepare_portal
    from kelurahan.content.registry import load_city
    from kelurahan.output import MANIFEST, record_portal
    from kelurahan.site.settings import default_config

    profile = "--cprofile" in argv
    args = [a for a in argv if a != "--cprofile"]
    content, out = Path(args[0]), Path(args[1])
    repeat = int(args[2]) if len(args) > 2 else 4
    city = load_city(content, str(content))
    config, code = Path(default_config()), "c" * 64  # any code: the same for every run
    compiled = out.parent / ".portal-edit-cache" / "jinja-portal"
    slugs = {s.slug for s in city.sites}
    if build_portal(city, out, config, code, False, False, compiled)[0] == "built":
        record_portal(out, slugs)
    slug = sorted(slugs)[0]
    manifest = json.loads((out / slug / MANIFEST).read_bytes())
    newest = max((i for i in manifest["item"] if i["tipe"] == "berita"), key=lambda i: i["tanggal"])
    for run in range(repeat):
        newest["judul"] = f"Judul diperbarui nomor {run + 1} {time.time()}"
        announced = {slug: json.dumps(manifest, ensure_ascii=False).encode()}
        profiler = cProfile.Profile() if profile and run == repeat - 1 else None
        if profiler:
            profiler.enable()
        marks = [(time.perf_counter(), time.process_time())]
        _, _, ready = prepare_portal(city, out, config, code, False, False, compiled, announced)
        marks.append((time.perf_counter(), time.process_time()))
        commit_portal(ready, out)
        marks.append((time.perf_counter(), time.process_time()))
        record_portal(out, slugs)
        marks.append((time.perf_counter(), time.process_time()))
        if profiler:
            profiler.disable()
        parts = [f"{name} {b[0] - a[0]:.2f} s wall, {b[1] - a[1]:.2f} s CPU" for name, a, b in
                 zip(("prepare", "commit", "record"), marks, marks[1:])]
        print(f"run {run + 1}: " + "; ".join(parts) + f"; kept {ready.kept}", flush=True)
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
