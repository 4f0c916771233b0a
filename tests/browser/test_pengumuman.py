"""A page with a darurat notice and a city-wide one, in headless Chromium: phone and desktop."""

from __future__ import annotations

import shutil
import pytest
from conftest import FIXTURES, run, write_tree

from browser.conftest import axe_violations

@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_dir) -> str:
    root = tmp_path_factory.mktemp("pengumuman")
    shutil.copytree(FIXTURES / "mini", root / "content")
    write_tree(root / "content", {
        "alpha/pengumuman/rob.md": """
            ---
            judul: Rob menggenangi RW 03 dan RW 04
            tingkat: darurat
            mulai: 2026-12-12 06:00
            berakhir: 2026-12-13 18:00
            contoh: true
            ---
            Air rob setinggi 30 cm di Jalan Contoh. Hindari jalan itu; posko ada di balai RW 03.
        """,
        "pengumuman/air.md": """
            ---
            judul: Pasokan air PDAM terhenti sementara
            tingkat: penting
            mulai: 2026-12-12
            berakhir: 2026-12-14
            contoh: true
            ---
            Perbaikan pipa induk; air mengalir lagi paling lambat Senin pagi.
        """,
    })
    run("build", "--content", root / "content", "--output", root / "out", check=True,
        env={"KELURAHAN_TANGGAL": "2026-12-12 08:00", "KELURAHAN_URL": ""})
    return serve_dir(root / "out") + "/alpha/"


@pytest.mark.parametrize("width", [360, 1280])
def test_notices_are_readable_labelled_and_fit_on_a_phone_and_a_desktop(site, page_at, width,
                                                                         tmp_path):
    page = page_at(site, width, 800)
    darurat = page.get_by_role("region", name="Darurat Rob menggenangi RW 03 dan RW 04 (contoh)")
    assert darurat.is_visible()
    penting = page.get_by_role("region", name="Penting Pasokan air PDAM terhenti sementara (contoh)")
    assert penting.is_visible()
    box = darurat.bounding_box()
    assert box["y"] < 800 and box["width"] <= width  # above the fold, never wider than the page
    assert box["y"] < penting.bounding_box()["y"]  # the most urgent first, the city's or not
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    assert page.kp_console == [] and page.kp_failed == []
    page.screenshot(path=str(tmp_path / f"pengumuman-{width}.png"))  # docs/screenshots/ has one
