"""Draw the example illustrations that the bundled content refers to.

Flat drawings only (gradient, simple shapes, a batik-like pattern, a caption), never photographs
and never people, so nobody mistakes them for pictures of real events. Each JPEG carries a
fingerprint of what was drawn in its comment: a rerun skips files that are already right, and a
file without our fingerprint (a real photo a clerk put in its place) is never overwritten.

    python -m kelurahan.tools.sample_images [content_dir]
"""

from __future__ import annotations

import hashlib
import io
import math
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    tomllib = None

# Bump when the drawing code changes, so old samples are redrawn.
VERSION = 1
CANVAS = (1200, 675)
SIZE = (800, 450)
QUALITY = 70
MAX_BYTES = 60_000
MARK = b"kelurahan-pintar contoh "
DEFAULT_ACCENT = "#5c3d1e"
CREAM = (246, 238, 222)
INK = (40, 33, 28)


def _ex(path: str, motif: str, name: str) -> tuple[str, str, str]:
    """An example entry's illustration, captioned so nobody takes it for the real thing."""
    return (path, motif, f"Ilustrasi contoh - {name}")


# Per kelurahan: (path inside its folder, motif, caption). The content's front matter points here.
_PILOT_BERITA = [
    ("gambar/berita-peluncuran.jpg", "pilar", "Ilustrasi - enam pilar Kelurahan Pintar"),
    ("gambar/berita-rapat.jpg", "rapat", "Ilustrasi - rapat koordinasi"),
    _ex("gambar/berita-pelatihan-umkm.jpg", "laptop", "pelatihan UMKM"),
    _ex("gambar/berita-kerja-bakti.jpg", "lingkungan", "kerja bakti"),
]
SAMPLES = {
    "kuripan-yosorejo": _PILOT_BERITA
    + [
        _ex("gambar/umkm-batik-contoh-sekar.jpg", "batik", "Batik Contoh Sekar"),
        _ex("gambar/produk/kain-batik-cap-contoh.jpg", "batik", "kain batik cap"),
        _ex("gambar/umkm-warung-megono-contoh.jpg", "kuliner", "Warung Megono Contoh"),
        _ex("gambar/umkm-jahit-contoh-rapi.jpg", "toko", "Jahit Contoh Rapi"),
        _ex("gambar/wisata-sentra-batik-contoh.jpg", "galeri", "Sentra Batik Contoh"),
        _ex("gambar/wisata-taman-baca-contoh.jpg", "buku", "Taman Baca Contoh"),
    ],
    "padukuhan-kraton": _PILOT_BERITA
    + [
        _ex("gambar/umkm-olahan-ikan-contoh-bahari.jpg", "ikan", "Olahan Ikan Contoh Bahari"),
        _ex("gambar/produk/kerupuk-ikan-contoh.jpg", "ikan", "kerupuk ikan"),
        _ex("gambar/umkm-tauto-contoh-rasa.jpg", "kuliner", "Tauto Contoh Rasa"),
        _ex("gambar/umkm-batik-cap-contoh-lestari.jpg", "batik", "Batik Cap Contoh Lestari"),
        _ex("gambar/wisata-sentra-kuliner-contoh.jpg", "kuliner", "Sentra Kuliner Contoh"),
        _ex("gambar/wisata-taman-kelurahan-contoh.jpg", "taman", "Taman Kelurahan Contoh"),
    ],
    "sapuro-kebulen": _PILOT_BERITA
    + [
        _ex("gambar/umkm-batik-tulis-contoh-melati.jpg", "batik", "Batik Tulis Contoh Melati"),
        _ex("gambar/produk/kain-batik-tulis-contoh.jpg", "batik", "kain batik tulis"),
        _ex("gambar/umkm-anyaman-contoh-serasi.jpg", "anyaman", "Anyaman Contoh Serasi"),
        _ex("gambar/umkm-kue-contoh-manis.jpg", "kuliner", "Kue Contoh Manis"),
        _ex("gambar/wisata-galeri-batik-contoh.jpg", "galeri", "Galeri Batik Contoh"),
        _ex("gambar/wisata-kuliner-malam-contoh.jpg", "kuliner", "Kuliner Malam Contoh"),
    ],
    "kauman": _PILOT_BERITA
    + [
        _ex("gambar/umkm-batik-contoh-parang.jpg", "batik", "Batik Contoh Parang"),
        _ex("gambar/produk/kain-batik-parang-contoh.jpg", "batik", "kain batik"),
        _ex("gambar/umkm-busana-contoh-anggun.jpg", "toko", "Busana Contoh Anggun"),
        _ex("gambar/umkm-kedai-kopi-contoh.jpg", "kuliner", "Kedai Kopi Contoh"),
    ],
}

PILLAR_COLOURS = [
    (21, 101, 192),
    (46, 125, 50),
    (0, 131, 143),
    (106, 27, 154),
    (173, 20, 87),
    (85, 139, 47),
]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def _accent(site_dir: Path) -> tuple[int, int, int]:
    """The kelurahan's `warna`, so the samples match its site; a default when unset."""
    toml = site_dir / "kelurahan.toml"
    try:  # a broken kelurahan.toml is `kelurahan check`'s business, not ours
        colour = str(tomllib.loads(toml.read_text(encoding="utf-8")).get("warna", ""))
        return _rgb(colour) if len(colour.lstrip("#")) == 6 else _rgb(DEFAULT_ACCENT)
    except (AttributeError, OSError, ValueError):
        return _rgb(DEFAULT_ACCENT)


def _star(draw, cx, cy, r, fill):
    """An eight-pointed star: the core of the jlamprang-like pattern."""
    pts = []
    for i in range(16):
        rad = r if i % 2 == 0 else r * 0.55
        a = math.pi * i / 8
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(pts, fill=fill)


def _batik(img, box, cell, fg, bg, alt):
    """Fill box with a geometric batik-like pattern: stars, diamonds and dots on a grid."""
    x0, y0, x1, y1 = (round(c) for c in box)
    tile = Image.new("RGB", (x1 - x0, y1 - y0), bg)
    draw = ImageDraw.Draw(tile)
    for y in range(0, tile.height + cell, cell):
        for x in range(0, tile.width + cell, cell):
            _star(draw, x, y, cell * 0.42, fg)
            draw.ellipse(
                (x - cell * 0.12, y - cell * 0.12, x + cell * 0.12, y + cell * 0.12), fill=bg
            )
            mx, my, d = x + cell / 2, y + cell / 2, cell * 0.16
            draw.polygon([(mx, my - d), (mx + d, my), (mx, my + d), (mx - d, my)], fill=alt)
    img.paste(tile, (x0, y0))


def _motif_batik(img, draw, w, h, accent, v):
    """A length of batik cloth with a plain border (pinggiran)."""
    draw.rectangle((w * 0.16, h * 0.12, w * 0.84, h * 0.94), fill=_mix(accent, INK, 0.35))
    _batik(
        img,
        (w * 0.18, h * 0.15, w * 0.82, h * 0.91),
        (120, 140, 160)[v % 3],
        accent,
        CREAM,
        _mix(accent, (255, 255, 255), 0.45),
    )


def _motif_pilar(img, draw, w, h, accent, v):
    r, gap = 110, 70
    for i, colour in enumerate(PILLAR_COLOURS):
        cx = w / 2 + (i % 3 - 1) * (2 * r + gap)
        cy = h * 0.53 + (i // 3 - 0.5) * (2 * r + 20)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
        draw.ellipse((cx - r * 0.45, cy - r * 0.45, cx + r * 0.45, cy + r * 0.45), fill=CREAM)


def _motif_rapat(img, draw, w, h, accent, v):
    table = (w * 0.2, h * 0.22, w * 0.8, h * 0.7)
    for i in range(5):  # empty chairs around the table
        cx = table[0] + (i + 0.5) * (table[2] - table[0]) / 5
        for cy in (table[1] - 45, table[3] + 45):
            draw.rounded_rectangle(
                (cx - 50, cy - 30, cx + 50, cy + 30), 14, fill=_mix(accent, INK, 0.4)
            )
    draw.rounded_rectangle(table, 40, fill=(176, 124, 74))
    for i in range(3):
        x = table[0] + 60 + i * 150
        draw.rectangle((x, h * 0.32, x + 110, h * 0.55), fill=(255, 255, 255))
        for j in range(4):
            y = h * 0.35 + j * 22
            draw.line((x + 14, y, x + 96, y), fill=(170, 170, 170), width=6)
    draw.rounded_rectangle((w * 0.62, h * 0.3, w * 0.75, h * 0.58), 8, fill=INK)


def _motif_laptop(img, draw, w, h, accent, v):
    draw.rounded_rectangle((w * 0.28, h * 0.14, w * 0.72, h * 0.62), 18, fill=INK)
    draw.rectangle((w * 0.3, h * 0.18, w * 0.7, h * 0.58), fill=CREAM)
    for i in range(3):  # a product catalogue on the screen
        x = w * 0.32 + i * w * 0.13
        draw.rectangle((x, h * 0.23, x + w * 0.11, h * 0.42), fill=_mix(accent, CREAM, 0.3 * i))
        draw.line((x, h * 0.47, x + w * 0.09, h * 0.47), fill=(150, 150, 150), width=8)
    draw.polygon(
        [(w * 0.22, h * 0.66), (w * 0.78, h * 0.66), (w * 0.82, h * 0.72), (w * 0.18, h * 0.72)],
        fill=(90, 90, 96),
    )


def _waves(draw, w, h, top, colour, phase=0.0):
    pts = [(x, top + 18 * math.sin(x / 70 + phase)) for x in range(0, w + 20, 20)]
    draw.polygon(pts + [(w, h), (0, h)], fill=colour)


def _tree(draw, x, base, size, leaf):
    draw.rectangle((x - size * 0.08, base - size, x + size * 0.08, base), fill=(110, 76, 46))
    draw.ellipse((x - size * 0.5, base - size * 1.6, x + size * 0.5, base - size * 0.7), fill=leaf)


def _motif_lingkungan(img, draw, w, h, accent, v):
    draw.rectangle((0, h * 0.58, w, h), fill=(104, 159, 56))
    for i, x in enumerate((w * 0.18, w * 0.38, w * 0.62, w * 0.84)):
        _tree(draw, x, h * 0.62, 150 + 30 * (i % 2), (46, 125, 50) if i % 2 else (67, 160, 71))
    _waves(draw, w, h, h * 0.7, (2, 119, 189))
    _waves(draw, w, h, h * 0.78, (3, 155, 229), 1.5)


def _motif_kuliner(img, draw, w, h, accent, v):
    cx, cy = w / 2, h * 0.5
    draw.ellipse((cx - 330, cy - 40, cx + 330, cy + 90), fill=CREAM)
    draw.chord((cx - 240, cy - 190, cx + 240, cy + 80), 0, 180, fill=accent)
    draw.ellipse((cx - 240, cy - 80, cx + 240, cy - 20), fill=_mix(accent, CREAM, 0.6))
    for dx in (-90, 0, 90):  # steam
        pts = [(cx + dx + 14 * math.sin(t / 12), cy - 110 - t) for t in range(0, 150, 6)]
        draw.line(pts, fill=CREAM, width=10, joint="curve")


def _motif_toko(img, draw, w, h, accent, v):
    draw.rectangle((w * 0.22, h * 0.3, w * 0.78, h * 0.72), fill=CREAM)
    stripe = (w * 0.6) / 8
    for i in range(8):
        x = w * 0.2 + i * stripe
        draw.rectangle(
            (x, h * 0.16, x + stripe, h * 0.3), fill=accent if i % 2 else (255, 255, 255)
        )
        draw.chord(
            (x, h * 0.24, x + stripe, h * 0.36), 0, 180, fill=accent if i % 2 else (255, 255, 255)
        )
    draw.rectangle((w * 0.3, h * 0.42, w * 0.5, h * 0.72), fill=_mix(accent, INK, 0.3))
    draw.rectangle((w * 0.56, h * 0.42, w * 0.72, h * 0.6), fill=(144, 202, 249))


def _motif_anyaman(img, draw, w, h, accent, v):
    light, dark, band = (222, 184, 135), (160, 112, 64), 60
    draw.rectangle((0, 0, w, h), fill=light)
    for i in range(w // band + 1):
        for j in range(h // band + 1):
            if (i + j) % 2:
                draw.rectangle((i * band, j * band, i * band + band, j * band + band), fill=dark)


def _fish(draw, cx, cy, s, colour):
    draw.ellipse((cx - s, cy - s * 0.45, cx + s, cy + s * 0.45), fill=colour)
    draw.polygon(
        [(cx + s * 0.8, cy), (cx + s * 1.5, cy - s * 0.5), (cx + s * 1.5, cy + s * 0.5)],
        fill=colour,
    )
    draw.ellipse((cx - s * 0.65, cy - s * 0.12, cx - s * 0.45, cy + s * 0.08), fill=INK)


def _motif_ikan(img, draw, w, h, accent, v):
    _waves(draw, w, h, h * 0.55, (2, 119, 189))
    for i, (x, y) in enumerate(((0.3, 0.35), (0.62, 0.3), (0.48, 0.5))):
        _fish(draw, w * x, h * y, 110 - 15 * i, (255, 183, 77) if i % 2 else CREAM)


def _motif_taman(img, draw, w, h, accent, v):
    draw.rectangle((0, h * 0.6, w, h), fill=(104, 159, 56))
    draw.polygon(
        [(w * 0.45, h), (w * 0.55, h), (w * 0.52, h * 0.6), (w * 0.48, h * 0.6)],
        fill=(215, 204, 200),
    )
    for i, x in enumerate((w * 0.15, w * 0.3, w * 0.72, w * 0.88)):
        _tree(draw, x, h * 0.65, 140 + 20 * (i % 2), (46, 125, 50))
    draw.rectangle((w * 0.58, h * 0.6, w * 0.7, h * 0.63), fill=(121, 85, 72))  # bench


def _motif_galeri(img, draw, w, h, accent, v):
    for i in range(3):
        x = w * 0.12 + i * w * 0.27
        draw.rectangle((x, h * 0.2, x + w * 0.22, h * 0.8), fill=(121, 85, 72))
        _batik(
            img,
            (x + 14, h * 0.2 + 14, x + w * 0.22 - 14, h * 0.8 - 14),
            (90, 100, 110)[i],
            _mix(accent, INK, 0.2 * i),
            CREAM,
            (255, 202, 40),
        )


def _motif_buku(img, draw, w, h, accent, v):
    colours = [accent, (255, 183, 77), (2, 119, 189), CREAM, (173, 20, 87), (67, 160, 71)]
    draw.rectangle((w * 0.15, h * 0.66, w * 0.85, h * 0.7), fill=(121, 85, 72))
    x = w * 0.2
    for i in range(11):
        bw, bh = 40 + 12 * (i % 3), 200 + 30 * (i % 4)
        draw.rectangle((x, h * 0.66 - bh, x + bw, h * 0.66), fill=colours[i % len(colours)])
        x += bw + 8


# Every _motif_<name> function, by <name>: adding a drawing is adding one function.
MOTIFS = {name[7:]: fn for name, fn in globals().items() if name.startswith("_motif_")}


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has only the small bitmap font
        return ImageFont.load_default()


def draw(motif: str, caption: str, accent, variant: int = 0) -> Image.Image:
    """One illustration: gradient, motif, batik band and caption."""
    # Drawn at 1.5x and scaled down: smooth edges, which also keep the JPEG small.
    w, h = CANVAS
    mask = Image.linear_gradient("L").resize((w, h))
    img = Image.composite(
        Image.new("RGB", (w, h), _mix(accent, (255, 255, 255), 0.55)),
        Image.new("RGB", (w, h), accent),
        mask,
    )
    d = ImageDraw.Draw(img)
    MOTIFS[motif](img, d, w, h - 90, accent, variant)
    _batik(img, (0, 0, w, 36), 36, CREAM, accent, _mix(accent, CREAM, 0.5))
    d.rectangle((0, h - 90, w, h), fill=_mix(accent, INK, 0.6))
    d.text((40, h - 45), caption, font=_font(38), fill=(255, 255, 255), anchor="lm")
    return img.resize(SIZE, Image.Resampling.LANCZOS)


def fingerprint(motif: str, caption: str, accent, variant: int) -> bytes:
    """What a sample's JPEG comment must hold for it to count as up to date."""
    spec = repr((VERSION, SIZE, QUALITY, motif, caption, tuple(accent), variant)).encode()
    return MARK + hashlib.sha256(spec).hexdigest()[:16].encode()


def _encode(img: Image.Image, mark: bytes) -> bytes:
    """JPEG bytes at QUALITY, stepping down only if a busy pattern would exceed MAX_BYTES."""
    for quality in range(QUALITY, 40, -5):
        out = io.BytesIO()
        img.save(out, "JPEG", quality=quality, optimize=True, progressive=True, comment=mark)
        if out.tell() <= MAX_BYTES:
            break
    return out.getvalue()


def _existing_mark(path: Path) -> bytes | None:
    try:
        with Image.open(path) as img:
            return img.info.get("comment")
    except OSError:
        return None


def make_all(content_dir, force: bool = False) -> dict[str, list[Path]]:
    """Draw every sample whose kelurahan folder exists (force: redraw our own ones too)."""
    content = Path(content_dir)
    done = {"dibuat": [], "sudah_ada": [], "dibiarkan": []}
    for slug, samples in SAMPLES.items():
        site = content / slug
        if not site.is_dir():
            continue
        accent = _accent(site)
        for rel, motif, caption in samples:
            path = site / rel
            variant = zlib.crc32(rel.encode())
            mark = fingerprint(motif, caption, accent, variant)
            if path.exists():
                old = _existing_mark(path) or b""
                if not old.startswith(MARK):
                    done["dibiarkan"].append(path)  # someone's own picture: never overwrite it
                    continue
                if old == mark and not force:
                    done["sudah_ada"].append(path)
                    continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_encode(draw(motif, caption, accent, variant), mark))
            done["dibuat"].append(path)
    return done


def main(argv: list[str]) -> int:
    content = argv[0] if argv else "content"
    if not Path(content).is_dir():
        print(
            f"{content}: folder konten tidak ditemukan — sebutkan folder konten, "
            f"misalnya: python -m kelurahan.tools.sample_images content",
            file=sys.stderr,
        )
        return 2
    done = make_all(content)
    for path in done["dibiarkan"]:
        print(f"{path}: dibiarkan, bukan gambar contoh buatan skrip ini")
    print(
        f"{len(done['dibuat'])} gambar contoh dibuat, {len(done['sudah_ada'])} sudah ada, "
        f"{len(done['dibiarkan'])} dibiarkan."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
