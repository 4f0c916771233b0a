"""Values read the way a browser reads them: markup, invisible characters, disguised addresses.

The schemas (fields.py) and the body's sanitiser (sanitise.py) both judge text with these, so a
value and a link in a body are held to one rule.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote

# Markup in a text field: a tag (<b, </b, <!--, <?php) or an event handler (onerror=). A "<"
# followed by a space or a digit is "less than" ("usia < 5 tahun") and passes.
_HTML = re.compile(
    r"<[a-z!/?]|\bon(?:abort|after|animation|aux|before|begin|blur|can|change|click|close|content"
    r"|context|copy|cue|cut|dbl|drag|drop|end|error|finish|focus|form|fullscreen|hash|input|invalid"
    r"|key|load|message|mouse|offline|online|page|paste|pause|play|pointer|popstate|progress|rate"
    r"|readystate|repeat|reset|resize|scroll|search|seek|select|show|start|storage|submit|toggle"
    r"|touch|transition|unload|volume|wheel)[a-z]*\s*=", re.I)
_TEMPLATE = re.compile(r"\{\{|\{%")


def markup_in(text: str) -> tuple[str, str] | None:
    """(what, fix) when a text value holds HTML or template markup; it is shown as typed."""
    if "<" in text or "=" in text:
        if _HTML.search(text):
            return "HTML", "hapus tanda < dan >"
    if "{" in text and _TEMPLATE.search(text):
        return "templat", "hapus tanda {{ }} dan {% %}"
    return None


# Bidi embeddings, overrides and isolates reorder the text after them ("Berita\u202egpj.exe"
# shows as "Beritaexe.jpg"); line and paragraph separators break a line where none is seen.
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def reordering(text: str) -> str:
    """The first character of ``text`` that reorders or breaks it invisibly, or ""."""
    match = _REORDERING.search(text)
    return match.group(0) if match else ""


def invisible(ch: str) -> bool:
    """A character that shows nothing: control, format (bidi overrides, zero width) or a line break."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") or ch in "\ufffe\uffff"


def shown(text: str, limit: int = 80) -> str:
    """A value as a message quotes it: invisible characters spelled out, long values cut."""
    text = "".join(f"\\u{ord(c):04x}" if invisible(c) else c for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


WEB_SCHEMES = ("https", "http")
BODY_SCHEMES = WEB_SCHEMES + ("mailto", "tel")  # what a link in a page body may lead to
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_HIDDEN = re.compile(r"[\s\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                     r"\u2066-\u2069\ufeff]")
# Never part of an address a clerk copies from a browser; each could end an HTML attribute.
_NOT_IN_URL = {'"': 'tanda kutip "', "'": "tanda kutip '", "<": "tanda <", ">": "tanda >",
               "`": "tanda `", "\\": "garis miring terbalik \\", " ": "spasi"}


def unmasked(url: str) -> str:
    """An address as a browser reads it: entities and percent-escapes decoded (repeatedly),
    invisible characters dropped, lower case: `&#106;ava%09Script:` becomes `javascript:`."""
    for _ in range(3):
        decoded = unquote(html.unescape(url))
        if decoded == url:
            break
        url = decoded
    return _HIDDEN.sub("", url).lower()


def scheme_of(url: str) -> str:
    """The scheme of an address however it is disguised; "" for a relative one."""
    match = _SCHEME.match(unmasked(url))
    return match.group(1) if match else ""


def odd_character(text: str, allowed: str = "") -> str:
    """The name of the first character no address may hold, or ""."""
    for ch in text:
        if ch in allowed:
            continue
        if ch in _NOT_IN_URL:
            return _NOT_IN_URL[ch]
        if ch.isspace() or invisible(ch):
            return f"karakter tak terlihat U+{ord(ch):04X}"
    return ""
