"""Image pipeline benchmark: cold images per second, CPU per photo, and a warm rebuild.

    python benchmarks/images.py [--photos N] [--keep DIR]

Draws N phone-like photos (3000×2000 JPEG, EXIF Orientation 6 and GPS; smooth colour fields,
shapes and grain so the encoders work about as hard as on a real photo), then measures:

1. CPU seconds per photo for all derivatives, one photo at a time (issue 8 target: < 0.25 s);
2. cold images per second on every core (kelurahan.site.images.Cache, as the plugin runs it);
3. a real `kelurahan build` of one site using every photo: cold, then a forced warm rebuild
   (every page rendered again, every image from the cache), then a no-change rebuild.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kelurahan.site.images import Cache  # noqa: E402


def photo(seed: int, width: int = 3000, height: int = 2000) -> bytes:
    rng = random.Random(seed)
    small = Image.new("RGB", (width // 8, height // 8), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(small)
    for _ in range(60):
        x, y = rng.randrange(small.width), rng.randrange(small.height)
        r = rng.randrange(10, 120)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r // 2), fill=colour)
    image = small.filter(ImageFilter.GaussianBlur(4))
    image = image.resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((width, height), 18).convert("RGB")
    image = Image.blend(image, grain, 0.08)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "S", 2: (6.0, 53.0, float(seed % 60)), 3: "E", 4: (109.0, 40.0, 31.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def build(content: Path, output: Path, *extra: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kelurahan", "build", "--content", str(content),
                           "--output", str(output), *extra], cwd=ROOT, capture_output=True,
                          text=True)
    if proc.returncode:
        raise SystemExit(proc.stdout + proc.stderr)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=24)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-gambar-"))
    shutil.rmtree(work / "content", ignore_errors=True)
    shutil.rmtree(work / ".cache", ignore_errors=True)
    shutil.rmtree(work / "output", ignore_errors=True)
    site = work / "content" / "uji"
    (site / "gambar").mkdir(parents=True)
    (site / "berita").mkdir()
    (work / "content" / "kota.toml").write_text('nama = "Kota Uji"\n', encoding="utf-8")
    (site / "kelurahan.toml").write_text('nama = "Uji"\nkecamatan = "Tengah"\n', encoding="utf-8")
    paths = []
    for i in range(args.photos):
        path = site / "gambar" / f"foto-{i:03}.jpg"
        path.write_bytes(photo(i))
        paths.append(path)
        (site / "berita" / f"2025-01-{i % 28 + 1:02}-kabar-{i}.md").write_text(
            f"---\njudul: Kabar ke-{i}\ntanggal: 2025-01-{i % 28 + 1:02}\npilar: society\n"
            f"gambar: gambar/foto-{i:03}.jpg\ngambar_alt: Foto kegiatan ke-{i}\n---\nIsi kabar.\n",
            encoding="utf-8")
    megabytes = sum(p.stat().st_size for p in paths) / 1e6

    serial = Cache(work / "serial")
    cpu = []
    for path in paths[: min(8, len(paths))]:
        start = time.process_time()
        serial.get(path, path.name)
        cpu.append(time.process_time() - start)
    cpu.sort()

    pool_cache = Cache(work / "parallel")
    start = time.perf_counter()
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(lambda p: pool_cache.get(p, p.name), paths))
    cold = time.perf_counter() - start

    cache = ["--cache", str(work / ".cache")]
    first = build(work / "content", work / "output", *cache)
    warm = build(work / "content", work / "output", "--force", *cache)
    noop = build(work / "content", work / "output", *cache)
    published = sum(p.stat().st_size for p in (work / "output" / "uji" / "gambar").glob("*"))

    print(f"foto: {len(paths)} × 3000×2000 JPEG ({megabytes:.1f} MB), {os.cpu_count()} inti")
    print(f"CPU per foto (semua turunan, satu per satu): median {cpu[len(cpu) // 2]:.3f} dtk, "
          f"maks {cpu[-1]:.3f} dtk (target < 0.25)")
    print(f"dingin, semua inti: {len(paths) / cold:.1f} foto/dtk ({cold:.2f} dtk)")
    print(f"kelurahan build dingin: {first:.2f} dtk; ulang --force (cache hangat): {warm:.2f} dtk; "
          f"tanpa perubahan: {noop:.2f} dtk")
    print(f"terbit: {published / 1e6:.1f} MB gambar untuk {len(paths)} foto "
          f"({published / len(paths) / 1e3:.0f} kB per foto, semua lebar dan format)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
