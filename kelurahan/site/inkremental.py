"""An edit renders only what changed: a page whose inputs are those of the previous build is
hard-linked from the previous tree instead of being rendered again with Jinja.

Every page the writer (plugins/writer.py) is about to render gets a **render key**, worked out
without rendering it, from:

- the template's name and the page's output path;
- the **site digest**: everything every page of the site can show — the settings (kelurahan.toml,
  kota.toml, the neighbours, the city's notices shown now, …), our package and the theme (as the
  code stamp sees them), the stat of every file of the site's folder that is not a Markdown
  source (photos, documents, budgets), and the **card** of every content item in Pelican's
  context: every attribute an item has except its body (title, address, date, summary, tags,
  pillar, neighbours, …), with the body too for the types whose body other pages show
  (``BODY_ON_OTHER_PAGES``: a site's pengumuman is a banner on every page);
- what the page alone is given (the writer's keyword arguments: the item itself *with its body*
  and its neighbours' cards, the list being shown or paginated, the tag, the year, …).

The templates in ``WITHOUT_BERITA`` (an item's own page, the lists) use a site digest in which
every berita is counted but not shown: they show berita only through what they are handed. So:

- a body edit that leaves the item's card alone re-renders that item's page only (feeds, the
  sitemap, the manifest, open data and the search index are written by their own plugins on
  every build, as before);
- a berita's title re-renders its page, its neighbours', the lists it is on and the home page;
- anything else that changes a card (a date, a tag, a new or deleted item, the menu, a notice,
  kelurahan.toml, a photo) re-renders every page: correct first.

The build asks for this through ``KP_RENDER`` (the tree the site's output is at, and ``--force``);
the writer makes the run's ``Renders`` and leaves it in ``KP_RENDERS`` for the build to record.
The keys of a build are kept in the site's Pelican cache folder (``RECORD``; its folder is named by
the code stamp, so a change of code, theme or pelicanconf.py finds no record), with the tree they
describe and the window of time in which the clock changes nothing (from the build's "now" to the
site's next scheduled change, ``KP_NEXT_CHANGE``). A page is reused only when its key is the one
recorded, the record is for the tree now in ``output/<slug>`` and that tree's file still has the
recorded size and time (else its hash). A missing, unreadable or outdated record, ``--force`` and
``KELURAHAN_PLAIN=1`` render everything.

Guards, because a skipped render must never lose a side effect: a page whose rendering reported a
problem or published an image on demand (a template's own picture) is never reused; and once
Pelican is done, the site digest is worked out again from the context as it then is: if it
differs from the one the keys were made with, the site is built again with nothing reused
(``Renders.stale``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import shutil
from pathlib import Path

from kelurahan import keys

RECORD = "kp-render.json"  # in the site's Pelican cache folder
VERSION = 1
# Types whose body is shown on pages other than their own: part of their card.
BODY_ON_OTHER_PAGES = frozenset({"pengumuman"})
# The map from a page to what it shows, beyond the site digest's settings and files: every
# template shows every item's card (the menu, the notices, the home page's latest items), except
# these, checked by hand and by tests/test_inkremental.py. They show of the berita only what the
# writer hands the page itself — the item (with its neighbours, part of its own view), the list
# being shown or paginated (its cards), the tag, the category — and, of all berita, how many
# there are per tag and category: their site digest counts the berita without showing them, so
# a berita's title, date or pillar re-renders its page, its neighbours and the lists it is on
# only. Templates they extend, include or import must not show berita either (base.html,
# _partials/). When unsure, leave a template out: it then depends on every card.
WITHOUT_BERITA = frozenset({
    # the item's own page, and lists of other types
    "article.html", "page.html", "umkm.html", "wisata.html", "layanan.html",
    "layanan_cetak.html", "agenda.html", "dokumen.html", "pengumuman.html", "anggaran.html",
    "anggaran_tahun.html", "daftar_umkm.html", "daftar_wisata.html", "daftar_layanan.html",
    "daftar_agenda.html", "daftar_dokumen.html", "ppid.html", "404.html", "portal/cari.html",
    # lists of berita: the berita on them are the page's own (articles, dates, items, their
    # paginator); of the others, the tags' and categories' names and counts
    "index.html", "tag.html", "category.html", "tags.html", "archives.html", "pilar.html"})
# What in the context is this build's own state, not an input of any page.
RUN_KEYS = frozenset({keys.PROBLEMS, keys.WRITTEN, keys.FRAGMENTS, keys.SEARCH_PROCESS,
                      keys.ANNOUNCE, keys.IMAGES, keys.NEXT_CHANGE, keys.RENDER, keys.RENDERS,
                      "localsiteurl", "output_file"})
# In KP (plugins/types.py): the build's "now", shown by no page; the clock's effects (what is
# upcoming, what is shown) are in the lists themselves and in the record's time window.
KP_RUN_KEYS = frozenset({"sekarang"})
# Attributes of a content item that are not what it shows: the run's settings and context.
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context", "_content"})


class _Unstable(Exception):
    """A value whose text would differ between two builds of the same inputs."""


def _sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


class Digests:
    """Plain-data views of the context's values, content items as cards (memoised per item for
    one pass: an item is kept alive with its digest, so its id is never reused meanwhile)."""

    def __init__(self):
        from pelican.contents import Article, Content
        from pelican.urlwrappers import URLWrapper

        self.Article, self.Content, self.URLWrapper = Article, Content, URLWrapper
        self.cards: dict[int, tuple[object, str]] = {}
        self.objects: dict[tuple[int, str], tuple[object, str]] = {}  # for one pass only
        self.encoders: dict[str, json.JSONEncoder] = {}

    def card(self, item) -> str:
        kept = self.cards.get(id(item))
        if kept is not None and kept[0] is item:
            return kept[1]
        data = {name: value for name, value in vars(item).items() if name not in SKIPPED_ATTRIBUTES}
        data["class"] = type(item).__name__
        if getattr(item, "tipe", None) in BODY_ON_OTHER_PAGES:
            data["_content"] = _sha(str(getattr(item, "_content", "") or ""))
        digest = _sha(self.encode(data, "ref"))
        self.cards[id(item)] = (item, digest)
        return digest

    def encode(self, value, mode: str = "card") -> str:
        """JSON text of ``value``: containers walked by json's C encoder, content items and
        other objects converted by ``_convert`` (``mode``: items as "card", as "ref" inside
        another item's card, or "mask" with every berita counted but not shown); the slower
        ``plain`` walk for what json cannot take (keys that are not text, a cycle)."""
        encoder = self.encoders.get(mode)
        if encoder is None:
            encoder = self.encoders[mode] = json.JSONEncoder(
                sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                default=functools.partial(self._convert, mode=mode))
        try:
            return encoder.encode(value)
        except (TypeError, ValueError):
            return json.dumps(self.plain(value, mode),
                              sort_keys=True, ensure_ascii=False, default=repr)

    def _convert(self, value, mode: str):
        if isinstance(value, self.Content):
            if mode == "mask" and (isinstance(value, self.Article)
                                   or getattr(value, "tipe", None) == "berita"):
                return "berita"  # counted, not shown (WITHOUT_BERITA)
            if mode == "ref":  # an item inside another item's card: where it is, its name
                return ["ref", type(value).__name__, getattr(value, "source_path", ""),
                        str(getattr(value, "save_as", "")), str(getattr(value, "url", "")),
                        str(getattr(value, "title", ""))]
            return ["card", self.card(value)]
        if isinstance(value, (dt.datetime, dt.date, dt.time)):
            return ["time", value.isoformat()]
        if isinstance(value, self.URLWrapper):  # a tag, category or author: its address and file
            # follow from its slug and the settings (part of the site digest)
            return ["wrapper", type(value).__name__, value.name, value.slug]
        if isinstance(value, bytes):
            return ["bytes", _sha(value)]
        if isinstance(value, Path):
            return ["path", str(value)]
        if isinstance(value, (set, frozenset)):
            return ["set", sorted(self.encode(v, mode) for v in value)]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return ["data", type(value).__qualname__,
                    {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}]
        if callable(value) and hasattr(value, "__qualname__"):
            return ["code", getattr(value, "__module__", ""), value.__qualname__]
        if hasattr(value, "__dict__"):
            # An object seen again in the same pass (a page's paginator, named by the page,
            # the previous and the next page too) is encoded once.
            kept = self.objects.get((id(value), mode))
            if kept is None or kept[0] is not value:
                kept = self.objects[id(value), mode] = (value, _sha(self.encode(
                    {k: v for k, v in vars(value).items() if k not in SKIPPED_ATTRIBUTES}, mode)))
            return ["object", type(value).__module__, type(value).__qualname__, kept[1]]
        text = repr(value)
        if " at 0x" in text:
            raise _Unstable(text)
        return ["repr", type(value).__qualname__, text]

    def full(self, item) -> list:
        """An item as its own page shows it: its card, its body, and the cards of the items it
        points to (a berita's neighbours)."""
        linked = []
        for name, value in sorted(vars(item).items()):
            values = value if isinstance(value, (list, tuple)) else [value]
            cards = [self.card(v) for v in values if isinstance(v, self.Content)]
            if cards and name not in SKIPPED_ATTRIBUTES:
                linked.append([name, cards])
        return ["full", self.card(item), _sha(str(getattr(item, "_content", "") or "")), linked]

    def plain(self, value, mode: str, depth: int = 0):
        """``value`` as plain data for what json cannot encode directly (keys that are not
        text, a cycle): containers walked here, everything else converted as ``_convert`` does."""
        if depth > 12:
            raise _Unstable("too deep")
        if value is None or isinstance(value, (bool, int, float, str)):
            return value

        def inner(v):
            return self.plain(v, mode, depth + 1)

        if isinstance(value, dict):
            return ["dict", sorted(([inner(k), inner(v)] for k, v in value.items()), key=repr)]
        if isinstance(value, (list, tuple)):
            return [inner(v) for v in value]
        return inner(self._convert(value, mode))


def files_digest(folder: Path) -> str:
    """Path, size and time of every file of a site's folder except its Markdown sources (whose
    text reaches pages only through the content items): photos, documents, budgets."""
    rows = []
    root = os.fspath(folder)
    for base, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md"):
                continue
            path = os.path.join(base, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            rows.append(f"{os.path.relpath(path, root)}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return _sha("\n".join(rows))


def code_digest(settings: dict) -> str:
    """Our package and the theme, as the build's code stamp knows them: a record kept in a
    cache folder that is not named by the code stamp (a profiler's) is not trusted either."""
    from kelurahan import PACKAGE, __version__
    from kelurahan.fingerprint import tree_stamp

    theme = settings.get("THEME")
    return _sha("\0".join([__version__, tree_stamp(PACKAGE, (".py",)),
                           tree_stamp(Path(theme)) if theme else ""]))


def site_digest(context: dict, digests: Digests, files: str, mask: bool = False) -> str:
    """What every page of the site can show, as one digest; with ``mask``, every berita
    counted but not shown (the digest of the WITHOUT_BERITA templates)."""
    data = {"_mask": mask}
    for name, value in context.items():
        if name in RUN_KEYS:
            continue
        if name == keys.COLLECTIONS and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k not in KP_RUN_KEYS}
        data[name] = _sha(digests.encode(value, "mask" if mask else "card"))
    data["_files"] = files
    return _sha(json.dumps(data, sort_keys=True))


# --- the record of a build --------------------------------------------------------------------

def read_record(cache: Path, tree: Path, now: str) -> dict:
    """The pages recorded by the previous build of ``tree``, {} when there is none to trust."""
    try:
        record = json.loads((Path(cache) / RECORD).read_text(encoding="utf-8"))
        if record.get("versi") != VERSION or record.get("pohon") != str(Path(tree).resolve()):
            return {}
        if not record["dibangun"] <= now or (record.get("berubah") and now >= record["berubah"]):
            return {}  # the clock went back, or the site's output changes with time since
        return {rel: tuple(entry) for rel, entry in record["halaman"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_record(cache: Path, tree: Path, now: str, next_change: str | None,
                 pages: dict, reused: int = 0, rendered: int = 0) -> None:
    """The keys of the pages of the tree just put in place at ``tree``; how many pages were
    linked from the previous tree and how many rendered (tests and benchmarks read these)."""
    record = {"versi": VERSION, "pohon": str(Path(tree).resolve()), "dibangun": now,
              "berubah": next_change, "dipakai": reused, "dirender": rendered, "halaman": pages}
    try:
        Path(cache).mkdir(parents=True, exist_ok=True)
        tmp = Path(cache) / f".{RECORD}.tmp"
        tmp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, Path(cache) / RECORD)
    except OSError:
        pass  # next build renders everything


def forget(cache: Path) -> None:
    try:
        (Path(cache) / RECORD).unlink()
    except OSError:
        pass


class Renders:
    """One site build's render keys: which pages can be taken from the previous tree."""

    def __init__(self, previous: dict, old_tree: Path | str | None, site_path: Path | str | None,
                 now: str = ""):
        self.now = now  # the build's "now", as the record keeps it
        self.previous = previous  # {rel: (key, size, mtime_ns, sha256)}
        self.old_tree = Path(old_tree) if old_tree else None
        self.site_path = site_path
        self.pages: dict[str, list] = {}  # this build's: {rel: [key, size, mtime_ns, sha256]}
        self.digests = Digests()
        self.context_id = None
        self.site = self.masked = None
        self.files = None
        self.reused = 0
        self.rendered = 0
        self.stale = False

    def _site(self, context: dict, template_name: str) -> str | None:
        if self.site is None or self.context_id != id(context):
            try:
                if self.files is None:
                    self.files = files_digest(self.site_path) if self.site_path else ""
                    self.files += code_digest(context)
                self.site = site_digest(context, self.digests, self.files)
                self.masked = site_digest(context, self.digests, self.files, mask=True)
            except _Unstable:
                self.site = self.masked = ""
            self.context_id = id(context)
            self.context = context
        return (self.masked if template_name in WITHOUT_BERITA else self.site) or None

    def key(self, template_name: str, rel: str, context: dict, kwargs: dict) -> str | None:
        """The page's render key; None if it cannot be told without rendering."""
        site = self._site(context, template_name)
        if site is None:
            return None
        self.digests.objects = {}  # objects are not assumed unchanged from page to page
        content = self.digests.Content
        try:
            own = {name: self.digests.full(value) if isinstance(value, content) else value
                   for name, value in kwargs.items() if name not in RUN_KEYS}
            return _sha(self.digests.encode([template_name, rel, site, own]))
        except _Unstable:
            return None

    def reusable(self, rel: str, key: str | None) -> tuple[str, str] | None:
        """(path in the previous tree, sha256) of the page at ``rel`` if its recorded key is
        ``key`` and the previous tree still has the file as it was written; else None."""
        entry = self.previous.get(rel)
        if key is None or entry is None or entry[0] != key or self.old_tree is None:
            return None
        _, size, mtime, digest = entry
        old = os.path.join(self.old_tree, rel)
        try:
            stat = os.stat(old)
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                with open(old, "rb") as handle:
                    if hashlib.file_digest(handle, "sha256").hexdigest() != digest:
                        return None
        except OSError:
            return None
        return old, digest

    def link(self, old: tuple[str, str], target: str) -> tuple[int, int, str] | None:
        """The previous tree's file linked (else copied) to ``target``: (size, mtime_ns, sha256)."""
        path, digest = old
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.lexists(target):  # written before in this run (an override): replaced,
                os.unlink(target)  # never written through (it may be a link to the old tree)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)
            stat = os.stat(target)
        except OSError:
            try:
                os.unlink(target)  # never left to be written through: it may share the old file
            except OSError:
                pass
            return None
        self.reused += 1
        return stat.st_size, stat.st_mtime_ns, digest

    def note(self, rel: str, key: str | None, written: tuple[int, int, str] | None) -> None:
        if key is not None and written is not None:
            self.pages[rel] = [key, *written]
        else:
            self.pages.pop(rel, None)

    def check(self) -> None:
        """After the run: the context the keys were made from, worked out again from scratch."""
        if self.site is None:
            return
        try:
            again = site_digest(self.context, Digests(), self.files or "")
        except _Unstable:
            again = ""
        self.stale = again != self.site


def start(settings: dict) -> Renders | None:
    """The writer's Renders for this run, if the build asked for it (``KP_RENDER``: the tree
    the site's output is at, and whether to render every page); None renders every page
    (a plain `pelican` run, KELURAHAN_PLAIN=1)."""
    from kelurahan import clock
    from kelurahan.site import speed

    asked = settings.get(keys.RENDER)
    if not asked or not speed.enabled():
        return None
    now = clock.now().isoformat(timespec="minutes")
    previous = {} if asked.get("force") else read_record(settings["CACHE_PATH"], asked["tree"], now)
    return Renders(previous, asked["tree"], settings["PATH"], now)
