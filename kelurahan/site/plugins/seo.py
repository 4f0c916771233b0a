"""Search engines and sharing: JSON-LD, Atom feeds, agenda .ics files, sitemap.xml and robots.txt.

Every URL here is absolute: links in feeds, sitemaps and structured data are read by other
machines. The base is the publishing address (``KP_BASE``): the site's SITEURL when built with
--publish, else kota.toml's ``url`` (or $KELURAHAN_URL) followed by the kelurahan's slug, so a
local build already carries the addresses the site will have once published.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from xml.sax.saxutils import escape

import feedgenerator
from markupsafe import Markup
from markupsafe import escape as escape_html
from pelican import signals
from pelican.generators import Generator

from kelurahan.site.format import iso
from kelurahan.content.schema import PILAR
from kelurahan.site.plugins import writer
from kelurahan.site.plugins.writer import WRITTEN, feed_root, resolve

WIB = dt.timezone(dt.timedelta(hours=7))
SHARE_IMAGE = "theme/img/bagikan.png"  # the theme's default picture for shared links
FEED_SITE = "feeds/semua.atom.xml"
FEED_PILAR = "feeds/pilar/{key}.atom.xml"
ICS_NAME = "acara.ics"


def base_url(settings: dict) -> str:
    """The absolute address of the site's home, without a trailing slash ('' if unknown)."""
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    root = (os.environ.get("KELURAHAN_URL") or (settings.get("KOTA") or {}).get("url") or "")
    slug = (settings.get("KELURAHAN") or {}).get("slug")
    return f"{root.rstrip('/')}/{slug}" if root and slug else ""


def absolute(base: str, path: str) -> str:
    return f"{base}/{path.lstrip('/')}" if path else f"{base}/"


def _clean(data):
    """Drop empty values so structured data never states a blank."""
    if isinstance(data, dict):
        out = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [v for v in (_clean(v) for v in data) if v not in (None, "", [], {})]
    return data


def _image_url(settings: dict, base: str, src: str | None) -> str | None:
    """Absolute URL of a published image: the images plugin's derivative when there is one."""
    if not src:
        return None
    published = settings.get("gambar_url")
    return absolute(base, (published(src) if callable(published) else "") or src)


def organisation(settings: dict, base: str) -> dict:
    """The kelurahan as a schema.org GovernmentOrganization."""
    kel = settings.get("KELURAHAN") or {}
    kota = settings.get("KOTA") or {}
    coords = kel.get("koordinat")
    return {
        "@type": "GovernmentOrganization",
        "@id": f"{base}/#organisasi",
        "name": f"Kelurahan {kel.get('nama', '')}",
        "url": f"{base}/",
        "description": kel.get("tagline"),
        "logo": _image_url(settings, base, kel.get("logo")),
        "telephone": kel.get("telepon") or kel.get("whatsapp"),
        "email": kel.get("email"),
        "address": {"@type": "PostalAddress", "streetAddress": kel.get("alamat"),
                    "addressLocality": kota.get("nama"), "addressCountry": "ID"},
        "geo": {"@type": "GeoCoordinates", "latitude": coords[0], "longitude": coords[1]}
        if coords else None,
        "areaServed": {"@type": "AdministrativeArea",
                       "name": f"Kelurahan {kel.get('nama', '')}, Kecamatan "
                               f"{kel.get('kecamatan', '')}, {kota.get('nama', '')}"},
        "parentOrganization": {"@type": "GovernmentOrganization",
                               "name": kota.get("pemerintah") or kota.get("nama")},
        "sameAs": [u for u in (kel.get("media_sosial") or {}).values() if u],
    }


_ORGANISATION: list = [None, None, None]  # (KELURAHAN dict, base, JSON): one site per build


def _organisation_once(settings: dict, base: str) -> str:
    """``organisation()`` as JSON, made once per site and build rather than once per page."""
    kel = settings.get("KELURAHAN")
    if _ORGANISATION[0] is not kel or _ORGANISATION[1] != base:
        _ORGANISATION[:] = [kel, base, json.dumps(_clean(organisation(settings, base)),
                                                  ensure_ascii=False, separators=(",", ":"))]
    return _ORGANISATION[2]


def _place(item) -> dict:
    coords = getattr(item, "koordinat", None)
    return {"@type": "Place", "name": getattr(item, "tempat", None) or getattr(item, "alamat", None),
            "address": getattr(item, "alamat", None),
            "geo": {"@type": "GeoCoordinates", "latitude": coords[0], "longitude": coords[1]}
            if coords else None}


def entity(item, settings: dict, base: str) -> dict:
    """The schema.org description of one content item, by its type."""
    org = {"@id": f"{base}/#organisasi"}
    url = absolute(base, item.url)
    image = _image_url(settings, base, getattr(item, "gambar", None))
    common = {"name": item.title, "url": url, "description": getattr(item, "ringkasan", None)
              or _plain_summary(item), "image": image}
    tipe = getattr(item, "tipe", "halaman")
    if tipe == "berita":
        return {**common, "@type": "NewsArticle", "headline": item.title, "name": None,
                "mainEntityOfPage": url, "datePublished": iso(item.date),
                "dateModified": iso(getattr(item, "diperbarui", None) or item.date),
                "author": {"@type": "Person", "name": item.penulis}
                if getattr(item, "penulis", None) else org,
                "publisher": org, "articleSection": item.kategori, "inLanguage": "id",
                "keywords": [str(t) for t in getattr(item, "tags", [])]}
    if tipe == "layanan":
        return {**common, "@type": "GovernmentService", "provider": org,
                "serviceOperator": org, "serviceType": item.title,
                "areaServed": organisation(settings, base)["areaServed"]}
    if tipe == "umkm":
        offers = [_clean({"@type": "Offer", "itemOffered": {"@type": "Product", "name": p["nama"]},
                          "price": p.get("harga"), "priceCurrency": "IDR" if p.get("harga") else None})
                  for p in getattr(item, "produk", None) or []]
        coords = getattr(item, "koordinat", None)
        return {**common, "@type": "LocalBusiness", "priceRange": getattr(item, "harga", None),
                "telephone": getattr(item, "whatsapp", None) or getattr(item, "telepon", None),
                "address": getattr(item, "alamat", None), "makesOffer": offers,
                "geo": _place(item)["geo"] if coords else None,
                "sameAs": [t["url"] for t in getattr(item, "tautan", None) or []]}
    if tipe == "wisata":
        tiket = getattr(item, "tiket", None) or ""
        return {**common, "@type": "TouristAttraction", "address": getattr(item, "alamat", None),
                "geo": _place(item)["geo"], "touristType": getattr(item, "jenis", None),
                "isAccessibleForFree": True if tiket.strip().lower() == "gratis" else None,
                "amenityFeature": [{"@type": "LocationFeatureSpecification", "name": f,
                                    "value": True} for f in getattr(item, "fasilitas", None) or []]}
    if tipe == "agenda":
        return {**common, "@type": "Event", "startDate": iso(item.mulai),
                "endDate": iso(getattr(item, "selesai", None)),
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "location": _place(item),
                "organizer": {"@type": "Organization", "name": item.penyelenggara}
                if getattr(item, "penyelenggara", None) else org}
    return {**common, "@type": "WebPage", "about": org}


def _plain_summary(item) -> str:
    """A summary as plain text (JSON-LD, .ics): the text a visitor reads, without markup."""
    return Markup(getattr(item, "summary", "") or "").striptags()


def _summary_html(item) -> str:
    """A feed entry's summary (Atom type="html"): the plain text, escaped. Whatever the summary
    held, a feed reader shows it as text."""
    return str(escape_html(_plain_summary(item)))


def jsonld_script(context, item=None) -> Markup:
    """A <script type="application/ld+json"> with the organisation and, on a detail page, the item."""
    settings = context  # a Jinja context or a dict: only .get() is used (get_all() copies it all)
    base = settings.get("KP_BASE") or ""
    if not base or not settings.get("KELURAHAN"):
        return Markup("")
    if item is not None and getattr(item, "url", None) is not None:
        node = entity(item, settings, base)
    else:
        node = {"@type": "WebSite", "name": settings.get("SITENAME"), "url": f"{base}/",
                "inLanguage": "id", "publisher": {"@id": f"{base}/#organisasi"}}
    # json.dumps of {"@context": …, "@graph": [organisation, node]}, the organisation dumped once
    data = (f'{{"@context":"https://schema.org","@graph":[{_organisation_once(settings, base)},'
            f'{json.dumps(_clean(node), ensure_ascii=False, separators=(",", ":"))}]}}')
    # Inside <script> nothing is HTML-escaped: "</script>" or "<!--" in a title must not end or
    # change the element. JSON allows \\u escapes for the three, and json.loads gives them back.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{data}</script>')


def _wib(value) -> dt.datetime:
    return value.replace(tzinfo=WIB) if value.tzinfo is None else value


def _feed(settings: dict, base: str, path: str, title: str, items) -> feedgenerator.Atom1Feed:
    feed = feedgenerator.Atom1Feed(title=title, link=f"{base}/", feed_url=absolute(base, path),
                                   description=(settings.get("KELURAHAN") or {}).get("tagline", ""),
                                   language="id")
    for item in items:
        date = _wib(getattr(item, "date", None) or item.mulai)
        feed.add_item(title=item.title, link=absolute(base, item.url),
                      unique_id=absolute(base, item.url), description=_summary_html(item),
                      content=str(item.content), pubdate=date,
                      updateddate=_wib(getattr(item, "diperbarui", None) or date),
                      author_name=getattr(item, "penulis", None) or settings.get("SITENAME"),
                      categories=[str(t) for t in getattr(item, "tags", [])])
    if not feed.items:  # feedgenerator would stamp the build's clock: shards must match a full build
        feed.latest_post_date = _source_time
    return feed


def _source_time() -> dt.datetime:
    """The time of the sources ($SOURCE_DATE_EPOCH, as in reproducible builds), never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 0, dt.timezone.utc)


def _ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 lines of at most 75 octets, continued with a leading space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " "
        current += char
    return "\r\n".join(out + [current])


def ics(item, settings: dict, base: str, now: dt.datetime) -> str:
    """One agenda as an iCalendar file a phone's calendar can import."""
    def utc(value):
        return _wib(value).astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    host = base.split("//", 1)[-1].split("/", 1)[0] or "kelurahan"
    slug = (settings.get("KELURAHAN") or {}).get("slug", "")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kelurahan Pintar//Agenda//ID",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
             f"UID:{slug}-{item.slug}@{host}", f"DTSTAMP:{utc(now)}", f"DTSTART:{utc(item.mulai)}"]
    if getattr(item, "selesai", None):
        lines.append(f"DTEND:{utc(item.selesai)}")
    lines.append(f"SUMMARY:{_ics_text(item.title)}")
    where = ", ".join(x for x in (getattr(item, "tempat", None),) if x)
    if where:
        lines.append(f"LOCATION:{_ics_text(where)}")
    summary = _plain_summary(item)
    if summary:
        lines.append(f"DESCRIPTION:{_ics_text(summary)}")
    if base:
        lines.append(f"URL:{absolute(base, item.url)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


class SeoFiles(Generator):
    """Writes the site's Atom feed, one Atom feed per pillar, and an .ics file per agenda."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        kp = self.context["KP"]
        base = self.settings.get("KP_BASE") or ""
        out = Path(self.output_path)
        name = self.settings.get("SITENAME", "")
        if not self.settings.get("FEED_ALL_ATOM"):  # publishconf.py has Pelican write it
            self._write(out / FEED_SITE, _feed(self.settings, base, FEED_SITE,
                                               f"Berita {name}", kp["berita"][:20]))
        for pilar in PILAR:
            items = sorted([i for i in kp["pilar"][pilar.key] if i.tipe in ("berita", "agenda")],
                           key=lambda i: _wib(getattr(i, "date", None) or i.mulai), reverse=True)
            path = FEED_PILAR.format(key=pilar.key)
            self._write(out / path, _feed(self.settings, base, path,
                                          f"{pilar.name} — {name}", items[:20]))
        now = _source_time()
        for item in kp["agenda"]:
            target = out / item.url / ICS_NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(ics(item, self.settings, base, now), encoding="utf-8", newline="")

    def _write(self, path: Path, feed) -> None:
        """Written once, with content images' root mark resolved as in Pelican's own feeds."""
        text = io.StringIO()
        feed.write(text, "utf-8")
        root = feed_root(self.settings, path.relative_to(self.output_path).as_posix())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(resolve(text.getvalue(), root), encoding="utf-8")


def write_sitemap(pelican) -> None:
    """sitemap.xml of every page written, and robots.txt pointing to it."""
    base = pelican.settings.get("KP_BASE") or ""
    if not base:
        return
    out = Path(pelican.output_path)
    urls = []
    # Every page as the writer wrote it (plugins/writer.py keeps the record): no walk of the output.
    pages = (rel for rel in pelican.settings.get(WRITTEN, {}) if rel.endswith(".html"))
    for rel in sorted(pages, key=lambda rel: rel.split("/")):  # pathlib's order, by folder
        if rel == "404.html" or rel.startswith(("theme/", "gambar/")):
            continue
        urls.append(absolute(base, rel[:-len("index.html")] if rel.endswith("index.html") else rel))
    body = "".join(f"<url><loc>{escape(u)}</loc></url>\n" for u in urls)
    (out / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n",
        encoding="utf-8")
    (out / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n",
                                    encoding="utf-8")


def set_base(pelican) -> None:
    pelican.settings["KP_BASE"] = base_url(pelican.settings)


def get_generators(pelican):
    return SeoFiles


def register():
    writer.register()  # the sitemap lists the pages the writer records
    signals.initialized.connect(set_base)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_sitemap)
