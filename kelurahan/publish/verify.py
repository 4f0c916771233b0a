"""Verify a built output tree before anything of it is published.

Three promises, checked on the files themselves rather than trusted from the build's report:

1. **Every file comes from the build.** Each site build records a ledger (relative path →
   SHA-256) of the fresh tree it swapped in; the portal build does the same for its entries.
   A file that no ledger vouches for, or whose bytes differ from its ledger entry, was put there
   by something else (an injected spam page, a leftover, a hand edit) and blocks publishing.
   Files a site copies verbatim from its content folder (``gambar/``) must be media, never
   pages or scripts.
2. **No drafts, nothing before its time.** No page of a content file with ``status: draf``
   is in the output, nor of an item not due yet or a notice that has ended (at the build's
   now, kelurahan/content/schedule.py).
3. **Every internal link and asset resolves**, under the publishing base URL (a GitHub Pages
   project path such as ``https://org.github.io/repo/`` or a custom domain's root).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kelurahan.content.registry import City
from kelurahan.errors import Problem
from kelurahan.output import SITE_STAMP, ledgers, scan, sha256
from kelurahan.site.addresses import item_page, publishing_base, slug_of

# Suffixes that make a file a page or a program: never published as a verbatim content copy.
ACTIVE = {".html", ".htm", ".xhtml", ".shtml", ".php", ".phtml", ".asp", ".aspx", ".jsp", ".cgi",
          ".pl", ".py", ".sh", ".js", ".mjs", ".wasm", ".swf", ".exe", ".apk", ".jar", ".htaccess"}
COPIED_FROM_CONTENT = ("gambar",)
_SKIP_SCHEMES = {"mailto", "tel", "sms", "data", "geo", "whatsapp", "about", "blob"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_XML_URL = re.compile(r"""<loc>\s*([^<\s]+)\s*</loc>|<link\b[^>]*?\bhref="([^"]+)\"""")
_URL_ATTRS = {"href", "src", "poster", "data", "action", "formaction"}
_META_URLS = {"og:image", "og:url", "og:image:url", "og:image:secure_url", "twitter:image"}


# --- the verification -----------------------------------------------------------------------------

@dataclass
class Verified:
    """The outcome: problems found, and the files that may be published (relative → absolute)."""

    problems: list[Problem] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def foreign_files(output: Path, city: City, shown: str, files: dict[str, Path] | None = None,
                  partial: bool = False) -> list[Problem]:
    """Files no ledger vouches for or changed since they were built; missing ledger files.

    ``partial`` looks only at what has a ledger (an output from before ledgers existed, or
    before a build that will replace its folders whole), and not for missing files.
    """
    files = scan(output) if files is None else files
    vouched, owners = ledgers(output, [s.slug for s in city.sites])
    slugs = {s.slug for s in city.sites}
    fix = ("hapus berkas itu (atau seluruh folder keluaran) lalu bangun ulang; bila muncul lagi, "
           "periksa siapa yang bisa menulis ke folder itu")
    problems, reported = [], set()
    for rel, path in files.items():
        top = rel.split("/", 1)[0]
        if partial and (top if top in slugs else "") not in owners:
            continue
        if rel not in vouched:
            if "/" in rel and top not in slugs and not any(v.startswith(top + "/") for v in vouched):
                if top not in reported:
                    reported.add(top)
                    problems.append(Problem(f"{shown}/{top}/", "folder ini tidak dibuat oleh "
                                            "proses bangun (bisa jadi sisipan atau spam)", fix))
                continue
            problems.append(Problem(f"{shown}/{rel}", "berkas ini tidak dibuat oleh proses bangun "
                                    "(bisa jadi sisipan atau spam)", fix))
        elif sha256(path) != vouched[rel]:
            problems.append(Problem(f"{shown}/{rel}", "berkas ini diubah setelah dibangun", fix))
    if not partial:
        for rel in sorted(set(vouched) - set(files)):
            problems.append(Problem(f"{shown}/{rel}", "berkas hasil bangun hilang",
                                    "bangun ulang dengan --force"))
    for rel in files:
        parts = rel.split("/")
        name = parts[-1].lower()
        if len(parts) > 2 and parts[0] in slugs and parts[1] in COPIED_FROM_CONTENT \
                and (Path(name).suffix in ACTIVE or name in ACTIVE):
            source = city.site(parts[0]).shown + "/" + "/".join(parts[1:])
            problems.append(Problem(source, f"berkas {parts[-1]} di folder {parts[1]}/ akan terbit "
                                    "apa adanya sebagai halaman atau program",
                                    "hapus berkas itu; tulisan dibuat sebagai berkas .md di "
                                    "berita/, halaman/ dan seterusnya"))
    return problems


def draft_pages(output: Path, city: City) -> list[Problem]:
    """A content file marked draf whose page is in the output anyway: the files, the draft
    status and the page address are the reader's (every type folder, recursively; the schema's
    validated status; addresses.item_page of the reader's slug)."""
    from kelurahan import clock
    from kelurahan.content import schedule
    from kelurahan.content.frontmatter import load
    from kelurahan.content.schema import TYPES
    from kelurahan.content.tree import content_files

    problems, now = [], clock.now()
    for site in city.sites:
        for schema in TYPES.values():
            for md in content_files(site.path, schema.folder):
                shown = f"{site.shown}/{md.relative_to(site.path).as_posix()}"
                try:
                    values, _ = schema.validate(load(md, shown))
                except Exception:  # noqa: BLE001 — unreadable files are the build's and check's to report
                    continue
                state = schedule.state(schema.name, values, now)
                if state == "terbit":
                    continue
                page = item_page(schema.name, slug_of(values, md.stem))
                if (output / site.slug / page).exists():
                    what = {"draf": "draf ini", "terjadwal": "tulisan yang belum waktunya ini",
                            "berakhir": "pengumuman yang sudah berakhir ini"}[state]
                    problems.append(Problem(shown, f"{what} terbit sebagai {site.slug}/{page}",
                                            "hapus halaman itu dari keluaran lalu bangun ulang"))
    return problems


class _Links(HTMLParser):
    """Collects (url, line) of every link and asset reference in one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs.items():
            if value is None:
                continue
            if name in _URL_ATTRS and not (tag == "meta"):
                self.urls.append((value, line))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((candidate.split()[0], line))
        if tag == "meta" and (attrs.get("property") or attrs.get("name")) in _META_URLS \
                and attrs.get("content"):
            self.urls.append((attrs["content"], line))


def references(path: Path) -> list[tuple[str, int]]:
    """(url, line) of every reference in an HTML, CSS or XML file."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if suffix in (".html", ".htm"):
        parser = _Links()
        parser.feed(text)
        parser.close()
        return parser.urls
    pattern = {".css": _CSS_URL, ".xml": _XML_URL}.get(suffix)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        url = next(g for g in match.groups()[1::2] if g) if suffix == ".css" else \
            unescape(match.group(1) or match.group(2))
        found.append((url, text.count("\n", 0, match.start()) + 1))
    return found


def resolve(url: str, page: str, base: str) -> tuple[str | None, str]:
    """Map a reference on output page ``page`` to an output path; (None, why) if it cannot work.

    Returns (None, "") for references outside the site (other hosts, mailto:, fragments).
    """
    url = url.strip()
    if not url or url.startswith("#"):
        return None, ""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "javascript":
        return None, "tautan javascript: tidak boleh ada"
    if scheme in _SKIP_SCHEMES or (scheme and scheme not in ("http", "https")):
        return None, ""
    base_parts = urlsplit(base) if base else None
    base_path = (base_parts.path.rstrip("/") + "/") if base_parts else "/"
    path = unquote(parts.path)
    if scheme or parts.netloc:
        if not base_parts or parts.netloc.lower() != base_parts.netloc.lower():
            return None, ""
        if not (path + "/").startswith(base_path):
            return None, ""
        rel = path[len(base_path):]
    elif path.startswith("/"):
        if base_path != "/" and not (path + "/").startswith(base_path):
            return None, f"tautan berawalan / tidak bekerja di bawah alamat dasar {base}/"
        rel = path[len(base_path):]
    else:
        if not path:
            return None, ""
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if joined == ".." or joined.startswith("../"):
            return None, "tautan keluar dari folder situs"
        rel = "" if joined == "." else joined
        if path.endswith("/") and rel:
            rel += "/"
    return rel, ""


def broken_links(files: dict[str, Path], base: str, shown: str) -> list[Problem]:
    """Every internal reference in HTML, CSS and XML files that does not reach a file."""
    problems = []
    for page, path in files.items():
        if path.suffix.lower() not in (".html", ".htm", ".css", ".xml"):
            continue
        seen = set()
        for url, line in references(path):
            if url in seen:
                continue
            seen.add(url)
            rel, why = resolve(url, page, base)
            if rel is None:
                if why:
                    problems.append(Problem(f"{shown}/{page}", f'tautan "{url}": {why}',
                                            "perbaiki templat atau tulisan yang membuat tautan ini",
                                            line=line))
                continue
            if _exists(rel, files):
                continue
            problems.append(Problem(f"{shown}/{page}", f'tautan "{url}" tidak menemukan tujuannya',
                                    "perbaiki tautan di tulisan atau templat yang membuat halaman "
                                    "ini, atau tambahkan halaman yang dituju", line=line))
    return problems


def _exists(rel: str, files: dict[str, Path]) -> bool:
    rel = rel.lstrip("/")
    if rel == "" or rel.endswith("/"):
        return f"{rel}index.html" in files
    return rel in files or f"{rel}/index.html" in files


def verify(output: Path | str, city: City, base: str | None = None, shown: str | None = None,
           links: bool = True) -> Verified:
    """Verify ``output`` for publishing: provenance, drafts, and (optionally) links."""
    output = Path(output)
    shown = shown or str(output)
    base = publishing_base(city.data) if base is None else base.rstrip("/")
    result = Verified()
    if not output.is_dir():
        result.problems.append(Problem(shown, "folder keluaran tidak ada", "bangun dulu"))
        return result
    files = scan(output)
    if not ledgers(output, [s.slug for s in city.sites])[1]:
        result.problems.append(Problem(shown, "keluaran ini tidak punya catatan berkas hasil bangun",
                                       "bangun ulang dengan --force lalu terbitkan lagi"))
        return result
    result.problems += foreign_files(output, city, shown, files)
    missing = [s for s in city.sites if not (output / s.slug / SITE_STAMP).is_file()]
    for site in missing:
        result.problems.append(Problem(site.shown, "situs ini tidak ada di keluaran",
                                       "perbaiki galatnya lalu bangun ulang; situs yang terbit "
                                       "harus lengkap"))
    if not (output / "index.html").is_file():
        result.problems.append(Problem(f"{shown}/index.html", "portal kota tidak ada di keluaran",
                                       "bangun portal (kelurahan build atau kelurahan merge)"))
    result.problems += draft_pages(output, city)
    if links:
        result.problems += broken_links(files, base, shown)
    result.files = files
    return result
