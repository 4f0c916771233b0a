"""The theme's Python globals (pelicanconf.JINJA_GLOBALS, and the portal's environment).

- ``ikon(nama)``: an inline SVG icon, 24×24, drawn with strokes in currentColor, decorative (the
  text beside each icon says what it means). Pillar icons are named in kelurahan/content/schema/pilar.py.
- ``sekali(*key)``, used as ``{% call sekali('footer', SITEURL) %}…{% endcall %}``: a part of
  the page rendered once per distinct key and reused.
- ``tingkat_kartu(kartu, tingkat)``: a card rendered with an h2 title, at another heading level
  (a card is rendered once and shown on list pages at h2 and under section headings at h3).
- ``csp(gaya, siteurl)``: the page's Content-Security-Policy (base.html's <meta http-equiv>).

The first three exist for speed: a page shows a dozen or more icons and the same footer as every other page
of its site, and rendering them again for each of a site's 400 pages was a measurable part of the
build (docs/performance.md).
"""

from __future__ import annotations

import base64
import hashlib
import weakref
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup, escape

from kelurahan import keys
from kelurahan.content.schema.dokumen import JENIS, JENIS_LABEL, KATEGORI, KATEGORI_LABEL
from kelurahan.content.schema.pengumuman import TINGKAT_LABEL
from kelurahan.site.addresses import FEED_PILAR, FEED_SITE, ICS_NAME, PRINT_NAME

IKON = {
    "balai": "M3 21h18M4 10h16M12 3 3 8h18zM6 10v8M10 10v8M14 10v8M18 10v8",
    "toko": "M4 4h16l1 5H3zM3 9a3 3 0 0 0 6 0 3 3 0 0 0 6 0 3 3 0 0 0 6 0M5 12v9h14v-9M10 21v-5h4v5",
    "rumah": "M3 11 12 3l9 8M5 9.5V21h14V9.5M10 21v-6h4v6",
    "warga": "M6 8a3 3 0 1 0 6 0 3 3 0 1 0-6 0M3 20a6 6 0 0 1 12 0M15 9.5a2.5 2.5 0 1 0 5 0 2.5 2.5 0 1 0-5 0M16 14.2A5 5 0 0 1 21 19",
    "bintang": "M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2-5.5-2.9-5.5 2.9 1-6.2L3 9.6l6.2-.9z",
    "daun": "M5 19C5 9 11 4 20 4c0 9-5 15-15 15zM5 19l8-8",
    "wa": "M4 20l1.4-4A8 8 0 1 1 8.2 19zM9 8.5c0 3.5 3 6.5 6.5 6.5l1-1.8-2.3-1-1 1c-1.2-.4-2.4-1.6-2.8-2.8l1-1-1-2.3z",
    "telepon": "M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2",
    "surel": "M3 5h18v14H3zM3 7l9 6 9-6",
    "peta": "M12 21s-7-6-7-12a7 7 0 0 1 14 0c0 6-7 12-7 12zM9.5 9a2.5 2.5 0 1 0 5 0 2.5 2.5 0 1 0-5 0",
    "jam": "M3 12a9 9 0 1 0 18 0 9 9 0 1 0-18 0M12 7v5l3 2",
    "kalender": "M3 5h18v16H3zM3 10h18M8 3v4M16 3v4",
    "tiket": "M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4zM15 7v10",
    "dokumen": "M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7",
    "tautan": "M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1",
    "salin": "M8 8h12v12H8zM16 8V4H4v12h4",
    "bagikan": "M4 12v7a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-7M16 6l-4-4-4 4M12 2v13",
    "kanan": "M5 12h14M13 6l6 6-6 6",
    "kiri": "M19 12H5M11 6l-6 6 6 6",
    "facebook": "M14 8h3V4h-3a4 4 0 0 0-4 4v3H7v4h3v6h4v-6h3l1-4h-4V8z",
    "x": "M4 4l16 16M20 4 4 20",
    "instagram": "M3 8a5 5 0 0 1 5-5h8a5 5 0 0 1 5 5v8a5 5 0 0 1-5 5H8a5 5 0 0 1-5-5zM8 12a4 4 0 1 0 8 0 4 4 0 1 0-8 0M17 6.5h.01",
    "youtube": "M2 10a4 4 0 0 1 4-4h12a4 4 0 0 1 4 4v4a4 4 0 0 1-4 4H6a4 4 0 0 1-4-4zM10 9l5 3-5 3z",
    "tiktok": "M14 3v12a4 4 0 1 1-4-4M14 3a5 5 0 0 0 5 5",
    "unduh": "M12 3v12M7 10l5 5 5-5M4 21h16",
    "resmi": "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4",
    "berita": "M4 4h13v15a2 2 0 0 0 2 2H6a2 2 0 0 1-2-2zM17 9h3v10a2 2 0 0 1-2 2M8 8h5M8 12h5M8 16h5",
    "ceklis": "M5 12l5 5L20 7",
    "orang": "M8 8a4 4 0 1 0 8 0 4 4 0 1 0-8 0M4 21a8 8 0 0 1 16 0",
    "lapor": "M4 21V4h13l-2 4 2 4H4",
    "rss": "M5 19h.01M5 12a7 7 0 0 1 7 7M5 5a14 14 0 0 1 14 14",
    "cetak": "M6 9V3h12v6M6 18H4v-8h16v8h-2M8 14h8v7H8z",
}

_SVG: dict[tuple[str, str], Markup] = {}


def ikon(nama: str, kelas: str = "") -> Markup:
    """The <svg> of icon ``nama`` (the star when unknown), with extra CSS classes ``kelas``."""
    key = (nama, kelas)
    svg = _SVG.get(key)
    if svg is None:
        path = IKON.get(nama, IKON["bintang"])
        cls = f"kp-ikon {escape(kelas)}" if kelas else "kp-ikon"
        svg = _SVG[key] = Markup(f'<svg class="{cls}" viewBox="0 0 24 24" width="24" height="24" '
                                 f'aria-hidden="true" focusable="false"><path d="{path}"/></svg>')
    return svg


_FRAGMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # environment -> {key: html}


@pass_context
def sekali(context, *key, caller):
    """The body of a ``{% call sekali(...) %}`` block, rendered the first time its key is seen
    in this site build and reused after. The key must name everything the block depends on that
    can differ between pages (e.g. SITEURL: the same for every page of a site build,
    plugins/writer.py, but the portal renders with others).

    A site build's Jinja environments (one per Pelican generator) share the cache that
    plugins/writer.py gives them as the global KP_FRAGMENTS: a berita's card is drawn for the
    berita list and reused on its pillar's page. Elsewhere (the portal) an environment has its own."""
    cache = context.environment.globals.get(keys.FRAGMENTS)
    if cache is None:
        cache = _FRAGMENTS.setdefault(context.environment, {})
    html = cache.get(key)
    if html is None:
        html = caller()  # Markup: the block's output, escaped as it was rendered (autoescape)
        html = cache[key] = html if isinstance(html, Markup) else escape(html)
    return html


_CARD_TITLE = '<h2 class="kp-kartu__judul">'
_LEVELS = {"h3", "h4"}


def tingkat_kartu(kartu, tingkat: str = "h2") -> Markup:
    """A card rendered with an h2 title (komponen.html, kartu_grid) with an h3 or h4 title
    instead. The title is a card's only heading: every other text in it is escaped."""
    if not isinstance(kartu, Markup):  # only what a template rendered (and escaped) is HTML
        kartu = escape(kartu)
    if tingkat not in _LEVELS:
        return kartu
    return Markup(str(kartu).replace(_CARD_TITLE, f'<{tingkat} class="kp-kartu__judul">', 1)
                  .replace("</h2>", f"</{tingkat}>", 1))


def _embed_origins() -> str:
    from kelurahan.content.sanitise import IFRAME_HOSTS  # the only embeds the sanitiser lets through

    return " ".join(sorted({"{0.scheme}://{0.netloc}".format(urlsplit(u)) for u in IFRAME_HOSTS}))


_EMBEDS = _embed_origins()


def csp(gaya: str = "", siteurl: str = "") -> str:
    """The Content-Security-Policy of a visitor page (GitHub Pages sets no headers, so base.html
    states it in a <meta>): scripts, styles, images and requests from the site itself only
    (Pagefind's WebAssembly needs 'wasm-unsafe-eval'); the page's one inline <style>, ``gaya``,
    allowed by its hash; the data: favicon; frames only from the embeds nh3 allows; no plugins,
    no <base>. Should escaping ever fail, an injected script or handler still does not run.
    ``siteurl`` adds the publishing origin when pages carry absolute addresses (--publish)."""
    own = "'self'"
    parts = urlsplit(str(siteurl or ""))
    if parts.scheme in ("http", "https") and parts.netloc:
        own += f" {parts.scheme}://{parts.netloc}"
    digest = base64.b64encode(hashlib.sha256(str(gaya).encode("utf-8")).digest()).decode()
    return (f"default-src {own}; script-src {own} 'wasm-unsafe-eval'; "
            f"style-src {own} 'sha256-{digest}'; img-src {own} data:; "
            f"frame-src {_EMBEDS}; object-src 'none'; base-uri 'self'; form-action {own}")


# The feed, calendar and print-view paths: the plugins that write them and the templates that
# link them read the same names (kelurahan/site/addresses.py).
GLOBALS = {"ikon": ikon, "sekali": sekali, "tingkat_kartu": tingkat_kartu, "csp": csp,
           "FEED_SITE": FEED_SITE, "FEED_PILAR": FEED_PILAR, "ICS_NAME": ICS_NAME,
           "PRINT_NAME": PRINT_NAME,
           "TINGKAT_LABEL": TINGKAT_LABEL, "JENIS_DOKUMEN": JENIS,
           "JENIS_LABEL": JENIS_LABEL, "KATEGORI_INFORMASI": KATEGORI,
           "KATEGORI_LABEL": KATEGORI_LABEL}
