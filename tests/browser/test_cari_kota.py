"""The portal of a city large enough to split (tests/test_portal_skala.py), in Chromium: the
first city-wide query's cost in requests and bytes, a result found in one named kelurahan, the
kelurahan filter loading only its part of the index, and the split pages valid (Nu) and
accessible (axe)."""

from __future__ import annotations

import pytest
from browser.conftest import assert_clean, nu_errors, search
from test_portal_skala import build_city, portal_pages, slug


@pytest.fixture(scope="module")
def city(tmp_path_factory, serve_dir):
    out = build_city(tmp_path_factory.mktemp("cari-kota"))
    return {"out": out, "url": serve_dir(out)}


def recorded(page) -> list:
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    return finished


def test_the_first_city_wide_query_costs_a_phone_few_requests_and_few_bytes(city, page_at):
    page = page_at(f"{city['url']}/cari/")  # a fresh context: nothing cached
    finished = recorded(page)
    results = search(page, "posyandu")
    page.wait_for_load_state("networkidle")
    assert len(results) == 10  # ten at a time: one fragment request each
    assert page.locator("#kp-cari-status").inner_text() == \
        "42 hasil untuk “posyandu”, 10 teratas ditampilkan"
    paths = [r.url.split("/", 3)[3] for r in finished]
    size = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in finished)
    assert len(paths) <= 20 and size <= 200_000, (len(paths), size, paths)
    assert all(p.startswith("pagefind/bagian-1/") for p in paths)  # no site's own index
    page.click("#kp-cari-lagi")
    page.locator("#kp-cari-hasil > li").nth(19).wait_for()
    assert "20 teratas ditampilkan" in page.locator("#kp-cari-status").inner_text()
    assert not page.kp_console and not page.kp_failed and not page.kp_external


def test_a_word_of_one_kelurahan_finds_it_there_and_the_result_links_to_its_page(city, page_at):
    page = page_at(f"{city['url']}/cari/")
    results = search(page, "kenanga")
    assert results == [{"judul": "Posyandu Kenanga RW 7", "href": f"/{slug(7)}/berita/2025-02-08-posyandu/",
                        "meta": ["Kelurahan Rekaan 07, Kec. Tengah", "Berita"]}]
    page.click("#kp-cari-hasil a")
    assert page.locator("h1").inner_text() == "Posyandu Kenanga RW 7"


def test_the_kelurahan_filter_keeps_its_results_and_loads_only_its_part(city, page_at):
    page = page_at(f"{city['url']}/cari/?kelurahan={slug(12)}")
    finished = recorded(page)
    results = search(page, "posyandu")
    assert [r["judul"] for r in results] == ["Posyandu Melati RW 12"]
    assert results[0]["meta"][0] == "Kelurahan Rekaan 12, Kec. Tengah"
    assert f"kelurahan={slug(12)}" in page.url and "q=posyandu" in page.url
    assert {r.url.split("/")[4] for r in finished if "/pagefind" in r.url} == {"bagian-1"}
    page.select_option("#kp-cari-kelurahan", "")
    page.locator("#kp-cari-status", has_text="42 hasil").wait_for()


@pytest.mark.parametrize("path", ["", "kecamatan/tengah/", "program/dasbor/",
                                  "program/dasbor/kecamatan/tengah/", "layanan/",
                                  "layanan/surat-keterangan-domisili/", "umkm/hal/2/",
                                  "umkm/kecamatan/tengah/", "ppid/", "anggaran/",
                                  "anggaran/kecamatan/tengah/", "cari/?q=posyandu"])
def test_the_split_pages_have_no_axe_violations(city, page_at, path):
    page = page_at(f"{city['url']}/{path}")
    assert_clean(page, path)


def test_the_split_portal_is_valid_html(city):
    assert nu_errors(portal_pages(city["out"])) == []
