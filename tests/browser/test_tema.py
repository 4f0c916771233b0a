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
    pages = [p for p in sorted(built.rglob("*.html"))
             if "theme" not in p.parts and "admin" not in p.parts]  # both sites and the portal
    assert len(pages) > 50 and built / "index.html" in pages
    assert nu_errors(pages) == []


# The evaluated `sizes` of an image: the first source size whose media condition matches, as
# CSS pixels (what the browser picks a srcset candidate for).
_SIZES_WIDTH = """img => {
  for (const part of img.sizes.split(',').map(s => s.trim())) {
    const m = part.match(/^(\\(.*\\))\\s+(.+)$/);
    if (m && !matchMedia(m[1]).matches) continue;
    const probe = document.createElement('div');
    probe.style.position = 'absolute';
    probe.style.width = m ? m[2] : part;
    document.body.appendChild(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  }
}"""


@pytest.mark.parametrize("name", ["berita", "beranda", "daftar-umkm", "artikel", "umkm"])
def test_images_say_truly_what_width_they_are_shown_at(site, page_at, name):
    """Lighthouse's "properly size images": `sizes` is the width the image is drawn at, so a
    phone fetches no more pixels than it shows (covers and cards, one to three columns)."""
    page = page_at(site + PAGES[name], 360, 800)
    for width in (360, 412, 600, 700, 1000, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        images = page.locator(".kp-sampul img, .kp-kartu__gambar img")
        assert images.count() > 0
        for i in range(images.count()):
            img = images.nth(i)
            said = img.evaluate(_SIZES_WIDTH)
            shown = img.evaluate("img => img.getBoundingClientRect().width")
            assert abs(said - shown) <= 4, (width, i, said, shown)


def test_the_largest_image_of_a_list_or_a_page_is_fetched_first_and_never_lazily(site, page_at):
    """Lighthouse's LCP items: the berita and UMKM lists' first card image and the cover of a
    berita or UMKM page are fetched with priority; every other card image waits (lazy)."""
    for name in ("berita", "daftar-umkm"):
        page = page_at(site + PAGES[name], 360, 800)
        cards = page.locator(".kp-kartu__gambar img")
        assert cards.count() > 0, name
        assert cards.first.get_attribute("fetchpriority") == "high", name
        assert cards.first.get_attribute("loading") is None, name
        for i in range(1, cards.count()):
            assert cards.nth(i).get_attribute("loading") == "lazy", (name, i)
            assert cards.nth(i).get_attribute("fetchpriority") is None, (name, i)
        assert cards.first.evaluate("img => img.getBoundingClientRect().top") < 800, name
    for name in ("artikel", "umkm"):
        cover = page_at(site + PAGES[name], 360, 800).locator(".kp-sampul img")
        assert cover.get_attribute("fetchpriority") == "high", name
        assert cover.get_attribute("loading") is None, name
    # The home page's cards are below the fold: lazy.
    home = page_at(site, 360, 800).locator(".kp-kartu__gambar img")
    assert home.count() > 0
    assert all(home.nth(i).get_attribute("loading") == "lazy" for i in range(home.count()))


def test_every_labelled_control_contains_its_visible_text(site, page_at):
    """WCAG 2.5.3 (label in name): a voice user says what they see, e.g. "Lihat produk"."""
    for name in ("daftar-umkm", "daftar-layanan", "daftar-wisata", "beranda", "umkm"):
        page = page_at(site + PAGES[name], 360, 800)
        pairs = page.evaluate("""() => [...document.querySelectorAll('a[aria-label], button[aria-label]')]
            .map(el => [el.innerText.trim().replace(/\\s+/g, ' '), el.getAttribute('aria-label')])
            .filter(([text]) => text)""")
        for text, label in pairs:
            assert text.lower() in label.lower(), (name, text, label)


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
