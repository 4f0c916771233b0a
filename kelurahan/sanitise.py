"""Raw HTML in Markdown goes through nh3: no scripts, event handlers or javascript: URLs."""

from __future__ import annotations

import re

import nh3

from .errors import Problem

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
    (re.compile(r"javascript:"), "tautan javascript: dihapus"),
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
    """Return sanitised HTML and a warning for each kind of markup removed, with its line."""
    problems = []
    low = body_html.lower()
    for pattern, what in _DANGER:
        if pattern is _ON and not _ON_HINT.search(low):
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


def _warning(doc, needle: str, what: str) -> Problem:
    line = doc.line_in_body(needle.strip()[:20], ignore_case=True)
    return Problem(doc.path, f"HTML berbahaya di isi tulisan: {what}",
                   "hapus kode HTML tersebut; untuk video pakai youtube-nocookie.com, "
                   "untuk peta pakai openstreetmap.org", line, "warning", "isi")
