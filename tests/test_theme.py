"""The shared theme on a real build of tests/fixtures/lengkap: every page type, read with a parser."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import run, write_tree
from kelurahan.site.addresses import is_print_page

BASE = "https://contoh.github.io/kota/contoh"
PAGES = {  # one built page per page type of the theme
    "beranda": "index.html",
    "berita": "berita/index.html",
    "berita-hal-2": "berita/hal/2/index.html",
    "artikel": "berita/2025-02-25-rapat/index.html",
    "kategori": "berita/kategori/pengumuman/index.html",
    "tag": "tag/warga/index.html",
    "tags": "tag/index.html",
    "arsip": "berita/arsip/index.html",
    "halaman": "profil/index.html",
    "struktur": "struktur-organisasi/index.html",
    "kontak": "kontak/index.html",
    "daftar-layanan": "layanan/index.html",
    "layanan": "layanan/domisili/index.html",
    "layanan-minimal": "layanan/sktm/index.html",
    "daftar-umkm": "umkm/index.html",
    "umkm-kategori": "umkm/kategori/batik/index.html",
    "umkm": "umkm/batik-contoh/index.html",
    "umkm-minimal": "umkm/kopi-contoh/index.html",
    "daftar-wisata": "wisata/index.html",
    "wisata": "wisata/taman/index.html",
    "daftar-agenda": "agenda/index.html",
    "agenda": "agenda/kerja-bakti/index.html",
    "agenda-lalu": "agenda/posyandu-lalu/index.html",
    "pilar": "pilar/governance/index.html",
    "404": "404.html",
}


@pytest.fixture(scope="module")
def out(lengkap_output) -> Path:
    return lengkap_output


def soup(out: Path, page: str, site: str = "contoh") -> BeautifulSoup:
    return BeautifulSoup((out / site / page).read_text(encoding="utf-8"), "html.parser")


def jsonld_types(doc: BeautifulSoup) -> set[str]:
    data = json.loads(doc.select_one('script[type="application/ld+json"]').string)
    return {node["@type"] for node in data["@graph"]}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_type_has_the_accessible_skeleton(out, name):
    doc = soup(out, PAGES[name])
    assert doc.html["lang"] == "id"
    assert doc.body.find("a")["href"] == "#main-content"  # the skip link comes first
    assert doc.select_one("main#main-content")
    assert doc.select_one("header") and doc.select_one("footer") and doc.select_one("nav")
    assert len(doc.find_all("h1")) == 1
    assert doc.select_one(".kp-resmi").get_text(" ", strip=True).startswith(
        "Situs resmi Kelurahan Contoh Lengkap, Pemerintah Kota Contoh")
    assert doc.select_one('script[src$="theme/js/situs.js"]').has_attr("defer")
    for img in doc.find_all("img"):
        assert img.has_attr("alt") and img.has_attr("width") and img.has_attr("height"), img


@pytest.mark.parametrize("name", sorted(set(PAGES) - {"404"}))
def test_every_page_has_canonical_open_graph_and_json_ld(out, name):
    doc = soup(out, PAGES[name])
    canonical = doc.select_one('link[rel="canonical"]')["href"]
    assert canonical == f"{BASE}/{PAGES[name].removesuffix('index.html')}"
    assert doc.select_one('meta[property="og:url"]')["content"] == canonical
    assert doc.select_one('meta[property="og:image"]')["content"].startswith(BASE + "/")
    assert doc.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert doc.select_one('meta[property="og:title"]')["content"] == doc.title.string
    assert "GovernmentOrganization" in jsonld_types(doc)


@pytest.mark.parametrize("name, kind", [("artikel", "NewsArticle"), ("layanan", "GovernmentService"),
                                        ("umkm", "LocalBusiness"), ("wisata", "TouristAttraction"),
                                        ("agenda", "Event"), ("beranda", "WebSite")])
def test_json_ld_describes_each_content_type(out, name, kind):
    assert kind in jsonld_types(soup(out, PAGES[name]))


def test_article_shows_indonesian_date_author_pillar_tags_share_and_neighbours(out):
    doc = soup(out, PAGES["artikel"])
    meta = doc.select_one(".kp-meta--artikel")
    assert meta.time.get_text() == "Selasa, 25 Februari 2025"
    assert meta.time["datetime"] == "2025-02-25T09:30:00+07:00"
    assert "Admin Kelurahan" in meta.get_text()
    assert meta.select_one(".kp-pilar").get_text(strip=True) == "Smart Governance"
    assert doc.select_one(".kp-catatan").get_text(" ", strip=True) == "Diperbarui Rabu, 26 Februari 2025 ."
    assert [a.get_text() for a in doc.select("article .kp-tag a")] == ["rapat"]
    share = {a.get_text(strip=True): a["href"] for a in doc.select(".kp-bagikan a")}
    assert share["WhatsApp"] == ("https://wa.me/?text=Rapat%20Koordinasi%20https%3A//contoh.github.io"
                                 "/kota/contoh/berita/2025-02-25-rapat/")
    assert share["Facebook"].startswith("https://www.facebook.com/sharer/sharer.php?u=https%3A//")
    assert doc.select_one("button[data-salin]")["data-salin"] == f"{BASE}/berita/2025-02-25-rapat/"
    assert doc.select_one('.kp-sebelah a[rel="prev"]')["href"] == "../../berita/2025-01-11-kabar-11/"
    assert not doc.select('.kp-sebelah a[rel="next"]')  # the newest has no next


def test_content_tables_scroll_sideways_in_a_focusable_region(out):
    region = soup(out, PAGES["artikel"]).select_one(".kp-isi .kp-tabel")
    assert region["role"] == "region" and region["tabindex"] == "0" and region.table


def test_no_active_markup_from_content_reaches_the_page(out):
    text = (out / "contoh" / PAGES["artikel"]).read_text(encoding="utf-8")
    doc = BeautifulSoup(text, "html.parser")
    scripts = [s.get("type") or s.get("src") for s in doc.find_all("script")]
    assert scripts == ["application/ld+json", "../../theme/js/situs.js"]
    assert "javascript:" not in text and "alert(" not in text
    assert not [tag for tag in doc.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert doc.select_one(".kp-isi iframe")["src"] == "https://www.youtube-nocookie.com/embed/contoh"


def test_list_pages_paginate_berita(out):
    first, second = soup(out, PAGES["berita"]), soup(out, PAGES["berita-hal-2"])
    assert len(first.select(".kp-kartu")) == 10 and len(second.select(".kp-kartu")) == 2
    assert first.select_one('.kp-halaman a[rel="next"]')["href"] == "../berita/hal/2/"
    assert first.select_one(".kp-halaman span").get_text() == "Halaman 1 dari 2"
    assert second.title.string == "Berita (halaman 2) — Kelurahan Contoh Lengkap"


def test_layanan_has_the_same_sections_on_every_service(out):
    # The six components of PermenPANRB 15/2014, then the maklumat and the legal basis
    # (tests/test_layanan.py checks their names and contents).
    sections = ["persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan", "maklumat",
                "dasar-hukum"]
    for name in ("layanan", "layanan-minimal"):
        doc = soup(out, PAGES[name])
        assert [h["id"] for h in doc.select("article h2[id]") if h["id"] != "keterangan"] == sections
    full, minimal = soup(out, PAGES["layanan"]), soup(out, PAGES["layanan-minimal"])
    assert [li.get_text() for li in full.select(".kp-ceklis li")] == ["Surat pengantar RT/RW",
                                                                     "Fotokopi KTP-el"]
    assert minimal.select_one("#biaya + p").get_text() == "Gratis"
    assert minimal.select_one("#waktu + p").get_text() == (
        "Belum dicantumkan — tanyakan kepada petugas pelayanan di kantor kelurahan.")
    links = [a["href"] for a in full.select(".kp-pengaduan a")]
    assert links[0].startswith("https://wa.me/6281234567890?text=")
    assert links[-1] == "https://www.lapor.go.id/"


def test_umkm_shows_rupiah_and_a_whatsapp_order_naming_business_and_product(out):
    doc = soup(out, PAGES["umkm"])
    assert doc.select_one(".kp-label .kp-contoh").get_text() == "Contoh"
    prices = [s.get_text() for s in doc.select(".kp-produk__harga")]
    assert prices == ["Rp350.000", "Rp150.000"]
    order = doc.select_one('.kp-produk a[aria-label="Pesan Kain batik cap lewat WhatsApp"]')["href"]
    url = urlparse(order)
    assert url.netloc == "wa.me" and url.path == "/6281211112222"
    assert parse_qs(url.query)["text"] == [
        "Halo Batik Contoh, saya ingin memesan Kain batik cap (Rp350.000). "
        "Saya melihatnya di situs Kelurahan Contoh Lengkap."]
    assert doc.select_one(".kp-tautan a")["href"] == "https://toko.contoh.id/batik"
    assert doc.find("span", string="Petunjuk arah").parent["href"] == (
        "https://www.google.com/maps/search/?api=1&query=-6.89%2C109.68")
    assert len(doc.select(".kp-galeri img")) == 1


def test_umkm_without_contacts_shows_no_empty_fields(out):
    doc = soup(out, PAGES["umkm-minimal"])
    article = doc.select_one("article")
    assert not article.select('a[href^="https://wa.me"]') and not article.select(".kp-fakta")
    assert "None" not in article.get_text()


def test_umkm_kategori_pages_filter_without_javascript(out):
    doc = soup(out, PAGES["umkm-kategori"])
    filters = {a.get_text(" ", strip=True): a.get("aria-current") for a in doc.select(".kp-saring a")}
    assert filters == {"Semua (2)": None, "Batik (1)": "page", "Kuliner (1)": None}
    assert [a.get_text() for a in doc.select(".kp-kartu__judul a")] == ["Batik Contoh"]


def test_wisata_detail_lists_hours_ticket_facilities_and_gallery(out):
    doc = soup(out, PAGES["wisata"])
    facts = {dt.get_text(strip=True): dd.get_text(strip=True) for dt, dd in
             zip(doc.select(".kp-fakta dt"), doc.select(".kp-fakta dd"))}
    assert facts == {"Jam buka": "Setiap hari, 06.00–18.00 WIB", "Tiket": "Gratis",
                     "Alamat": "Jl. Taman Contoh", "Kontak": "0812-0000-0000"}
    assert [li.get_text() for li in doc.select("#fasilitas + ul li")] == ["Toilet", "Parkir"]


def test_agenda_upcoming_past_and_calendar_file(out):
    listing = soup(out, PAGES["daftar-agenda"])
    headings = [h.get_text() for h in listing.select("main h2")]
    assert headings[0] == "Akan datang" and "Sudah berlangsung" in headings
    assert listing.select(".kp-grid")[0].select_one("a").get_text() == "Kerja Bakti Contoh"
    doc = soup(out, PAGES["agenda"])
    assert doc.select_one(".kp-fakta dd").get_text() == "Selasa, 10 Maret 2099, 07.00–10.00 WIB"
    assert doc.select_one('a[download="kerja-bakti.ics"]')["href"] == "../../agenda/kerja-bakti/acara.ics"
    ics = (out / "contoh/agenda/kerja-bakti/acara.ics").read_bytes().decode("utf-8")
    assert "DTSTART:20990310T000000Z\r\n" in ics and "DTEND:20990310T030000Z\r\n" in ics
    assert "SUMMARY:Kerja Bakti Contoh\r\n" in ics
    assert "LOCATION:Balai RW 01\\, Jalan Contoh\r\n" in ics
    past = soup(out, PAGES["agenda-lalu"])
    assert past.select_one(".kp-pemberitahuan").get_text() == "Agenda ini sudah berlangsung."
    assert not past.select("a[download]")


def test_struktur_organisasi_is_a_grid_of_officials(out):
    people = soup(out, PAGES["struktur"]).select(".kp-pejabat__orang")
    assert [p.select_one(".kp-pejabat__nama").get_text() for p in people] == [
        "Nama Lurah Contoh", "Nama Sekretaris Contoh"]
    assert people[0].select_one(".kp-pejabat__inisial").get_text() == "NL"
    assert people[1].img["alt"] == "Foto Nama Sekretaris Contoh"


def test_identity_contacts_and_city_links(out):
    home = soup(out, PAGES["beranda"])
    footer = home.select_one("footer")
    hrefs = [a["href"] for a in footer.select("a")]
    assert "https://wa.me/6281234567890" in hrefs and "tel:+62285123456" in hrefs
    assert "mailto:kelurahan@contoh.go.id" in hrefs
    assert "https://www.instagram.com/kelurahan.contoh/" in hrefs
    assert "./../polos/" in hrefs  # the other kelurahan of the same kecamatan
    assert home.select_one(".kp-resmi a")["href"] == "./../"
    assert home.select_one(".kp-lurah figcaption").get_text(" ", strip=True) == "Lurah Nama Lurah Contoh"
    assert [h.get_text() for h in home.select("main h2")] == [
        "Layanan", "Berita terbaru", "Agenda mendatang", "UMKM warga",
        "Wisata dan kebanggaan lokal", "Enam pilar Kelurahan Pintar", "Hubungi kami"]
    assert len(home.select(".kp-pilar-grid li")) == 6
    assert home.select_one("style").string == ":root{--warna:#7a3e12}"


def test_the_menu_leads_to_the_site_search(out):
    nav = soup(out, PAGES["beranda"]).select_one("nav.kp-nav")
    search = nav.find("a", string="Cari")
    assert search["href"] == "./cari/" and (out / "contoh/cari/index.html").is_file()


def test_empty_identity_fields_are_left_out(out):
    doc = soup(out, "index.html", site="polos")
    text = doc.get_text(" ")
    assert "None" not in text and "Lurah" not in text
    assert not doc.select('a[href^="https://wa.me"], a[href^="tel:"], a[href^="mailto:"]')
    assert doc.select_one(".kp-kontak").get_text(" ", strip=True) == (
        "Hubungi kami Kantor Kelurahan Polos Kecamatan Contoh Utara, Kota Contoh "
        "Pengaduan pelayanan publik: SP4N-LAPOR!")


def test_pillar_page_explains_the_pillar_and_lists_its_content(out):
    doc = soup(out, PAGES["pilar"])
    assert doc.h1.get_text(" ", strip=True) == "Smart Governance Tata Kelola Pemerintahan"
    assert [h.get_text() for h in doc.select("main section h2")] == ["Berita", "Layanan", "Profil"]


def test_a_card_titles_at_the_level_of_where_it_stands(out):
    """A card is drawn once per site build and shown at h2 on a list and at h3 under a pillar
    page's section headings: the same card otherwise, and its title is its only heading."""
    pillar, listing = soup(out, PAGES["pilar"]), soup(out, PAGES["berita"])
    url = pillar.select_one("main section .kp-kartu__judul a")["href"]
    on_pillar = pillar.select_one(f'.kp-kartu:has(a[href="{url}"])')
    on_list = listing.select_one(f'.kp-kartu:has(a[href="{url.replace("../../", "../")}"])')
    assert on_pillar.select_one(".kp-kartu__judul").name == "h3"
    assert on_list.select_one(".kp-kartu__judul").name == "h2"
    for card in pillar.select(".kp-kartu") + listing.select(".kp-kartu"):
        assert len(card.select("h1, h2, h3, h4, h5, h6")) == 1
    assert on_pillar.get_text(" ", strip=True) == on_list.get_text(" ", strip=True)


def test_sitemap_robots_and_atom_feeds(out):
    site = out / "contoh"
    urls = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{BASE}/" in urls and f"{BASE}/umkm/batik-contoh/" in urls
    assert not [u for u in urls if "404" in u]
    # Exactly the pages on disk (taken from the writer's record, not from a walk): none missed.
    on_disk = {f"{BASE}/" + p.relative_to(site).as_posix().removesuffix("index.html")
               for p in site.rglob("*.html") if p.name != "404.html"
               and p.relative_to(site).parts[0] not in ("admin", "theme", "gambar")
               and not is_print_page(p.relative_to(site).as_posix())}  # a copy of its page
    assert sorted(urls) == sorted(on_disk) and len(urls) == len(set(urls)) > 20
    assert (site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\n"
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feeds/semua.atom.xml").getroot()
    assert len(feed.findall(f"{atom}entry")) == 12
    pillar = ET.parse(site / "feeds/pilar/environment.atom.xml").getroot()
    assert [e.find(f"{atom}title").text for e in pillar.findall(f"{atom}entry")] == ["Kerja Bakti Contoh"]
    assert pillar.find(f"{atom}entry/{atom}link").get("href") == f"{BASE}/agenda/kerja-bakti/"


def test_budget_html_css_js_under_60_kb_per_page(out):
    site = out / "contoh"
    assets = sum((site / "theme" / p).stat().st_size for p in ("css/situs.css", "js/situs.js"))
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size + assets
             for p in site.rglob("*.html") if "theme" not in p.parts}
    assert len(sizes) >= len(PAGES)
    assert max(sizes.values()) < 60_000, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]


def test_an_accent_colour_too_light_for_white_text_fails_with_a_darker_suggestion(tmp_path):
    content = write_tree(tmp_path / "content", {
        "kota.toml": 'nama = "Kota Contoh"\n',
        "terang/kelurahan.toml": 'nama = "Terang"\nkecamatan = "Utara"\nwarna = "#ffcc00"\n',
    })
    proc = run("check", "--content", content)
    assert proc.returncode == 1
    assert (f"{content}/terang/kelurahan.toml:3: warna #ffcc00 terlalu terang untuk teks putih "
            "(kontras 1.5:1, minimal 4.5:1) — pakai warna yang lebih gelap, misalnya "
            'warna = "#8f7200"') in proc.stdout + proc.stderr


# The header and footer are rendered once per relative SITEURL (and menu section) and reused
# (kelurahan/site/theme.py: sekali): every page must still get its own links and its own current entry.
CURRENT = {"beranda": None, "berita": "Berita", "artikel": "Berita", "kategori": "Berita",
           "berita-hal-2": "Berita", "daftar-layanan": "Layanan", "layanan": "Layanan",
           "umkm-kategori": "UMKM", "wisata": "Wisata", "agenda": "Agenda", "halaman": "Profil",
           "kontak": "Kontak", "tag": None, "pilar": None}


@pytest.mark.parametrize("name", sorted(CURRENT))
def test_each_page_marks_its_own_menu_entry_and_links_from_where_it_is(out, name):
    doc = soup(out, PAGES[name])
    marked = [a.get_text(strip=True) for a in doc.select(".kp-nav a[aria-current=page]")]
    assert marked == ([CURRENT[name]] if CURRENT[name] else [])
    page = out / "contoh" / PAGES[name]
    for a in doc.select(".kp-header a, footer a"):
        href = a["href"]
        if href.startswith(("http", "mailto:", "tel:", "#")) or "/../" in href:
            continue  # outside the site (the portal and neighbours are other builds' pages)
        target = (page.parent / href.split("#")[0]).resolve()
        assert (target / "index.html").is_file() or target.is_file(), (name, href)
