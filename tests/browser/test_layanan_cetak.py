"""A layanan's print view in headless Chromium (issue 20, item 4): printed to a PDF it is one A4
page, for the fixture city and for every bundled layanan; its QR code, photographed, reads back
as the page's address; it is clean on a phone and a desktop (axe, Nu checker, no console error,
no request leaving the site); the "Cetak" button opens the print dialog."""

from __future__ import annotations

import io
import re
import shutil

import pypdf
import pytest
import zxingcpp
from PIL import Image

from browser.conftest import axe_violations, nu_errors
from conftest import FIXTURES, ROOT, run
from kelurahan.content.registry import load_city
from kelurahan.site.addresses import publishing_base

BASE = "https://contoh.github.io/kota"
A4 = (595.28, 841.89)  # points
SHEETS = {"lengkap": "contoh/layanan/domisili/cetak/", "minimal": "contoh/layanan/sktm/cetak/",
          "polos": "polos/layanan/domisili/cetak/"}


@pytest.fixture(scope="module")
def lengkap(lengkap_output, serve_dir) -> str:
    return serve_dir(lengkap_output) + "/"


@pytest.fixture(scope="module")
def tanpa_alamat(tmp_path_factory):
    """tests/fixtures/mini built with no publishing address: the sheet has no QR code."""
    root = tmp_path_factory.mktemp("cetak-tanpa-alamat")
    shutil.copytree(FIXTURES / "mini", root / "content")
    kota = root / "content/kota.toml"
    kota.write_text(re.sub(r"(?m)^url = .*\n", "", kota.read_text(encoding="utf-8")),
                    encoding="utf-8")
    run("build", "--content", root / "content", "--output", root / "out", check=True,
        env={"KELURAHAN_URL": ""})
    return root / "out"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled city (content/, 27 kelurahan) built as `make build` does."""
    out = tmp_path_factory.mktemp("cetak-bundel") / "out"
    run("build", "--output", out, check=True)
    return out


@pytest.fixture(scope="module")
def penuh(tmp_path_factory):
    """The fixture city whose kelurahan fills every contact, the hours, a logo and a maklumat,
    given the longest bundled text of each of the six common services: the fullest sheet a
    kelurahan of the city can print today."""
    root = tmp_path_factory.mktemp("cetak-penuh")
    shutil.copytree(FIXTURES / "lengkap", root / "content")
    longest = {}
    for path in (ROOT / "content").glob("*/layanan/*.md"):
        if path.name not in longest or path.stat().st_size > longest[path.name].stat().st_size:
            longest[path.name] = path
    for name, path in longest.items():
        shutil.copyfile(path, root / "content/contoh/layanan" / f"terpanjang-{name}")
    run("build", "--content", root / "content", "--output", root / "out", check=True)
    return root / "out", sorted(f"contoh/layanan/terpanjang-{n[:-3]}/cetak/" for n in longest)


def _pages(pdf: bytes) -> list:
    return pypdf.PdfReader(io.BytesIO(pdf)).pages


def _is_a4(page) -> bool:
    return all(abs(float(got) - want) < 1 for got, want in
               zip((page.mediabox.width, page.mediabox.height), A4))


def _qr_text(page) -> list[str]:
    shot = page.locator("svg.kp-qr").screenshot()
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_the_print_view_prints_on_one_a4_page(lengkap, page_at, name):
    page = page_at(lengkap + SHEETS[name], 1280, 800)
    pages = _pages(page.pdf(format="A4", print_background=True))
    assert len(pages) == 1 and _is_a4(pages[0])
    text = " ".join(pages[0].extract_text().split())
    for heading in ("Persyaratan", "Sistem, mekanisme, dan prosedur", "Jangka waktu penyelesaian",
                    "Biaya/tarif", "Produk pelayanan", "Penanganan pengaduan, saran, dan masukan"):
        assert heading in text
    assert "Kembali ke halaman layanan" not in text  # the toolbar is for the screen only


def test_the_fullest_sheet_still_prints_on_one_a4_page(penuh, serve_dir, page_at):
    out, sheets = penuh
    assert len(sheets) == 6
    site = serve_dir(out) + "/"
    page = page_at(site + sheets[0], 1280, 800)
    for rel in sheets:
        page.goto(site + rel, wait_until="load")
        assert page.locator(".kp-pengaduan__kanal li").count() == 4, rel
        pages = _pages(page.pdf(format="A4", print_background=True))
        assert len(pages) == 1 and _is_a4(pages[0]), rel
        assert _qr_text(page) == [f"{BASE}/{rel[:-len('cetak/')]}"]


@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_qr_code_reads_back_as_the_pages_address(lengkap, page_at, media):
    page = page_at(lengkap + SHEETS["lengkap"], 1280, 800)
    page.emulate_media(media=media)
    assert _qr_text(page) == [f"{BASE}/contoh/layanan/domisili/"]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", sorted(SHEETS))
def test_the_print_view_is_clean_on_a_phone_and_a_desktop(lengkap, page_at, name, width, tmp_path):
    page = page_at(lengkap + SHEETS[name], width, 800)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.kp_console == [] and page.kp_failed == [] and page.kp_external == []
    page.screenshot(path=str(tmp_path / f"cetak-{name}-{width}.png"), full_page=True)


def test_the_layanan_page_links_its_print_view(lengkap, page_at):
    page = page_at(lengkap + "contoh/layanan/domisili/", 360, 800)
    page.get_by_role("link", name="Versi cetak (A4) standar pelayanan Surat Keterangan Domisili").click()
    assert page.url == lengkap + SHEETS["lengkap"]
    page.get_by_role("link", name="Kembali ke halaman layanan").click()
    assert page.url == lengkap + "contoh/layanan/domisili/"


def test_the_cetak_button_opens_the_print_dialog(lengkap, page_at):
    page = page_at(lengkap + SHEETS["lengkap"], 360, 800)
    page.evaluate("window.print = () => { window.kpDicetak = true; }")
    page.get_by_role("button", name="Cetak").click()
    assert page.evaluate("window.kpDicetak") is True


def test_without_an_address_the_sheet_explains_and_still_fits_one_page(tanpa_alamat, serve_dir,
                                                                       page_at):
    site = serve_dir(tanpa_alamat) + "/alpha/layanan/domisili/cetak/"
    for width in (360, 1280):
        page = page_at(site, width, 800)
        assert page.locator("svg.kp-qr").count() == 0
        assert page.locator("figure.kp-lembar__qr").inner_text() == (
            "Kode QR tidak dibuat: alamat terbit situs belum diketahui. Isi url di kota.toml, "
            "lalu bangun ulang situs.")
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.kp_console == [] and page.kp_failed == []
    assert len(_pages(page.pdf(format="A4"))) == 1
    assert nu_errors([tanpa_alamat / "alpha/layanan/domisili/cetak/index.html"]) == []


def test_every_bundled_layanan_prints_on_one_a4_page_with_its_address_in_the_qr_code(
        bundled, serve_dir, page_at):
    site = serve_dir(bundled) + "/"
    base = publishing_base(load_city(ROOT / "content").data)
    sheets = sorted(p.relative_to(bundled).as_posix()[:-len("index.html")]
                    for p in bundled.glob("*/layanan/*/cetak/index.html"))
    assert len(sheets) == len(list((ROOT / "content").glob("*/layanan/*.md"))) >= 27 * 6
    page = page_at(site + sheets[0], 1280, 800)
    wrong = []
    for rel in sheets:
        page.goto(site + rel, wait_until="load")
        pages = _pages(page.pdf(format="A4", print_background=True))
        address = f"{base}/{rel[:-len('cetak/')]}"
        if len(pages) != 1 or not _is_a4(pages[0]) or _qr_text(page) != [address]:
            wrong.append((rel, len(pages), _qr_text(page)))
    assert wrong == []
    assert page.kp_console == [] and page.kp_failed == []
    assert nu_errors([bundled / sheets[0] / "index.html", bundled / sheets[-1] / "index.html"]) == []
