"""A city the size of Jakarta (issue 22): 270 fictional kelurahan in ~40 kecamatan, generated.

    python benchmarks/kota_besar.py [--sites N] [--photos N] [--out DIR] [--digest]

Written to the content contract (../shared/design.md, docs/panduan/) with the writers of
benchmarks/corpus.py (its text, front matter, photos with a phone's EXIF block), and more of
what a real ward publishes: item counts vary from site to site with a long tail (most sites
20–60 berita, a few 100–200), halaman, layanan, UMKM, wisata, agenda, and some dokumen (PDF).
Every name is invented ("Kota Rekaan Raya", kecamatan and kelurahan names built from common
Indonesian place-name parts); every item says `contoh: true`, so nothing can be taken for a
real office, business or event.

Photos are those of corpus.py at WhatsApp's size (1600×1200, the size clerks' photos arrive
at: ~0.4–0.6 MB each), a few per site (``--photos``); each site's copy carries its own EXIF
block, so every file has its own hash as real photos would.

The knob is ``--sites`` (and ``--photos``): a site's item counts depend on its index and the
seed alone, so 27, 135 and 270 sites are three samples of the same kind of city.
The same seed always gives the same bytes (tests/test_kota_besar.py).

``make bench SCALE=kota-besar`` (benchmarks/kota_besar_bench.py) builds it and reports the
figures of issue 22.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (the 27-site corpus: its writers are reused, not copied)

DEFAULT_ROOT = HERE / "corpus"
SEED = 20260622


@dataclass(frozen=True)
class Scale:
    name: str = "kota-besar"
    sites: int = 270
    kecamatan: int = 40
    photos: int = 6  # photos per site (base pictures shared, each copy its own EXIF)
    photo_w: int = 1600
    photo_h: int = 1200
    seed: int = SEED


# --- names (invented; parts of common Indonesian place names) -------------------------------------

AWAL = ("Suka", "Karang", "Tanjung", "Cempaka", "Kebon", "Rawa", "Pondok", "Bukit", "Sumber",
        "Taman", "Kali", "Padang", "Teluk", "Mekar", "Sido", "Tegal", "Bojong", "Pasir", "Kampung",
        "Gunung", "Sungai", "Muara", "Pulo", "Wono", "Jati")
AKHIR = ("jaya", "sari", "mulya", "makmur", "asri", "indah", "rejo", "harjo", "baru", "lestari",
         "wangi", "agung", "raya", "luhur", "tengah", "kencana", "rahayu", "mukti", "permai",
         "damai")
ARAH = ("", "", "", " Utara", " Selatan", " Barat", " Timur", " Tengah", " Lama", " Baru")


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        awal, akhir = rng.choice(AWAL), rng.choice(AKHIR)
        joined = f"{awal}{akhir}" if rng.random() < 0.55 else f"{awal} {akhir.capitalize()}"
        name = joined + rng.choice(ARAH)
        if name not in used:
            used.add(name)
            return name


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def city_plan(scale: Scale) -> list[dict]:
    """[{slug, nama, kecamatan, index}] of every site: kecamatan first, then its kelurahan."""
    rng = random.Random(f"{scale.seed}-nama")
    used: set[str] = set()
    kecamatan = [_name(rng, used) for _ in range(max(1, scale.kecamatan))]
    sites = []
    for i in range(scale.sites):
        nama = _name(rng, used)
        sites.append({"index": i, "slug": _slug(nama), "nama": nama,
                      "kecamatan": kecamatan[i % len(kecamatan)]})
    return sites


def site_counts(scale: Scale, i: int) -> dict[str, int]:
    """Items of each kind for site ``i``: most sites publish a little, a few a lot."""
    rng = random.Random(f"{scale.seed}-jumlah-{i}")
    tail = rng.random()
    berita = 100 + int(100 * rng.random()) if tail > 0.95 else 20 + int(40 * rng.random() ** 1.5)
    return {"berita": berita, "halaman": rng.randint(4, 10), "layanan": rng.randint(5, 12),
            "umkm": int(3 + 22 * rng.random() ** 2), "wisata": rng.randint(0, 5),
            "agenda": rng.randint(2, 10), "dokumen": rng.choice((0, 0, 1, 2, 4)),
            "photos": min(scale.photos, berita)}


# --- the writers corpus.py lacks: layanan, agenda, dokumen ---------------------------------------

LAYANAN = ("Surat Keterangan Domisili", "Surat Pengantar KK dan KTP-el", "Surat Keterangan Usaha",
           "Surat Keterangan Tidak Mampu", "Surat Pengantar Nikah", "Surat Keterangan Kematian",
           "Surat Keterangan Kelahiran", "Legalisasi Dokumen", "Surat Keterangan Ahli Waris",
           "Surat Pengantar SKCK", "Rekomendasi Izin Keramaian", "Surat Keterangan Pindah")


def _layanan(rng: random.Random, k: int) -> tuple[str, str]:
    judul = LAYANAN[k % len(LAYANAN)] + ("" if k < len(LAYANAN) else f" {k + 1}")
    fields = {"judul": judul, "ringkasan": corpus._sentence(rng, 6, 12), "pilar": "governance",
              "contoh": True,
              "persyaratan": [corpus._sentence(rng, 3, 6) for _ in range(rng.randint(2, 5))],
              "prosedur": [corpus._sentence(rng, 5, 10) for _ in range(rng.randint(3, 5))],
              "waktu": f"{rng.randint(1, 3)} hari kerja", "biaya": "Gratis",
              "produk": judul}
    name = f"layanan/{_slug(judul)}.md"
    return name, corpus._front(fields) + corpus._body(rng, rng.randint(2, 4))


def _agenda(rng: random.Random, k: int) -> tuple[str, str]:
    start = date(2026, 1, 10) + timedelta(days=rng.randint(-200, 200))
    judul = f"Kegiatan Rekaan {corpus._title(rng, 2, 4)} {k + 1}"
    fields = {"judul": judul, "ringkasan": corpus._sentence(rng, 6, 12),
              "pilar": corpus.PILAR[k % len(corpus.PILAR)],
              "mulai": f"{start.isoformat()} {8 + k % 8:02d}:00",
              "selesai": f"{start.isoformat()} {12 + k % 6:02d}:00",
              "tempat": "Aula Kantor Kelurahan", "penyelenggara": "Kelurahan (rekaan)",
              "contoh": True, "tag": ["agenda", "contoh"]}
    return f"agenda/kegiatan-rekaan-{k + 1:02d}.md", corpus._front(fields) + corpus._body(rng, 2)


def _pdf(seed: str, pages: int) -> bytes:
    """A scanned-looking PDF without active content; fixed dates, so the bytes are the seed's."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    images = []
    for _ in range(pages):
        page = Image.new("L", (827, 1169), 250)
        draw = ImageDraw.Draw(page)
        y = 90
        while y < 1080:
            draw.rectangle((80, y, 80 + rng.randrange(300, 660), y + 9), fill=rng.randrange(20, 90))
            y += rng.choice((22, 22, 22, 44))
        images.append(page)
    out = io.BytesIO()
    stamp = time.struct_time((2026, 1, 5, 8, 0, 0, 0, 5, 0))
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=100,
                   creationDate=stamp, modDate=stamp)
    return out.getvalue()


DOKUMEN = (("maklumat", "Maklumat Pelayanan"), ("sop", "SOP Pelayanan Surat"),
           ("laporan", "Laporan Kegiatan Tahunan"), ("rencana-kerja", "Rencana Kerja"))


def _dokumen(rng: random.Random, slug: str, k: int) -> dict[str, str | bytes]:
    jenis, judul = DOKUMEN[k % len(DOKUMEN)]
    name = f"{jenis}-{k + 1}"
    fields = {"judul": f"{judul} (contoh)", "berkas": f"{name}.pdf", "nomor": f"{k + 1:02d}/CONTOH/2026",
              "tanggal": "2026-01-05", "jenis": jenis, "kategori_informasi": "berkala",
              "contoh": True}
    return {f"dokumen/{name}.md": corpus._front(fields) + "Dokumen contoh rekaan; bukan dokumen resmi.\n",
            f"dokumen/{name}.pdf": _pdf(f"{slug}-{k}", 1 + k % 3)}


# --- one site, the city ------------------------------------------------------------------------------

def _mark_contoh(path: Path) -> None:
    """corpus.py's berita and halaman are fictional too: say so in their front matter."""
    for md in path.rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        if "\ncontoh: true\n" not in text:
            md.write_text(text.replace("---\n", "---\ncontoh: true\n", 1), encoding="utf-8")


def write_site(content: Path, scratch: Path, scale: Scale, site: dict, photos: Path) -> None:
    i, slug = site["index"], site["slug"]
    counts = site_counts(scale, i)
    size = corpus.Size(scale.name, 1, counts["berita"], counts["halaman"], counts["umkm"],
                       counts["wisata"], counts["photos"], scale.photo_w, scale.photo_h)
    corpus.write_site(scratch, None, i, size, photos)
    folder = scratch / corpus.site_slug(i)
    _mark_contoh(folder)
    rng = random.Random(f"{scale.seed}-isi-{i}")
    files: dict[str, str | bytes] = {}
    for k in range(counts["layanan"]):
        name, text = _layanan(rng, k)
        files[name] = text
    for k in range(counts["agenda"]):
        name, text = _agenda(rng, k)
        files[name] = text
    for k in range(counts["dokumen"]):
        files.update(_dokumen(rng, slug, k))
    warna = ("#1a237e", "#004d40", "#7b1fa2", "#b71c1c", "#0d47a1", "#33691e", "#4e342e")
    files["kelurahan.toml"] = (
        "# Kelurahan rekaan untuk uji skala (benchmarks/kota_besar.py): nama dan isinya dikarang.\n"
        f'nama = "{site["nama"]}"\nkecamatan = "{site["kecamatan"]}"\n'
        f'tagline = "Contoh kelurahan rekaan di Kecamatan {site["kecamatan"]}"\n'
        f'warna = "{warna[i % len(warna)]}"\n')
    corpus._write(folder, files)
    target = content / slug
    shutil.rmtree(target, ignore_errors=True)
    os.rename(folder, target)


KOTA = """\
# Kota rekaan untuk uji skala (benchmarks/kota_besar.py): tidak ada data nyata di sini.
nama = "Kota Rekaan Raya"
pemerintah = "Pemerintah Kota Rekaan Raya"
pengelola = "Dinas Komunikasi dan Informatika Kota Rekaan Raya"
judul_portal = "Kelurahan Pintar Kota Rekaan Raya"
tagline = "Kota rekaan seukuran Jakarta untuk uji skala"
url = "https://contoh.github.io"
"""


def generate(root: Path, scale: Scale = Scale(), photos: Path | None = None,
             say=lambda text: None) -> Path:
    """The city of ``scale`` under ``root/<name>-<sites>``; its content folder.

    A folder already generated with the same parameters is reused as it is (its files keep
    their modification times, so a benchmark's no-op stays a no-op)."""
    photos = photos or root / "_photos"
    base = root / f"{scale.name}-{scale.sites}"
    content = base / "content"
    marker = base / "scale.json"
    wanted = json.dumps(asdict(scale), sort_keys=True)
    if marker.is_file() and marker.read_text(encoding="utf-8") == wanted and content.is_dir():
        return content
    shutil.rmtree(base, ignore_errors=True)
    content.mkdir(parents=True)
    corpus._write(content, {"kota.toml": KOTA})
    scratch = base / ".tulis"
    start = time.perf_counter()
    for site in city_plan(scale):
        write_site(content, scratch, scale, site, photos)
        if (site["index"] + 1) % 27 == 0:
            say(f"  {site['index'] + 1}/{scale.sites} situs ({time.perf_counter() - start:.0f} dtk)")
    shutil.rmtree(scratch, ignore_errors=True)
    marker.write_text(wanted, encoding="utf-8")
    return content


def totals(scale: Scale) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(scale.sites):
        for kind, n in site_counts(scale, i).items():
            out[kind] = out.get(kind, 0) + n
    return out


def scale_for(sites: int, photos: int = Scale.photos, kecamatan: int = 0) -> Scale:
    return Scale(sites=sites, photos=photos, kecamatan=kecamatan or max(1, round(sites / 6.75)))



def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sites", type=int, default=Scale.sites)
    parser.add_argument("--kecamatan", type=int, default=0,
                        help="default: one per ~7 kelurahan (40 for 270)")
    parser.add_argument("--photos", type=int, default=Scale.photos)
    parser.add_argument("--out", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--digest", action="store_true", help="print a hash of the content")
    args = parser.parse_args(argv)
    scale = scale_for(args.sites, args.photos, args.kecamatan)
    content = generate(args.out, scale, say=print)
    print(content)
    print(json.dumps(totals(scale)))
    if args.digest:
        print(corpus.digest(content))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
