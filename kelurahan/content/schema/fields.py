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
from urllib.parse import urlsplit

from kelurahan.content.schema.screen import WEB_SCHEMES, invisible, odd_character, scheme_of, shown

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
    rule: str = ""  # a stricter form of the kind's value: "slug", "tag", "akun" or a network
    # Other names a clerk may write for a choice, as (name, choice): "Smart Living" → living.
    choice_names: tuple = ()

    def __post_init__(self):
        assert self.kind in KINDS, self.kind
        assert not self.rule or self.rule in RULES, self.rule

    def coerce(self, value, key: str = ""):
        """Return the normalised value, or raise Invalid."""
        key = key or self.name
        if self.rule in NETWORKS:  # an account name becomes the network's address first
            value = _account_address(self, value, key)
        value = _COERCERS[self.kind](self, value, key)
        return RULES[self.rule](self, value, key) if self.rule else value

    def is_empty(self, value) -> bool:
        return value is None or value == "" or value == [] or value == {}


# Characters no text shown on a page may hold: XML (feeds, sitemaps) refuses them, and they are
# never typed, only carried along by copy and paste or planted.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _as_text(value, key) -> str:
    if isinstance(value, (dict, list)):
        raise Invalid(f"{key} harus berupa teks, bukan daftar",
                      f"tulis {key}: diikuti satu teks pada baris yang sama")
    if isinstance(value, bool):
        raise Invalid(f'{key} harus berupa teks', f'beri tanda kutip, misalnya {key}: "ya"')
    return str(value).strip()


def _no_control(text: str, key: str) -> str:
    match = _CONTROL.search(text)
    if match:
        raise Invalid(f"{key} memuat karakter tak terlihat U+{ord(match.group(0)):04X}",
                      "hapus karakter itu (biasanya terbawa saat menyalin dari dokumen lain)")
    return text


def _text(f: Field, value, key):
    return _no_control(_as_text(value, key), key)


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


YEARS = (1900, 2200)  # beyond these a date is a typo, and date arithmetic later overflows


def _date(f: Field, value, key):
    if isinstance(value, dt.datetime):
        when = value.replace(tzinfo=None)
    elif isinstance(value, dt.date):
        when = dt.datetime(value.year, value.month, value.day)
    else:
        match = _DATE.match(str(value).strip())
        try:
            if not match:
                raise ValueError
            when = dt.datetime(*[int(p) if p else 0 for p in match.groups()])
        except ValueError:
            meant = _day_first(str(value))
            if meant:
                raise Invalid(f'{key} "{shown(str(value))}" tidak ditulis sebagai '
                              "TAHUN-BULAN-HARI", f"maksudnya {meant}?") from None
            raise Invalid(f'{key} "{shown(str(value))}" bukan tanggal yang dikenal',
                          f"tulis tanggal sebagai TAHUN-BULAN-HARI, misalnya {key}: 2025-02-25 "
                          "atau 2025-02-25 09:30 (WIB)") from None
    if not YEARS[0] <= when.year <= YEARS[1]:
        raise Invalid(f"{key} {when.year:04d}-{when.month:02d}-{when.day:02d} di luar rentang "
                      f"tahun {YEARS[0]}–{YEARS[1]}",
                      f"periksa tahunnya, misalnya {key}: 2025-02-25")
    return when


# The months as written in Indonesian (and English), by their first three letters.
_MONTHS = {name: number for number, names in enumerate(
    ("jan", "feb", "mar", "apr", "mei may", "jun", "jul", "agu agt ags aug", "sep", "okt oct",
     "nov", "des dec"), start=1) for name in names.split()}
_TIME = r"(?:[ ,]+(?:jam |pukul )?(\d{1,2})[:.](\d{2})(?:\s*wib)?)?"
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME + "$", re.I)
_NAMED_DMY = re.compile(r"^(\d{1,2})\s+([a-z]{3,10})\.?\s+(\d{4})" + _TIME + "$", re.I)


def _day_first(text: str) -> str:
    """The ISO form of a date written day first (07/12/2026, 7-12-2026, 7 Desember 2026 09.30),
    or "" if it is not one."""
    text = " ".join(text.split())
    match = _NUMERIC_DMY.match(text)
    if match:
        day, month = int(match.group(1)), int(match.group(2))
        if month > 12 >= day:  # 12/25/2026: written month first
            day, month = month, day
    else:
        match = _NAMED_DMY.match(text)
        month = _MONTHS.get(match.group(2)[:3].lower()) if match else None
        if not month:
            return ""
        day = int(match.group(1))
    try:
        when = dt.date(int(match.group(3)), month, day)
    except ValueError:
        return ""
    hour, minute = match.group(4), match.group(5)
    return f"{when:%Y-%m-%d}" + (f" {int(hour):02d}:{minute}" if hour else "")


def _loose(text: str) -> str:
    """A name compared loosely: any case, hyphens and runs of spaces alike."""
    return " ".join(re.sub(r"[-_—–]", " ", text).lower().split())


def _enum(f: Field, value, key):
    text = _text(f, value, key)
    for choice in f.choices:
        if text.lower() == str(choice).lower():
            return choice
    for name, choice in f.choice_names:
        if _loose(text) == _loose(name):
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
        try:
            out.append(_no_control(str(item).strip(), f"butir ke-{index + 1} {key}"))
        except Invalid as exc:
            raise Invalid(exc.message, exc.fix, key=f"{key}.{index}") from None
        if f.choices and out[-1] not in f.choices:
            raise Invalid(f'butir ke-{index + 1} {key} "{out[-1]}" tidak dikenal',
                          "pilih dari: " + ", ".join(f.choices), key=f"{key}.{index}")
    return [item for item in out if item]


def _phone(f: Field, value, key):
    raw = str(value).strip()
    digits = re.sub(r"[\s\-().]", "", re.sub(r"^tel:", "", raw, flags=re.I))
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    if not (digits.isdigit() and digits.startswith("62") and 9 <= len(digits) <= 15):
        raise Invalid(f'nomor {key} "{raw}" tidak dikenali',
                      f"tulis nomor Indonesia, misalnya {key}: 0812-3456-7890 atau +62 812-3456-7890")
    return "+" + digits


_WA_LINK = re.compile(r"^(?:https?://)?(?:wa\.me/|api\.whatsapp\.com/send/?\?phone=)\+?(\d+)\S*$", re.I)


def _whatsapp(f: Field, value, key):
    link = _WA_LINK.match(str(value).strip())  # a pasted https://wa.me/62812… link means its number
    number = _phone(f, link.group(1) if link else value, key)
    if not number.startswith("+628"):
        raise Invalid(f'nomor {key} "{value}" bukan nomor ponsel',
                      "WhatsApp memerlukan nomor ponsel yang diawali 08…, misalnya 0812-3456-7890")
    return number


URL_FIX = "tulis alamat lengkap yang diawali https://, misalnya https://www.lapor.go.id/"


def _url(f: Field, value, key):
    text = _as_text(value, key)
    scheme = scheme_of(text)
    if scheme and scheme not in WEB_SCHEMES:
        raise Invalid(f'alamat {key} "{shown(text)}" diawali {scheme}:, yang tidak diizinkan',
                      URL_FIX)
    odd = odd_character(text)
    if odd:
        raise Invalid(f'alamat {key} "{shown(text)}" memuat {odd}, yang tidak boleh ada di alamat web',
                      "hapus tanda itu, atau salin ulang alamatnya dari bilah alamat peramban")
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if (not parts or parts.scheme.lower() not in WEB_SCHEMES
            or not re.match(r"^[\w-]+(\.[\w-]+)+$", host)):
        raise Invalid(f'alamat tautan {key} "{shown(text)}" tidak lengkap', URL_FIX)
    if "@" in parts.netloc:
        raise Invalid(f'alamat {key} "{shown(text)}" memuat nama pengguna sebelum @, cara umum '
                      "menyamarkan situs tujuan", URL_FIX)
    return text


_EMAIL = re.compile(r"^[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
                    r"\.[a-z]{2,}$", re.I)


def _email(f: Field, value, key):
    text = re.sub(r"^mailto:", "", _as_text(value, key), flags=re.I)
    odd = odd_character(text)
    if odd:
        raise Invalid(f'alamat surel {key} "{shown(text)}" memuat {odd}',
                      "hapus tanda itu; tulis seperti nama@contoh.go.id")
    if not _EMAIL.match(text):
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


IMAGE_FIX = ("unduh gambarnya, simpan di folder gambar/ kelurahan ini, lalu tulis misalnya "
             "gambar/nama-berkas.jpg")


def in_folder(text: str, folder: str) -> tuple[str, str]:
    """A path a clerk typed, relative to the kelurahan's folder, with a bare file name looked up
    in ``folder`` (gambar/, dokumen/): (the path as typed, its normalised form). An absolute
    path stays as typed, so the caller refuses it."""
    if "/" not in text:
        text = f"{folder}/{text}"
    return text, (normpath(text.lstrip("/")) if not text.startswith("/") else text)


def _image(f: Field, value, key):
    text = _as_text(value, key).replace("\\", "/")
    if re.match(r"^([a-z]:/|file:)", text, re.I):  # C:\Users\…\foto.jpg
        raise Invalid(f'{key} "{shown(text)}" adalah alamat berkas di komputer Anda',
                      "salin berkasnya ke folder gambar/ kelurahan ini, lalu tulis misalnya "
                      "gambar/nama-berkas.jpg")
    if re.match(r"^([a-z]+:|//)", text, re.I) or scheme_of(text):
        raise Invalid(f'{key} "{shown(text)}" adalah tautan ke situs lain', IMAGE_FIX)
    odd = odd_character(text, allowed=" ")  # file names from a phone often have spaces
    if odd:
        raise Invalid(f'nama berkas {key} "{shown(text)}" memuat {odd}',
                      "ganti nama berkasnya dengan huruf, angka, dan tanda hubung saja, "
                      "misalnya gambar/rapat-rt.jpg")
    text, clean = in_folder(text, "gambar")
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


SLUG_MAX = 100  # characters of a slug or a tag: a folder name, well within 255 bytes


def _slugify(text: str) -> str:
    """Pelican's slug of a text (which drops markup, letters and all: "<b>x</b>" → "x")."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    return slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def _suggest(text: str) -> str:
    """A slug to propose for a text, its markup's words kept."""
    clean = "".join(" " if c in "<>" else c for c in text if not invisible(c))
    return _slugify(clean)[:SLUG_MAX].strip("-")


def _slug_rule(f: Field, value: str, key):
    """A slug is one folder name of the site: never empty, a dot, a path or a hidden character."""
    reason = ""
    if not value:
        reason = "kosong"
    elif set(value) <= {"."}:
        reason = "hanya berisi titik"
    elif "/" in value or "\\" in value:
        reason = "memuat garis miring"
    elif len(value) > SLUG_MAX:
        reason = f"terlalu panjang ({len(value)} karakter, paling banyak {SLUG_MAX})"
    elif value.startswith("."):
        reason = "diawali titik"
    elif re.search(r"\.(?:html?|xml|json)$", value, re.I):
        # berita/index.html/ would turn the list page berita/index.html into a folder
        reason = f"diakhiri .{value.rsplit('.', 1)[1]}, akhiran nama berkas"
    else:
        odd = next((c for c in value if not re.match(r"[A-Za-z0-9._-]", c)), "")
        if odd:
            reason = ("memuat spasi" if odd == " " else f"memuat karakter tak terlihat U+{ord(odd):04X}"
                      if invisible(odd) or odd.isspace() else f"memuat tanda {odd}")
    if not reason:
        return value
    better = _suggest(re.sub(r"\.(?:html?|xml|json)$", "", value, flags=re.I))
    raise Invalid(f'{key} "{shown(value)}" tidak bisa menjadi alamat halaman: {reason}',
                  f"tulis {key}: {better} (huruf, angka, dan tanda hubung)" if better else
                  f"hapus baris {key} agar alamat diambil dari nama berkas")


def _tag_rule(f: Field, value: list, key):
    """Each tag has a page of its own (tag/<slug>/): it needs a name that makes a folder name."""
    for index, tag in enumerate(value):
        reason = _tag_problem(tag)
        if reason:
            short = " ".join(tag[:40].split()[:4]) if len(tag) > SLUG_MAX else _suggest(tag)
            raise Invalid(f'tag "{shown(tag)}" tidak bisa menjadi alamat halaman: {reason}',
                          f"tulis misalnya - {short}" if short
                          else "tulis tag dengan huruf atau angka, misalnya - kegiatan-warga",
                          key=f"{key}.{index}")
    return value


def _tag_problem(tag: str) -> str:
    odd = next((c for c in tag if invisible(c)), "")
    if odd:
        return f"memuat karakter tak terlihat U+{ord(odd):04X}"
    if len(tag) > SLUG_MAX:
        return f"terlalu panjang ({len(tag)} karakter, paling banyak {SLUG_MAX})"
    if _slugify(tag):
        return ""
    return "hanya berisi kode HTML" if _suggest(tag) else "tidak memuat huruf atau angka"


_INSTAGRAM = re.compile(r"^(?:https?://)?(?:www\.)?instagram\.com/([a-z0-9._]{1,30})/?(?:\?\S*)?$", re.I)


def _account_rule(f: Field, value: str, key):
    """An Instagram account name (a pasted address of the account is reduced to its name)."""
    link = _INSTAGRAM.match(value)
    if link:
        return "@" + link.group(1)
    if re.match(r"^@?[a-z0-9._]{1,30}$", value, re.I):
        return value
    raise Invalid(f'{key} "{shown(value)}" bukan nama akun Instagram',
                  f"tulis nama akunnya saja, misalnya {key}: @batikcontoh")


@dataclass(frozen=True)
class Network:
    """A social network: how an account name looks, its address, and the hosts of its pages."""

    label: str
    name: str  # pattern of an account name, without the @
    address: str  # the account's page, {} for its name
    hosts: tuple[str, ...]
    example: str


NETWORKS = {
    "instagram": Network("Instagram", r"[a-z0-9._]{1,30}", "https://www.instagram.com/{}/",
                         ("instagram.com", "instagr.am"), "kelurahankauman"),
    "tiktok": Network("TikTok", r"[a-z0-9._]{2,24}", "https://www.tiktok.com/@{}",
                      ("tiktok.com",), "kelurahankauman"),
    "youtube": Network("YouTube", r"[a-z0-9._-]{3,30}", "https://www.youtube.com/@{}",
                       ("youtube.com", "youtu.be"), "kelurahankauman"),
    "facebook": Network("Facebook", r"[a-z0-9.-]{1,50}", "https://www.facebook.com/{}",
                        ("facebook.com", "fb.com", "fb.me"), "kelurahan.kauman"),
}


def _account_address(f: Field, value, key):
    """An account name (@kelurahankauman, kel.airhitam) as the address of its page on the
    field's network; an address (with or without https://) is left to the url kind."""
    text = _as_text(value, key)
    network = NETWORKS[f.rule]
    if scheme_of(text):  # however disguised: the url kind says whether it may be used
        return text
    if "/" in text or ":" in text:
        return text if ":" in text.split("/")[0] else "https://" + text
    if re.fullmatch(rf"@?{network.name}", text, re.I):
        return network.address.format(text.lstrip("@"))
    raise Invalid(f'{key} "{shown(text)}" bukan nama akun {network.label} atau alamat web',
                  f'tulis nama akunnya, misalnya {key} = "@{network.example}", atau alamat '
                  f"lengkapnya, misalnya {network.address.format(network.example)}")


def _network_rule(f: Field, value: str, key):
    """An address given for a network must be a page of that network."""
    network = NETWORKS[f.rule]
    host = (urlsplit(value).hostname or "").lower()
    if any(host == h or host.endswith("." + h) for h in network.hosts):
        return value
    raise Invalid(f'alamat {key} "{shown(value)}" bukan alamat {network.label}',
                  f'tulis nama akunnya, misalnya {key} = "@{network.example}", atau alamat '
                  f"lengkapnya, misalnya {network.address.format(network.example)}")


def _berkas_rule(f: Field, value: str, key):
    """A document's file: relative to the kelurahan's folder, a bare name looked up in dokumen/."""
    text = value.replace("\\", "/")
    if re.match(r"^([a-z]:/|file:)", text, re.I) or re.match(r"^([a-z]+:|//)", text, re.I):
        raise Invalid(f'{key} "{shown(text)}" bukan berkas di folder dokumen/',
                      "salin berkasnya ke folder dokumen/ kelurahan ini, lalu tulis misalnya "
                      "dokumen/nama-berkas.pdf")
    text, clean = in_folder(text, "dokumen")
    if not clean.startswith("dokumen/"):
        raise Invalid(f'{key} "{shown(text)}" berada di luar folder dokumen/',
                      "simpan berkas di folder dokumen/ kelurahan ini dan tulis misalnya "
                      "dokumen/nama-berkas.pdf")
    ext = clean.rsplit(".", 1)[-1].lower() if "." in clean.rsplit("/", 1)[-1] else ""
    if ext not in DOKUMEN_FORMATS:
        raise Invalid(f'{key} "{shown(text)}" bukan berkas dokumen yang diterima',
                      "simpan sebagai " + ", ".join(e.upper() for e in DOKUMEN_FORMATS))
    return clean


# Formats a dokumen may have: extension → its name for readers.
DOKUMEN_FORMATS = {"pdf": "PDF", "odt": "ODT", "docx": "DOCX", "xlsx": "XLSX", "ods": "ODS",
                   "csv": "CSV"}

RULES = {"slug": _slug_rule, "berkas": _berkas_rule, "tag": _tag_rule, "akun": _account_rule,
         **{name: _network_rule for name in NETWORKS}}

_COERCERS = {
    "text": _text, "markdown": _text, "int": _int, "bool": _bool, "date": _date,
    "datetime": _date, "enum": _enum, "list": _list, "phone": _phone, "whatsapp": _whatsapp,
    "url": _url, "email": _email, "coords": _coords, "image": _image, "color": _color,
    "objects": _records, "table": _table,
}


def text(name, label, help, **kw) -> Field:
    """Shorthand for the most common field type."""
    return Field(name, "text", label, help, **kw)


