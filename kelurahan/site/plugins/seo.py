"""Search engines and sharing: Atom feeds, agenda .ics files, sitemap.xml and robots.txt (the
pages' JSON-LD: kelurahan/site/jsonld.py).

Every URL here is absolute: links in feeds, sitemaps and structured data are read by other
machines. The base is the publishing address (``KP_BASE_URL``): the site's SITEURL when built with
--publish, else kota.toml's ``url`` (or $KELURAHAN_URL) followed by the kelurahan's slug, so a
local build already carries the addresses the site will have once published.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from xml.sax.saxutils import escape

import feedgenerator
from markupsafe import escape as escape_html
from pelican import signals
from pelican.generators import Generator

from kelurahan import keys
from kelurahan.clock import as_wib, source_time
from kelurahan.content.schema import PILAR
from kelurahan.content.schema.pengumuman import TINGKAT_LABEL
from kelurahan.site.addresses import (FEED_PILAR, FEED_SITE, ICS_NAME, ROBOTS, SITEMAP, absolute,
                                      is_print_page, site_base)
from kelurahan.site.jsonld import plain_summary
from kelurahan.site.plugins import writer
from kelurahan.site.plugins.writer import feed_root, resolve



def _summary_html(item) -> str:
    """A feed entry's summary (Atom type="html"): the plain text, escaped. Whatever the summary
    held, a feed reader shows it as text."""
    return str(escape_html(plain_summary(item)))


def _feed(settings: dict, base: str, path: str, title: str, items) -> feedgenerator.Atom1Feed:
    feed = feedgenerator.Atom1Feed(title=title, link=f"{base}/", feed_url=absolute(base, path),
                                   description=(settings.get(keys.KELURAHAN) or {}).get("tagline", ""),
                                   language="id")
    for item in items:
        date = as_wib(getattr(item, "date", None) or getattr(item, "mulai", None) or source_time())
        label = TINGKAT_LABEL[item.tingkat] + ": " if item.tipe == "pengumuman" else ""
        feed.add_item(title=label + item.title, link=absolute(base, item.url),
                      unique_id=absolute(base, item.url), description=_summary_html(item),
                      content=str(item.content), pubdate=date,
                      updateddate=as_wib(getattr(item, "diperbarui", None) or date),
                      author_name=getattr(item, "penulis", None) or settings.get("SITENAME"),
                      categories=[str(t) for t in getattr(item, "tags", [])])
    if not feed.items:  # feedgenerator would stamp the build's clock: shards must match a full build
        feed.latest_post_date = source_time
    return feed


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
        return as_wib(value).astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    host = base.split("//", 1)[-1].split("/", 1)[0] or "kelurahan"
    slug = (settings.get(keys.KELURAHAN) or {}).get("slug", "")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kelurahan Pintar//Agenda//ID",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
             f"UID:{slug}-{item.slug}@{host}", f"DTSTAMP:{utc(now)}", f"DTSTART:{utc(item.mulai)}"]
    if getattr(item, "selesai", None):
        lines.append(f"DTEND:{utc(item.selesai)}")
    lines.append(f"SUMMARY:{_ics_text(item.title)}")
    where = ", ".join(x for x in (getattr(item, "tempat", None),) if x)
    if where:
        lines.append(f"LOCATION:{_ics_text(where)}")
    summary = plain_summary(item)
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
        kp = self.context[keys.COLLECTIONS]
        base = self.settings.get(keys.BASE_URL) or ""
        out = Path(self.output_path)
        name = self.settings.get("SITENAME", "")
        if not self.settings.get("FEED_ALL_ATOM"):  # publishconf.py has Pelican write it
            # The notices shown now first (plugins/schedule.py drops them when they end).
            self._write(out / FEED_SITE, _feed(self.settings, base, FEED_SITE, f"Berita {name}",
                                               kp["pengumuman"] + kp["berita"][:20]))
        for pilar in PILAR:
            items = sorted([i for i in kp["pilar"][pilar.key] if i.tipe in ("berita", "agenda")],
                           key=lambda i: as_wib(getattr(i, "date", None) or i.mulai), reverse=True)
            path = FEED_PILAR.format(key=pilar.key)
            self._write(out / path, _feed(self.settings, base, path,
                                          f"{pilar.name} — {name}", items[:20]))
        now = source_time()
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


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _lastmod() -> str:
    """<lastmod> of every address: the time of the sources (clock.source_time), the same for
    every page of a build, so that shards merged equal one full build."""
    return source_time().strftime("%Y-%m-%dT%H:%M:%SZ")


def sitemap(base: str, pages) -> str:
    """A sitemaps.org <urlset> of ``pages`` (paths of written .html files) under ``base``."""
    lastmod = _lastmod()
    urls = [absolute(base, rel[:-len("index.html")] if rel.endswith("index.html") else rel)
            for rel in sorted(pages, key=lambda rel: rel.split("/"))]  # pathlib's order, by folder
    body = "".join(f"<url><loc>{escape(u)}</loc><lastmod>{lastmod}</lastmod></url>\n"
                   for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n'
            + body + "</urlset>\n")


def sitemap_index(urls) -> str:
    """A sitemaps.org <sitemapindex> of the sitemaps at ``urls``."""
    lastmod = _lastmod()
    body = "".join(f"<sitemap><loc>{escape(u)}</loc><lastmod>{lastmod}</lastmod></sitemap>\n"
                   for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n'
            + body + "</sitemapindex>\n")


def robots(base: str) -> str:
    """robots.txt allowing every page and naming the sitemap beside it."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}/{SITEMAP}\n"


def write_sitemap(pelican) -> None:
    """sitemap.xml of every page written but the print views (copies of their layanan pages,
    plugins/cetak.py), and robots.txt pointing to it."""
    base = pelican.settings.get(keys.BASE_URL) or ""
    if not base:
        return
    out = Path(pelican.output_path)
    # Every page as the writer wrote it (plugins/writer.py keeps the record): no walk of the output.
    pages = [rel for rel in pelican.settings.get(keys.WRITTEN, {}) if rel.endswith(".html")
             and rel != "404.html" and not rel.startswith(("theme/", "gambar/"))
             and not is_print_page(rel)]
    (out / SITEMAP).write_text(sitemap(base, pages), encoding="utf-8")
    (out / ROBOTS).write_text(robots(base), encoding="utf-8")


def set_base(pelican) -> None:
    pelican.settings[keys.BASE_URL] = site_base(pelican.settings)


def get_generators(pelican):
    return SeoFiles


def register():
    writer.register()  # the sitemap lists the pages the writer records
    signals.initialized.connect(set_base)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_sitemap)
