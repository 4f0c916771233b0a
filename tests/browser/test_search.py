"""Search in real Chromium: the portal searches every kelurahan at once through the city's one
index (results labelled by kelurahan and kecamatan, filterable by kelurahan and type), each site
only itself; the portal's pages have no
axe violations; without JavaScript the search page says so and links to the directories."""

from __future__ import annotations

import pytest
from browser.conftest import assert_clean, search
from conftest import run
from test_portal import ENV, make_city


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_dir):
    root = tmp_path_factory.mktemp("search")
    content = make_city(root)
    proc = run("build", "--content", content, "--output", root / "out", env=ENV)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return serve_dir(root / "out")


def test_batik_finds_results_in_more_than_one_kelurahan_labelled_by_kelurahan(site, page_at):
    page = page_at(f"{site}/cari/")
    results = search(page, "batik")
    kelurahan = {r["meta"][0] for r in results}
    assert {"Kelurahan Alpha, Kec. Utara", "Kelurahan Gamma Raya, Kec. Selatan"} <= kelurahan
    assert {r["judul"] for r in results} >= {"Batik Contoh", "Batik Tulis Gamma", "Pelatihan Batik Tulis"}
    assert page.locator("#kp-cari-status").inner_text().endswith(f'{len(results)} hasil untuk “batik”')
    assert not page.kp_console and not page.kp_failed and not page.kp_external


def test_domisili_finds_the_layanan_pages(site, page_at):
    page = page_at(f"{site}/cari/")
    results = search(page, "domisili")
    assert sorted(r["href"] for r in results if r["meta"][1] == "Layanan") == [
        "/alpha/layanan/domisili/", "/beta/layanan/domisili/", "/gamma/layanan/domisili/"]
    page.click("#kp-cari-hasil a[href='/beta/layanan/domisili/']")
    assert page.locator("h1").inner_text() == "Surat Keterangan Domisili"


def test_kelurahan_and_type_filters_narrow_the_results(site, page_at):
    page = page_at(f"{site}/cari/")
    everything = search(page, "batik")
    only_gamma = search(page, "batik", kelurahan="Gamma Raya")
    assert 0 < len(only_gamma) < len(everything)
    assert {r["meta"][0] for r in only_gamma} == {"Kelurahan Gamma Raya, Kec. Selatan"}
    umkm = search(page, "batik", jenis="UMKM")
    assert [r["judul"] for r in umkm] == ["Batik Tulis Gamma"]
    assert "kelurahan=gamma" in page.url and "jenis=UMKM" in page.url


def test_pelayanan_finds_layanan_words_through_the_indonesian_stemmer(site, page_at):
    page = page_at(f"{site}/cari/?q=pelayanan")
    page.locator("#kp-cari-status", has_text="hasil").wait_for()
    assert page.locator("#kp-cari-hasil li").count() > 0


def test_a_kelurahan_site_searches_only_its_own_pages(site, page_at):
    page = page_at(f"{site}/alpha/cari/")
    assert page.locator("h1").inner_text() == "Cari di Kelurahan Alpha"
    assert page.locator("#kp-cari-kelurahan").count() == 0
    results = search(page, "domisili")
    assert [r["href"] for r in results] == ["/alpha/layanan/domisili/"]
    assert search(page, "megono") == []


def test_without_javascript_the_search_page_says_so_and_links_to_the_directories(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{site}/cari/")
    assert not page.locator("#kp-cari").is_visible()
    note = page.locator("noscript").first.inner_text()
    assert "Pencarian memerlukan JavaScript" in note
    links = page.eval_on_selector_all("main a", "links => links.map(a => a.getAttribute('href'))")
    assert links == ["../layanan/", "../umkm/", "../wisata/", "../agenda/", "../berita/", "../"]
    page.click("main a[href='../umkm/']")
    assert page.locator("h1").inner_text() == "Direktori UMKM"
    context.close()


@pytest.mark.parametrize("path", ["", "berita/", "layanan/", "umkm/", "umkm/kategori/batik/",
                                  "umkm/kelurahan/gamma/", "umkm/kecamatan/selatan/", "wisata/",
                                  "agenda/", "program/", "program/dasbor/",
                                  "program/dasbor/kecamatan/selatan/", "kecamatan/selatan/",
                                  "ppid/", "cari/?q=batik", "alpha/cari/?q=domisili"])
def test_portal_pages_have_no_axe_violations(site, page_at, path):
    page = page_at(f"{site}/{path}")
    assert_clean(page, path)
