"""The budget pages and the portal's sum in headless Chromium: axe, no sideways scrolling of the
page on a 360 px phone (the tables scroll in their own region), and the Nu HTML checker."""

from __future__ import annotations

import shutil

import pytest
import yaml
from conftest import FIXTURES, run, write_tree

from browser.conftest import axe_violations, nu_errors
from test_anggaran import ALPHA_2026, BETA_CSV, many_rows

PAGES = ("alpha/anggaran/2026/", "alpha/anggaran/", "beta/anggaran/2026/", "alpha/ppid/",
         "anggaran/", "alpha/anggaran/2025/hal/2/")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("anggaran-browser")
    shutil.copytree(FIXTURES / "mini", root / "content")
    write_tree(root / "content", {"alpha/anggaran/2026.yaml": ALPHA_2026,
                                  "alpha/anggaran/2025.csv": many_rows(120),
                                  "beta/anggaran/2026.csv": BETA_CSV})
    run("build", "--content", root / "content", "--output", root / "out", check=True)
    return root / "out"


@pytest.fixture(scope="module")
def base(out, serve_dir) -> str:
    return serve_dir(out) + "/"


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [360, 1280])
def test_budget_pages_are_accessible_and_fit_a_phone_and_a_desktop(base, page_at, path, width,
                                                                    tmp_path):
    page = page_at(base + path, width, 800)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.kp_console == [] and page.kp_failed == [] and page.kp_external == []
    page.screenshot(path=str(tmp_path / f"anggaran-{width}.png"), full_page=True)


def test_the_chart_is_drawn_and_the_wide_table_scrolls_in_its_own_region(base, page_at):
    page = page_at(base + "alpha/anggaran/2026/", 360, 800)
    chart = page.get_by_role("img", name="Pagu dan realisasi per pilar, tahun 2026")
    box = chart.bounding_box()
    assert 300 <= box["width"] <= 360 and box["height"] > 100
    region = page.get_by_role("region", name="Rincian kegiatan tahun 2026 (geser ke samping "
                                             "untuk melihat semua kolom)")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")  # the phone scrolls the table
    fill = page.locator(".kp-grafik__realisasi").nth(1).evaluate("e => getComputedStyle(e).fill")
    assert fill == "rgb(122, 62, 18)"  # the kelurahan's accent, from the stylesheet


def test_nu_html_checker_finds_no_errors(out):
    assert nu_errors([out / p / "index.html" for p in PAGES]) == []


# --- the web editor writes a budget the reader takes ------------------------------------------

from browser.test_editor import _check_and_build, _field, _publish, _select, editor, lokal  # noqa: E402,F401,I001


def test_a_budget_written_in_the_web_editor_is_checked_built_and_shown(editor):
    root, base, page = editor
    folder = root / "content/alpha/anggaran"
    page.goto(f"{base}/alpha/admin/#/collections/anggaran-alpha/new")
    _field(page, "Tahun anggaran").fill("2027")
    _field(page, "Sumber data (boleh kosong)").fill("Rancangan DPA 2027 (contoh)")
    _field(page, "Contoh (boleh kosong)").click()
    rows = [("Perbaikan jalan lingkungan RT 02", "Smart Living — Kualitas Hidup", "90000000"),
            ("Pelatihan kader posyandu", "Smart Society — Masyarakat", "15000000")]
    for index, (kegiatan, pilar, pagu) in enumerate(rows):
        page.get_by_role("button", name="Tambah kegiatan", exact=True).click()
        _field(page, "Kegiatan").nth(index).fill(kegiatan)
        _field(page, "Pilar Kelurahan Pintar (boleh kosong)").nth(index).click()
        page.get_by_text(pilar, exact=True).last.click()
        _field(page, "Pagu (Rp)").nth(index).fill(pagu)
    _publish(page)
    saved = folder / "2027.yml"
    for _ in range(100):
        if saved.is_file():
            break
        page.wait_for_timeout(200)
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {
        "tahun": 2027, "sumber": "Rancangan DPA 2027 (contoh)", "contoh": True, "kegiatan": [
            {"kegiatan": "Perbaikan jalan lingkungan RT 02", "pilar": "living", "pagu": 90000000},
            {"kegiatan": "Pelatihan kader posyandu", "pilar": "society", "pagu": 15000000}]}
    site = _check_and_build(root)
    html = (site / "anggaran/2027/index.html").read_text(encoding="utf-8")
    assert "Perbaikan jalan lingkungan RT 02" in html and "Rp105.000.000" in html
