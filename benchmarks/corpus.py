"""Deterministic scale corpus for the benchmarks, written in the design.md content contract.

    python benchmarks/corpus.py [--quick | --size full|quick|issue] [--out DIR]

Full size (issue 8): 27 kelurahan × (200 berita, 10 halaman, 40 UMKM, 10 wisata, 30 phone photos of
3000×2000 with an EXIF rotation tag and GPS). ``--size issue`` (issue 21's first-build corpus): 27 ×
(60 berita, 10 halaman, 15 UMKM, 5 wisata, 3 layanan), no photos. Every name, business and event in it is fictional
(the city is "Kota Uji", every UMKM says `contoh: true`). The same seed always gives the same bytes.

Beside ``content/`` it writes ``plain/<slug>/``: the same articles and pages with Pelican's own
metadata header, for the plain-Pelican baseline (see docs/performance.md).

Photos are drawn with Pillow (smooth colour fields, shapes and grain, so JPEG and WebP work about as
hard as on a real photo). The 30 pictures are drawn once and cached in ``_photos/``; each site's copy
carries its own EXIF block (orientation, GPS of the shot, time), so every file of every site has a
different content hash, as real photos would.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import shutil
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = HERE / "corpus"


@dataclass(frozen=True)
class Size:
    name: str
    sites: int
    berita: int
    halaman: int
    umkm: int
    wisata: int
    photos: int
    photo_w: int = 3000
    photo_h: int = 2000
    layanan: int = 0


FULL = Size("full", sites=27, berita=200, halaman=10, umkm=40, wisata=10, photos=30)
QUICK = Size("quick", sites=3, berita=24, halaman=4, umkm=6, wisata=3, photos=3)
# The corpus of issue 21's first-build figures: the contract's kinds, no photos.
ISSUE = Size("issue", sites=27, berita=60, halaman=10, umkm=15, wisata=5, photos=0, layanan=3)
SIZES = {s.name: s for s in (FULL, QUICK, ISSUE)}
SEED = 20250225

KECAMATAN = ("Uji Barat", "Uji Timur", "Uji Utara", "Uji Selatan")
PILAR = ("governance", "economy", "living", "society", "branding", "environment")
KATEGORI_BERITA = ("Berita", "Pengumuman", "Kegiatan", "Artikel")
KATEGORI_UMKM = ("kuliner", "batik", "fesyen", "kerajinan", "jasa", "pertanian", "perikanan",
                 "lainnya")
JENIS_WISATA = ("budaya", "religi", "sejarah", "alam", "kuliner", "belanja", "edukasi")
HALAMAN = ("profil", "sejarah", "visi-misi", "struktur-organisasi", "wilayah", "kontak",
           "sarana-prasarana", "potensi", "lembaga-kemasyarakatan", "data-penduduk")
WORDS = ("warga kelurahan kegiatan pelayanan rapat koordinasi posyandu kerja bakti saluran air "
         "batik usaha mikro pelatihan pemasaran digital relawan duta wifi publik kampung taman "
         "lingkungan sampah bank sampah karang taruna pemuda ibu kader kesehatan balita lansia "
         "musyawarah pembangunan jalan lingkungan drainase penerangan jalan keamanan ronda "
         "sekolah anak literasi perpustakaan masjid mushola gereja pasar pedagang produk "
         "kerajinan kain pewarna alam motif parang jlamprang tahun anggaran dana kelurahan "
         "program pintar data kependudukan surat keterangan domisili administrasi kantor "
         "pagi siang sore minggu bulan bersama seluruh pengurus ketua rukun tetangga warga").split()
TAGS = ("posyandu", "kerja bakti", "UMKM", "batik", "pelatihan", "literasi digital", "wifi publik",
        "kesehatan", "lingkungan", "bank sampah", "karang taruna", "PKK", "musrenbang",
        "keamanan", "ronda", "drainase", "jalan lingkungan", "pendidikan", "perpustakaan",
        "pasar", "kuliner", "pemuda", "lansia", "balita", "vaksinasi", "banjir rob",
        "penghijauan", "olahraga", "seni budaya", "hari besar", "pengumuman", "pelayanan",
        "kependudukan", "pajak", "bantuan sosial", "pertanian kota", "perikanan", "koperasi",
        "pameran", "lomba")
PENULIS = ("Admin Kelurahan", "Tim Redaksi Kelurahan", "Duta Digital")


# --- text ------------------------------------------------------------------------------------

def _sentence(rng: random.Random, lo: int = 8, hi: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, lo: int = 3, hi: int = 6) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(lo, hi)))
    words = text.split(" ")
    if len(words) > 12:  # some inline Markdown, as clerks write it
        i = rng.randrange(1, len(words) - 3)
        words[i] = f"**{words[i]}**"
        j = rng.randrange(1, len(words) - 3)
        if j != i:
            words[j] = f"*{words[j]}*"
    return " ".join(words)


def _title(rng: random.Random, lo: int = 4, hi: int = 9) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi))).title()


def _body(rng: random.Random, paragraphs: int, photo: str | None = None) -> str:
    """About 600 bytes a paragraph: headings, lists, a table now and then, a link, an image."""
    parts = [_paragraph(rng)]
    for n in range(1, paragraphs):
        roll = rng.random()
        if roll < 0.15:
            parts.append("## " + _title(rng, 2, 5))
        elif roll < 0.30:
            parts.append("\n".join(f"- {_sentence(rng, 4, 9)}" for _ in range(rng.randint(3, 6))))
        elif roll < 0.36:
            rows = [f"| {_title(rng, 1, 2)} | {rng.randint(1, 500)} |" for _ in range(4)]
            parts.append("| Uraian | Jumlah |\n| --- | ---: |\n" + "\n".join(rows))
        elif roll < 0.42:
            parts.append(f"Informasi lengkap ada di [halaman layanan](https://contoh.go.id/{n}). "
                         + _sentence(rng))
        parts.append(_paragraph(rng))
    if photo:
        parts.insert(2, f"![Suasana kegiatan warga, foto ilustrasi]({photo})")
    return "\n\n".join(parts) + "\n"


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def _front(fields: dict) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    first = True
                    for k, v in item.items():
                        lines.append(f"  {'- ' if first else '  '}{k}: {_scalar(v)}")
                        first = False
                else:
                    lines.append(f"  - {_scalar(item)}")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _yaml_str(str(value))


def _plain_header(fields: dict) -> str:
    """Pelican's own Markdown metadata (Key: value lines), for the plain baseline."""
    return "".join(f"{k}: {v}\n" for k, v in fields.items() if v not in (None, "", [])) + "\n"


# --- photos ----------------------------------------------------------------------------------

def _draw_photo(index: int, w: int, h: int) -> bytes:
    """A photo-like picture: smooth colour field, shapes, grain; JPEG without metadata."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(SEED * 1000 + index)
    gw, gh = 24, 16
    base = Image.frombytes("RGB", (gw, gh), rng.randbytes(gw * gh * 3))
    img = base.resize((w, h), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randrange(w), rng.randrange(h)
        rw, rh = rng.randrange(w // 40, w // 6), rng.randrange(h // 40, h // 6)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + rw, y + rh), fill=colour)
        else:
            draw.rectangle((x, y, x + rw, y + rh), fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(2))
    tile = 256
    grain_tile = Image.frombytes("L", (tile, tile), rng.randbytes(tile * tile))
    grain = Image.new("L", (w, h))
    for y in range(0, h, tile):
        for x in range(0, w, tile):
            grain.paste(grain_tile, (x, y))
    img = Image.blend(img, Image.merge("RGB", (grain, grain, grain)), 0.10)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90, subsampling=0)
    return out.getvalue()


def base_photo(cache: Path, index: int, w: int, h: int) -> bytes:
    path = cache / f"{w}x{h}" / f"foto-{index:02d}.jpg"
    if path.is_file():
        return path.read_bytes()
    data = _draw_photo(index, w, h)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data


ORIENTATIONS = (6, 1, 8, 3)  # mostly sideways, as phones store them


def with_exif(jpeg: bytes, site: int, index: int) -> bytes:
    """The photo with a phone's EXIF block: orientation, camera, time and GPS of the shot."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = ORIENTATIONS[index % len(ORIENTATIONS)]
    exif[0x010F] = "Contoh"  # Make
    exif[0x0110] = "Ponsel Uji"  # Model
    exif[0x0132] = f"2025:{1 + index % 12:02d}:{1 + site % 28:02d} 09:{index % 60:02d}:00"
    gps = exif.get_ifd(0x8825)
    lat = 6.0 + (site * 37 + index) % 1000 / 10000
    lon = 109.0 + (site * 53 + index * 7) % 1000 / 10000
    gps.update({1: "S", 2: _dms(lat), 3: "E", 4: _dms(lon)})
    payload = exif.tobytes()
    if not payload.startswith(b"Exif\x00\x00"):
        payload = b"Exif\x00\x00" + payload
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + segment + jpeg[2:]


def _dms(value: float) -> tuple[float, float, float]:
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 2)
    return (float(d), float(m), s)


# --- the corpus ------------------------------------------------------------------------------

def site_slug(i: int) -> str:
    return f"uji-{i + 1:02d}"


def write_site(content: Path, plain: Path | None, i: int, size: Size, photos: Path) -> int:
    """One kelurahan folder (and its plain twin); returns the number of files written."""
    rng = random.Random(f"{SEED}-{i}")
    slug = site_slug(i)
    root = content / slug
    files: dict[str, str | bytes] = {}
    nama = f"Uji {i + 1:02d}"
    kecamatan = KECAMATAN[i % len(KECAMATAN)]
    files["kelurahan.toml"] = (
        f'# Kelurahan rekaan untuk uji kecepatan (benchmarks/corpus.py).\n'
        f'nama = "{nama}"\nkecamatan = "{kecamatan}"\n'
        f'tagline = "Kelurahan rekaan nomor {i + 1} untuk uji kecepatan"\n'
        f'warna = "#1a237e"\n')
    plain_files: dict[str, str] = {}
    for p in range(size.photos):
        files[f"gambar/foto-{p + 1:02d}.jpg"] = with_exif(
            base_photo(photos, p, size.photo_w, size.photo_h), i, p)
    start = date(2023, 1, 2)
    for b in range(size.berita):
        day = start + timedelta(days=(b * 730) // max(1, size.berita))
        judul = f"{_title(rng)} {b + 1}"
        tags = rng.sample(TAGS, rng.randint(1, 3))
        photo = f"gambar/foto-{b % size.photos + 1:02d}.jpg" if size.photos else None
        fields = {"judul": judul, "tanggal": f"{day.isoformat()} {8 + b % 9:02d}:00",
                  "pilar": PILAR[b % len(PILAR)], "kategori": KATEGORI_BERITA[b % 4],
                  "penulis": PENULIS[b % len(PENULIS)], "tag": tags}
        if b < size.photos:
            fields.update(gambar=photo, gambar_alt="Foto ilustrasi kegiatan warga (rekaan)")
        if b % 3 == 0:
            fields["ringkasan"] = _sentence(rng)
        inline = photo if b % 10 == 5 else None
        body = _body(rng, rng.randint(5, 10), inline)
        name = f"berita/{day.isoformat()}-berita-{b + 1:03d}.md"
        files[name] = _front(fields) + body
        plain_files[name] = _plain_header({
            "Title": judul, "Date": fields["tanggal"], "Category": fields["kategori"],
            "Tags": ", ".join(tags), "Author": fields["penulis"], "Summary": fields.get("ringkasan"),
            "Slug": Path(name).stem,
        }) + body.replace("](gambar/", "]({static}/gambar/")
    for h in range(size.halaman):
        slug_h = HALAMAN[h % len(HALAMAN)] + ("" if h < len(HALAMAN) else f"-{h}")
        judul = slug_h.replace("-", " ").title()
        body = _body(rng, rng.randint(4, 8))
        files[f"halaman/{slug_h}.md"] = _front({"judul": judul, "urutan": h + 1,
                                                "menu": h < 6}) + body
        plain_files[f"halaman/{slug_h}.md"] = _plain_header({"Title": judul}) + body
    for u in range(size.umkm):
        judul = f"Usaha Contoh {_title(rng, 1, 3)} {u + 1}"
        produk = [{"nama": f"Produk contoh {k + 1}", "harga": 5000 * rng.randint(1, 60)}
                  for k in range(rng.randint(1, 3))]
        fields = {"judul": judul, "ringkasan": _sentence(rng, 6, 12),
                  "kategori": KATEGORI_UMKM[u % len(KATEGORI_UMKM)], "contoh": True,
                  "produk": produk, "jam_buka": "Setiap hari, 08.00–17.00 WIB", "tag": ["contoh"]}
        if size.photos and u % 4 == 0:
            fields.update(gambar=f"gambar/foto-{u % size.photos + 1:02d}.jpg",
                          gambar_alt="Foto ilustrasi produk usaha (rekaan)")
        body = _body(rng, rng.randint(2, 4))
        files[f"umkm/usaha-contoh-{u + 1:02d}.md"] = _front(fields) + body
        plain_files[f"umkm/usaha-contoh-{u + 1:02d}.md"] = _plain_header(
            {"Title": judul, "Summary": fields["ringkasan"]}) + body
    for w in range(size.wisata):
        judul = f"Tempat Rekaan {_title(rng, 1, 3)} {w + 1}"
        fields = {"judul": judul, "ringkasan": _sentence(rng, 6, 12),
                  "jenis": JENIS_WISATA[w % len(JENIS_WISATA)], "contoh": True,
                  "fasilitas": ["Tempat parkir", "Mushola", "Toilet"][: 1 + w % 3]}
        if size.photos:
            fields["galeri"] = [{"gambar": f"gambar/foto-{(w + k) % size.photos + 1:02d}.jpg",
                                 "alt": f"Foto ilustrasi tempat rekaan {k + 1}"} for k in range(2)]
        body = _body(rng, rng.randint(3, 6))
        files[f"wisata/tempat-rekaan-{w + 1:02d}.md"] = _front(fields) + body
        plain_files[f"wisata/tempat-rekaan-{w + 1:02d}.md"] = _plain_header(
            {"Title": judul, "Summary": fields["ringkasan"]}) + body
    for n in range(size.layanan):
        judul = f"Layanan Contoh {_title(rng, 1, 3)} {n + 1}"
        fields = {"judul": judul, "ringkasan": _sentence(rng, 6, 12), "contoh": True,
                  "persyaratan": [_sentence(rng, 3, 6) for _ in range(rng.randint(2, 4))],
                  "prosedur": [_sentence(rng, 5, 9) for _ in range(rng.randint(2, 4))],
                  "waktu": f"{1 + n % 3} hari kerja", "biaya": "Gratis",
                  "produk": "Surat keterangan (contoh)"}
        body = _body(rng, rng.randint(2, 4))
        files[f"layanan/layanan-contoh-{n + 1:02d}.md"] = _front(fields) + body
        plain_files[f"layanan/layanan-contoh-{n + 1:02d}.md"] = _plain_header(
            {"Title": judul, "Summary": fields["ringkasan"]}) + body
    _write(root, files)
    if plain is not None:
        _write(plain / slug / "content", plain_files)
        for name in files:  # the same photos, as static files (hard links: no extra disk)
            if name.startswith("gambar/"):
                target = plain / slug / "content" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                if not target.exists():
                    try:
                        os.link(root / name, target)
                    except OSError:
                        shutil.copyfile(root / name, target)
    return len(files)


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = data if isinstance(data, bytes) else data.encode("utf-8")
        if path.is_file() and path.stat().st_size == len(raw) and path.read_bytes() == raw:
            continue  # unchanged: keep its mtime, so a cached corpus stays a no-op
        path.write_bytes(raw)


KOTA = """\
# Kota rekaan untuk uji kecepatan (benchmarks/corpus.py): tidak ada data nyata di sini.
nama = "Kota Uji"
pemerintah = "Pemerintah Kota Uji"
pengelola = "Dinas Komunikasi dan Informatika Kota Uji"
judul_portal = "Kelurahan Pintar Kota Uji"
tagline = "Korpus rekaan untuk uji kecepatan"
url = "https://contoh.github.io/kota-uji"
"""


def generate(root: Path, size: Size, photos: Path | None = None, plain: bool = True) -> Path:
    """Write (or complete) the corpus of ``size`` under ``root``; return its content folder."""
    photos = photos or root / "_photos"
    base = root / size.name
    content = base / "content"
    content.mkdir(parents=True, exist_ok=True)
    _write(content, {"kota.toml": KOTA})
    for i in range(size.sites):
        write_site(content, base / "plain" if plain else None, i, size, photos)
    (base / "size.json").write_text(json.dumps(asdict(size)), encoding="utf-8")
    return content


def digest(folder: Path) -> str:
    """One hash of every file's relative path and bytes under ``folder`` (for determinism)."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus for a fast check")
    parser.add_argument("--size", choices=sorted(SIZES), default=None,
                        help="full (default), quick, or issue (issue 21: 27 × 60 berita, no photos)")
    parser.add_argument("--out", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--photos", type=Path, default=None, help="cache of drawn photos")
    parser.add_argument("--digest", action="store_true", help="print a hash of the corpus")
    args = parser.parse_args(argv)
    size = SIZES[args.size] if args.size else QUICK if args.quick else FULL
    content = generate(args.out, size, args.photos)
    print(content)
    if args.digest:
        print(digest(content.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
