"""Raw HTML in Markdown goes through nh3: no scripts, event handlers or javascript: URLs.

Before that, every address in the body (Markdown links and images as cmark rendered them, and
the href/src of raw HTML) is checked: a link leads to https:, http:, mailto:, tel: or a page of
the site; an image is a file of the site. Anything else is an error with its line, so that a
disguised javascript: or a tracking pixel is refused rather than silently dropped or published.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

from kelurahan.content.schema.screen import BODY_SCHEMES, WEB_SCHEMES, scheme_of, shown, unmasked
from kelurahan.errors import Problem

IFRAME_HOSTS = ("https://www.youtube-nocookie.com/embed/", "https://www.openstreetmap.org/export/embed.html")
TAGS = nh3.ALLOWED_TAGS | {"iframe", "figure", "figcaption", "picture", "source", "details", "summary"}
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "iframe": {"src", "title", "width", "height", "allowfullscreen", "loading"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "source": {"srcset", "type", "media", "sizes"},
    "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"},
    "a": {"href", "title", "id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
}
# Matched against the lower-cased body: far faster than re.I, and the same matches (a match
# only serves to find its line, case-insensitively).
_ON = re.compile(r"\son[a-z]+\s*=")
_DANGER = [
    (re.compile(r"<script\b"), "tag <script> dihapus"),
    (re.compile(r"<style\b"), "tag <style> dihapus"),
    (_ON, "atribut on… (skrip) dihapus"),
    (re.compile(r"<(object|embed|form|input|button|base|meta|link)\b"), "tag aktif dihapus"),
]
# A pattern that starts with \s is tried at every character; this one starts with a literal and
# tells in a tenth of the time whether _ON can match at all (most bodies: no).
_ON_HINT = re.compile(r"on[a-z]+\s*=")
_IFRAME = re.compile(r'<iframe\b[^>]*\bsrc="([^"]*)"', re.I)
_UNTITLED_IFRAME = re.compile(r"<iframe\b(?![^>]*\btitle=)")
_DEAD_LINK = re.compile(r'<a rel="noopener noreferrer">')
_EMPTY_IFRAME = re.compile(r"<iframe\b(?![^>]*\bsrc=)[^>]*>.*?</iframe>", re.S)


def _attribute_filter(tag: str, attribute: str, value: str):
    if tag == "iframe" and attribute == "src" and not value.startswith(IFRAME_HOSTS):
        return None
    return value


# Built once: configuring the sanitiser on every call was a third of its time.
_CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_attribute_filter,
                       link_rel="noopener noreferrer", url_schemes={"http", "https", "mailto", "tel"},
                       set_tag_attribute_values={"iframe": {"loading": "lazy"}})


def clean(body_html: str, doc) -> tuple[str, list[Problem]]:
    """Return sanitised HTML, an error for each address not allowed and a warning for each kind
    of markup removed, with its line."""
    problems = address_problems(body_html, doc)
    low = body_html.lower()
    for pattern, what in _DANGER:
        if pattern is _ON:
            if _ON_HINT.search(low):
                problems += _handlers(body_html, doc, what)
            continue
        for match in pattern.finditer(low):
            problems.append(_warning(doc, match.group(0), what))
    for match in _IFRAME.finditer(body_html):
        if not match.group(1).startswith(IFRAME_HOSTS):
            problems.append(_warning(doc, match.group(1), "iframe dari situs yang tidak diizinkan dihapus"))
    cleaned = _CLEANER.clean(body_html)
    # An embed needs a name for screen readers; a link whose address was removed is plain text.
    cleaned = _EMPTY_IFRAME.sub("", cleaned)
    cleaned = _UNTITLED_IFRAME.sub('<iframe title="Video atau peta sematan"', cleaned)
    cleaned = _DEAD_LINK.sub("<a>", cleaned)
    return cleaned, problems


def _handlers(body_html: str, doc, what: str) -> list[Problem]:
    """A warning for each event-handler attribute (onerror=…) of a tag; "onload=" inside an
    attribute's value (an image's alt text) is text, kept as such, and not reported."""
    parser = _Tags()
    parser.feed(body_html)
    parser.close()
    problems, seen = [], set()
    for name in parser.handlers:
        pattern = re.compile(rf"[\s\"'/]{re.escape(name)}\s*=", re.I)
        lines = [doc.body_line + offset for offset, line in enumerate(doc.body.split("\n"))
                 if pattern.search(line)] or [doc.body_line]
        line = next((n for n in lines if (name, n) not in seen), lines[-1])
        seen.add((name, line))
        problems.append(_warning(doc, "", what, line))
    return problems


class _Tags(HTMLParser):
    """Names of the event-handler attributes (on…) of every tag, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def _warning(doc, needle: str, what: str, line: int | None = None) -> Problem:
    line = line or doc.line_in_body(needle.strip()[:20], ignore_case=True)
    return Problem(doc.path, f"HTML berbahaya di isi tulisan: {what}",
                   "hapus kode HTML tersebut; untuk video pakai youtube-nocookie.com, "
                   "untuk peta pakai openstreetmap.org", line, "warning", "isi")


# Attributes holding an address the browser follows or fetches; of these, the ones fetched as the
# page loads (an <a href> is only followed when clicked).
_URL_ATTRIBUTES = {"href", "src", "srcset", "cite", "poster", "action", "formaction", "background",
                   "data", "xlink:href", "longdesc", "lowsrc", "dynsrc", "ping", "codebase", "usemap"}
_FETCHED = {"src", "srcset", "poster", "background", "data", "lowsrc", "dynsrc"}
LINK_FIX = ("tautan hanya boleh diawali https://, http://, mailto: atau tel:, atau menuju halaman "
            "situs ini; hapus atau ganti tautan tersebut")
IMAGE_FIX = ("unduh gambarnya, simpan di folder gambar/ kelurahan ini, lalu tulis misalnya "
             "![Keterangan gambar](gambar/nama-berkas.jpg); halaman situs tidak memuat apa pun "
             "dari situs lain")


class _Addresses(HTMLParser):
    """(tag, attribute, address) of every address in HTML, entities decoded as a browser does."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in _URL_ATTRIBUTES and value:
                urls = ([c.split()[0] for c in value.split(",") if c.strip()] if name == "srcset"
                        else [value])
                self.found += [(tag, name, url) for url in urls]


def address_problems(body_html: str, doc) -> list[Problem]:
    """An error for each link to a scheme other than https, http, mailto or tel, and for each
    image (or other fetched address) that is not a file of the site."""
    if "=" not in body_html:
        return []
    parser = _Addresses()
    parser.feed(body_html)
    parser.close()
    problems, seen = [], set()
    for tag, attribute, url in parser.found:
        fetched = attribute in _FETCHED
        scheme = scheme_of(url)
        what = "gambar" if fetched else "tautan"
        if scheme and scheme not in (WEB_SCHEMES if fetched else BODY_SCHEMES):
            message = f'{what} "{shown(url)}" di isi tulisan diawali {scheme}:, yang tidak diizinkan'
        elif fetched and tag != "iframe" and (scheme or unmasked(url).replace("\\", "/").startswith("//")):
            message = f'gambar dari situs lain di isi tulisan: "{shown(url)}"'
        else:
            continue  # an iframe's host is checked by the sanitiser
        line = address_line(doc, url)
        if (message, line) not in seen:
            seen.add((message, line))
            problems.append(Problem(doc.path, message, IMAGE_FIX if fetched else LINK_FIX, line,
                                    "error", "isi"))
    return problems


def address_line(doc, url: str) -> int:
    """The body line of an address: as written, else as a browser reads each line (entities
    decoded, invisible characters dropped), else the first line of an address that spans lines."""
    lines = doc.body.split("\n")
    if url:
        for offset, line in enumerate(lines):
            if url in line:
                return doc.body_line + offset
    target = unmasked(url)
    for needle in dict.fromkeys((target, target[:40])):
        for offset, line in enumerate(lines):
            if needle and needle in unmasked(line):
                return doc.body_line + offset
    first = url.strip().split("\n")[0]
    for offset, line in enumerate(lines):
        if first and first in line:
            return doc.body_line + offset
    return doc.body_line
