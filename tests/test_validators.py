"""The outside validators a reviewer runs on a built city, run here on the fixture city:
feedparser and an RFC 3987 IRI check on every Atom feed, the sitemaps.org schemas on every
sitemap, icalendar on every .ics, schema.org's required properties (Google's rich results) on
every JSON-LD node, and WCAG 2.5.3 (label in name) on every labelled control. The browser tests
(tests/browser/test_tema.py) add axe-core, the Nu HTML checker and the Lighthouse items."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest
import rfc3987
from bs4 import BeautifulSoup
from conftest import FIXTURES, run, write_tree
from lxml import etree

XSD = Path(__file__).resolve().parent / "xsd"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAPS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
BASE = "https://contoh.github.io/kota"
SITES = ("contoh", "polos")
EPOCH = 1733565600  # 2024-12-07T10:00:00Z, the publish build's $SOURCE_DATE_EPOCH
# A title that looks like markup: plain text, shown and fed exactly as typed (red team F6).
HOSTILE = '<b>Tebal</b> & "kutip" <iframe srcdoc="<img src=x>"></iframe> selesai'


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """tests/fixtures/lengkap with one berita whose title looks like markup, built with
    --publish (Pelican's own category feeds too) under a fixed $SOURCE_DATE_EPOCH."""
    root = tmp_path_factory.mktemp("terbit")
    shutil.copytree(FIXTURES / "lengkap", root / "content")
    write_tree(root / "content", {"contoh/berita/2025-03-01-judul-aneh.md": f"""
        ---
        judul: '{HOSTILE.replace("'", "''")}'
        tanggal: 2025-03-01 08:00
        pilar: governance
        kategori: Berita
        ---
        Isi berita dengan judul yang mirip markah.
        """})
    proc = run("build", "--publish", "--content", root / "content", "--output", root / "output",
               env={"SOURCE_DATE_EPOCH": str(EPOCH)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "output"


@pytest.fixture(scope="module", params=["lokal", "terbit"])
def out(request, lengkap_output, published) -> Path:
    """Both builds of the fixture city: the local one (`make build`) and the published one."""
    return lengkap_output if request.param == "lokal" else published


def _html_pages(out: Path):
    for page in sorted(out.rglob("*.html")):
        rel = page.relative_to(out)
        if not {"theme", "admin", "pagefind"} & set(rel.parts) and page.name != "404.html":
            yield rel, page


def _is_iri(value: str) -> bool:
    return rfc3987.match(value, rule="IRI") is not None


# --- Atom feeds --------------------------------------------------------------------------------

def test_every_feed_is_valid_atom_with_iri_ids_and_resolvable_links(out):
    feeds = sorted(out.rglob("*.atom.xml"))
    assert out / "feeds/semua.atom.xml" in feeds and out / "contoh/feeds/semua.atom.xml" in feeds
    entries = 0
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", path
        tree = etree.parse(str(path))
        ids = [el.text for el in tree.iter(f"{ATOM}id")]
        assert ids and all(_is_iri(i) for i in ids), (path, [i for i in ids if not _is_iri(i)])
        assert len(set(ids)) == len(ids), path
        for link in tree.iter(f"{ATOM}link"):
            href = link.get("href")
            based = any(el.get(XML_BASE) for el in link.iterancestors())
            assert rfc3987.match(href, rule="absolute_IRI") or based, (path, href)
        entries += len(parsed.entries)
    assert entries > 20


def test_a_title_that_looks_like_markup_is_fed_as_typed_in_every_feed(published):
    feeds = {"contoh/feeds/semua.atom.xml", "contoh/feeds/berita.atom.xml",
             "contoh/feeds/pilar/governance.atom.xml", "feeds/semua.atom.xml"}
    for rel in sorted(feeds):
        tree = etree.parse(str(published / rel))
        titles = [el.text for el in tree.iter(f"{ATOM}title")]
        assert HOSTILE in titles, (rel, titles[:3])
        # Feed readers read it through feedparser as text, never as markup.
        parsed = feedparser.parse((published / rel).read_bytes())
        assert HOSTILE in [e.title for e in parsed.entries], rel


# --- sitemaps and robots.txt ---------------------------------------------------------------------

def test_every_sitemap_validates_against_the_sitemaps_org_schemas_and_has_lastmod(out):
    urlset = etree.XMLSchema(etree.parse(str(XSD / "sitemap.xsd")))
    index = etree.XMLSchema(etree.parse(str(XSD / "siteindex.xsd")))
    root = etree.parse(str(out / "sitemap.xml"))
    index.assertValid(root)
    listed = [loc.text for loc in root.iter(f"{SITEMAPS}loc")]
    assert listed == [f"{BASE}/sitemap-portal.xml"] + [f"{BASE}/{s}/sitemap.xml" for s in SITES]
    for loc in listed:
        path = out / loc[len(BASE) + 1:]
        tree = etree.parse(str(path))
        urlset.assertValid(tree)
        urls = tree.getroot().findall(f"{SITEMAPS}url")
        assert urls, loc
        assert all(u.find(f"{SITEMAPS}lastmod") is not None for u in urls), loc
    assert all(s.find(f"{SITEMAPS}lastmod") is not None
               for s in root.getroot().findall(f"{SITEMAPS}sitemap"))
    assert (out / "robots.txt").read_text() == \
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\n"


def test_every_portal_page_is_in_the_portal_sitemap(out):
    listed = {loc.text for loc in etree.parse(str(out / "sitemap-portal.xml")).iter(f"{SITEMAPS}loc")}
    pages = {f"{BASE}/" + rel.as_posix().removesuffix("index.html") for rel, _ in _html_pages(out)
             if rel.parts[0] not in SITES}
    assert pages == listed and len(pages) > 8


def test_lastmod_is_the_source_time(published):
    lastmod = {el.text for name in ("sitemap.xml", "sitemap-portal.xml", "contoh/sitemap.xml")
               for el in etree.parse(str(published / name)).iter(f"{SITEMAPS}lastmod")}
    assert lastmod == {"2024-12-07T10:00:00Z"}


# --- iCalendar -------------------------------------------------------------------------------

def test_every_ics_parses_and_is_stamped_with_the_source_time(out, published):
    files = sorted(out.rglob("*.ics"))
    assert files
    for path in files:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 1, path
        event = events[0]
        for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert key in event, (path, key)
        stamp = event.decoded("DTSTAMP")
        assert stamp.tzinfo is not None and stamp.utcoffset() == dt.timedelta(0), path
        if out == published:
            assert stamp == dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc), path
        else:  # the time of the checkout's last commit: a real time, not 1970
            assert dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc) < stamp <= \
                dt.datetime.now(dt.timezone.utc), path


def test_the_source_time_is_the_epoch_else_the_last_commit_else_the_build_day(tmp_path, monkeypatch):
    from kelurahan.clock import source_time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert source_time() == dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setenv("KELURAHAN_TANGGAL", "2025-03-10")
    monkeypatch.chdir(tmp_path)  # outside a git checkout: midnight of the build's day, in WIB
    assert source_time() == dt.datetime(2025, 3, 9, 17, tzinfo=dt.timezone.utc)


# --- JSON-LD ---------------------------------------------------------------------------------

def _has(node: dict, path: str) -> bool:
    value = node
    for key in path.split("."):
        if not isinstance(value, dict) or value.get(key) in (None, "", [], {}):
            return False
        value = value[key]
    return True


# Required (and, for Google's rich results, expected) properties of each type we publish.
REQUIRED = {
    "NewsArticle": ("headline", "image", "datePublished", "author.name|author.@id",
                    "publisher.@id", "mainEntityOfPage"),
    "LocalBusiness": ("name", "address.@type", "address.addressLocality",
                      "address.addressCountry"),
    "Event": ("name", "startDate", "location.name", "location.address.addressLocality",
              "location.address.addressCountry"),
    "TouristAttraction": ("name", "address.addressLocality"),
    "GovernmentService": ("name", "provider.@id"),
    "GovernmentOrganization": ("name", "url", "address.addressCountry"),
    "WebSite": ("name", "url", "publisher.@id"),
    "WebPage": ("name", "url"),
    "CollectionPage": ("name", "url", "isPartOf.@id"),
    "SearchResultsPage": ("name", "url", "isPartOf.@id"),
}
URL_KEYS = ("url", "image", "logo", "mainEntityOfPage", "@id")


def _nodes(out: Path):
    for rel, page in _html_pages(out):
        scripts = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            'script[type="application/ld+json"]')
        assert len(scripts) == 1, rel
        data = json.loads(scripts[0].string)
        assert data["@context"] == "https://schema.org", rel
        for node in data["@graph"]:
            yield rel, node


def test_every_page_has_json_ld_with_the_required_properties_of_its_types(out):
    seen = set()
    for rel, node in _nodes(out):
        kind = node["@type"]
        assert kind in REQUIRED, (rel, kind)
        seen.add(kind)
        missing = [p for p in REQUIRED[kind] if not any(_has(node, alt) for alt in p.split("|"))]
        assert not missing, (rel, kind, missing)
        for key in URL_KEYS:
            if isinstance(node.get(key), str):
                assert _is_iri(node[key]) and node[key].startswith(f"{BASE}/"), (rel, key, node[key])
    assert {"NewsArticle", "LocalBusiness", "Event", "GovernmentOrganization", "WebSite",
            "CollectionPage"} <= seen


def test_a_berita_without_a_photo_shows_its_share_card(out):
    nodes = {rel.as_posix(): node for rel, node in _nodes(out) if node["@type"] == "NewsArticle"}
    node = nodes["contoh/berita/2025-01-01-kabar-01/index.html"]
    assert node["image"] == f"{BASE}/contoh/kartu/berita/2025-01-01-kabar-01.jpg"
    assert (out / "contoh/kartu/berita/2025-01-01-kabar-01.jpg").is_file()


def _published_file(out: Path, url: str) -> Path:
    assert url.startswith(f"{BASE}/"), url
    return out / url[len(BASE) + 1:]


def test_every_share_image_of_every_page_is_a_published_file(out):
    """Pages without a card of their own (halaman, agenda, lists) share the site's card: what
    og:image and JSON-LD name must exist, or WhatsApp and Facebook show no picture."""
    missing, seen = [], 0
    for rel, page in _html_pages(out):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        urls = [meta["content"] for meta in doc.select('meta[property="og:image"]')]
        assert len(urls) == (1 if rel.parts[0] in SITES else len(urls)), rel
        data = json.loads(doc.select_one('script[type="application/ld+json"]').string)
        urls += [node["image"] for node in data["@graph"] if isinstance(node.get("image"), str)]
        seen += len(urls)
        missing += [(rel.as_posix(), url) for url in urls if not _published_file(out, url).is_file()]
    assert seen and not missing, missing


def test_an_event_without_an_address_is_placed_in_its_kelurahan_not_an_invented_street(out):
    events = {rel.as_posix(): node for rel, node in _nodes(out) if node["@type"] == "Event"}
    location = events["contoh/agenda/posyandu-lalu/index.html"]["location"]
    assert location == {"@type": "Place", "name": "Balai RW 02", "address": {
        "@type": "PostalAddress", "streetAddress": "Kelurahan Contoh Lengkap, Kecamatan Contoh Utara",
        "addressLocality": "Kota Contoh", "addressRegion": "Provinsi Contoh",
        "addressCountry": "ID"}}


# --- WCAG 2.5.3: label in name -----------------------------------------------------------------

def test_every_labelled_control_has_its_visible_text_in_its_label(out):
    checked = 0
    for rel, page in _html_pages(out):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for el in soup.select("a[aria-label], button[aria-label]"):
            text = " ".join(el.get_text(" ", strip=True).split())
            if text:
                assert text.lower() in el["aria-label"].lower(), (rel, text, el["aria-label"])
                checked += 1
    assert checked > 5
