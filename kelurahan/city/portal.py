"""The city portal, built from the sites' manifests and output alone (never from content).

Sites can therefore be built in separate runs or on separate machines and the portal merged
afterwards: the same manifests give the same portal. Besides output/index.html it writes the
city-wide directories (berita, layanan, UMKM, wisata, agenda), the programme page and its
dashboard, a page per kecamatan, the Atom feed, the search page with the city's one search
index (made from the manifests' records: site/search.py) and the city's open data.

No portal page grows with the number of kelurahan: above ``SPLIT`` kelurahan the home and the
dashboard list kecamatan (each with its own page of kelurahan cards and heat-map rows), and
every list is cut into pages of a fixed size (the page budget, publish/budget.py, holds at
any size: tests/test_portal_skala.py builds a city large enough to split).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import json
import os
import shutil
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import jinja2

from kelurahan import clock, keys
from kelurahan.clock import iso, today
from kelurahan.content import notices
from kelurahan.content.registry import City
from kelurahan.content.schema import PILAR, PILAR_KEYS, TYPES
from kelurahan.content.schema.umkm import KATEGORI as UMKM_KATEGORI
from kelurahan.errors import Problem
from kelurahan.fingerprint import combine
from kelurahan.output import MANIFEST, read_portal_stamp, staging, swap_entries, write_portal_stamp
from kelurahan.site import opendata, search
from kelurahan.site.addresses import (FEED_SITE, ROBOTS, SITEMAP, SITEMAP_PORTAL, preview_number,
                                      publishing_base, site_url)
from kelurahan.site.jsonld import portal_script
from kelurahan.site.speed import SharedBytecodeCache
from kelurahan.site.theme import GLOBALS

# What the portal shares with the sites' Pelican plugins (kelurahan/site/format.py's filters, the
# budget chart, sitemaps) is imported where it is used: those modules import Pelican, which a
# build whose portal is unchanged need not load (a third of a no-op's CPU, docs/performance.md).
ACTIVE_DAYS = 30
MONTHS = 12
PER_PAGE = 30
LATEST = 6
FEED = 30  # berita in the city's Atom feed
# More kelurahan than this and the home and the dashboard list kecamatan, not kelurahan (the
# city of 27 keeps everything on one page; 270 would weigh 102 KB and 149 KB).
SPLIT = 40
# Kelurahan per page of a kecamatan (cards, heat-map rows) and of a service's list.
ROWS = 60
# A service offered in more kelurahan than this lists them on its own page (layanan/<slug>/).
INLINE = 30
# Services per page of the city's layanan list.
SERVICES = 20
# Documents per page of the city's Daftar Informasi Publik.
DOCUMENTS = 100
# Heat-map levels of the dashboard: a count reaches level i when it is at least LEVELS[i].
LEVELS = (0, 1, 3, 6, 11)
# The names of the portal's pages that are not a type's list (structured data, sitemaps).
_PAGE_NAMES = {"program/index.html": "Tentang program Kelurahan Pintar",
               "program/dasbor/index.html": "Dasbor Kelurahan Pintar", "cari/index.html": "Cari",
               "ppid/index.html": "Daftar Informasi Publik",
               "anggaran/index.html": "Transparansi anggaran"}


def read_manifests(city: City, output: Path,
                   override: dict[str, bytes] | None = None) -> tuple[dict[str, bytes], list[Problem]]:
    """{slug: manifest.json as bytes} of every registered site that has been built, in
    registry order (bytes: whether the portal must be rebuilt is decided without parsing).
    ``override`` gives the manifest a site build has just made, before it is in ``output``."""
    found, problems = {}, []
    for site in city.sites:
        if override and site.slug in override:
            found[site.slug] = override[site.slug]
            continue
        try:
            found[site.slug] = (output / site.slug / MANIFEST).read_bytes()
        except OSError:
            problems.append(_unbuilt(site))
    return found, problems


def load_manifests(city: City, output: Path,
                   raw: dict[str, bytes] | None = None) -> tuple[list[dict], list[Problem]]:
    """The manifest of every registered site that has been built, in registry order."""
    problems = []
    if raw is None:
        raw, problems = read_manifests(city, output)
    parsed, more = _parse(city, raw)
    return [m for _, m in parsed], problems + more


def _parse(city: City, raw: dict[str, bytes]) -> tuple[list[tuple[str, dict]], list[Problem]]:
    """(sha256 of its bytes, manifest) of every site in ``raw`` that parses, in registry order."""
    parsed, problems = [], []
    for site in city.sites:
        if site.slug not in raw:
            continue
        try:
            parsed.append((hashlib.sha256(raw[site.slug]).hexdigest(),
                           json.loads(raw[site.slug].decode("utf-8"))))
        except ValueError:
            problems.append(_unbuilt(site))
    return parsed, problems


def _unbuilt(site) -> Problem:
    """A registered site with no (readable) manifest in the output. Marked by ``field`` so that
    the build can say once which sites it did not build in this run (kelurahan/city/build.py)."""
    return Problem(site.shown, "situs ini belum pernah berhasil dibangun, jadi belum tampil di "
                   "portal", "perbaiki galat situs ini lalu bangun ulang", level="warning",
                   field="manifest", site=site.slug)


# --- what the pages show, from the manifests ---------------------------------------------------

def _date(value) -> dt.datetime | None:
    if isinstance(value, dt.datetime) or not value:
        return value or None
    return dt.datetime.fromisoformat(value)


def published(item: dict) -> dt.datetime | None:
    """When a berita was published or last updated (other types carry no date)."""
    if item["tipe"] != "berita":
        return None
    return _date(item.get("diperbarui")) or _date(item.get("tanggal"))


def _site(m: dict) -> dict:
    """The kelurahan an entry belongs to, as the portal's lists show it."""
    return {"slug": m["slug"], "nama": m["nama"], "kecamatan": m["kecamatan"],
            "warna": m["identitas"].get("warna")}


def _entry(m: dict, item: dict, kind: str, site: dict) -> dict:
    dates = {f.name: _date(item.get(f.name)) for f in TYPES[kind].fields
             if f.kind in ("date", "datetime") and item.get(f.name)}
    return {**item, **dates, "kelurahan": site, "href": f"{m['slug']}/{item['url']}"}


def latest_berita(manifests: list[dict], count: int) -> list[dict]:
    """``entries(manifests, "berita")[:count]``, making only those ``count`` entries (the home,
    the berita list and the feed show at most 60 of the 11,000 berita of 270 kelurahan)."""
    found = [(_date(item["tanggal"]), f"{m['slug']}/{item['url']}", m, item)
             for m in manifests for item in m["item"] if item["tipe"] == "berita"]
    # nlargest is sorted(…, reverse=True)[:count], ties included (the Python documentation)
    return [_entry(m, item, "berita", _site(m))
            for _, _, m, item in heapq.nlargest(count, found, key=lambda t: (t[0], t[1]))]


def entries(manifests: list[dict], kind: str) -> list[dict]:
    """Every item of one type across the city, with its kelurahan and link from the portal."""
    out = []
    for m in manifests:
        site = _site(m)
        for item in m["item"]:
            if item["tipe"] == kind:
                out.append(_entry(m, item, kind, site))
    if kind == "berita":
        return sorted(out, key=lambda e: (e["tanggal"], e["href"]), reverse=True)
    if kind == "agenda":
        return sorted(out, key=lambda e: (e["mulai"], e["href"]))
    return sorted(out, key=lambda e: (e["judul"].lower(), e["kelurahan"]["nama"]))


def dip_rows(dokumen: list[dict]) -> list[dict]:
    """The city's documents as rows of the Daftar Informasi Publik (_partials/dip.html)."""
    from kelurahan.site.format import tanggal

    return [{**d, "url": d["href"], "kelurahan": d["kelurahan"]["nama"],
             "tanggal_teks": tanggal(d["tanggal"], "pendek") if d.get("tanggal") else ""}
            for d in sorted(dokumen, key=lambda d: (d["kelurahan"]["nama"], d["judul"].lower()))]


def _budget_sum(groups: list[dict]) -> dict:
    known = [g["realisasi"] for g in groups if g["realisasi"] is not None]
    pagu, realisasi = sum(g["pagu"] for g in groups), sum(known) if known else None
    return {"pagu": pagu, "realisasi": realisasi, "kegiatan": sum(g["kegiatan"] for g in groups),
            "persen": round(100 * realisasi / pagu, 1) if pagu and known else None}


def city_budget(manifests: list[dict]) -> list[dict]:
    """The city's budgets summed per year from the sites' manifests (plugins/anggaran.py):
    newest year first, each with its total, its kelurahan (linked to their page) and its
    pillars. Only kelurahan that published a year's budget are in that year's sum."""
    from kelurahan.site.plugins.anggaran import chart as budget_chart

    years: dict[int, list] = {}
    for m in manifests:
        for year in m.get("anggaran") or ():
            years.setdefault(year["tahun"], []).append((m, year))
    out = []
    for tahun in sorted(years, reverse=True):
        sites = sorted(({"nama": m["nama"], "slug": m["slug"], "kecamatan": m["kecamatan"],
                         "href": f"{m['slug']}/{year['url']}", "contoh": year["contoh"],
                         **{k: year["jumlah"][k] for k in ("pagu", "realisasi", "kegiatan",
                                                            "persen")}}
                        for m, year in years[tahun]), key=lambda s: s["nama"])
        pilar = []
        for key, label in [(p.key, p.label) for p in PILAR] + [(None, None)]:
            groups = [g for _, year in years[tahun] for g in year["jumlah"]["pilar"]
                      if g["pilar"] == key]
            if groups:
                pilar.append({"pilar": key, "label": label or groups[0]["label"],
                              **_budget_sum(groups)})
        realisasi = any(year["jumlah"]["ada_realisasi"] for _, year in years[tahun])
        # Above SPLIT kelurahan the city page lists kecamatan (each with a page of its own), so
        # that it does not grow with the number of kelurahan.
        kecamatan = [{"nama": name, "slug": slug(name), "href": f"anggaran/kecamatan/{slug(name)}/",
                      "contoh": any(s["contoh"] for s in group), **_budget_sum(group)}
                     for name, group in ((n, list(g)) for n, g in groupby(
                         sorted(sites, key=lambda s: s["kecamatan"]), key=lambda s: s["kecamatan"]))]
        out.append({"tahun": tahun, "kelurahan": sites, "kecamatan": kecamatan, "pilar": pilar,
                    "ada_realisasi": realisasi, "jumlah": _budget_sum(sites),
                    "grafik": budget_chart(pilar, realisasi),
                    "contoh": any(s["contoh"] for s in sites)})
    return out


def level(count: float) -> int:
    return max(i for i, low in enumerate(LEVELS) if count >= low)


def slug(name: str) -> str:
    """A kecamatan's (or a service's) name as a folder of the portal."""
    from pelican.utils import slugify

    return slugify(name, regex_subs=[(r"[^\w\s-]", ""), (r"[-\s]+", "-")]) or "lain"


def site_row(m: dict, day: dt.date) -> dict:
    """One kelurahan's line of the dashboard and card of the portal."""
    end = dt.datetime.combine(day, dt.time.max)
    dates = [d for d in (published(i) for i in m["item"]) if d and d <= end]
    last = max(dates) if dates else None
    pilar = {key: m["pilar"].get(key, 0) for key in PILAR_KEYS}
    return {"slug": m["slug"], "nama": m["nama"], "kecamatan": m["kecamatan"],
            "identitas": m["identitas"], "pilar": pilar, "total": sum(pilar.values()),
            "level": {key: level(n) for key, n in pilar.items()}, "jumlah": m["jumlah"],
            "terakhir": last, "aktif": bool(last and (day - last.date()).days < ACTIVE_DAYS),
            "tayang": True}


def months(manifests: list[dict], day: dt.date) -> list[dict]:
    """Berita published per month, the last MONTHS months up to ``day``'s month."""
    from babel.dates import format_date

    from kelurahan.site.format import LOCALE, tanggal

    keys = []
    year, month = day.year, day.month
    for _ in range(MONTHS):
        keys.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    counts = dict.fromkeys(keys, 0)
    for m in manifests:
        for item in m["item"]:
            when = _date(item.get("tanggal")) if item["tipe"] == "berita" else None
            if when and (when.year, when.month) in counts and when.date() <= day:
                counts[(when.year, when.month)] += 1
    return [{"kunci": f"{y:04d}-{mo:02d}", "label": tanggal(dt.date(y, mo, 1), "bulan"),
             "singkat": format_date(dt.date(y, mo, 1), "MMM", locale=LOCALE),
             "jumlah": counts[(y, mo)]} for y, mo in keys]


def chart(data: list[dict], width: int = 640, height: int = 240) -> dict:
    """Bar geometry for the monthly activity chart (an SVG drawn at build time)."""
    top, bottom, left = 24, 40, 8
    peak = max([d["jumlah"] for d in data] + [1])
    slot = (width - 2 * left) / len(data)
    bars = []
    for i, d in enumerate(data):
        h = round((height - top - bottom) * d["jumlah"] / peak, 1)
        x = round(left + i * slot + slot * 0.15, 1)
        bars.append({**d, "x": x, "y": round(height - bottom - h, 1), "w": round(slot * 0.7, 1),
                     "h": h, "cx": round(x + slot * 0.35, 1)})
    return {"width": width, "height": height, "base": height - bottom, "bars": bars,
            "peak": peak}


def dashboard(city: City, manifests: list[dict], day: dt.date) -> dict:
    """The Kelurahan Pintar dashboard: every kelurahan × six pillars, totals, target, activity."""
    built = {m["slug"]: site_row(m, day) for m in manifests}
    rows = []
    for site in city.sites:
        rows.append(built.get(site.slug) or {
            "slug": site.slug, "nama": site.nama, "kecamatan": site.kecamatan,
            "identitas": site.data, "pilar": dict.fromkeys(PILAR_KEYS, 0), "total": 0,
            "level": dict.fromkeys(PILAR_KEYS, 0), "terakhir": None, "aktif": False,
            "tayang": False})
    kecamatan = []
    for name, group in groupby(sorted(rows, key=lambda r: (r["kecamatan"], r["nama"])),
                               key=lambda r: r["kecamatan"]):
        group = list(group)
        pilar = {key: sum(r["pilar"][key] for r in group) for key in PILAR_KEYS}
        # A kecamatan's cell is coloured by its kelurahan's average, on the kelurahan's scale.
        kecamatan.append({"nama": name, "slug": slug(name), "baris": group, "pilar": pilar,
                          "level": {key: level(n / len(group)) for key, n in pilar.items()},
                          "total": sum(pilar.values()),
                          "tayang": sum(r["tayang"] for r in group),
                          "aktif": sum(r["aktif"] for r in group)})
    pilar = {key: sum(r["pilar"][key] for r in rows) for key in PILAR_KEYS}
    activity = months(manifests, day)
    return {"kecamatan": kecamatan, "pilar": pilar, "total": sum(pilar.values()),
            "target": len(city.sites) + len(city.broken),
            "tayang": sum(r["tayang"] for r in rows), "aktif": sum(r["aktif"] for r in rows),
            "bulan": activity, "grafik": chart(activity), "hari_ini": day,
            "berubah": last_change(rows, day), "hari_aktif": ACTIVE_DAYS}


def last_change(rows: list[dict], day: dt.date) -> dt.date:
    """The last day up to ``day`` on which the dashboard's figures changed: a publication, a
    kelurahan turning inactive, a new month. What the page states instead of the build's day,
    so that the daily scheduled run has nothing to publish on a day when nothing changed."""
    moments = [day.replace(day=1)]
    for row in rows:
        if row["terakhir"]:
            last = row["terakhir"].date()
            moments += [d for d in (last, last + dt.timedelta(days=ACTIVE_DAYS)) if d <= day]
    return max(moments)


def layanan_groups(items: list[dict]) -> list[dict]:
    """Services by name: where each one can be applied for."""
    groups = []
    for title, group in groupby(sorted(items, key=lambda e: (e["judul"].lower(), e["kelurahan"]["nama"])),
                                key=lambda e: e["judul"].lower()):
        group = list(group)
        groups.append({"judul": group[0]["judul"], "item": group})
    return groups


def colours(value, depth: int = 0) -> set:
    """The kelurahan colours a page's items or cards show: its one <style> defines only those
    (portal/_base.html), so no page's CSS grows with the city."""
    found: set[str] = set()
    if depth > 4:
        return found
    if isinstance(value, dict):
        for key in ("kelurahan", "identitas"):
            if isinstance(value.get(key), dict):
                found.add(value[key].get("warna") or "")  # '' is the default colour
        for key in ("item", "situs"):
            found |= colours(value.get(key), depth + 1)
    elif isinstance(value, (list, tuple)):
        for element in value:
            found |= colours(element, depth + 1)
    return found


def layanan_page(groups: list[dict]) -> list[dict]:
    """The services as the city's list shows them: at most INLINE kelurahan named in place,
    else a link to the service's own page (``folder``)."""
    return [{**g, "folder": f"layanan/{slug(g['judul'])}" if len(g["item"]) > INLINE else None}
            for g in groups]


def pages(items: list, per_page: int = PER_PAGE) -> list[list]:
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]


# --- the feed ------------------------------------------------------------------------------

def feed_id(kota: dict, base: str, href: str = "") -> str:
    """An entry's (or, with no ``href``, the feed's) Atom id, an IRI (RFC 4287 §4.2.6): its
    address under the publishing base, else a URN naming the city by its slug."""
    if base:
        return f"{base}/{href}"
    from pelican.utils import slugify

    city = slugify(kota.get("nama", "") or "kota", regex_subs=[(r"[^\w\s-]", ""), (r"[-\s]+", "-")])
    return f"urn:kelurahan-pintar:{city}" + (f":{href}" if href else "")


def atom(kota: dict, berita: list[dict], base: str, day: dt.date, title: str) -> bytes:
    """City-wide Atom feed of the latest berita. Links are absolute when the city has a
    publishing address, else relative to the portal's root, which xml:base names."""
    from kelurahan.site.format import FILTERS

    ns = "http://www.w3.org/2005/Atom"
    xml = "http://www.w3.org/XML/1998/namespace"
    ET.register_namespace("", ns)
    attrs = {f"{{{xml}}}lang": "id"}
    if not base:
        attrs[f"{{{xml}}}base"] = "../"  # the feed is one folder below the portal's root
    root = ET.Element(f"{{{ns}}}feed", attrs)
    prefix = f"{base}/" if base else ""

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    latest = berita[:FEED]
    sub(root, "title", f"Berita — {title}")
    sub(root, "subtitle", kota.get("tagline") or kota.get("nama", ""))
    sub(root, "link", href=prefix or "./", rel="alternate", type="text/html")
    sub(root, "link", href=f"{prefix}{FEED_SITE}", rel="self")
    sub(root, "id", feed_id(kota, base))
    updated = max((published(b) for b in latest), default=None)
    sub(root, "updated", iso(updated or dt.datetime.combine(day, dt.time())))
    for b in latest:
        entry = sub(root, "entry")
        sub(entry, "title", b["judul"])
        sub(entry, "link", href=f"{prefix}{b['href']}", rel="alternate", type="text/html")
        sub(entry, "id", feed_id(kota, base, b["href"]))
        sub(entry, "published", iso(_date(b["tanggal"])))
        sub(entry, "updated", iso(published(b)))
        author = sub(entry, "author")
        sub(author, "name", b.get("penulis") or f"Kelurahan {b['kelurahan']['nama']}")
        sub(entry, "category", term=b["pilar"], label=FILTERS["pilar"](b["pilar"]))
        if b.get("ringkasan"):
            sub(entry, "summary", b["ringkasan"])
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


# --- the build -----------------------------------------------------------------------------

def _environment(theme: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The portal's Jinja environment; ``compiled`` keeps compiled templates between builds (the
    sites' folder, see speed.with_template_cache: 0.1-0.2 s of every portal build).
    Autoescape is on, as in the sites' environments: every manifest value is text."""
    from kelurahan.site.format import FILTERS

    cache = None
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
        cache = SharedBytecodeCache(str(compiled))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme / "templates")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             extensions=["jinja2.ext.do"], bytecode_cache=cache,
                             auto_reload=compiled is None)
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env


def site_parts(parsed: list[tuple[str, dict]], known: dict[str, dict]) -> dict[str, dict]:
    """{manifest digest: {kind: digest of what ``entries(…, kind)`` takes from that manifest}}:
    its site part and its items of the kind as stored (before dates are parsed). A function of
    the manifest's bytes, so ``known`` (the last build's, from its stamp) is reused for every
    manifest whose digest is unchanged: an edit hashes one site's items, not the city's
    (all 20,000 items of 270 kelurahan were encoded and hashed on every change: 0.3 s)."""
    parts = {}
    for digest, m in parsed:
        old = known.get(digest)
        if isinstance(old, dict) and all(isinstance(old.get(k), str) for k in opendata.KINDS):
            parts[digest] = old
            continue
        items: dict[str, list] = {kind: [] for kind in opendata.KINDS}
        for item in m["item"]:
            if item["tipe"] in items:  # "teks" is the search's only
                items[item["tipe"]].append({k: v for k, v in item.items() if k != "teks"})
        site = _site(m)
        parts[digest] = {kind: combine(site=site, items=found) for kind, found in items.items()}
    return parts


class _Lazy(dict):
    """{kind: value} made on first use."""

    def __init__(self, make: Callable[[str], list]):
        super().__init__()
        self.make = make

    def __missing__(self, kind: str) -> list:
        self[kind] = value = self.make(kind)
        return value


# Context values of the portal's pages that follow from kota.toml, the code, the notices and the
# preview number alone, all in the fingerprint's global part: left out of a page's key. Any other
# value (a kelurahan's rows, the dashboard, the search parts, the day) is hashed into the key of
# every page whose templates read it.
_STATIC = {keys.KOTA, keys.PILAR, keys.COLLECTIONS, "PORTAL", "SITENAME", "TIPE", "UMKM_KATEGORI",
           "JENIS", "TERBAGI", keys.PENGUMUMAN_KOTA, keys.PRATINJAU}


class _TemplateReads:
    """The names a template and every template it extends, includes or imports may read from
    the context (jinja2.meta, from their source); None when one of them is named at run time.
    Parsing the portal's 21 templates for it takes 0.1-0.3 s: ``known`` is the last build's
    answer (the templates are part of the code, so of the fingerprint's global part)."""

    def __init__(self, env: jinja2.Environment, known: dict | None = None):
        self.env, self.names = env, {}
        for template, names in (known or {}).items():
            if names is None or (isinstance(names, list) and all(isinstance(n, str) for n in names)):
                self.names[template] = None if names is None else set(names)

    def saved(self) -> dict:
        return {t: None if n is None else sorted(n) for t, n in sorted(self.names.items())}

    def __call__(self, template: str) -> set[str] | None:
        if template not in self.names:
            from jinja2 import meta

            self.names[template] = None  # a cycle reads as "anything"
            source = self.env.loader.get_source(self.env, template)[0]
            tree = self.env.parse(source)
            found: set[str] | None = set(meta.find_undeclared_variables(tree))
            for name in meta.find_referenced_templates(tree):
                more = self(name) if name is not None else None
                if more is None:
                    found = None
                    break
                found |= more
            self.names[template] = found
        return self.names[template]


def _link(source: Path, target: Path) -> bool:
    """Hard-link a page the last build wrote into the new portal; False if it is not there."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        return False
    except OSError:
        try:
            shutil.copy2(source, target)
        except OSError:
            return False
    return True


@dataclass
class Prepared:
    """A portal rendered aside (``new``), to be put in place by ``commit_portal``."""

    new: Path
    stamp: dict
    kept: list[str]
    problems: list[Problem]


def portal_fingerprint(city: City, output: Path, code: str, publish: bool,
                       override: dict[str, bytes] | None = None):
    """What decides a rebuild: every manifest's bytes, kota.toml, the code, the day.
    Returns (fingerprint, raw manifests, problems)."""
    raw, problems = read_manifests(city, output, override)
    fingerprint = combine(manifests=[hashlib.sha256(data).hexdigest() for data in raw.values()],
                          kota=city.data, code=code, publish=publish,
                          url=publishing_base(city.data), hari=today().isoformat(),
                          daftar=[(s.slug, s.nama, s.kecamatan) for s in city.sites],
                          rusak=sorted(city.broken))
    return fingerprint, raw, problems


def build_portal(city: City, output: Path, config: Path, code: str, publish: bool = False,
                 force: bool = False, compiled: Path | None = None,
                 prepared: Prepared | None = None,
                 dispose: Callable[[Path], None] | None = None) -> tuple[str, list[Problem]]:
    """Write output/index.html and the portal's pages; return (status, problems).

    ``prepared`` is a portal rendered while the one site being built was still running (from
    the manifest that build announced); it is put in place if it matches the manifests now in
    ``output``, and thrown away otherwise. Replaced folders go to ``dispose`` (output.swap_entries)."""
    if prepared is not None:
        fingerprint = portal_fingerprint(city, output, code, publish)[0]
        if fingerprint == prepared.stamp["fingerprint"]:
            commit_portal(prepared, output, dispose)
            return "built", prepared.problems
        shutil.rmtree(prepared.new, ignore_errors=True)
    status, problems, ready = prepare_portal(city, output, config, code, publish, force, compiled)
    if ready is not None:
        commit_portal(ready, output, dispose)
    return status, problems


def commit_portal(prepared: Prepared, output: Path,
                  dispose: Callable[[Path], None] | None = None) -> None:
    entries_ = swap_entries(prepared.new, output, prepared.kept, dispose)
    # "tetap": the entries left in place, whose ledger rows record_portal carries over.
    write_portal_stamp(output, {**prepared.stamp, "entries": entries_,
                                "tetap": sorted(set(prepared.kept) & set(entries_))})


def prepare_portal(city: City, output: Path, config: Path, code: str, publish: bool = False,
                   force: bool = False, compiled: Path | None = None,
                   override: dict[str, bytes] | None = None):
    """Render the portal into output/.baru-portal; (status, problems, Prepared or None)."""
    fingerprint, raw, problems = portal_fingerprint(city, output, code, publish, override)
    base_url = publishing_base(city.data)
    day = today()
    if not force and read_portal_stamp(output).get("fingerprint") == fingerprint:
        return "skipped", problems, None
    from pelican.settings import read_settings

    from kelurahan.site.plugins.seo import robots, sitemap, sitemap_index

    parsed, more = _parse(city, raw)
    manifests = [m for _, m in parsed]
    problems += more
    theme = Path(read_settings(str(config))["THEME"])
    new = staging(output, "portal")
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    env = _environment(theme, compiled)
    title = city.data.get("judul_portal") or city.data["nama"]
    board = dashboard(city, manifests, day)
    rows = {r["slug"]: r for k in board["kecamatan"] for r in k["baris"]}
    live = [rows[m["slug"]] for m in manifests]
    # The kecamatan with their live kelurahan, as the home, the kecamatan pages and filters show them.
    kecamatan = [{"nama": k["nama"], "slug": k["slug"],
                  "situs": [r for r in k["baris"] if r["tayang"]]} for k in board["kecamatan"]]
    kecamatan = [k for k in kecamatan if k["situs"]]
    split = len(city.sites) > SPLIT
    kinds = _Lazy(lambda kind: entries(manifests, kind))  # a kept section's are never made
    berita = latest_berita(manifests, max(LATEST, PER_PAGE * 2, FEED))  # all any page shows
    # Each list section is rebuilt only when what it shows changed (a berita's new title leaves
    # the 1,000 UMKM cards alone); the home page, programme, dashboard, kecamatan pages, search
    # page, feed and open data are small and rebuilt with any change. Their shared layout uses
    # kota.toml only, which is in the global part of the fingerprint.
    shown_notices = notices.shown_now(city.pengumuman, clock.now())  # every portal page shows them
    global_part = combine(kota=city.data, code=code, publish=publish, url=base_url,
                          daftar=[(s.slug, s.nama, s.kecamatan) for s in city.sites],
                          pengumuman=shown_notices, pratinjau=preview_number())
    stamp = {} if force else read_portal_stamp(output)
    same = stamp.get("global") == global_part
    # Fingerprints from the manifests' own items, per site (reused while its manifest and the
    # code are the same).
    per_site = site_parts(parsed, (stamp.get("situs") or {}) if same else {})
    own = {kind: [per_site[digest][kind] for digest, _ in parsed] for kind in opendata.KINDS}
    data = {kind: combine(section=own[kind]) for kind in opendata.KINDS}  # open data files
    # The city index's records per site, decided by its manifest and the code: made only for the
    # parts and the susulan indexed now.
    sites_ = search.city_sites(manifests, {m["slug"]: combine(code=code, manifest=digest)
                                           for digest, m in parsed})
    sections = {"berita": data["berita"], "wisata": data["wisata"], "layanan": data["layanan"],
                "umkm": combine(section=own["umkm"], daftar=[(r["slug"], r["nama"]) for r in live]),
                "agenda": combine(section=own["agenda"], hari=day.isoformat())}
    # The base parts kept, those indexed again, and the susulan (site/search.py, plan).
    index = search.plan(sites_, stamp.get("indeks", {}),
                        lambda name: (output / search.folder(name) / search.ENTRY).is_file(), force)
    parts, indexes = index.parts, index.stamp
    kept = [name for name, value in sections.items()
            if same and stamp.get("sections", {}).get(name) == value
            and (output / name).is_dir() and name in stamp.get("entries", [])]
    kept_data = [kind for kind, value in data.items()
                 if same and stamp.get("data", {}).get(kind) == value]
    part_of = {kec: name for name, chosen, _ in parts for kec in chosen}
    context = {keys.KOTA: city.data, "SITES": live, "KECAMATAN": kecamatan, "DASBOR": board,
               keys.PILAR: [p.__dict__ for p in PILAR], keys.COLLECTIONS: {"menu": []}, "PORTAL": True,
               "SITENAME": title, "TIPE": {name: TYPES[name] for name in TYPES},
               "UMKM_KATEGORI": UMKM_KATEGORI, "JENIS": search.KINDS, "TERBAGI": split,
               "INDEKS": [search.folder(name) for name in index.folders],
               "INDEKS_KECAMATAN": {kec: search.folder(name) for kec, name in part_of.items()},
               "INDEKS_BASI": index.stale,
               "INDEKS_TERSEMBUNYI": index.hidden,
               "HARI_INI": day, "BERITA": berita,
               keys.PENGUMUMAN_KOTA: shown_notices, keys.PRATINJAU: preview_number()}

    # The city index is written by Pagefind's own process while this one renders the pages: the
    # base parts not indexed again and an unchanged susulan are linked, not re-indexed.
    # When no base part is indexed again, ``pagefind/`` stays in place as a whole (a kept entry,
    # like a section), and so does an unchanged susulan.
    index_problems: dict[str, Problem] = {}
    entries_before = stamp.get("entries", [])
    kept_index = []
    if not index.fresh and search.BUNDLE in entries_before:
        kept_index.append(search.BUNDLE)
    delta_folder = search.folder(search.SUSULAN)
    if (index.delta and indexes["susulan"] == stamp.get("indeks", {}).get("susulan")
            and delta_folder in entries_before and (output / delta_folder / search.ENTRY).is_file()):
        kept_index.append(delta_folder)

    def write_indexes() -> None:
        for name in [name for name, _, _ in parts] + ([search.SUSULAN] if index.delta else []):
            old, target = output / search.folder(name), new / search.folder(name)
            if target.parts[len(new.parts)] in kept_index:
                continue
            if name not in index.fresh and name != search.SUSULAN and (old / search.ENTRY).is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(old, target, copy_function=os.link)
                continue
            records = index.delta if name == search.SUSULAN else index.records(name)
            problem = search.write_city_index(records, target)
            if problem:
                index_problems[name] = problem
            elif name != search.SUSULAN:  # the ids by which a later susulan hides its records
                indexes["bagian"][name]["halaman"] = search.page_ids(target)

    indexing = threading.Thread(target=write_indexes, daemon=True)
    indexing.start()
    written: list[str] = []

    # A page whose inputs are those of the page the last build wrote there is linked from it,
    # not rendered again: a title edit at 270 kelurahan re-rendered 91 pages, 80 of them (the
    # kecamatan pages and their dashboards) unchanged. Its inputs: the global part, the template,
    # the page's own values and the content-dependent context values its templates read.
    page_keys: dict[str, str] = {}
    old_keys = stamp.get("halaman", {}) if same else {}
    context_hash = _Lazy(lambda key: combine(value=context[key]))
    reads = _TemplateReads(env, stamp.get("baca", {}) if same else {})  # the code's: in global

    def page_key(template: str, save_as: str, extra: dict) -> str | None:
        names = reads(template)
        if names is None:
            return None
        # the day too: the fingerprint rebuilds the portal daily, and so every page once a day
        return combine(page=[global_part, day.isoformat(), template, save_as], extra=extra,
                       context={key: context_hash[key] for key in sorted(names)
                                if key in context and key not in _STATIC and key not in extra})

    def render(template: str, save_as: str, **extra) -> None:
        key = page_key(template, save_as, extra)
        written.append(save_as)
        target = new / save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        if key is not None:
            page_keys[save_as] = key
            if old_keys.get(save_as) == key and _link(output / save_as, target):
                return
        depth = save_as.count("/")
        siteurl = base_url if publish and base_url else ("/".join([".."] * depth) or ".")
        folder = save_as.split("/")[0]
        name = extra.get("judul") or (TYPES[folder].label_plural if folder in TYPES else _PAGE_NAMES.get(
            save_as, title)) + (f", {(extra.get('pilihan') or {}).get('label')}"
                                if extra.get("pilihan") else "")
        html = env.get_template(template).render(
            **context, **extra, WARNA=sorted(colours(list(extra.values()))), SITEURL=siteurl, **{keys.PORTAL_URL: siteurl}, output_file=save_as,
            PORTAL_JSONLD=portal_script(city.data, base_url, save_as, name))
        target.write_text(html, encoding="utf-8")

    def render_pages(template: str, folder: str, items: list, per_page: int = PER_PAGE,
                     **extra) -> None:
        chunks = pages(items, per_page)
        for number, chunk in enumerate(chunks, start=1):
            save_as = f"{folder}/index.html" if number == 1 else f"{folder}/hal/{number}/index.html"
            render(template, save_as, items=chunk, halaman={
                "nomor": number, "jumlah": len(chunks), "folder": folder, "semua": len(items)},
                **extra)

    render("portal.html", "index.html", berita=berita[:LATEST],
           kartu=[] if split else live)
    if "berita" not in kept:
        render_pages("portal/berita.html", "berita", berita[:PER_PAGE * 2])  # 2 × 30
    # counted from the manifests: the UMKM entries are made only when their section is rebuilt
    umkm_items = [(m["slug"], item) for m in manifests for item in m["item"] if item["tipe"] == "umkm"]
    umkm_of = Counter(site for site, _ in umkm_items)
    by_kelurahan = {r["slug"]: umkm_of[r["slug"]] for r in live}
    per_kategori = Counter(item.get("kategori") for _, item in umkm_items)
    umkm_filters = {
        "kategori": [(k, per_kategori[k]) for k in UMKM_KATEGORI],
        "kecamatan": [(k, sum(by_kelurahan[r["slug"]] for r in k["situs"])) for k in kecamatan]}
    for k, count in umkm_filters["kecamatan"]:  # every kelurahan is two links from the home
        render_pages("portal/kecamatan.html", f"kecamatan/{k['slug']}", k["situs"], ROWS,
                     kec=k, umkm=count, judul=f"Kecamatan {k['nama']}")
    umkm = kinds["umkm"] if "umkm" not in kept else []
    umkm_at: dict[str, list] = {}  # each kelurahan's, in the list's order
    for u in umkm:
        umkm_at.setdefault(u["kelurahan"]["slug"], []).append(u)
    if "umkm" not in kept:
        render_pages("portal/umkm.html", "umkm", umkm, filter=umkm_filters, pilihan=None)
    for k, count in umkm_filters["kategori"] if "umkm" not in kept else []:
        if count:
            render_pages("portal/umkm.html", f"umkm/kategori/{k}",
                         [u for u in umkm if u.get("kategori") == k], filter=umkm_filters,
                         pilihan={"jenis": "kategori", "nilai": k, "label": k.capitalize()})
    for k, count in umkm_filters["kecamatan"] if "umkm" not in kept else []:
        if not count:
            continue
        # A kecamatan's page names its kelurahan as the next filter: no list of every kelurahan.
        local = [(r, by_kelurahan[r["slug"]]) for r in k["situs"]]
        slugs = {r["slug"] for r in k["situs"]}
        render_pages("portal/umkm.html", f"umkm/kecamatan/{k['slug']}",
                     [u for u in umkm if u["kelurahan"]["slug"] in slugs],
                     filter={**umkm_filters, "kelurahan": local},
                     pilihan={"jenis": "kecamatan", "nilai": k["slug"],
                              "label": f"Kecamatan {k['nama']}"})
        for r, n in local:
            if n:
                render_pages("portal/umkm.html", f"umkm/kelurahan/{r['slug']}",
                             umkm_at[r["slug"]],
                             filter={**umkm_filters, "kelurahan": local},
                             pilihan={"jenis": "kelurahan", "nilai": r["slug"], "kecamatan": k["slug"],
                                      "label": f"Kelurahan {r['nama']}"})
    if "wisata" not in kept:
        render_pages("portal/wisata.html", "wisata", kinds["wisata"])
    if "agenda" not in kept:
        upcoming = [a for a in kinds["agenda"] if (a.get("selesai") or a["mulai"]).date() >= day]
        coming = {id(a) for a in upcoming}  # by identity: a list's "in" compared dicts, 1,500²
        past = [a for a in reversed(kinds["agenda"]) if id(a) not in coming][:PER_PAGE]
        render_pages("portal/agenda.html", "agenda", upcoming, lalu=past)
    if "layanan" not in kept:
        services = layanan_page(layanan_groups(kinds["layanan"]))
        render_pages("portal/layanan.html", "layanan", services, SERVICES)
        for g in services:
            if g["folder"]:
                render_pages("portal/layanan_satu.html", g["folder"], g["item"], ROWS * 2,
                             layanan=g, judul=g["judul"])
    render("portal/program.html", "program/index.html")
    render("portal/dasbor.html", "program/dasbor/index.html")
    for k in board["kecamatan"]:
        render_pages("portal/dasbor_kecamatan.html", f"program/dasbor/kecamatan/{k['slug']}",
                     k["baris"], ROWS, kec=k, judul=f"Dasbor Kecamatan {k['nama']}")
    render("portal/cari.html", "cari/index.html")
    render_pages("portal/ppid.html", "ppid", dip_rows(kinds["dokumen"]), DOCUMENTS)
    budget = city_budget(manifests)
    render("portal/anggaran.html", "anggaran/index.html", anggaran=budget, split=split)
    for name in sorted({k["nama"] for A in budget for k in A["kecamatan"]} if split else ()):
        render("portal/anggaran.html", f"anggaran/kecamatan/{slug(name)}/index.html",
               anggaran=city_budget([m for m in manifests if m["kecamatan"] == name]),
               kec=name, judul=f"Anggaran Kecamatan {name}")
    # The feed, sitemaps, open data and theme files are written while Pagefind's process
    # indexes (its thread waits on the process): at 270 kelurahan they are 0.2 s of an edit.
    (new / FEED_SITE).parent.mkdir(parents=True, exist_ok=True)
    (new / FEED_SITE).write_bytes(atom(city.data, berita, base_url, day, title))
    if base_url:
        # Sections kept from the last build are listed from the pages already in place.
        pages_ = written + [p.relative_to(output).as_posix() for name in kept
                            for p in (output / name).rglob("index.html")]
        (new / SITEMAP_PORTAL).write_text(sitemap(base_url, pages_), encoding="utf-8")
        (new / SITEMAP).write_text(sitemap_index(
            [f"{base_url}/{SITEMAP_PORTAL}"]
            + [f"{site_url(base_url, m['slug'])}/{SITEMAP}" for m in manifests]), encoding="utf-8")
        (new / ROBOTS).write_text(robots(base_url), encoding="utf-8")
    opendata.write(new, manifests, city.data, {}, keep=kept_data, previous=output,
                   digests=[digest for digest, _ in parsed],
                   cache=compiled.parent / "data-portal" if compiled is not None else None)
    shutil.copytree(theme / "static", new / "theme")
    indexing.join()
    for name, problem in index_problems.items():
        problems.append(problem)
        if name == search.SUSULAN:  # tried again by the next build
            indexes["susulan"] = None
        else:
            indexes["bagian"].pop(name, None)
    # The pages of a kept section were not rendered: their keys stay as the last build left them.
    page_keys.update({save_as: key for save_as, key in old_keys.items()
                      if save_as.split("/")[0] in kept})
    stamp = {"fingerprint": fingerprint, "global": global_part, "sections": sections, "data": data,
             "indeks": indexes, "situs": per_site, "halaman": dict(sorted(page_keys.items())),
             "baca": reads.saved()}
    return "built", problems, Prepared(new, stamp, kept + kept_index, problems)
