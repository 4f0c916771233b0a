"""`kelurahan check`: everything the build validates, plus what a reader would trip over.

The build (into a throw-away folder) reports every schema, image and sanitiser problem. On top
of that, each content file is read again to find broken internal links, images without alt
text, gambling spam, markup the sanitiser would strip, drafts and future dates, duplicate
addresses and titles, oversized photos, and sites whose news has gone quiet.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import posixpath
import re
import tempfile
import warnings
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kelurahan import clock
from kelurahan.content import anggaran, markup, sanitise
from kelurahan.content.frontmatter import Document, load, read_text
from kelurahan.content.registry import load_city, load_toml, toml_lines
from kelurahan.content.schema import KELURAHAN, PILAR_KEYS, TYPES
from kelurahan.content.schema.fields import Invalid, _image
from kelurahan.content.schema.screen import shown
from kelurahan.content.tree import allowed, content_files
from kelurahan.errors import ContentError, Problem, distinct, summarize
from kelurahan.site import addresses
from kelurahan.site.addresses import Entry, item_url, slug_of
from kelurahan.site.format import tanggal
from kelurahan.site.images import missing_image

QUIET_DAYS = 90
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 4000
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")

# Words of gambling spam ("judol") planted on hijacked government sites. Each is specific
# enough that ordinary kelurahan news does not use it ("slot" alone or "gacor" alone do).
_SPAM_WORDS = re.compile(
    r"\b(judi[\s_-]*(?:online|daring|bola|slot)|judol|situs[\s_-]*judi|bandar[\s_-]*(?:judi|togel|bola|slot)"
    r"|slot[\s_-]*(?:gacor|online|dana|pulsa|deposit|demo|maxwin|resmi|thailand|kamboja|server)"
    r"|slot[\s_-]?\d{2,4}|situs[\s_-]*(?:slot|gacor|toto)(?:[\s_-]*gacor)?|(?:pola|link|situs|rtp)[\s_-]*gacor"
    r"|gacor[\s_-]*(?:hari[\s_-]*ini|maxwin|\d+)|max[\s_-]?win|togel\w*|toto[\s_-]*(?:macau|gelap|sgp|hk|4d)"
    r"|rtp[\s_-]*(?:live|slot)|scatter[\s_-]*hitam|mahjong[\s_-]*ways|sbobet\w*|sabung[\s_-]*ayam"
    r"|(?:casino|kasino|poker)[\s_-]*online|agen[\s_-]*(?:judi|bola|slot|togel)|taruhan[\s_-]*bola"
    r"|deposit[\s_-]*(?:pulsa|dana)[\s_-]*tanpa[\s_-]*potongan|pragmatic[\s_-]*play)\b",
    re.I)
# The same vocabulary as it appears in the host or path of a spam link.
_SPAM_URL = re.compile(
    r"(slot|gacor|togel|judi|judol|casino|kasino|poker|sbobet|maxwin|toto\d|totomacau|jackpot"
    r"|\d+bet\b|\bbet\d+|dominoqq|bandarq|pkv|sabung|scatter|mahjong)", re.I)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"'\]]+", re.I)
_RAW_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTR = re.compile(r"([^\s=>/]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]+`)", re.S)


@dataclass
class Item:
    """One content file of a site, read and validated for the checks below."""

    path: Path
    shown: str
    schema_name: str
    doc: Document
    values: dict
    url: str
    url_slug: str = ""


@dataclass
class CheckReport:
    """Every problem found, and how many sites were looked at."""

    problems: list[Problem] = field(default_factory=list)
    sites: int = 0

    def failed(self, strict: bool = False) -> bool:
        levels = ("error", "warning") if strict else ("error",)
        return any(p.level in levels for p in self.problems)

    def summary(self) -> str:
        return f"Pemeriksaan {self.sites} situs: {summarize(self.problems)}"

    def as_json(self, strict: bool = False) -> str:
        counts = {level: sum(1 for p in self.problems if p.level == level)
                  for level in ("error", "warning", "info")}
        return json.dumps({"ok": not self.failed(strict), "strict": strict, "sites": self.sites,
                           "counts": counts,
                           "problems": [{**p.as_dict(), "text": p.format()} for p in self.problems]},
                          ensure_ascii=False, indent=1)

    def github(self) -> str:
        """GitHub Actions workflow commands: one annotation per problem."""
        return "\n".join(p.github() for p in self.problems)


def check(content: Path | str = "content", sites=None, today: dt.date | None = None,
          jobs: int | None = None, debug: bool = False) -> CheckReport:
    """Build the chosen sites into a temporary folder and run every check; never raises on content."""
    from kelurahan.city.build import build

    today = today or clock.today()
    content = Path(content)
    with tempfile.TemporaryDirectory(prefix="kelurahan-check-") as tmp:
        # The build's own caches are shared: Pelican's is keyed by each file's content hash and
        # the images' by the photo's, so checking never re-encodes a photo the build already did.
        report = build(content, Path(tmp) / "output", sites, jobs=jobs, force=True, portal=False,
                       cache=Path(".cache"), debug=debug, checking=True)
        problems = [p for p in report.all_problems if not _superseded(p)]
        city = load_city(content, str(content))
        slugs = [r.slug for r in report.results]
        for slug in slugs:
            shown = f"{city.shown}/{slug}"
            if (content / slug).is_symlink():
                continue  # refused by the build (kelurahan/content/tree.py): nothing in it is read
            try:
                problems += check_site(content / slug, shown, Path(tmp) / "output" / slug, today,
                                       validated=city.site(slug) is not None)
            except Exception as exc:  # noqa: BLE001 — one site's surprise never hides the rest
                problems.append(Problem(shown, f"situs tidak bisa diperiksa seluruhnya "
                                        f"({type(exc).__name__}: {exc})",
                                        "laporkan ke tim kota dengan --debug"))
    return CheckReport(_sorted(distinct(problems, key=_same)), len(slugs))


_PELICAN_NOISE = ("tautan ke ", "ada gambar di isi tulisan", "Pelican: There are ",
                  "Pelican: Cannot get modification stamp",
                  "situs gagal dibangun (FileOverwriteFailedError")


def _superseded(problem: Problem) -> bool:
    """Pelican's site-wide warnings about links, alt text, missing files and duplicate slugs:
    check reports each of them with its file and line instead."""
    return problem.line is None and problem.message.startswith(_PELICAN_NOISE)


def _same(problem: Problem) -> tuple:
    """Reported once: the build and check may both find a problem, with a different field."""
    return problem.path, problem.line, problem.level, problem.message


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0))


# --- one site ---------------------------------------------------------------------------------

def _read(path: Path, shown: str) -> str:
    try:
        return read_text(path, shown)
    except ContentError:
        return ""  # the build, or validate below, says why


def check_site(folder: Path, shown: str, built: Path, today: dt.date,
               validated: bool = True) -> list[Problem]:
    """Every extra check of one kelurahan folder; ``built`` is its output (may be missing).
    ``validated`` is False when the build refused the folder before reading it: the schema's
    own problems are then reported here."""
    problems: list[Problem] = []
    toml = folder / "kelurahan.toml"
    if allowed(folder, toml):
        problems += spam_in_text(_read(toml, f"{shown}/kelurahan.toml"), f"{shown}/kelurahan.toml")
        problems += identity_images(toml, f"{shown}/kelurahan.toml")
    items = []
    for schema in TYPES.values():
        for path in content_files(folder, schema.folder):
            item_shown = f"{shown}/{path.relative_to(folder).as_posix()}"
            try:
                problems += spam_in_text(_read(path, item_shown), item_shown)
                doc = load(path, item_shown)
            except ContentError as exc:
                problems += [] if validated else exc.problems  # else the build has said why
                continue
            values, found = schema.validate(doc)
            problems += [] if validated else found + unbuilt_body(doc, folder)
            if "judul" in values:
                slug = slug_of(values, path.stem)
                items.append(Item(path, item_shown, schema.name, doc, values,
                                  item_url(schema.name, slug), slug))
    pages = _pages(built, folder, items)
    for item in items:
        try:
            problems += check_item(item, folder, pages, today)
        except Exception as exc:  # noqa: BLE001 — report the file, go on with the others
            problems.append(Problem(item.shown, f"berkas tidak bisa diperiksa ({type(exc).__name__})",
                                    "periksa isi berkas; bila tampak benar, laporkan ke tim kota"))
    if not validated:
        problems += unbuilt_images(folder, shown, items)
        problems += anggaran.load_site(folder, shown)[1]  # the budgets the build did not read
    problems += duplicates(items)
    problems += quiet_news(items, f"{shown}/berita", today)
    problems += oversized_images(folder, shown)
    return problems


def unbuilt_body(doc: Document, folder: Path) -> list[Problem]:
    """What the reader says about a body (addresses, scripts), for a folder the build refused."""
    return sanitise.clean(markup.to_html(doc.body), doc)[1]


def unbuilt_images(folder: Path, shown: str, items: list[Item]) -> list[Problem]:
    """What the build's image pipeline says about each image a file names (unreadable,
    truncated, a decompression bomb, SVG), for a folder the build refused before reading it."""
    from kelurahan.site.images import ImageProblem, _corrupt, open_image

    uses = [(item.shown, key, path, item.doc.line_of(key))
            for item in items for key, path in item_images(item)]
    for item in items:
        links = _Links()
        links.feed(markup.to_html(item.doc.body))
        uses += [(item.shown, "isi", path, sanitise.address_line(item.doc, src))
                 for src, _ in links.images if (path := _site_path(src))]
    toml = folder / "kelurahan.toml"
    if allowed(folder, toml):
        data, _ = load_toml(toml, f"{shown}/kelurahan.toml", KELURAHAN)
        lines = toml_lines(_read(toml, f"{shown}/kelurahan.toml"))
        uses += [(f"{shown}/kelurahan.toml", key, path, lines.get(key))
                 for key, path in KELURAHAN.images(data)]
    problems, results = [], {}
    for where, key, path, line in uses:
        if path not in results:
            results[path] = None
            if allowed(folder, folder / path):
                try:
                    with open_image(folder / path, path)[0] as image:
                        image.draft("RGB", (256, 256))  # a truncated file fails at any size
                        image.load()
                except ImageProblem as exc:
                    results[path] = exc
                except (OSError, SyntaxError, ValueError):
                    results[path] = _corrupt(path)
                except Exception:  # noqa: BLE001 — the build's pipeline says the same
                    results[path] = None
        found = results[path]
        if found is not None:
            problems.append(Problem(where, found.message, found.fix, line, found.level, key))
    return problems


def _pages(built: Path, folder: Path, items: list[Item]) -> set[str]:
    """Every address of the site: from its output, or (if it did not build) from its content."""
    originals = {p.relative_to(folder).as_posix() for p in content_files(folder, "gambar", "")}
    if built.is_dir():
        return originals | {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    lists = [f"{name}/" for name in TYPES if name != "halaman"] + ["", "tag/"] + \
        [f"pilar/{key}/" for key in PILAR_KEYS]
    return originals | {url + "index.html" for url in lists + [i.url for i in items]}


def _months_ago(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def identity_images(toml: Path, shown: str) -> list[Problem]:
    """The logo and the lurah's photo named in kelurahan.toml must exist."""
    data, _ = load_toml(toml, shown, KELURAHAN)
    lines = toml_lines(_read(toml, shown))
    return [missing_image(shown, path, lines.get(key), key)
            for key, path in KELURAHAN.images(data) if not (toml.parent / path).is_file()]


def check_item(item: Item, folder: Path, pages: set[str], today: dt.date) -> list[Problem]:
    """Links, images, raw HTML, drafts and dates of one content file."""
    doc, problems = item.doc, []
    if item.values.get("status") == "draf":
        problems.append(Problem(doc.path, "berkas ini berstatus draf, jadi tidak tampil di situs",
                                "ubah menjadi status: terbit bila sudah siap diterbitkan",
                                doc.line_of("status"), "info", "status"))
    # A tanggal still to come is scheduled publishing: the build says when it will appear
    # (kelurahan/site/plugins/schedule.py). An update dated in the future is a typo.
    when = item.values.get("diperbarui")
    if item.schema_name == "berita" and when and when.date() > today:
        problems.append(Problem(doc.path, f"diperbarui {when:%Y-%m-%d} belum tiba",
                                "periksa tanggalnya: diperbarui adalah kapan berita ini diubah",
                                doc.line_of("diperbarui"), "info", "diperbarui"))
    reviewed = item.values.get("ditinjau")
    if item.schema_name == "layanan" and reviewed and _months_ago(today, 12) > reviewed.date():
        problems.append(Problem(doc.path, f"layanan ini terakhir ditinjau {tanggal(reviewed, 'sedang')}, "
                                "lebih dari 12 bulan lalu", "periksa persyaratan, prosedur, waktu dan "
                                "biaya bersama petugas, lalu perbarui ditinjau",
                                doc.line_of("ditinjau"), "warning", "ditinjau"))
    for key, path in item_images(item):
        if not (folder / path).is_file():
            # the build's own message, so the two reports merge into one line
            problems.append(missing_image(doc.path, path, doc.line_of(key), key))
    links = _Links()
    links.feed(markup.to_html(doc.body))
    for src, alt in links.images:
        line = sanitise.address_line(doc, src)  # entities decoded, as the sanitiser finds it
        if not alt.strip():
            problems.append(Problem(doc.path, f'gambar "{shown(src)}" di isi tulisan tidak punya '
                                    "keterangan", "tulis keterangan di antara kurung siku, misalnya "
                                    f"![Warga bergotong royong]({shown(src)})", line, "error", "isi"))
        elif not re.match(r"^([a-z]+:|//|\{)", src, re.I):
            path = _site_path(src)
            if path and not (folder / path).is_file():
                problems.append(missing_image(doc.path, path, line, "isi"))
    for href in links.hrefs:
        problem = broken_link(href, item, folder, pages)
        if problem:
            problems.append(problem)
    problems += stripped_html(doc)
    return problems


def item_images(item: Item):
    """(key, path) of every image named in the front matter."""
    yield from TYPES[item.schema_name].images(item.values)


def _site_path(src: str) -> str | None:
    """An inline image path as the reader resolves it, through the schema's image rule."""
    try:
        return _image(None, unquote(src.split("#")[0].split("?")[0]), "gambar")
    except Invalid:
        return None  # a path leaving the folder: the build reports it


class _Links(HTMLParser):
    """Collects link targets and images (src, alt) of rendered Markdown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.images: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        elif tag == "img" and attrs.get("src"):
            self.images.append((attrs["src"], attrs.get("alt") or ""))


def _link_line(doc: Document, href: str) -> int:
    """The line of a link target, preferring its Markdown or HTML form over a bare mention."""
    return doc.line_in_body(f"]({href}", f'="{href}"', f"<{href}>", f"]: {href}", href)


_LINK_FIX = ("tulis tautan ke halaman lain sebagai {filename}/layanan/nama-berkas.md "
             "(dari folder kelurahan), dan periksa ejaan nama berkasnya")


def broken_link(href: str, item: Item, folder: Path, pages: set[str]) -> Problem | None:
    """A problem if an internal link of the body leads nowhere; external links are not fetched."""
    doc = item.doc
    line = _link_line(doc, href)
    parts = urlsplit(href)
    if parts.scheme or href.startswith(("#", "//")):
        return None
    match = re.match(r"^(?:\{(filename|static|attach)\}|\|(filename|static|attach)\|)(.*)$", href)
    if match:
        target = unquote(match.group(3).split("#")[0].split("?")[0])
        base = folder if target.startswith("/") else item.path.parent
        if (base / target.lstrip("/")).is_file():
            return None
        return Problem(doc.path, f'tautan ke "{href}" tidak ditemukan', _LINK_FIX, line, "error", "isi")
    if href.startswith("/"):
        return Problem(doc.path, f'tautan "{href}" diawali garis miring sehingga tidak berfungsi '
                       "setelah situs terbit", _LINK_FIX, line, "error", "isi")
    target = posixpath.normpath(posixpath.join(item.url, unquote(parts.path)))
    if target.startswith(".."):
        return None  # another kelurahan or the city portal: built separately
    if target in pages or f"{target}/index.html" in pages or (target == "." and "index.html" in pages):
        return None
    return Problem(doc.path, f'tautan ke "{href}" tidak ditemukan', _LINK_FIX, line, "error", "isi")


def stripped_html(doc: Document) -> list[Problem]:
    """Raw HTML tags and attributes that the sanitiser removes without comment."""
    problems = []
    body = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), doc.body)
    for offset, text in enumerate(body.split("\n")):
        for match in _RAW_TAG.finditer(text):
            tag = match.group(1).lower()
            if any(p.search(match.group(0)) for p, _ in sanitise._DANGER) or tag == "iframe":
                continue  # the sanitiser itself warns about these
            if tag not in sanitise.TAGS:
                what = f"tag <{tag}> akan dihapus"
            else:
                allowed = sanitise.ATTRIBUTES.get(tag, set())
                extra = [a for a in _ATTR.findall(match.group(2)) if a.lower() not in allowed]
                if not extra:
                    continue
                what = f"atribut {', '.join(extra)} pada <{tag}> akan dihapus"
            problems.append(Problem(doc.path, f"kode HTML di isi tulisan: {what}",
                                    "tulis dengan Markdown biasa (misalnya **tebal**, ## Subjudul); "
                                    "tampilan diatur oleh tema", doc.body_line + offset, "warning",
                                    "isi"))
    return problems


# --- spam ------------------------------------------------------------------------------------

_SPAM_FIX = ("hapus teks ini; bila Anda tidak menulisnya, akun Anda mungkin dibobol: ganti kata "
             "sandi dan laporkan ke tim kota")


def spam_in_text(text: str, shown: str) -> list[Problem]:
    """Gambling spam words and links, one problem per line that has them."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        hosts = []
        for url in _URL.findall(line):
            parts = urlsplit(url if "://" in url else "http://" + url)
            if _SPAM_URL.search(parts.netloc + parts.path):
                hosts.append(parts.netloc or url)
        if hosts:
            problems.append(Problem(shown, "tautan ke situs judi online/spam: "
                                    + ", ".join(dict.fromkeys(hosts)), _SPAM_FIX, number, "error",
                                    "spam"))
        words = [m.group(0).lower() for m in _SPAM_WORDS.finditer(_URL.sub(" ", line))]
        if words:
            problems.append(Problem(shown, "teks judi online/spam: "
                                    + ", ".join(f'"{w}"' for w in dict.fromkeys(words)),
                                    _SPAM_FIX, number, "error", "spam"))
    return problems


# --- the site as a whole ---------------------------------------------------------------------

def duplicates(items: list[Item]) -> list[Problem]:
    """Addresses that replace a generated page or another file's (kelurahan/site/addresses.py, the
    build's own rule and messages), and one title twice in a type."""
    from kelurahan.site.plugins.addresses import slug_line

    published = [item for item in items if item.values.get("status") != "draf"]
    entries = [Entry(item.shown, item.schema_name, item.url_slug, slug_line(item.doc))
               for item in published]
    problems, titles = addresses.problems(entries, _site_settings()), {}
    for item in published:
        title = (item.schema_name, " ".join(item.values["judul"].lower().split()))
        first = titles.setdefault(title, item)
        if first is not item:
            problems.append(Problem(item.shown, f'judul "{item.values["judul"]}" sama dengan '
                                    f"{first.shown}", "beri judul yang berbeda agar pembaca bisa "
                                    "membedakannya", item.doc.line_of("judul"), "warning", "judul"))
    return problems


@functools.cache
def _site_settings() -> dict:
    """The shared Pelican settings: which addresses the build generates."""
    from pelican.settings import read_settings

    from kelurahan.site.settings import default_config
    return read_settings(str(default_config()))


def quiet_news(items: list[Item], shown: str, today: dt.date) -> list[Problem]:
    """A note when the site has published no berita for QUIET_DAYS days."""
    dates = [i.values["tanggal"].date() for i in items
             if i.schema_name == "berita" and i.values.get("status") != "draf" and "tanggal" in i.values]
    slug = shown.rstrip("/").split("/")[-2]
    fix = f'tulis kabar terbaru, misalnya: kelurahan new berita --site {slug} --judul "…"'
    if not dates:
        return [Problem(shown, "belum ada berita yang terbit", fix, level="info")]
    latest = max(dates)
    if (today - latest).days > QUIET_DAYS:
        return [Problem(shown, f"tidak ada berita baru selama {(today - latest).days} hari "
                        f"(terakhir {latest:%Y-%m-%d})", fix, level="info")]
    return []


def oversized_images(folder: Path, shown: str) -> list[Problem]:
    """Photos straight from a phone camera: heavy to store, slow to upload in the editor."""
    from PIL import Image

    problems = []
    for path in content_files(folder, "gambar", ""):
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        shown_path = f"{shown}/{path.relative_to(folder).as_posix()}"
        size = path.stat().st_size
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # sized below
                with Image.open(path) as image:
                    width, height = image.size
        except Image.DecompressionBombError:
            problems.append(Problem(shown_path, "gambar ini menyatakan ukuran piksel yang terlalu "
                                    "besar untuk dibuka (bom dekompresi)", "simpan ulang sebagai "
                                    "JPEG atau PNG dengan lebar paling banyak 1600 piksel"))
            continue
        except Exception:  # noqa: BLE001 — OSError, SyntaxError, ValueError: an unreadable file
            problems.append(Problem(shown_path, "berkas ini bukan gambar yang bisa dibaca",
                                    "simpan ulang sebagai JPEG atau PNG", level="error"))
            continue
        if size > MAX_IMAGE_BYTES or max(width, height) > MAX_IMAGE_SIDE:
            megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
            problems.append(Problem(shown_path,
                                    f"gambar terlalu besar ({megabytes} MB, {width}×{height} piksel)",
                                    "perkecil ke lebar paling banyak 1600 piksel dan ukuran di bawah "
                                    "2 MB sebelum diunggah", level="warning"))
    return problems
