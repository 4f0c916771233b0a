"""Open Graph cards: the 1200×630 picture WhatsApp and Facebook show when a page is shared.

A card is the page's photo (or the kelurahan's accent colour with a small batik-like motif),
its title, and the kelurahan and city name, set in Source Sans Pro (SIL Open Font License,
installed from PyPI as ``font-source-sans-pro``). Cards are cached by everything drawn on them.
"""

from __future__ import annotations

import functools
import io
import hashlib
import json
import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from kelurahan.site import speed
from kelurahan.site.images import _write_atomic

CARD_VERSION = 4
# Baseline JPEG at 75 without Huffman optimisation: 1.4 ms and 52 kB a card, against 4.9 ms and
# 55 kB at 82 optimised (progressive: 7 ms). Crawlers fetch the whole file, so progressive
# buys nothing; at 1200×630 the difference from 82 is not visible (docs/performance.md).
# 4:2:0 (Pillow's default at this quality) and a restart marker after every row of 16×16
# blocks (0.3 % more bytes): each row is then coded on its own, so a card without a photo is
# the site's base, coded once, with only the rows under its title coded again (``_spliced``).
JPEG_OPTIONS = {"quality": 75, "subsampling": 2, "restart_marker_rows": 1}
ROW = 16  # pixel rows per row of blocks at 4:2:0
WIDTH, HEIGHT = 1200, 630
MARGIN = 64


@functools.cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Source Sans Pro from the font-source-sans-pro package (a declared dependency)."""
    import font_source_sans_pro

    name = "SourceSansPro-Bold.ttf" if bold else "SourceSansPro-Regular.ttf"
    return ImageFont.truetype(str(Path(font_source_sans_pro.font_directory) / name), size)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


@functools.lru_cache(maxsize=8192)
def _length(text: str, face) -> float:
    """A word's width, measured once per site: titles share most of their words."""
    return face.getlength(text, "L")


def _wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int, lines: int) -> list[str]:
    """Break ``text`` into at most ``lines`` lines of ``width`` pixels, with … if cut."""
    words, out, current, used = text.split(), [], "", 0.0
    space = _length(" ", face)
    for word in words:
        wide = _length(word, face)
        if current and used + space + wide > width:
            if len(out) == lines:  # a line more than fits: the rest is cut anyway
                break
            out.append(current)
            current, used = word, wide
        else:
            current, used = (f"{current} {word}", used + space + wide) if current else (word, wide)
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        while last and draw.textlength(last + "…", font=face) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out[-1] = last.rstrip(" ,.;:–—") + "…"
    return out


def _motif(draw: ImageDraw.ImageDraw, colour: tuple[int, int, int]) -> None:
    """Rows of small diamonds and crosses, in the spirit of the jlamprang batik pattern."""
    light = tuple(min(255, c + 40) for c in colour)
    step = 70
    for row, y in enumerate(range(-step // 2, HEIGHT + step, step)):
        for x in range(WIDTH - 4 * step + (row % 2) * step // 2, WIDTH + step, step):
            r = 22
            draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], outline=light, width=4)
            draw.line([(x - 6, y), (x + 6, y)], fill=light, width=3)
            draw.line([(x, y - 6), (x, y + 6)], fill=light, width=3)


TITLE_CHARS = 240
TITLE_SIZES = (68, 60, 52, 46)
MOTIF_CLEARANCE = 260  # the title stays left of the motif


@functools.lru_cache(maxsize=16)
def _base(label: str, place: str, colour: str, photo: bool) -> Image.Image:
    """What every card of a site with this label shares, drawn once: for cards without a photo
    the accent colour, motif, bottom strip, label and place line; for photo cards the same
    strip, label and place on a transparent layer laid over each photo."""
    accent = _rgb(colour)
    if photo:
        base = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    else:
        base = Image.new("RGB", (WIDTH, HEIGHT), accent)
        _motif(ImageDraw.Draw(base), accent)
    draw = ImageDraw.Draw(base)
    draw.rectangle([0, HEIGHT - 14, WIDTH, HEIGHT], fill=accent if photo else (255, 255, 255))
    tag = font(30, True)
    tag_w = draw.textlength(label.upper(), font=tag)
    draw.rounded_rectangle([MARGIN, MARGIN, MARGIN + tag_w + 36, MARGIN + 50], 8,
                           fill=accent if photo else (255, 255, 255))
    draw.text((MARGIN + 18, MARGIN + 25), label.upper(), font=tag, anchor="lm",
              fill=(255, 255, 255) if photo else accent)
    small = font(32)
    place = _wrap(draw, place, small, WIDTH - 2 * MARGIN, 1)[0]
    draw.text((MARGIN, HEIGHT - MARGIN - 10), place, font=small, anchor="ls", fill=(255, 255, 255))
    return base


@functools.lru_cache(maxsize=16)
def _overlay(label: str, place: str, colour: str) -> tuple[tuple[tuple[int, int], Image.Image], ...]:
    """The photo cards' shared layer cut to the bands that hold something (label; place and
    strip): pasting the whole transparent 1200×630 layer on each photo cost 2 ms a card."""
    layer = _base(label, place, colour, True)
    pieces = []
    for band in ((0, 0, WIDTH, HEIGHT // 2), (0, HEIGHT // 2, WIDTH, HEIGHT)):
        box = layer.getchannel("A").crop(band).getbbox()
        if box:
            box = (box[0] + band[0], box[1] + band[1], box[2] + band[0], box[3] + band[1])
            pieces.append((box[:2], layer.crop(box)))
    return tuple(pieces)


@functools.cache
def _shade() -> tuple[Image.Image, Image.Image]:
    """The dark layer and the top-to-bottom mask that keep white text readable on a photo."""
    mask = Image.linear_gradient("L").resize((WIDTH, HEIGHT)).point(lambda v: v * 0.8 + 40)
    return Image.new("RGB", (WIDTH, HEIGHT), (12, 16, 24)), mask


def _title(draw: ImageDraw.ImageDraw, title: str, photo: bool):
    """(font, [(y, line), …]) of a card's title: as large as fits in three lines."""
    title = title[:TITLE_CHARS]  # three lines at most are drawn: never lay out a whole book
    width = WIDTH - 2 * MARGIN - (0 if photo else MOTIF_CLEARANCE)
    for size in TITLE_SIZES:
        face = font(size, True)
        lines = _wrap(draw, title, face, width, 3)
        if not lines[-1].endswith("…"):
            break
    step = int(size * 1.15)
    top = HEIGHT - MARGIN - 60 - len(lines) * step
    return face, [(top + index * step, line) for index, line in enumerate(lines)]


def compose(title: str, label: str, place: str, colour: str, photo: Path | None) -> Image.Image:
    """One card: the site's shared base (see ``_base``) with this page's title, or its photo."""
    if photo is not None:
        with Image.open(photo) as source:
            # bilinear: the photo shrinks by 1.2 at most (1440 px), where bicubic took 1.6× the CPU
            card = ImageOps.fit(source.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.BILINEAR)
        dark, mask = _shade()
        card = Image.composite(dark, card, mask)
        for corner, piece in _overlay(label, place, colour):
            card.paste(piece, corner, piece)
    else:
        card = _base(label, place, colour, False).copy()
    draw = ImageDraw.Draw(card)
    face, lines = _title(draw, title, photo is not None)
    for y, line in lines:
        draw.text((MARGIN, y), line, font=face, fill=(255, 255, 255))
    return card


def encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **JPEG_OPTIONS)
    return buffer.getvalue()


_RESTART = re.compile(rb"\xff[\xd0-\xd7]")


def _rows(jpeg: bytes) -> tuple[bytes, list[bytes]]:
    """A baseline JPEG with a restart marker after every row of blocks, cut into its header
    (up to the end of the scan header) and the coded rows, markers and end mark left out.
    Inside coded data a 0xFF byte is always followed by 0x00 or a marker, so the cut is exact."""
    at = 2
    while jpeg[at + 1] != 0xDA:  # segments up to the start of the scan
        at += 2 + int.from_bytes(jpeg[at + 2:at + 4], "big")
    start = at + 2 + int.from_bytes(jpeg[at + 2:at + 4], "big")
    if not jpeg.endswith(b"\xff\xd9"):
        raise ValueError("not a single-scan JPEG")
    return jpeg[:start], _RESTART.split(jpeg[start:-2])


@functools.lru_cache(maxsize=16)
def _coded_base(label: str, place: str, colour: str) -> tuple[bytes, tuple[bytes, ...]]:
    """The base of cards without a photo, coded once: header and rows."""
    header, rows = _rows(encode(_base(label, place, colour, False)))
    if len(rows) != -(-HEIGHT // ROW):
        raise ValueError("unexpected JPEG layout")
    return header, tuple(rows)


def _spliced(title: str, label: str, place: str, colour: str) -> bytes | None:
    """A card without a photo, byte for byte what ``encode(compose(…))`` gives, made by coding
    only the rows of blocks the title covers: the title is drawn on that band of the base and
    the band's coded rows replace the base's. About half of the card's CPU (the JPEG encoder
    and a full copy of the base went over all 630 rows). None if the title reaches the last,
    partial row (never with the sizes above)."""
    base = _base(label, place, colour, False)
    draw = ImageDraw.Draw(base)  # measuring only: nothing is drawn on the shared base
    face, lines = _title(draw, title, False)
    boxes = [draw.textbbox((MARGIN, y), line, font=face) for y, line in lines]
    top, bottom = min(box[1] for box in boxes), max(box[3] for box in boxes)
    first, last = max(0, top - 2) // ROW, (bottom + 2 + ROW - 1) // ROW  # rows [first, last)
    if last * ROW > HEIGHT // ROW * ROW:
        return None
    band = base.crop((0, first * ROW, WIDTH, last * ROW))
    draw = ImageDraw.Draw(band)
    for y, line in lines:
        draw.text((MARGIN, y - first * ROW), line, font=face, fill=(255, 255, 255))
    _, coded = _rows(encode(band))
    header, rows = _coded_base(label, place, colour)
    if len(coded) != last - first:
        raise ValueError("unexpected JPEG layout")
    rows = rows[:first] + tuple(coded) + rows[last:]
    out = [header]
    for index, row in enumerate(rows):
        if index:
            out.append(bytes((0xFF, 0xD0 + (index - 1) % 8)))
        out.append(row)
    out.append(b"\xff\xd9")
    return b"".join(out)


def render(title: str, label: str, place: str, colour: str, photo: Path | None = None) -> bytes:
    """The JPEG bytes of a card."""
    if photo is None and speed.enabled():
        try:
            data = _spliced(title, label, place, colour)
        except (ValueError, IndexError):  # a JPEG library that codes otherwise: code it whole
            data = None
        if data is not None:
            return data
    return encode(compose(title, label, place, colour, photo))


def card_path(cache: Path, title: str, label: str, place: str, colour: str,
              photo: Path | None = None) -> Path:
    """Where the card with these contents is (or will be) cached."""
    photo_id = photo.parent.name + "/" + photo.name if photo else ""
    key = hashlib.sha256(json.dumps([CARD_VERSION, title, label, place, colour, photo_id])
                         .encode()).hexdigest()
    return Path(cache) / key[:2] / f"{key}.jpg"


def card(cache: Path, title: str, label: str, place: str, colour: str,
         photo: Path | None = None) -> Path:
    """The cached JPEG of a card, drawn only when something on it changed."""
    path = card_path(cache, title, label, place, colour, photo)
    if not path.is_file():
        _write_atomic(path, render(title, label, place, colour, photo))
    return path
