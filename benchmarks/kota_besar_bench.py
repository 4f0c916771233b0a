"""The figures of issue 22 for the generated big city (benchmarks/kota_besar.py).

    python benchmarks/kota_besar_bench.py [--sites 270] [--photos 6] [--jobs N] [--skip-first]
    make bench SCALE=kota-besar [BENCH_ARGS="--sites 135"]

Steps, each a fresh `kelurahan build` process (benchmarks/_build.py), timed with its workers:

  first build     empty output and cache (what a new city or a fresh CI runner pays)
  no-op           nothing changed
  one title       the title of the first site's newest berita edited (its site and the portal)

then, on the built tree: the portal home and dashboard HTML bytes, files written, the
published size against GitHub Pages' 1 GB (kelurahan/publish/budget.py), and published bytes
per item by kind (pages of each type, share cards, tag pages, photos, search index, assets).
Wall time grows when other programs share the machine; CPU time (user + system, workers
included) does not: both are reported. Results also go to <corpus>/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import kota_besar  # noqa: E402

from kelurahan.publish import budget  # noqa: E402

# Where each published file of a site goes in the per-kind table (first folder of its path).
PAGE_KINDS = ("berita", "halaman", "layanan", "umkm", "wisata", "agenda", "dokumen")
GROUPS = {"kartu": "kartu bagikan", "tag": "halaman tag", "theme": "aset tema",
          "gambar": "foto", "pagefind": "indeks cari", "feeds": "feed", "data": "data terbuka",
          "pilar": "halaman pilar", "admin": "editor web", "ppid": "ppid"}


def timed(cmd: list[str]) -> dict:
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "KP_CODE": str(ROOT)})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bangun gagal:\n{text[-3000:]}")
    data = json.loads(text.strip().splitlines()[-1])
    return {"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime,
            "cpu": usage.ru_utime + usage.ru_stime,
            "built": sum(1 for s in data["sites"] if s["status"] == "built"),
            "portal": data["portal"]}


def build(content: Path, out: Path, cache: Path, jobs: int) -> dict:
    os.sync()  # nobody's writeback on this build's bill
    return timed([sys.executable, str(HERE / "_build.py"), str(content), str(out), str(cache),
                  str(jobs)])


def kind_of(slug_rel: str, halaman: set[str]) -> str:
    top = slug_rel.split("/", 1)[0]
    if top in PAGE_KINDS:
        return top
    if top in halaman:
        return "halaman"
    if top in GROUPS:
        return GROUPS[top]
    return "lain (beranda, sitemap, manifest, 404)"


def bytes_by_kind(out: Path, content: Path) -> dict[str, int]:
    sites = [d for d in sorted(out.iterdir()) if (d / "manifest.json").is_file()]
    totals: dict[str, int] = {}
    for site in sites:
        halaman = {p.stem for p in (content / site.name / "halaman").glob("*.md")}
        for root, dirs, files in os.walk(site):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            rel_root = os.path.relpath(root, site)
            for name in files:
                if name.startswith("."):
                    continue
                rel = name if rel_root == "." else f"{rel_root}/{name}"
                kind = kind_of(rel, halaman) if "/" in rel else "lain (beranda, sitemap, manifest, 404)"
                totals[kind] = totals.get(kind, 0) + os.stat(os.path.join(root, name)).st_size
    return totals


def count_files(out: Path) -> int:
    n = 0
    for root, dirs, files in os.walk(out):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        n += sum(1 for f in files if not f.startswith("."))
    return n


def edit_title(content: Path, rep: int) -> tuple[Path, str]:
    first = sorted(p for p in content.iterdir() if (p / "kelurahan.toml").is_file())[0]
    path = sorted((first / "berita").glob("*.md"))[-1]
    original = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^judul: .*$", f'judul: "Judul diperbarui nomor {rep + 1}"', original,
                           count=1, flags=re.M), encoding="utf-8")
    return path, original


def aside(path: Path, trash: Path) -> None:
    """Out of the way without deleting it now (a mass deletion slows the next build's file
    creation on this machine's ext4; benchmarks/run.py aside())."""
    if path.exists():
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(trash / f"{path.name}-{time.monotonic_ns()}")


def fmt_row(name: str, r: dict) -> str:
    return (f"  {name:<18} {r['wall']:8.2f} dtk dinding, CPU {r['cpu']:7.2f} dtk "
            f"(user {r['user']:.2f} + sistem {r['sys']:.2f}), {r['built']} situs dibangun, "
            f"portal {r['portal'] or '-'}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sites", type=int, default=kota_besar.Scale.sites)
    parser.add_argument("--photos", type=int, default=kota_besar.Scale.photos)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="no-op and edit runs (median)")
    parser.add_argument("--root", type=Path, default=kota_besar.DEFAULT_ROOT)
    parser.add_argument("--skip-first", action="store_true",
                        help="keep the built output and cache: a (re)build from them, then no-op "
                             "and edit")
    args = parser.parse_args(argv)
    scale = kota_besar.scale_for(args.sites, args.photos)
    t = time.perf_counter()
    content = kota_besar.generate(args.root, scale, say=print)
    items = kota_besar.totals(scale)
    print(f"kota {scale.sites} kelurahan, {scale.kecamatan} kecamatan: {json.dumps(items)} "
          f"di {content} ({time.perf_counter() - t:.1f} dtk)", flush=True)
    base = content.parent
    out, cache, trash = base / "out", base / "cache", base / ".sampah"
    rows: dict[str, dict | list] = {}
    load = [os.getloadavg()[0]]
    if not args.skip_first or not out.exists():
        aside(out, trash)
        aside(cache, trash)
        rows["first"] = build(content, out, cache, args.jobs)
        print(fmt_row("build pertama", rows["first"]), flush=True)
    else:  # the output kept: a changed code rebuilds every site, photos and cards from the cache
        rows["rebuild"] = build(content, out, cache, args.jobs)
        print(fmt_row("bangun ulang", rows["rebuild"]), flush=True)
    runs = {"noop": [], "title": []}
    for rep in range(args.repeat):
        runs["noop"].append(build(content, out, cache, args.jobs))
        print(fmt_row("no-op", runs["noop"][-1]), flush=True)
        path, original = edit_title(content, rep)
        try:
            runs["title"].append(build(content, out, cache, args.jobs))
            print(fmt_row("satu judul diubah", runs["title"][-1]), flush=True)
        finally:
            path.write_text(original, encoding="utf-8")
            build(content, out, cache, args.jobs)
    for key, values in runs.items():
        values.sort(key=lambda r: r["wall"])
        rows[key] = values[len(values) // 2]
    load.append(os.getloadavg()[0])
    shutil.rmtree(trash, ignore_errors=True)

    sizes, portal, city = budget.measure(out)
    kinds = bytes_by_kind(out, content)
    pages = {"portal home": out / "index.html", "dashboard": out / "program" / "dasbor" / "index.html"}
    page_bytes = {k: p.stat().st_size if p.is_file() else 0 for k, p in pages.items()}
    report = {"scale": scale.__dict__, "items": items, "rows": rows, "page_bytes": page_bytes,
              "files": count_files(out), "published": city.total, "images": city.images,
              "portal_bytes": portal.total, "largest_site": max(s.total for s in sizes),
              "kinds": kinds, "load": load, "cpus": os.cpu_count()}
    (base / "results.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print_report(report)
    return 0


def print_report(r: dict) -> None:
    rows, n = r["rows"], r["scale"]["sites"]
    print(f"\n| {n} kelurahan ({r['cpus']} CPU, beban {r['load'][0]:.1f} → {r['load'][1]:.1f}) | terukur |")
    print("| --- | ---: |")
    for key, label in (("first", "build pertama"), ("rebuild", "bangun ulang, cache gambar hangat")):
        if key in rows:
            f = rows[key]
            print(f"| {label} | {f['wall']:.0f} dtk dinding, CPU {f['cpu']:.0f} dtk "
                  f"(sistem {f['sys']:.0f} dtk) |")
    print(f"| no-op / satu judul diubah | {rows['noop']['wall']:.2f} dtk / "
          f"{rows['title']['wall']:.2f} dtk (CPU {rows['noop']['cpu']:.2f} / "
          f"{rows['title']['cpu']:.2f}) |")
    pb = r["page_bytes"]
    print(f"| beranda portal / dasbor (HTML) | {pb['portal home'] / 1024:.0f} KB / "
          f"{pb['dashboard'] / 1024:.0f} KB |")
    print(f"| ukuran terbit | {r['published'] / 1e6:,.1f} MB = {r['published'] / budget.LIMIT:.0%} "
          f"dari 1 GB GitHub Pages (gambar {r['images'] / 1e6:,.1f} MB; portal "
          f"{r['portal_bytes'] / 1e6:.1f} MB; situs terbesar {r['largest_site'] / 1e6:.1f} MB) |")
    print(f"| berkas ditulis | {r['files']:,} |")
    items = r["items"]
    all_items = sum(v for k, v in items.items() if k != "photos")
    print(f"\nbyte terbit per jenis ({all_items:,} butir, {items['photos']:,} foto):")
    per = {k: items.get(k, 0) for k in PAGE_KINDS}
    per.update({"foto": items["photos"]})
    for kind, total in sorted(r["kinds"].items(), key=lambda kv: -kv[1]):
        count = per.get(kind) or all_items
        unit = "butir " + kind if kind in per else ("foto" if kind == "foto" else "butir")
        print(f"  {kind:<40} {total / 1e6:9.1f} MB  {total / count / 1024:7.1f} KB per {unit}")


if __name__ == "__main__":
    raise SystemExit(main())
