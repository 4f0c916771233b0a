"""Phone photos in, small private images out: real builds of generated images."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from kelurahan.publish.budget import report_lines
from kelurahan.site import images

from conftest import run, write_tree

GPS = {1: "S", 2: (6.0, 53.0, 19.0), 3: "E", 4: (109.0, 40.0, 31.0)}
WIDTHS = [360, 720, 1080]  # portrait: the long side stops at 1440


def phone_photo() -> bytes:
    """4000×3000 as stored by the sensor, Orientation 6 (shown as 3000×4000), GPS, XMP, comment.

    Stored top half red, bottom half blue: once upright, the right half is red.
    """
    image = Image.new("RGB", (4000, 3000), (220, 30, 30))
    image.paste((30, 30, 220), (0, 1500, 4000, 3000))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PonselMerek"
    exif[0x8825] = GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes(), comment=b"rumah warga RT 03",
               xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">lokasi</x:xmpmeta>',
               icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    return buffer.getvalue()


def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def heic() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return encoded(Image.new("RGB", (800, 600), (40, 120, 60)), "HEIF", quality=60)


def animated_gif() -> bytes:
    frames = [Image.new("RGB", (200, 100), c).convert("P") for c in ("red", "green", "blue")]
    return encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)


def bomb() -> bytes:
    """100 megapixels of nothing: a few kilobytes on disk."""
    return encoded(Image.new("1", (10000, 10000)), "PNG")


def palette_png() -> bytes:
    image = Image.new("P", (400, 300), 0)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    image.paste(1, (100, 100, 300, 200))
    return encoded(image, "PNG", transparency=0)


def grey16_png() -> bytes:
    return encoded(Image.new("I;16", (400, 300), 32768), "PNG")


def alpha_png() -> bytes:
    image = Image.new("RGBA", (500, 500), (0, 0, 0, 0))
    image.paste((20, 80, 160, 255), (100, 100, 400, 400))
    return encoded(image, "PNG")


def cmyk_jpeg() -> bytes:
    return encoded(Image.new("CMYK", (1600, 1000), (0, 200, 200, 0)), "JPEG", quality=90)


BERITA = """\
---
judul: {judul}
tanggal: 2025-03-01 09:00
pilar: governance
gambar: {gambar}
gambar_alt: Foto kegiatan
---
Kegiatan warga.

{isi}
"""

SITE = {
    "kota.toml": 'nama = "Kota Contoh"\nurl = "https://contoh.github.io/kota"\n',
    "foto/kelurahan.toml": ('nama = "Foto"\nkecamatan = "Utara"\nlogo = "gambar/logo.png"\n'
                            '[lurah]\nnama = "Lurah Contoh"\nfoto = "gambar/lurah.heic"\n'),
    "foto/berita/2025-03-01-ponsel.md": BERITA.format(
        judul="Kerja Bakti Bersama Warga", gambar="gambar/ponsel.jpg",
        isi="![Denah lokasi](gambar/cmyk.jpg)\n\n![Ajakan](gambar/gerak.gif)"),
    "foto/umkm/warung.md": ("---\njudul: Warung Contoh\ncontoh: true\ngambar: gambar/palet.png\n"
                            "gambar_alt: Papan nama warung\ngaleri:\n  - gambar: gambar/abu16.png\n"
                            "    alt: Foto hitam putih\n---\nWarung rekaan.\n"),
    "rusak/kelurahan.toml": 'nama = "Rusak"\nkecamatan = "Selatan"\n',
    "rusak/berita/2025-03-02-rusak.md": BERITA.format(
        judul="Berkas Rusak", gambar="gambar/terpotong.jpg",
        isi="![Bom](gambar/bom.png)\n\n![Logo](gambar/logo.svg)\n\n![Teks](gambar/bukan.jpg)"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("gambar")
    photo = phone_photo()
    files = dict(SITE)
    files.update({
        "foto/gambar/ponsel.jpg": photo,
        "foto/gambar/cmyk.jpg": cmyk_jpeg(),
        "foto/gambar/gerak.gif": animated_gif(),
        "foto/gambar/palet.png": palette_png(),
        "foto/gambar/abu16.png": grey16_png(),
        "foto/gambar/logo.png": alpha_png(),
        "foto/gambar/lurah.heic": heic(),
        "rusak/gambar/terpotong.jpg": photo[: len(photo) * 2 // 3],
        "rusak/gambar/bom.png": bomb(),
        "rusak/gambar/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
                                 "</script></svg>",
        "rusak/gambar/bukan.jpg": "ini bukan gambar",
    })
    write_tree(root / "content", files)
    sources = {p: p.read_bytes() for p in (root / "content").rglob("gambar/*")}
    first = run("build", "--content", "content", "--output", "output", cwd=root)
    cache = root / ".cache" / "gambar"
    stamps = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    second = run("build", "--content", "content", "--output", "output", "--force", cwd=root)
    return {"root": root, "out": root / "output" / "foto", "first": first, "second": second,
            "stamps": stamps, "cache": cache, "sources": sources, "photo": photo}


def published(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.suffix in (".jpg", ".png", ".webp", ".gif", ".heic")]


def test_broken_images_fail_their_own_site_only_with_one_line_each(built):
    out = built["first"].stdout
    assert built["first"].returncode == 1
    assert re.search(r"^  foto +\d+ halaman .* dibangun$", out, re.M)
    assert re.search(r"^  rusak +\d+ halaman .* GAGAL$", out, re.M)
    assert "Unable to find" not in out
    shown = "content/rusak/berita/2025-03-02-rusak.md"
    for line in (
        f'{shown}:5: gambar "gambar/terpotong.jpg" rusak atau terpotong sehingga tidak bisa '
        "dibaca — salin ulang berkas aslinya dari ponsel atau kamera, lalu unggah lagi",
        f'{shown}:10: gambar "gambar/bom.png" berukuran 10000×10000 piksel (100 megapiksel), '
        "terlalu besar untuk diproses dengan aman — perkecil gambar hingga paling besar 4000 "
        "piksel di sisi terpanjang, simpan ulang, lalu unggah lagi",
        f'{shown}:12: gambar "gambar/logo.svg" berformat SVG, yang tidak diterbitkan karena bisa '
        "berisi skrip — ekspor gambar itu sebagai PNG (misalnya lebar 1000 piksel) dari aplikasi "
        "desainnya, lalu tulis nama berkas .png",
        f'{shown}:14: berkas "gambar/bukan.jpg" bukan gambar JPG, PNG, WebP, GIF, atau HEIC yang '
        "bisa dibaca — buka di aplikasi galeri atau pengolah gambar lalu simpan sebagai JPG "
        "(foto) atau PNG (logo, gambar bergaris tegas)",
    ):
        assert line in out.splitlines(), line


def test_notes_name_the_referencing_file_and_line(built):
    lines = built["first"].stdout.splitlines()
    shown = "content/foto/berita/2025-03-01-ponsel.md"
    assert (f'{shown}:10: info: gambar "gambar/cmyk.jpg" berwarna CMYK (untuk cetak) dan diubah '
            "ke warna layar (sRGB) — tidak perlu tindakan; bila warnanya tampak berbeda, simpan "
            "ulang sebagai RGB") in lines
    assert (f'{shown}:12: peringatan: gambar bergerak "gambar/gerak.gif": hanya bingkai '
            "pertamanya yang diterbitkan, sebagai gambar diam — bila gerakannya penting, unggah "
            "sebagai video ke kanal media sosial kelurahan dan tautkan dari tulisan") in lines


def test_phone_photo_is_upright_and_has_the_promised_widths(built):
    names = sorted(p.name for p in (built["out"] / "gambar").glob("ponsel-*"))
    widths = sorted({int(re.match(r"ponsel-(\d+)\.", n).group(1)) for n in names})
    assert widths == WIDTHS
    assert {n.rsplit(".", 1)[1] for n in names} == {"webp", "jpg"}
    for path in (built["out"] / "gambar").glob("ponsel-*"):
        with Image.open(path) as image:
            width = int(path.name.split("-")[1].split(".")[0])
            assert image.size == (width, width * 4 // 3)
            rgb = image.convert("RGB")
            right = rgb.getpixel((width * 3 // 4, width * 2 // 3))
            left = rgb.getpixel((width // 4, width * 2 // 3))
            assert right[0] > 180 and right[2] < 80, right  # stored top (red) is now on the right
            assert left[2] > 180 and left[0] < 80, left


def test_no_published_byte_carries_metadata_or_an_original(built):
    files = published(built["out"])
    assert len(files) > 20
    for path in files:
        data = path.read_bytes()
        assert data != built["photo"], path
        for marker in (b"Exif", b"GPS", b"xmpmeta", b"adobe:ns:meta", b"ICC_PROFILE", b"iCCP",
                       b"ICCP", b"rumah warga", b"PonselMerek", b"tEXt", b"\xff\xfe"):
            assert marker not in data, (path, marker)
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert set(image.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density",
                                       "loop", "background", "duration", "timestamp"}, image.info
    # the file's own name serves its largest clean derivative, for links that name it
    alias = (built["out"] / "gambar" / "ponsel.jpg").read_bytes()
    assert alias == next((built["out"] / "gambar").glob("ponsel-1080.*.jpg")).read_bytes()
    assert not list(built["out"].rglob("*.heic")) and not list(built["out"].rglob("*.gif"))


def test_pages_use_picture_srcset_dimensions_and_lazy_loading(built):
    page = (built["out"] / "berita" / "2025-03-01-ponsel" / "index.html").read_text()
    assert "{static}" not in page and "@@kp-akar@@" not in page
    pictures = re.findall(r"<picture>.*?</picture>", page, re.S)
    hero = next(p for p in pictures if "ponsel-" in p)
    assert re.search(r'<source type="image/webp" srcset="\.\./\.\./gambar/ponsel-360\.\w{8}\.webp '
                     r"360w, .*ponsel-1080\.\w{8}\.webp 1080w\"", hero)
    assert 'width="1080" height="1440"' in hero and 'alt="Foto kegiatan"' in hero
    assert 'loading="lazy"' not in hero and 'decoding="async"' in hero
    inline = next(p for p in pictures if "cmyk-" in p)
    assert 'alt="Denah lokasi"' in inline and 'loading="lazy"' in inline
    assert 'width="1440" height="900"' in inline
    for src in re.findall(r'(?:src|srcset)="([^"]+)"', page):
        for url in src.split(", "):
            url = url.split(" ")[0]
            if url.startswith("../../gambar/"):
                assert (built["out"] / url[6:]).is_file(), url


def test_special_modes_are_converted(built):
    gambar = built["out"] / "gambar"
    logo = next(gambar.glob("logo-500.*.png"))
    with Image.open(logo) as image:
        assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0
    with Image.open(next(gambar.glob("logo-500.*.webp"))) as image:
        assert image.mode == "RGBA"
    with Image.open(next(gambar.glob("abu16-360.*.jpg"))) as image:
        assert 120 <= image.convert("L").getpixel((10, 10)) <= 136  # 32768 of 65535 is mid-grey
    with Image.open(next(gambar.glob("palet-400.*.png"))) as image:
        assert image.mode == "RGBA" and image.getpixel((200, 150))[:3] == (200, 0, 0)
    with Image.open(next(gambar.glob("cmyk-1440.*.jpg"))) as image:
        assert image.mode == "RGB"
    with Image.open(next(gambar.glob("gerak-200.*.webp"))) as image:
        assert getattr(image, "n_frames", 1) == 1
    assert len(list(gambar.glob("lurah-*.jpg"))) == 3  # HEIC decoded: 360, 720 and 800


def test_social_cards_for_shared_pages_and_home(built):
    for rel in ("kartu/beranda.jpg", "kartu/berita/2025-03-01-ponsel.jpg", "kartu/umkm/warung.jpg"):
        with Image.open(built["out"] / rel) as image:
            assert image.size == (1200, 630) and image.format == "JPEG"


def test_what_a_sites_cards_share_is_drawn_once_not_per_card(monkeypatch, tmp_path):
    """Background, motif, label and place line are drawn once per site and label; each card
    then draws its title alone (the shared part was half of a card's CPU)."""
    from kelurahan.site import cards

    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (1440, 960), (90, 140, 60)).save(photo)
    drawn = {"motif": 0, "label": 0}
    motif, base = cards._motif, cards._base.__wrapped__

    def counting_motif(*args):
        drawn["motif"] += 1
        return motif(*args)

    def counting_base(*args):
        drawn["label"] += 1
        return base(*args)

    monkeypatch.setattr(cards, "_motif", counting_motif)
    monkeypatch.setattr(cards, "_base", functools.lru_cache(maxsize=16)(counting_base))
    cards._overlay.cache_clear()
    for n in range(5):
        cards.card(tmp_path / "kartu", f"Kabar nomor {n}", "Berita", "Contoh · Kota", "#1d4f91")
        cards.card(tmp_path / "kartu", f"Kabar nomor {n}", "Berita", "Contoh · Kota", "#1d4f91",
                   photo)
    cards._overlay.cache_clear()
    assert drawn == {"motif": 1, "label": 2}  # one base without a photo, one layer for photos
    assert len(list((tmp_path / "kartu").rglob("*.jpg"))) == 10


def test_second_build_encodes_nothing(built):
    assert built["second"].returncode == 1
    after = {p: p.stat().st_mtime_ns for p in built["cache"].rglob("*") if p.is_file()}
    assert {p: t for p, t in after.items() if "kunci" not in p.parts} == \
        {p: t for p, t in built["stamps"].items() if "kunci" not in p.parts}
    assert len([p for p in after if p.name == "info.json"]) == 7


def test_sources_are_never_modified(built):
    for path, data in built["sources"].items():
        assert path.read_bytes() == data


def test_build_prints_the_budget(built):
    out = built["first"].stderr
    assert "Ukuran terbit (batas GitHub Pages 1 GB):" in out
    assert re.search(r"^  seluruh kota +[\d.,]+ MB  \(gambar [\d.,]+ MB\) = \d+% dari batas$",
                     out, re.M)


def test_the_budget_kelurahan_build_prints_is_the_one_measured_from_the_output(built):
    """`kelurahan build` adds up the sizes it already has (the sites' and the portal's, as just
    recorded); measured afresh from the stamps and ledger the figures are the same."""
    printed = [line for line in built["second"].stderr.splitlines()
               if line.startswith(("Ukuran terbit", "  "))]
    assert printed and printed == report_lines(built["root"] / "output")[:len(printed)]
    assert any(line.lstrip().startswith("portal ") for line in printed)


def test_budget_warns_near_the_limit(built):
    lines = report_lines(built["root"] / "output", limit=1_000_000)
    assert lines[-1].startswith("peringatan: ukuran terbit seluruh kota ")
    assert "GitHub Pages — hapus foto yang tidak dipakai lagi" in lines[-1]


def test_very_large_file_warns(tmp_path, monkeypatch):
    path = tmp_path / "besar.jpg"
    path.write_bytes(encoded(Image.effect_noise((1500, 1000), 120).convert("RGB"), "JPEG"))
    monkeypatch.setattr(images, "WARN_BYTES", path.stat().st_size - 1)
    result = images.Cache(tmp_path / "c").get(path, "gambar/besar.jpg")
    message, fix, level = result.notes[0]
    assert level == "warning"
    assert message.startswith('berkas gambar "gambar/besar.jpg" besar sekali')
    assert fix == "perkecil foto sebelum diunggah, misalnya lebar 2000 piksel"


def test_missing_identity_image_is_reported(tmp_path):
    write_tree(tmp_path / "content", {
        "kota.toml": 'nama = "Kota Contoh"\n',
        "situ/kelurahan.toml": 'nama = "Situ"\nkecamatan = "Utara"\nlogo = "logo.png"\n',
    })
    proc = run("build", "--content", "content", "--output", "output", cwd=tmp_path)
    assert proc.returncode == 1
    assert ('content/situ/kelurahan.toml:3: gambar "gambar/logo.png" tidak ditemukan — periksa '
            "ejaan nama berkas (huruf besar/kecil berpengaruh) dan pastikan berkasnya ada di "
            "folder gambar/") in proc.stdout.splitlines()


def test_publishing_originals_leaves_the_cached_derivatives_alone(tmp_path):
    """KP_IMAGE_ORIGINALS puts the original under its own name; it used to be copied over
    the hard link of the largest derivative, i.e. into the shared cache, GPS position and all."""
    import json
    import os
    import subprocess
    import sys

    from conftest import ROOT

    photo = phone_photo()
    write_tree(tmp_path / "content", {
        "kota.toml": 'nama = "Kota Contoh"\n',
        "situ/kelurahan.toml": 'nama = "Situ"\nkecamatan = "Utara"\n',
        "situ/berita/2025-03-01-ponsel.md": BERITA.format(judul="Kerja Bakti", isi="",
                                                          gambar="gambar/ponsel.jpg"),
        "situ/gambar/ponsel.jpg": photo,
    })
    cache = tmp_path / "cache"
    for _ in range(2):  # the second build links what the first one cached
        proc = subprocess.run(
            [sys.executable, "-m", "pelican", "-s", str(ROOT / "pelicanconf.py"), "-q",
             "-o", str(tmp_path / "out"), "-e", f"CACHE_PATH={json.dumps(str(cache))}",
             "KP_IMAGE_ORIGINALS=true"],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
            env={**os.environ, "KELURAHAN_SITE": "situ",
                 "KELURAHAN_CONTENT": str(tmp_path / "content")})
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (tmp_path / "out/gambar/ponsel.jpg").read_bytes() == photo
    cached = [p for p in (cache / "gambar").rglob("*") if p.suffix in (".jpg", ".webp")]
    assert cached and all(p.read_bytes() != photo for p in cached)
    for path in cached:
        with Image.open(path) as image:
            assert max(image.size) <= 1440 and not image.getexif()
