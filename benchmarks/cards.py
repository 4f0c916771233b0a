"""CPU per share card: draw and write N cards without a photo, titles from the corpus's words.

    python benchmarks/cards.py [N]          # default 400; KP_CODE=/checkout for another commit

One process, CPU time (time.process_time), a fresh card cache in a temporary folder. Run it
interleaved with another checkout's (KP_CODE) to compare: docs/performance.md, item 46.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, os.environ.get("KP_CODE") or str(HERE.parent))

import corpus  # noqa: E402
from kelurahan.site import cards  # noqa: E402


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    count = int(argv[0]) if argv else 400
    rng = random.Random(7)
    titles = [corpus._title(rng) + f" {i}" for i in range(count)]
    folder = Path(tempfile.mkdtemp(prefix="kp-kartu-"))
    try:
        place = "Kelurahan Uji 01 · Kota Uji"
        cards.card(folder, "pemanasan", "Berita", place, "#1a237e")  # the site's base, once
        start = time.process_time()
        for i, title in enumerate(titles):
            cards.card(folder, title, ("Berita", "UMKM", "Wisata")[i % 3], place, "#1a237e")
        spent = time.process_time() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{spent / count * 1000:.2f} ms CPU per kartu ({count} kartu, {cards.__file__})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
