"""QR codes drawn at build time as inline SVG (segno): a printed page leads back to its address.

The print view of a layanan (themes/kelurahan/templates/layanan_cetak.html) carries one, to pin
on the office's notice board: a resident points a phone at it and opens the service's page.
Inline SVG needs no file, no script and no style attribute (the pages' Content-Security-Policy).
"""

from __future__ import annotations

import segno
from markupsafe import Markup, escape


# Any of the eight data masks makes a valid code (ISO/IEC 18004); choosing the one with the
# lowest penalty tries all eight, 70 % of segno's time (4.8 of 6.8 ms CPU a code, a second per
# build of the city's 162 layanan). Mask 2 is the one segno picks most often for the bundled
# layanan's addresses; tests/browser/test_layanan_cetak.py reads every bundled code back.
MASK = 2


def svg(address: str, label: str) -> Markup:
    """A QR code of ``address`` as an <svg> sized by CSS (class ``kp-qr``), with the four-module
    quiet zone the standard asks for and error correction M (15 % of the code may be dirty or
    torn), its accessible name ``label``."""
    code = segno.make(address, error="m", micro=False, boost_error=False, mask=MASK)
    drawing = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="kp-qr", lineclass=None,
                               dark="#000")
    return Markup(drawing.replace(
        "<svg ", f'<svg role="img" aria-label="{escape(label)}" shape-rendering="crispEdges" ', 1))
