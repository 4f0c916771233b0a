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
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from kelurahan.site.images import _write_atomic

CARD_VERSION = 2
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


def _wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int, lines: int) -> list[str]:
    """Break ``text`` into at most ``lines`` lines of ``width`` pixels, with … if cut."""
    words, out, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=face) <= width or not current:
            current = trial
        else:
            out.append(current)
            current = word
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


def compose(title: str, label: str, place: str, colour: str, photo: Path | None) -> Image.Image:
    """Draw one card: photo or accent colour, the type label, the title and the place."""
    title = title[:TITLE_CHARS]  # three lines at most are drawn: never lay out a whole book
    accent = _rgb(colour)
    if photo is not None:
        with Image.open(photo) as source:
            card = ImageOps.fit(source.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.BICUBIC)
        shade = Image.linear_gradient("L").resize((WIDTH, HEIGHT)).point(lambda v: v * 0.8 + 40)
        card = Image.composite(Image.new("RGB", card.size, (12, 16, 24)), card, shade)
    else:
        card = Image.new("RGB", (WIDTH, HEIGHT), accent)
        _motif(ImageDraw.Draw(card), accent)
    draw = ImageDraw.Draw(card)
    draw.rectangle([0, HEIGHT - 14, WIDTH, HEIGHT], fill=accent if photo else (255, 255, 255))
    tag = font(30, True)
    tag_w = draw.textlength(label.upper(), font=tag)
    draw.rounded_rectangle([MARGIN, MARGIN, MARGIN + tag_w + 36, MARGIN + 50], 8,
                           fill=accent if photo else (255, 255, 255))
    draw.text((MARGIN + 18, MARGIN + 25), label.upper(), font=tag, anchor="lm",
              fill=(255, 255, 255) if photo else accent)
    width = WIDTH - 2 * MARGIN - (0 if photo else 260)  # clear of the motif
    for size in (68, 60, 52, 46):
        face = font(size, True)
        lines = _wrap(draw, title, face, width, 3)
        if not lines[-1].endswith("…"):
            break
    height = len(lines) * int(size * 1.15)
    top = HEIGHT - MARGIN - 60 - height
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * int(size * 1.15)), line, font=face, fill=(255, 255, 255))
    small = font(32)
    place = _wrap(draw, place, small, WIDTH - 2 * MARGIN, 1)[0]
    draw.text((MARGIN, HEIGHT - MARGIN - 10), place, font=small, anchor="ls", fill=(255, 255, 255))
    return card


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
        image = compose(title, label, place, colour, photo)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82, optimize=True)
        _write_atomic(path, buffer.getvalue())
    return path
