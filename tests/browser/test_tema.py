"""Every page type of the theme in headless Chromium: phone and desktop, axe-core, Nu HTML checker."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser.conftest import axe_violations, nu_errors
from kelurahan.content.sanitise import IFRAME_HOSTS

PAGES = {
    "beranda": "", "berita": "berita/", "artikel": "berita/2025-02-25-rapat/",
    "kategori": "berita/kategori/pengumuman/", "tag": "tag/warga/", "tags": "tag/",
    "arsip": "berita/arsip/", "halaman": "profil/", "struktur": "struktur-organisasi/",
    "kontak": "kontak/", "daftar-layanan": "layanan/", "layanan": "layanan/domisili/",
    "daftar-umkm": "umkm/", "umkm-kategori": "umkm/kategori/batik/", "umkm": "umkm/batik-contoh/",
    "daftar-wisata": "wisata/", "wisata": "wisata/taman/", "daftar-agenda": "agenda/",
    "agenda": "agenda/kerja-bakti/", "pilar": "pilar/governance/", "404": "404.html",
}


@pytest.fixture(scope="module")
def built(lengkap_output) -> Path:
    return lengkap_output


@pytest.fixture(scope="module")
def site(built, serve_dir) -> str:
    return serve_dir(built) + "/contoh/"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_is_clean_and_accessible_on_a_phone_and_a_desktop(site, page_at, name):
    page = page_at(site + PAGES[name], 360, 800)
    assert axe_violations(page) == []
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
    page.reload(wait_until="load")  # the desktop load: images chosen for the wider screen
    assert page.kp_console == []
    assert page.kp_failed == []
    assert [u for u in page.kp_external if not u.startswith(IFRAME_HOSTS)] == []


def test_axe_finds_no_violations_on_desktop_home_and_article(site, page_at):
    for name in ("beranda", "artikel", "umkm"):
        assert axe_violations(page_at(site + PAGES[name], 1280, 800)) == [], name


def test_nu_html_checker_finds_no_errors(built):
    pages = [p for site in ("contoh", "polos") for p in sorted((built / site).rglob("*.html"))
             if "theme" not in p.parts and "admin" not in p.parts]
    assert len(pages) > 40
    assert nu_errors(pages) == []


def test_copy_link_button_appears_only_with_javascript(site, page_at, browser):
    page = page_at(site + PAGES["artikel"], 360, 800)
    assert page.locator("button[data-salin]").is_visible()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    try:
        bare = context.new_page()
        bare.goto(site + PAGES["artikel"])
        assert not bare.locator("button[data-salin]").is_visible()
        assert bare.locator("nav[aria-label='Menu utama'] a").count() == 9  # 5 types, 3 halaman, Cari
    finally:
        context.close()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, page_at):
    page = page_at(site, 360, 800)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Langsung ke isi utama"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
