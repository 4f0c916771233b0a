"""Markdown → HTML: GitHub Flavored Markdown (CommonMark) through cmark-gfm, for every caller.

One engine for the reader (page bodies), the checker (links and images in a body) and the tests.
cmark-gfm is the C library GitHub and PyPI render Markdown with; through `cmarkgfm` it converts
a 200-berita site (0.85 MB of Markdown) in under 0.02 s of CPU, against 0.54 s for
Python-Markdown (docs/performance.md). CommonMark is also the dialect most editors preview, and
is forgiving where Python-Markdown is strict (a list right after a paragraph, two-space nested
lists).

Raw HTML is kept here on purpose (`CMARK_OPT_UNSAFE`): `sanitise.clean()` removes what is
dangerous and reports each removal with its line, which it could not do if cmark dropped the
markup silently. Extensions: tables, strikethrough, bare-URL links and footnotes; not `tagfilter`
(it would hide <script> from the sanitiser's report) nor task lists (checkbox inputs).
Pelican's `{filename}` links keep their braces, which cmark would percent-encode.
Headings get ids as before (`## Syarat Umum` → id="syarat-umum"), so links to a section keep working.
"""

from __future__ import annotations

import html
import re
import unicodedata

import cmarkgfm
from cmarkgfm.cmark import Options

OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
EXTENSIONS = ("table", "strikethrough", "autolink")

_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
# cmark percent-encodes braces in link targets; Pelican's {filename}/{static} links need them.
_PELICAN_LINK = re.compile(r'((?:href|src)=")%7B(\w+)%7D')
# cmark writes a reference to a noncharacter (&#65534;) as bytes that are not UTF-8, and its
# Python binding then fails to decode its own output.
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
# Control characters XML refuses (feeds, sitemaps): shown as the replacement character instead.
CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _safe_reference(match: re.Match) -> str:
    point = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if (point > 0x10FFFF or 0xD800 <= point <= 0xDFFF or 0xFDD0 <= point <= 0xFDEF
            or point & 0xFFFE == 0xFFFE or point < 0x20 and point not in (9, 10, 13)):
        return "&#xFFFD;"
    return match.group(0)


def to_html(body: str) -> str:
    """HTML of a Markdown body (not yet sanitised)."""
    if "&#" in body:
        body = _CHAR_REF.sub(_safe_reference, body)
    if CONTROL.search(body):
        body = CONTROL.sub("\ufffd", body)
    out = cmarkgfm.markdown_to_html_with_extensions(body, options=OPTIONS, extensions=EXTENSIONS)
    out = out.rstrip("\n")
    if "%7B" in out:
        out = _PELICAN_LINK.sub(r"\1{\2}", out)
    return _heading_ids(out) if "<h" in out else out


def slug(text: str) -> str:
    """A heading's id: ASCII, lower case, words joined by hyphens (Python-Markdown's toc rule)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _heading_ids(out: str) -> str:
    seen: dict[str, int] = {}

    def add_id(match: re.Match) -> str:
        base = slug(html.unescape(_TAG.sub("", match.group(2)))) or "bagian"
        ident, n = base, seen.get(base, 0)
        while ident in seen:
            n += 1
            ident = f"{base}_{n}"
        seen[base] = n
        seen[ident] = 0
        return f'<h{match.group(1)} id="{ident}">{match.group(2)}</h{match.group(1)}>'

    return _HEADING.sub(add_id, out)
