"""One `kelurahan build` as the command line runs it (the build, then the budget of published
bytes it prints), reporting per-site figures as JSON.

Run by benchmarks/run.py in a fresh interpreter, so start-up and imports are part of the time:
    python benchmarks/_build.py CONTENT OUTPUT CACHE [JOBS]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.environ.get("KP_CODE") or str(Path(__file__).resolve().parent.parent))

try:  # --code may name a checkout from before the stage folders (issue 17)
    from kelurahan.city.build import build  # noqa: E402
except ImportError:
    from kelurahan.build import build  # noqa: E402


def main() -> int:
    content, output, cache = sys.argv[1:4]
    jobs = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] != "0" else None
    report = build(content, output, jobs=jobs, cache=cache)
    if any(r.status == "built" for r in report.results) or report.portal == "built":
        try:  # what `kelurahan build` does next (kelurahan/cli.py): the published-bytes budget
            from kelurahan.publish.budget import report_lines
        except ImportError:  # a checkout from before the budget
            pass
        else:
            try:  # the sizes the build already has, as `kelurahan build` passes them
                lines = report_lines(Path(output), known=report.sizes,
                                     portal_known=report.portal_sizes)
            except (TypeError, AttributeError):  # a checkout from before BuildReport.sizes
                lines = report_lines(Path(output))
            print("\n".join(lines), file=sys.stderr)
    print(json.dumps({
        "seconds": report.seconds,
        "portal": report.portal,
        "problems": [p.format() for p in report.all_problems],
        "sites": [{"slug": r.slug, "status": r.status, "pages": r.pages, "seconds": r.seconds,
                   "peak_kb": r.peak_kb} for r in report.results],
    }))
    return 1 if report.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
