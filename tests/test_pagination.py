"""List pages that grow with content are split by Pelican's paginator (page 2 at <list>/hal/2/),
so every page stays within the 60 KB budget (issue 3/8). One build of tests/fixtures/mini with
25 more UMKM and 12 past agenda in alpha, 30 berita in beta."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, run, write_tree

BASE = "https://contoh.github.io/kota/alpha"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("paginasi")
    content = root / "content"
    shutil.copytree(FIXTURES / "mini", content)
    files = {f"alpha/umkm/usaha-{n:02d}.md": f"""
        ---
        judul: Usaha Contoh {n:02d}
        kategori: batik
        contoh: true
        ---
        Usaha contoh nomor {n}.
        """ for n in range(1, 26)}
    files |= {f"alpha/agenda/rapat-{n:02d}.md": f"""
        ---
        judul: Rapat Contoh {n:02d}
        mulai: 2020-01-{n:02d} 09:00
        tempat: Balai RW 01
        contoh: true
        ---
        Rapat contoh nomor {n}.
        """ for n in range(1, 13)}
    files |= {f"beta/berita/2024-05-{n:02d}-warta.md": f"""
        ---
        judul: Warta Beta {n:02d}
        tanggal: 2024-05-{n:02d} 08:00
        pilar: society
        tag: [warta{', pasar' if n == 7 else ''}]
        contoh: {'true' if n == 7 else 'false'}
        ---
        Warta contoh nomor {n}.
        """ for n in range(1, 31)}
    write_tree(content, files)
    proc = run("build", "--content", content, "--output", root / "output")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "output"


def soup(out: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((out / "alpha" / page).read_text(encoding="utf-8"), "html.parser")


def pager(doc: BeautifulSoup) -> tuple:
    nav = doc.select_one("nav.kp-halaman")
    links = {a["rel"][0]: (a["href"], a.get_text(strip=True)) for a in nav.select("a")}
    return nav.find("span", recursive=False).get_text(), links


def test_umkm_list_has_twelve_cards_a_page_at_pretty_urls(out):
    pages = [soup(out, p) for p in ("umkm/index.html", "umkm/hal/2/index.html",
                                    "umkm/hal/3/index.html")]
    assert [len(d.select(".kp-kartu")) for d in pages] == [12, 12, 2]
    assert not (out / "alpha/umkm/hal/4").exists() and not (out / "alpha/umkm/hal/1").exists()
    assert [d.title.string for d in pages] == [
        "UMKM — Kelurahan Alpha", "UMKM (halaman 2) — Kelurahan Alpha",
        "UMKM (halaman 3) — Kelurahan Alpha"]


def test_pages_link_to_each_other_without_javascript(out):
    assert pager(soup(out, "umkm/index.html")) == (
        "Halaman 1 dari 3", {"next": ("../umkm/hal/2/", "Berikutnya")})
    assert pager(soup(out, "umkm/hal/2/index.html")) == (
        "Halaman 2 dari 3", {"prev": ("../../../umkm/", "Sebelumnya"),
                             "next": ("../../../umkm/hal/3/", "Berikutnya")})
    assert pager(soup(out, "umkm/hal/3/index.html")) == (
        "Halaman 3 dari 3", {"prev": ("../../../umkm/hal/2/", "Sebelumnya")})
    # Links, styles and the filter menu keep working from the deeper folder.
    second = soup(out, "umkm/hal/2/index.html")
    assert second.select_one('link[rel="stylesheet"]')["href"].startswith("../../../theme/css/")
    assert second.select_one(".kp-kartu a")["href"].startswith("../../../umkm/usaha-")


def test_each_page_has_its_own_canonical_url_and_sitemap_entry(out):
    assert soup(out, "umkm/hal/2/index.html").select_one('link[rel="canonical"]')["href"] == \
        f"{BASE}/umkm/hal/2/"
    assert soup(out, "umkm/index.html").select_one('link[rel="canonical"]')["href"] == f"{BASE}/umkm/"
    urls = [loc.text for loc in ET.parse(out / "alpha/sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for path in ("umkm/hal/2/", "umkm/hal/3/", "umkm/kategori/batik/hal/2/",
                 "pilar/economy/hal/2/", "agenda/hal/2/"):
        assert f"{BASE}/{path}" in urls


def test_umkm_kategori_and_pillar_pages_are_paginated_too(out):
    kategori = soup(out, "umkm/kategori/batik/hal/3/index.html")
    assert len(kategori.select(".kp-kartu")) == 2
    assert kategori.title.string == "UMKM batik (halaman 3) — Kelurahan Alpha"
    assert pager(kategori)[1] == {"prev": ("../../../../../umkm/kategori/batik/hal/2/",
                                           "Sebelumnya")}
    pillar = soup(out, "pilar/economy/hal/2/index.html")
    assert pillar.title.string == "Smart Economy (halaman 2) — Kelurahan Alpha"
    assert [h.get_text() for h in pillar.select("main section h2")] == ["UMKM"]
    assert len(pillar.select(".kp-kartu")) == 12
    assert pager(pillar)[0] == "Halaman 2 dari 3"


def test_agenda_pages_keep_upcoming_first_then_past(out):
    first, second = soup(out, "agenda/index.html"), soup(out, "agenda/hal/2/index.html")
    assert [h.get_text() for h in first.select("main h2:not(.kp-kartu h2)")] == [
        "Akan datang", "Sudah berlangsung"]
    assert len(first.select(".kp-kartu")) == 12
    assert [h.get_text() for h in second.select("main h2:not(.kp-kartu h2)")] == ["Sudah berlangsung"]
    assert [a.get_text(strip=True) for a in second.select(".kp-kartu h3 a, .kp-kartu h2 a")] == [
        "Rapat Contoh 01"]


def test_a_tag_is_one_page_of_titles_newest_first(out):
    """Thirty berita under one tag: one page (100 a page), a line each with date and link, no
    card photos to load; ten cards a page would have made three pages."""
    beta = out / "beta"
    doc = BeautifulSoup((beta / "tag/warta/index.html").read_text(encoding="utf-8"), "html.parser")
    assert not (beta / "tag/warta/hal").exists() and doc.select_one("nav.kp-halaman") is None
    assert doc.select(".kp-kartu") == [] and doc.select("main img") == []
    assert [h.get_text() for h in doc.select("main h2")] == ["2024"]
    entries = doc.select("ul.kp-arsip li")
    assert [li.a.get_text() for li in entries] == [f"Warta Beta {n:02d}" for n in range(30, 0, -1)]
    assert entries[0].time["datetime"].startswith("2024-05-30") and \
        entries[0].a["href"] == "../../berita/2024-05-30-warta/"
    assert doc.title.string == "Tag: warta — Kelurahan Beta"
    one = BeautifulSoup((beta / "tag/pasar/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [li.a.get_text() for li in one.select("ul.kp-arsip li")] == ["Warta Beta 07"]
    # An example entry says so on the list too.
    assert [li.a.get_text() for li in entries if li.select_one(".kp-contoh")] == ["Warta Beta 07"]


def test_short_lists_stay_on_one_page(out):
    assert not (out / "alpha/wisata/hal").exists() and not (out / "alpha/layanan/hal").exists()
    assert soup(out, "wisata/index.html").select_one("nav.kp-halaman") is None


def test_the_portal_lists_the_latest_berita_thirty_a_page(out):
    first = BeautifulSoup((out / "berita/index.html").read_text(encoding="utf-8"), "html.parser")
    second = BeautifulSoup((out / "berita/hal/2/index.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert [len(d.select(".kp-entri__judul a")) for d in (first, second)] == [30, 1]
    assert second.title.string == "Berita terbaru (halaman 2) — Portal Kelurahan Kota Contoh"
    assert first.select_one('.kp-ppager a[rel="next"]')["href"] == "../berita/hal/2/"
    assert second.select_one('.kp-ppager a[rel="prev"]')["href"] == "../../../berita/"
    assert first.select_one("main p").get_text(" ", strip=True).startswith("31 berita terbaru.")


def test_no_page_with_its_css_and_js_exceeds_60_kb(out):
    spec = importlib.util.spec_from_file_location("kp_bench_run_paginasi", ROOT / "benchmarks/run.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    weight = bench.page_weight(out)  # every site and the portal, HTML + linked local CSS and JS
    assert weight["pages"] > 60
    assert weight["max_kb"] * 1024 < 60_000, weight
