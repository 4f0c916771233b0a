"""Field types of the content contract: how each value is checked and normalised.

A field knows its type, default, Indonesian label and help. The same description drives the
reader's validation, ``kelurahan check``, the web editor's configuration, the open-data export
and the staff guide: a field is never described twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from posixpath import normpath

KINDS = ("text", "markdown", "int", "bool", "date", "datetime", "enum", "list", "phone",
         "whatsapp", "url", "email", "coords", "image", "color", "objects", "table")


class Invalid(ValueError):
    """A value that does not fit its field: what is wrong, and how to fix it (Indonesian)."""

    def __init__(self, message: str, fix: str = "", key: str = ""):
        super().__init__(message)
        self.message, self.fix, self.key = message, fix, key


@dataclass(frozen=True)
class Field:
    """One front-matter or TOML key: type, rules, and the words staff read about it."""

    name: str
    kind: str
    label: str
    help: str
    required: bool = False
    default: object = None
    choices: tuple = ()
    aliases: tuple = ()
    max_length: int | None = None
    fields: tuple["Field", ...] = ()  # sub-fields of an ``objects`` list or a ``table``
    example: object = None

    def __post_init__(self):
        assert self.kind in KINDS, self.kind

    def coerce(self, value, key: str = ""):
        """Return the normalised value, or raise Invalid."""
        return _COERCERS[self.kind](self, value, key or self.name)

    def is_empty(self, value) -> bool:
        return value is None or value == "" or value == [] or value == {}


def _text(f: Field, value, key):
    if isinstance(value, (dict, list)):
        raise Invalid(f"{key} harus berupa teks, bukan daftar",
                      f"tulis {key}: diikuti satu teks pada baris yang sama")
    if isinstance(value, bool):
        raise Invalid(f'{key} harus berupa teks', f'beri tanda kutip, misalnya {key}: "ya"')
    return str(value).strip()


def _int(f: Field, value, key):
    if isinstance(value, bool):
        raise Invalid(f"{key} harus berupa angka", f"tulis angka saja, misalnya {key}: 3")
    if isinstance(value, int):
        return value
    text = re.sub(r"^rp\.?\s*", "", str(value).strip().lower()).replace(".", "").replace(",", "")
    if text.isdigit():
        return int(text)
    raise Invalid(f'{key} "{value}" bukan angka', f"tulis angka saja tanpa titik, misalnya {key}: 15000")


def _bool(f: Field, value, key):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("ya", "true", "benar", "1"):
        return True
    if text in ("tidak", "false", "salah", "0"):
        return False
    raise Invalid(f'{key} "{value}" harus ya atau tidak', f"tulis {key}: true atau {key}: false")


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$")


def _date(f: Field, value, key):
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    match = _DATE.match(str(value).strip())
    try:
        if not match:
            raise ValueError
        parts = [int(p) if p else 0 for p in match.groups()]
        return dt.datetime(*parts)
    except ValueError:
        raise Invalid(f'{key} "{value}" bukan tanggal yang dikenal',
                      f"tulis tanggal sebagai TAHUN-BULAN-HARI, misalnya {key}: 2025-02-25 "
                      "atau 2025-02-25 09:30 (WIB)") from None


def _enum(f: Field, value, key):
    text = _text(f, value, key)
    for choice in f.choices:
        if text.lower() == str(choice).lower():
            return choice
    raise Invalid(f'{key} "{text}" tidak dikenal',
                  "pilih salah satu: " + ", ".join(str(c) for c in f.choices))


def _list(f: Field, value, key):
    if isinstance(value, str):
        value = [value] if value.strip() else []
    if not isinstance(value, list):
        raise Invalid(f"{key} harus berupa daftar",
                      f"tulis setiap butir {key} pada baris sendiri yang diawali '- '")
    out = []
    for index, item in enumerate(value):
        if isinstance(item, (dict, list)) or item is None:
            raise Invalid(f"butir ke-{index + 1} {key} harus berupa teks",
                          "tulis satu teks setelah '- '", key=f"{key}.{index}")
        out.append(str(item).strip())
    return [item for item in out if item]


def _phone(f: Field, value, key):
    raw = str(value).strip()
    digits = re.sub(r"[\s\-().]", "", raw)
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    if not (digits.isdigit() and digits.startswith("62") and 9 <= len(digits) <= 15):
        raise Invalid(f'nomor {key} "{raw}" tidak dikenali',
                      f"tulis nomor Indonesia, misalnya {key}: 0812-3456-7890 atau +62 812-3456-7890")
    return "+" + digits


def _whatsapp(f: Field, value, key):
    number = _phone(f, value, key)
    if not number.startswith("+628"):
        raise Invalid(f'nomor {key} "{value}" bukan nomor ponsel',
                      "WhatsApp memerlukan nomor ponsel yang diawali 08…, misalnya 0812-3456-7890")
    return number


def _url(f: Field, value, key):
    text = _text(f, value, key)
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", text):
        raise Invalid(f'alamat tautan {key} "{text}" tidak lengkap',
                      "tulis alamat lengkap yang diawali https://, misalnya https://www.lapor.go.id/")
    return text


def _email(f: Field, value, key):
    text = _text(f, value, key)
    if not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", text, re.I):
        raise Invalid(f'alamat surel {key} "{text}" tidak benar',
                      "tulis seperti nama@contoh.go.id")
    return text


def _coords(f: Field, value, key):
    if isinstance(value, str):
        value = [p for p in re.split(r"[,;\s]+", value.strip()) if p]
    try:
        lat, lon = (float(v) for v in value)
    except (TypeError, ValueError):
        raise Invalid(f"{key} harus berisi dua angka: lintang dan bujur",
                      f"tulis misalnya {key}: [-6.8886, 109.6753] (salin dari Google Maps)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise Invalid(f"{key} [{lat}, {lon}] di luar jangkauan peta",
                      "lintang (-90 s.d. 90) ditulis dahulu, lalu bujur (-180 s.d. 180)")
    return [lat, lon]


def _image(f: Field, value, key):
    text = _text(f, value, key).replace("\\", "/")
    if re.match(r"^[a-z]+://", text, re.I):
        raise Invalid(f'{key} "{text}" adalah tautan ke situs lain',
                      "unduh gambarnya, simpan di folder gambar/ kelurahan ini, lalu tulis "
                      "misalnya gambar/nama-berkas.jpg")
    if "/" not in text:
        text = "gambar/" + text
    clean = normpath(text.lstrip("/")) if not text.startswith("/") else text
    if text.startswith("/") or clean.startswith("..") or clean == ".":
        raise Invalid(f'{key} "{text}" berada di luar folder kelurahan ini',
                      "simpan gambar di folder gambar/ kelurahan ini dan tulis misalnya "
                      "gambar/nama-berkas.jpg")
    return clean


def contrast_ratio(hex_a: str, hex_b: str) -> float:
    """WCAG 2.1 contrast ratio between two #rrggbb colours."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(hex_a), luminance(hex_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darken_until(hex_colour: str, against: str = "#ffffff", ratio: float = 4.5) -> str:
    """The same hue, darkened just enough to reach the contrast ratio against ``against``."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(0, 101):
        scaled = "#" + "".join(f"{round(c * (1 - step / 100)):02x}" for c in rgb)
        if contrast_ratio(scaled, against) >= ratio:
            return scaled
    return "#000000"


def _color(f: Field, value, key):
    text = _text(f, value, key).lower()
    if re.match(r"^#[0-9a-f]{3}$", text):
        text = "#" + "".join(c * 2 for c in text[1:])
    if not re.match(r"^#[0-9a-f]{6}$", text):
        raise Invalid(f'{key} "{text}" bukan kode warna',
                      f'tulis kode warna heksadesimal, misalnya {key} = "#7a3e12"')
    ratio = contrast_ratio(text, "#ffffff")
    if ratio < 4.5:
        raise Invalid(f"{key} {text} terlalu terang untuk teks putih (kontras {ratio:.1f}:1, "
                      "minimal 4.5:1)", f'pakai warna yang lebih gelap, misalnya {key} = '
                      f'"{darken_until(text)}"')
    return text


def _records(f: Field, value, key):
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise Invalid(f"{key} harus berupa daftar",
                      f"tulis setiap butir {key} pada baris sendiri yang diawali '- '")
    return value  # items are validated field by field in Schema.validate


def _table(f: Field, value, key):
    if not isinstance(value, dict):
        raise Invalid(f"{key} harus berupa tabel berisi kunci: " + ", ".join(s.name for s in f.fields),
                      f"tulis [{key}] lalu kunci-kuncinya di baris berikutnya")
    return value


_COERCERS = {
    "text": _text, "markdown": _text, "int": _int, "bool": _bool, "date": _date,
    "datetime": _date, "enum": _enum, "list": _list, "phone": _phone, "whatsapp": _whatsapp,
    "url": _url, "email": _email, "coords": _coords, "image": _image, "color": _color,
    "objects": _records, "table": _table,
}


def text(name, label, help, **kw) -> Field:
    """Shorthand for the most common field type."""
    return Field(name, "text", label, help, **kw)


