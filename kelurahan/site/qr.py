"""QR codes drawn at build time as inline SVG (segno): a printed page leads back to its address.

The print view of a layanan (themes/kelurahan/templates/layanan_cetak.html) carries one, to pin
on the office's notice board: a resident points a phone at it and opens the service's page.
Inline SVG needs no file, no script and no style attribute (the pages' Content-Security-Policy).
"""

from __future__ import annotations

import functools

import segno
from markupsafe import Markup, escape


@functools.lru_cache(maxsize=512)
def svg(address: str, label: str) -> Markup:
    """A QR code of ``address`` as an <svg> sized by CSS (class ``kp-qr``), with the four-module
    quiet zone the standard asks for and error correction M (15 % of the code may be dirty or
    torn), its accessible name ``label``."""
    code = segno.make(address, error="m", micro=False, boost_error=False)
    drawing = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="kp-qr", dark="#000")
    return Markup(drawing.replace(
        "<svg ", f'<svg role="img" aria-label="{escape(label)}" shape-rendering="crispEdges" ', 1))
