"""Indonesian formatting for templates (Babel's CLDR data, never the OS locale)."""

from __future__ import annotations

import re
from urllib.parse import quote

from babel import Locale
from babel.dates import format_datetime
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup
from pelican.contents import Content

from kelurahan.clock import iso
from kelurahan.content.notices import Body
from kelurahan.content.schema import PILAR_BY_KEY, pilar_title
from kelurahan.site.jsonld import jsonld

LOCALE = "id"


# CLDR's Indonesian names, read once: building 'Selasa, 25 Februari 2025' from them is 30× faster
# than Babel's pattern engine, which a site's 400 pages and their cards called 1,400 times.
# tests/test_format.py checks every day of several years against format_date itself.
_ID = Locale.parse(LOCALE)
_DAYS = [_ID.days["format"]["wide"][i] for i in range(7)]  # Monday first, as date.weekday()
_MONTHS = {width: [""] + [_ID.months["format"][width][m] for m in range(1, 13)]
           for width in ("wide", "abbreviated")}
_PATTERNS = {"panjang": "EEEE, d MMMM y", "sedang": "d MMMM y", "pendek": "d MMM y",
             "bulan": "MMMM y"}


def tanggal(value, style: str = "panjang") -> str:
    """'Selasa, 25 Februari 2025' (panjang), '25 Februari 2025' (sedang), '25 Feb 2025' (pendek),
    'Februari 2025' (bulan): Babel's format_date with the pattern in ``_PATTERNS``."""
    if not value:
        return ""
    if style == "panjang":
        return f"{_DAYS[value.weekday()]}, {value.day} {_MONTHS['wide'][value.month]} {value.year}"
    if style == "sedang":
        return f"{value.day} {_MONTHS['wide'][value.month]} {value.year}"
    if style == "pendek":
        return f"{value.day} {_MONTHS['abbreviated'][value.month]} {value.year}"
    if style == "bulan":
        return f"{_MONTHS['wide'][value.month]} {value.year}"
    raise KeyError(style)


def jam(value) -> str:
    """'09.30 WIB'."""
    return f"{format_datetime(value, 'HH.mm', locale=LOCALE)} WIB" if value else ""


def saat(value) -> str:
    """'Senin, 14 Desember 2026 pukul 07.00 WIB': a moment, as check and the banners say it."""
    return f"{tanggal(value)} pukul {value.hour:02d}.{value.minute:02d} WIB" if value else ""


def rupiah(value) -> str:
    """'Rp350.000'."""
    if value in (None, ""):
        return ""
    return format_currency(int(value), "IDR", locale=LOCALE, currency_digits=False, format="¤#,##0")


def angka(value) -> str:
    """'1.234.567'."""
    return format_decimal(value or 0, locale=LOCALE)


def persen(value) -> str:
    """'78,8%' (one decimal, Indonesian comma); '' when there is no figure."""
    if value in (None, ""):
        return ""
    return format_decimal(value, "#,##0.0", locale=LOCALE) + "%"


def wa_link(number: str, text: str = "") -> str:
    """WhatsApp click-to-chat link for a +62… number, with an optional prefilled message."""
    if not number:
        return ""
    link = f"https://wa.me/{number.lstrip('+')}"
    return f"{link}?text={quote(text)}" if text else link


def telepon(number: str) -> str:
    """'+62 812-3456-7890' → readable '0812-3456-7890'."""
    if not number:
        return ""
    local = "0" + number[3:] if number.startswith("+62") else number
    return "-".join(local[i:i + 4] for i in range(0, len(local), 4))


def pilar(key: str) -> str:
    return pilar_title(key) if key in PILAR_BY_KEY else ""


FILTERS = {"tanggal": tanggal, "jam": jam, "iso": iso, "rupiah": rupiah, "angka": angka,
           "persen": persen,
           "wa_link": wa_link, "telepon": telepon, "pilar": pilar}


def rentang(mulai, selesai=None) -> str:
    """An event's time span: 'Sabtu, 16 Januari 2027, 09.00–16.00 WIB' or across days."""
    if not mulai:
        return ""
    awal = f"{tanggal(mulai)}, {format_datetime(mulai, 'HH.mm', locale=LOCALE)}"
    if not selesai:
        return f"{awal} WIB"
    if selesai.date() == mulai.date():
        return f"{awal}–{jam(selesai)}"
    return f"{awal} – {tanggal(selesai)}, {jam(selesai)}"


_TABLE_OPEN = re.compile(r"<table\b[^>]*>", re.I)


def isi(content) -> Markup:
    """A page's body, ready for the page: every table in a region that scrolls sideways on a phone.

    This is the ONE place where the theme marks HTML from content safe. It takes the page or
    berita itself (``{{ page | isi }}``), never a string, and marks only its ``.content``: the
    Markdown body after nh3 (kelurahan/content/sanitise.py, run by the reader). Anything else a clerk
    typed (titles, summaries, every front-matter and TOML field) is text and autoescaped."""
    if isinstance(content, Body):  # a city-wide notice's body, sanitised when it was loaded
        return Markup(str(content))
    if not isinstance(content, Content):
        raise TypeError(f"isi takes a page or a berita, not {type(content).__name__}: "
                        "only a sanitised body may be marked safe")
    html = content.content
    if not html:
        return Markup("")
    html = _TABLE_OPEN.sub(lambda m: '<div class="kp-tabel" role="region" tabindex="0" '
                           'aria-label="Tabel (geser ke samping untuk melihat semua kolom)">'
                           + m.group(0), str(html))
    return Markup(html.replace("</table>", "</table></div>"))


def teks(html) -> str:
    """HTML (a summary: escaped text, maybe tags) as the plain text it shows; the template
    escapes it again. Jinja's ``striptags`` does the same: this name says what it is for."""
    return Markup(str(html or "")).striptags()


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def warna(value, default: str = "#1d4f91") -> str:
    """An accent colour as CSS can take it inside <style>: '#rrggbb' (the schema's form), else
    the default. A colour is the only value a template writes into CSS."""
    value = str(value or "")
    return value if _COLOUR.fullmatch(value) else default


def peta(koordinat=None, alamat: str = "") -> str:
    """A map link (opens the phone's map app) from coordinates, else from the address."""
    if koordinat:
        query = f"{koordinat[0]},{koordinat[1]}"
    elif alamat:
        query = alamat
    else:
        return ""
    return f"https://www.google.com/maps/search/?api=1&query={quote(query)}"


def inisial(nama: str) -> str:
    """'Budi Santoso' → 'BS', for an official without a photo."""
    words = [w for w in re.split(r"[\s.,]+", nama or "") if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words[:2])


FILTERS.update(rentang=rentang, isi=isi, teks=teks, warna=warna, peta=peta, inisial=inisial,
               jsonld=jsonld, saat=saat)
