"""The service standard, whole (issue 20, item 4): on every layanan page the six components of
PermenPANRB 15/2014 under their names, the service hours (the service's own, else the office's),
the complaint procedure with SP4N-LAPOR!, the maklumat pelayanan; and a print view per layanan
with a QR code of the page's address. Real builds of tests/fixtures/lengkap, read with a parser
(tests/browser/test_layanan_cetak.py prints them in Chromium)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import FIXTURES, ROOT, run, write_tree
from kelurahan.content.schema import TYPES
from kelurahan.site.addresses import is_print_page, print_page

BASE = "https://contoh.github.io/kota"
KOMPONEN = ["Persyaratan", "Sistem, mekanisme, dan prosedur", "Jangka waktu penyelesaian",
            "Biaya/tarif", "Produk pelayanan", "Penanganan pengaduan, saran, dan masukan"]
KOSONG = "Belum dicantumkan — tanyakan kepada petugas pelayanan di kantor kelurahan."
LAPOR_STEP = ("Bila pengaduan Anda tidak ditanggapi atau Anda belum puas, laporkan melalui "
              "SP4N-LAPOR! (Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional) di "
              "www.lapor.go.id.")
# A service with hours of its own, unlike the office's (kelurahan.toml: Senin–Jumat 08.00–15.00 WIB).
AKTA = """
---
judul: Pengantar Akta Kelahiran
ringkasan: Surat pengantar untuk mengurus akta kelahiran (contoh).
persyaratan: [Surat keterangan lahir dari bidan atau rumah sakit, Fotokopi KK]
prosedur: [Datang ke kantor kelurahan., Petugas memeriksa berkas.]
waktu: 1 hari kerja
produk: Surat pengantar akta kelahiran
jam_pelayanan: Senin–Kamis 08.00–12.00 WIB
ditinjau: 2026-11-02
contoh: true
---
Layanan contoh dengan jam pelayanan sendiri.
"""


def _soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _text(el) -> str:
    return " ".join(el.get_text(" ", strip=True).split()).replace(" .", ".").replace(" ,", ",")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """tests/fixtures/lengkap with one more layanan that keeps its own hours."""
    root = tmp_path_factory.mktemp("layanan")
    shutil.copytree(FIXTURES / "lengkap", root / "content")
    write_tree(root / "content", {"contoh/layanan/akta.md": AKTA})
    run("build", "--content", root / "content", "--output", root / "out", check=True)
    return root / "out"


@pytest.fixture(scope="module")
def tanpa_alamat(tmp_path_factory):
    """The same city with no publishing address (no url in kota.toml) and a city complaint
    channel of its own instead of SP4N-LAPOR!."""
    root = tmp_path_factory.mktemp("tanpa-alamat")
    shutil.copytree(FIXTURES / "lengkap", root / "content")
    kota = root / "content/kota.toml"
    text = re.sub(r"(?m)^url = .*\n", "", kota.read_text(encoding="utf-8"))
    kota.write_text(text.replace('pengaduan_url = "https://www.lapor.go.id/"',
                                 'pengaduan_url = "https://pengaduan.contoh.go.id/"'), encoding="utf-8")
    run("build", "--content", root / "content", "--output", root / "out", check=True,
        env={"KELURAHAN_URL": ""})
    return root / "out"


LAYANAN = [("contoh", "domisili"), ("contoh", "sktm"), ("contoh", "akta"), ("polos", "domisili")]


@pytest.mark.parametrize("site,slug", LAYANAN)
def test_every_layanan_page_shows_the_six_components_by_their_names(out, site, slug):
    doc = _soup(out / site / "layanan" / slug / "index.html")
    headings = [_text(h) for h in doc.select("article h2")]
    assert headings[:6] == KOMPONEN
    assert headings[6:8] == ["Maklumat pelayanan", "Dasar hukum"]


def test_an_empty_component_says_what_to_do_and_no_biaya_means_free(out):
    doc = _soup(out / "contoh/layanan/sktm/index.html")
    assert _text(doc.select_one("#prosedur + p")) == KOSONG
    assert _text(doc.select_one("#waktu + p")) == KOSONG
    assert _text(doc.select_one("#biaya + p")) == "Gratis"
    assert _text(doc.select_one("#produk + p")) == KOSONG


def _jam(doc) -> str | None:
    for row in doc.select(".kp-fakta__baris"):
        if _text(row.dt) == "Jam pelayanan":
            return _text(row.dd)
    return None


def test_service_hours_are_the_services_own_else_the_offices_else_left_out(out):
    assert _jam(_soup(out / "contoh/layanan/akta/index.html")) == "Senin–Kamis 08.00–12.00 WIB"
    assert _jam(_soup(out / "contoh/layanan/domisili/index.html")) == "Senin–Jumat 08.00–15.00 WIB"
    polos = _soup(out / "polos/layanan/domisili/index.html")
    assert _jam(polos) is None and "Jam pelayanan" not in polos.select_one("main").get_text()


def test_complaint_steps_name_the_kelurahans_channels_and_sp4n_lapor(out):
    doc = _soup(out / "contoh/layanan/domisili/index.html")
    section = doc.select_one("section.kp-pengaduan")
    steps = section.select("ol.kp-langkah > li")
    assert len(steps) == 3
    # The same on every layanan: left out of search, or ".go.id" made every layanan match "go".
    assert section.select_one("ol.kp-langkah").has_attr("data-pagefind-ignore")
    assert [_text(li) for li in steps[0].select(".kp-pengaduan__kanal li")] == [
        "datang ke kantor kelurahan: Jl. Contoh No. 1", "WhatsApp 0812-3456-7890",
        "telepon 0285-1234-56", "surel kelurahan@contoh.go.id"]
    assert _text(steps[0]).startswith("Sampaikan pengaduan, saran, atau masukan Anda kepada "
                                      "Kelurahan Contoh Lengkap melalui salah satu saluran berikut:")
    assert _text(steps[1]) == ("Sebutkan layanan yang Anda maksud (Surat Keterangan Domisili), "
                               "kapan Anda dilayani, dan apa yang tidak sesuai dengan standar "
                               "pelayanan ini.")
    assert _text(steps[2]) == LAPOR_STEP
    links = [a["href"] for a in section.select("a")]
    assert links[0].startswith("https://wa.me/6281234567890?text=Halo%20Kelurahan%20Contoh%20Lengkap")
    assert links[1:] == ["tel:+62285123456", "mailto:kelurahan@contoh.go.id",
                         "https://www.lapor.go.id/"]


def test_with_no_channel_filled_the_steps_invent_none(out):
    steps = _soup(out / "polos/layanan/domisili/index.html").select(".kp-pengaduan ol > li")
    assert _text(steps[0]) == ("Sampaikan pengaduan, saran, atau masukan Anda kepada Kelurahan "
                               "Polos: datang langsung ke kantor kelurahan dan temui petugas "
                               "pelayanan.")
    assert _text(steps[2]) == LAPOR_STEP
    assert [a["href"] for a in steps[0].select("a")] == []


def test_a_city_channel_of_its_own_comes_with_sp4n_lapor(tanpa_alamat):
    steps = _soup(tanpa_alamat / "polos/layanan/domisili/index.html").select(".kp-pengaduan ol > li")
    assert _text(steps[2]) == (
        "Bila pengaduan Anda tidak ditanggapi atau Anda belum puas, laporkan melalui kanal "
        "pengaduan Pemerintah Kota Contoh di pengaduan.contoh.go.id atau SP4N-LAPOR! (Sistem "
        "Pengelolaan Pengaduan Pelayanan Publik Nasional) di www.lapor.go.id.")
    assert [a["href"] for a in steps[2].select("a")] == ["https://pengaduan.contoh.go.id/",
                                                         "https://www.lapor.go.id/"]


def test_the_maklumat_is_linked_where_uploaded_and_said_missing_where_not(out):
    section = _soup(out / "contoh/layanan/domisili/index.html").select_one("#maklumat").parent
    assert _text(section.p) == (
        "Maklumat pelayanan adalah janji tertulis Kelurahan Contoh Lengkap untuk memberikan "
        "pelayanan sesuai standar pelayanan. Baca Maklumat Pelayanan (contoh) (nomor 01/MP/2026).")
    link = section.select_one("a")["href"]
    assert link == "../../dokumen/maklumat-pelayanan/"
    assert (out / "contoh/dokumen/maklumat-pelayanan/index.html").is_file()
    polos = _soup(out / "polos/layanan/domisili/index.html").select_one("#maklumat").parent
    assert _text(polos.p) == "Maklumat pelayanan belum diunggah ke situs ini."


@pytest.mark.parametrize("site,slug", LAYANAN)
def test_every_layanan_links_its_print_view_which_shows_the_standard_on_one_sheet(out, site, slug):
    page = _soup(out / site / "layanan" / slug / "index.html")
    link = page.select_one('a[href="../../layanan/%s/cetak/"]' % slug)
    assert _text(link) == "Versi cetak (A4)"
    assert link["aria-label"] == f"Versi cetak (A4) standar pelayanan {_text(page.h1)}"
    sheet = _soup(out / site / print_page(f"layanan/{slug}/"))
    assert _text(sheet.h1) == _text(page.h1)
    assert [_text(h) for h in sheet.select("main h2")] == KOMPONEN
    instansi = _text(sheet.select_one(".kp-lembar__instansi"))
    assert instansi == f"Kelurahan {'Contoh Lengkap' if site == 'contoh' else 'Polos'} " \
                       "Kecamatan Contoh Utara, Kota Contoh"
    steps = sheet.select(".kp-lembar__pengaduan ol.kp-langkah > li")
    assert _text(steps[2]) == LAPOR_STEP
    back = sheet.select_one("nav.kp-cetak__alat a")
    assert back["href"] == f"../../../layanan/{slug}/" and _text(back) == "Kembali ke halaman layanan"


def test_the_print_view_carries_hours_contacts_and_a_qr_code_of_the_page(out):
    sheet = _soup(out / "contoh/layanan/akta/cetak/index.html")
    assert _text(sheet.select_one(".kp-lembar__jam")) == "Jam pelayanan: Senin–Kamis 08.00–12.00 WIB"
    assert _text(sheet.select_one(".kp-lembar__kaki")) == "Terakhir ditinjau: 2 November 2026."
    kanal = [_text(li) for li in sheet.select(".kp-pengaduan__kanal li")]
    assert kanal[1:] == ["WhatsApp 0812-3456-7890", "telepon 0285-1234-56",
                         "surel kelurahan@contoh.go.id"]
    qr = sheet.select_one("figure.kp-lembar__qr svg.kp-qr")
    assert qr["role"] == "img"
    assert qr["aria-label"] == ("Kode QR menuju halaman layanan Pengantar Akta Kelahiran: "
                                f"{BASE}/contoh/layanan/akta/")
    assert _text(sheet.select_one("figure figcaption")) == (
        "Pindai untuk membuka halaman layanan ini di ponsel: contoh.github.io/kota/contoh/layanan/akta")
    assert _text(_soup(out / "contoh/layanan/sktm/cetak/index.html").select_one(
        ".kp-lembar__jam")) == "Jam pelayanan: Senin–Jumat 08.00–15.00 WIB"
    assert _soup(out / "polos/layanan/domisili/cetak/index.html").select_one(".kp-lembar__jam") is None


def test_without_a_publishing_address_the_sheet_says_why_it_has_no_qr_code(tanpa_alamat):
    sheet = _soup(tanpa_alamat / "contoh/layanan/domisili/cetak/index.html")
    assert sheet.select_one("svg.kp-qr") is None
    assert _text(sheet.select_one("figure.kp-lembar__qr")) == (
        "Kode QR tidak dibuat: alamat terbit situs belum diketahui. Isi url di kota.toml, "
        "lalu bangun ulang situs.")
    assert sheet.select_one('link[rel="canonical"]') is None  # no address, no canonical either


def test_the_print_view_is_a_copy_pointing_at_its_page_and_kept_out_of_sitemap_and_search(out):
    sheet = _soup(out / "contoh/layanan/domisili/cetak/index.html")
    page = f"{BASE}/contoh/layanan/domisili/"
    assert sheet.select_one('link[rel="canonical"]')["href"] == page
    assert sheet.select_one('meta[property="og:url"]')["content"] == page
    # Pagefind indexes only the pages marked as its body once any page of the site is.
    assert not sheet.select("[data-pagefind-body]")
    assert _soup(out / "contoh/layanan/domisili/index.html").select("[data-pagefind-body]")
    marked = [p for p in (out / "contoh").rglob("index.html")
              if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    entry = json.loads((out / "contoh/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["id"]["page_count"] == len(marked)
    sitemap = {loc.text for loc in etree.parse(str(out / "contoh/sitemap.xml")).iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert page in sitemap and not [u for u in sitemap if "/cetak/" in u]


def test_the_print_view_runs_no_inline_script_or_style_attribute(out):
    sheet = _soup(out / "contoh/layanan/domisili/cetak/index.html")
    assert [s.get("src") or s.get("type") for s in sheet.select("script")] == [
        "application/ld+json", "../../../theme/js/cetak.js"]
    assert not sheet.select("[style]") and len(sheet.select("style")) == 1
    assert not [tag for tag in sheet.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert sheet.select_one("button[data-kp-cetak]").has_attr("hidden")  # shown by cetak.js


def test_print_page_addresses():
    assert print_page("layanan/ktp/") == "layanan/ktp/cetak/index.html"
    assert is_print_page("layanan/ktp/cetak/index.html")
    assert not is_print_page("cetak/index.html")  # a halaman with slug "cetak" stays a page
    assert not is_print_page("layanan/ktp/index.html")


def test_the_schema_names_the_components_and_takes_hours():
    fields = {f.name: f for f in TYPES["layanan"].fields}
    assert [fields[n].label for n in ("persyaratan", "prosedur", "waktu", "biaya", "produk")] == \
        KOMPONEN[:5]
    assert fields["jam_pelayanan"].kind == "text" and not fields["jam_pelayanan"].required


def test_no_bundled_layanan_or_kelurahan_gets_invented_hours():
    for path in (ROOT / "content").glob("*/layanan/*.md"):
        assert "jam_pelayanan:" not in path.read_text(encoding="utf-8"), path
    for path in (ROOT / "content").glob("*/kelurahan.toml"):
        assert not re.search(r"(?m)^jam_pelayanan\s*=", path.read_text(encoding="utf-8")), path
