"""Transparansi anggaran: budget files (YAML, and CSV as spreadsheets export them) → a page per
year with its table, totals and chart, open data valid against its schema, and the portal's sum
of the city; every mistake named with its file, line and fix."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, run, write_tree
from kelurahan.content import anggaran
from kelurahan.content.schema.anggaran import ROW_FIELDS

ALPHA_2026 = """
tahun: 2026
sumber: DPA Kelurahan Tahun Anggaran 2026 (contoh)
per_tanggal: 2026-06-30
contoh: true
kegiatan:
  - kegiatan: Pemeliharaan saluran drainase RW 03
    pilar: environment
    sumber_dana: Dana Kelurahan
    pagu: 125.000.000
    realisasi: 98.500.000
    keterangan: Panjang 250 m
  - kegiatan: Pelatihan pemasaran daring UMKM
    pilar: Smart Economy
    Sumber Dana: APBD Kota
    pagu: Rp 40.000.000
    realisasi: 40000000
  - kegiatan: Posyandu balita dan lansia
    pilar: Kualitas Hidup
    sumber_dana: dana kelurahan
    pagu: 18500000
  - kegiatan: Honor petugas kebersihan
    sumber_dana: APBD Kota
    pagu: 60000000
    realisasi: 30000000
"""

# What Excel (Indonesian settings) writes for "CSV UTF-8": a byte order mark, semicolons, CRLF,
# amounts as displayed (thousands with a point, ",00" decimals), a text cell holding a
# semicolon quoted, empty trailing cells, and the sheet's own total row. Above the table, the
# file-level fields as two-cell rows, and a blank row.
BETA_CSV = ("\ufeffTahun;2026;;;;;\r\n"
            "Contoh;ya;;;;;\r\n"
            ";;;;;;\r\n"
            "No;Nama Kegiatan;PILAR;Sumber Dana;Pagu (Rp);Realisasi (Rp);Keterangan\r\n"
            "1;Pelayanan administrasi kependudukan;Smart Governance;Dana Kelurahan;"
            "\"75.000.000,00\";\"50.000.000,00\";\r\n"
            "2;\"Ronda malam; siskamling\";masyarakat;APBD Kota;12.000.000;;Empat pos\r\n"
            ";JUMLAH;;;87.000.000;50.000.000;\r\n").encode("utf-8")


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _cells(table) -> list[list[str]]:
    return [[" ".join(c.get_text(" ", strip=True).split()) for c in row.find_all(["th", "td"])]
            for row in table.find_all("tr")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("anggaran")
    shutil.copytree(FIXTURES / "mini", root / "content")
    write_tree(root / "content", {"alpha/anggaran/2026.yaml": ALPHA_2026,
                                  "beta/anggaran/2026.csv": BETA_CSV})
    proc = run("build", "--content", root / "content", "--output", root / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "out", proc.stdout.replace(str(root / "content"), "content")


def test_the_year_page_shows_every_row_in_rupiah_with_its_percentage_and_the_totals(built):
    out, _ = built
    page = _soup(out / "alpha/anggaran/2026/index.html")
    assert page.h1.get_text(" ", strip=True) == "Anggaran Kelurahan Alpha Tahun 2026 Contoh"
    rincian = _cells(page.find("caption", string="Rincian kegiatan, tahun 2026").parent)
    assert rincian == [
        ["No", "Kegiatan", "Pilar", "Sumber dana", "Pagu", "Realisasi", "%"],
        ["1", "Pemeliharaan saluran drainase RW 03 Panjang 250 m", "Lingkungan", "Dana Kelurahan",
         "Rp125.000.000", "Rp98.500.000", "78,8%"],
        ["2", "Pelatihan pemasaran daring UMKM", "Ekonomi", "APBD Kota", "Rp40.000.000",
         "Rp40.000.000", "100,0%"],
        ["3", "Posyandu balita dan lansia", "Kualitas Hidup", "dana kelurahan", "Rp18.500.000",
         "–", "–"],
        ["4", "Honor petugas kebersihan", "–", "APBD Kota", "Rp60.000.000", "Rp30.000.000",
         "50,0%"],
        ["", "Jumlah", "", "", "Rp243.500.000", "Rp168.500.000", "69,2%"]]
    pilar = _cells(page.find("caption", string="Jumlah per pilar, tahun 2026").parent)
    assert pilar == [["Pilar", "Pagu", "Realisasi", "%", "Kegiatan"],
                     ["Ekonomi", "Rp40.000.000", "Rp40.000.000", "100,0%", "1"],
                     ["Kualitas Hidup", "Rp18.500.000", "–", "–", "1"],
                     ["Lingkungan", "Rp125.000.000", "Rp98.500.000", "78,8%", "1"],
                     ["Tanpa pilar", "Rp60.000.000", "Rp30.000.000", "50,0%", "1"],
                     ["Jumlah", "Rp243.500.000", "Rp168.500.000", "69,2%", "4"]]
    # The same source of funds written in another case is one group, named as first written.
    sumber = _cells(page.find("caption", string="Jumlah per sumber dana, tahun 2026").parent)
    assert sumber[1:] == [["Dana Kelurahan", "Rp143.500.000", "Rp98.500.000", "68,6%", "2"],
                          ["APBD Kota", "Rp100.000.000", "Rp70.000.000", "70,0%", "2"],
                          ["Jumlah", "Rp243.500.000", "Rp168.500.000", "69,2%", "4"]]
    facts = page.find("dl", class_="kp-fakta").get_text(" ", strip=True)
    assert "Jumlah realisasi Rp168.500.000 (69,2% dari pagu)" in facts
    assert "Realisasi per tanggal 30 Juni 2026" in facts
    assert "Sumber data DPA Kelurahan Tahun Anggaran 2026 (contoh)" in facts
    for region in page.select("div.kp-tabel"):  # scrolls sideways on a phone, by keyboard too
        assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-label"]


def test_the_chart_is_an_svg_drawn_at_build_time_with_a_bar_per_figure(built):
    out, _ = built
    html = (out / "alpha/anggaran/2026/index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    svg = page.find("svg", role="img")
    assert svg.title.string == "Pagu dan realisasi per pilar, tahun 2026"
    assert svg["aria-labelledby"] == f"{svg.title['id']} {svg.desc['id']}"
    assert svg.desc.string == (
        "Ekonomi: pagu Rp40.000.000, realisasi Rp40.000.000 (100,0%); Kualitas Hidup: pagu "
        "Rp18.500.000, realisasi belum ada; Lingkungan: pagu Rp125.000.000, realisasi "
        "Rp98.500.000 (78,8%); Tanpa pilar: pagu Rp60.000.000, realisasi Rp30.000.000 (50,0%).")
    labels = [t.string for t in svg.find_all("text")]
    assert labels == ["Pagu", "Realisasi", "Ekonomi", "100,0%", "Kualitas Hidup", "Lingkungan",
                      "78,8%", "Tanpa pilar", "50,0%"]
    # One scale: the largest amount (Lingkungan's pagu) spans the chart, 352 of 360 units.
    pagu = [float(r["width"]) for r in svg.find_all("rect", class_="kp-grafik__pagu")][1:]
    realisasi = [float(r["width"]) for r in svg.find_all("rect", class_="kp-grafik__realisasi")][1:]
    assert pagu == [112.6, 52.1, 352.0, 169.0]
    assert realisasi == [112.6, 0, 277.4, 84.5]
    assert not re.search(r"\sstyle=", html)  # the CSP allows no style attribute
    assert "<script" not in html.split("</head>")[1]  # no script draws it


def test_a_csv_exported_by_excel_with_semicolons_and_a_bom_is_read(built):
    out, log = built
    page = _soup(out / "beta/anggaran/2026/index.html")
    assert page.h1.get_text(" ", strip=True) == "Anggaran Kelurahan Beta Tahun 2026 Contoh"
    rincian = _cells(page.find("caption", string="Rincian kegiatan, tahun 2026").parent)
    assert rincian[1:] == [
        ["1", "Pelayanan administrasi kependudukan", "Tata Kelola Pemerintahan",
         "Dana Kelurahan", "Rp75.000.000", "Rp50.000.000", "66,7%"],
        ["2", "Ronda malam; siskamling Empat pos", "Masyarakat", "APBD Kota", "Rp12.000.000", "–",
         "–"],
        ["", "Jumlah", "", "", "Rp87.000.000", "Rp50.000.000", "57,5%"]]
    assert ('content/beta/anggaran/2026.csv:7: info: baris "JUMLAH" dianggap baris jumlah dan '
            "diabaikan — situs menjumlahkan sendiri; hapus baris ini agar tidak terhitung dua "
            "kali") in log


def test_the_index_ppid_and_footer_lead_to_the_budget(built):
    out, _ = built
    index = _soup(out / "alpha/anggaran/index.html")
    assert _cells(index.find("table")) == [["Tahun", "Kegiatan", "Pagu", "Realisasi", "%"],
                                          ["2026 Contoh", "4", "Rp243.500.000", "Rp168.500.000",
                                           "69,2%"]]
    assert index.find("a", string="2026")["href"] == "../anggaran/2026/"
    ppid = _soup(out / "alpha/ppid/index.html")
    section = ppid.find(id="anggaran").parent
    assert section.find("a", string="Anggaran tahun 2026")["href"] == "../anggaran/2026/"
    footer = _soup(out / "alpha/index.html").find("footer")
    assert footer.find("a", string="Transparansi anggaran")["href"] == "./anggaran/"


def test_open_data_of_the_budgets_is_valid_against_its_schema(built):
    out, _ = built
    for folder, ids in ((out / "data/v1", 6), (out / "alpha/data/v1", 4), (out / "beta/data/v1", 2)):
        data = json.loads((folder / "anggaran.json").read_text(encoding="utf-8"))
        schema = json.loads((folder / "schema/anggaran.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
        assert data["jumlah"] == len(data["data"]) == ids
        rows = list(csv.DictReader(io.StringIO((folder / "anggaran.csv").read_text(encoding="utf-8"))))
        assert [r["id"] for r in rows] == [r["id"] for r in data["data"]]
    city = json.loads((out / "data/v1/anggaran.json").read_text(encoding="utf-8"))["data"]
    assert city[0] == {
        "id": "alpha/anggaran/2026/1", "kelurahan": "alpha", "nama_kelurahan": "Alpha",
        "kecamatan": "Utara", "url": "https://contoh.github.io/kota/alpha/anggaran/2026/",
        "tahun": 2026, "nomor": 1, "kegiatan": "Pemeliharaan saluran drainase RW 03",
        "pilar": "environment", "sumber_dana": "Dana Kelurahan", "pagu": 125000000,
        "realisasi": 98500000, "keterangan": "Panjang 250 m",
        "sumber": "DPA Kelurahan Tahun Anggaran 2026 (contoh)", "per_tanggal": "2026-06-30T00:00",
        "contoh": True}
    assert sum(r["pagu"] for r in city) == 243_500_000 + 87_000_000
    schema = json.loads((out / "data/v1/schema/anggaran.schema.json").read_text(encoding="utf-8"))
    negative = {**city[0], "pagu": -1}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**json.loads((out / "data/v1/anggaran.json").read_text()),
                             "data": [negative]}, schema)


def test_the_portal_sums_the_city_per_kelurahan_and_per_pillar(built):
    out, _ = built
    page = _soup(out / "anggaran/index.html")
    assert page.find("nav", class_="kp-pnav").find("a", string="Anggaran")["aria-current"] == "page"
    section = page.find(id="tahun-2026").parent
    assert ("2 dari 2 kelurahan menerbitkan anggaran tahun 2026: 6 kegiatan dengan pagu "
            "Rp330.500.000 dan realisasi Rp218.500.000 (66,1%)") in section.get_text(" ", strip=True)
    per_site = section.find("caption", string="Anggaran per kelurahan, tahun 2026").parent
    assert _cells(per_site) == [["Kelurahan", "Pagu", "Realisasi", "%", "Kegiatan"],
                                ["Alpha Contoh", "Rp243.500.000", "Rp168.500.000", "69,2%", "4"],
                                ["Beta Contoh", "Rp87.000.000", "Rp50.000.000", "57,5%", "2"],
                                ["Jumlah", "Rp330.500.000", "Rp218.500.000", "66,1%", "6"]]
    assert per_site.find("a", string="Beta")["href"] == "../beta/anggaran/2026/"
    pilar = section.find("caption", string="Jumlah per pilar, semua kelurahan, tahun 2026").parent
    assert [row[:2] for row in _cells(pilar)[1:]] == [
        ["Tata Kelola Pemerintahan", "Rp75.000.000"], ["Ekonomi", "Rp40.000.000"],
        ["Kualitas Hidup", "Rp18.500.000"], ["Masyarakat", "Rp12.000.000"],
        ["Lingkungan", "Rp125.000.000"], ["Tanpa pilar", "Rp60.000.000"],
        ["Jumlah", "Rp330.500.000"]]
    assert section.find("svg", role="img").title.string == (
        "Pagu dan realisasi per pilar, semua kelurahan, tahun 2026")


def many_rows(count: int) -> str:
    """A long budget (CSV, contoh), one row per activity: 1, 2, 3 … million rupiah."""
    return "Contoh;ya\nkegiatan;pilar;pagu\n" + "".join(
        f"Kegiatan {n};living;{n}.000.000\n" for n in range(1, count + 1))


def test_a_long_table_is_split_in_pages_of_100_rows_each_under_the_page_budget(mini, tmp_path):
    write_tree(mini, {"alpha/anggaran/2025.csv": many_rows(150)})
    run("build", "--content", mini, "--output", tmp_path / "out", "--site", "alpha", check=True)
    year = tmp_path / "out/alpha/anggaran/2025"
    first, second = year / "index.html", year / "hal/2/index.html"
    assert not (year / "hal/3").exists()
    for path, rows in ((first, range(1, 101)), (second, range(101, 151))):
        page = _soup(path)
        table = page.find("caption", string=re.compile("^Rincian kegiatan")).parent
        assert [r[0] for r in _cells(table)[1:-1]] == [str(n) for n in rows]
        assert _cells(table)[-1] == ["", "Jumlah semua kegiatan", "", "", "Rp11.325.000.000"]
        assert len(path.read_bytes()) < 60_000
    assert _soup(first).find("a", rel="next")["href"] == "../../anggaran/2025/hal/2/"
    assert _soup(second).find("a", rel="prev")["href"] == "../../../../anggaran/2025/"
    assert _soup(second).title.string.startswith("Anggaran 2025, rincian halaman 2 — ")
    assert _soup(second).find(id="per-pilar") is None  # the totals are on the first page


# --- reading: forgiving where it costs nothing, exact where it matters -----------------------

def _read(tmp_path, name: str, data: str | bytes):
    path = tmp_path / "alpha" / "anggaran" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    budget, problems = anggaran.read_file(path, f"content/alpha/anggaran/{name}")
    return budget, [p.format() for p in problems]


def test_amounts_are_read_as_clerks_and_spreadsheets_write_them():
    for text, value in (("125000000", 125000000), ("125.000.000", 125000000),
                        ("Rp 125.000.000", 125000000), ("Rp125.000.000,00", 125000000),
                        ("Rp. 125.000.000,-", 125000000), ("125,000,000.00", 125000000),
                        ("IDR 1.250", 1250), ("0", 0), ("125.000", 125000)):
        assert anggaran.amount(text, "pagu") == value, text
    assert anggaran.amount(125000000, "pagu") == 125000000


def test_a_yaml_point_is_a_thousands_separator_not_a_decimal_point(tmp_path):
    budget, problems = _read(tmp_path, "2025.yml", "- kegiatan: Kerja bakti\n  pagu: 1.500\n")
    assert problems == [] and budget.tahun == 2025 and budget.rows[0]["pagu"] == 1500


def test_the_headers_are_compared_loosely_and_a_plain_csv_with_commas_is_read(tmp_path):
    budget, problems = _read(tmp_path, "anggaran-2027.csv",
                             "KEGIATAN,Pilar,sumber-dana,Pagu Anggaran,Realisasi Rp\n"
                             "Kerja bakti,Lingkungan,APBD,\"1,500,000\",\n")
    assert problems == []
    assert budget.tahun == 2027 and budget.rows == [
        {"kegiatan": "Kerja bakti", "pilar": "environment", "sumber_dana": "APBD",
         "pagu": 1500000, "baris": 2}]


def test_a_windows_1252_csv_is_read_with_a_warning(tmp_path):
    budget, problems = _read(tmp_path, "2026.csv",
                             "kegiatan;pagu;keterangan\nPelatihan;1.000.000;Tahap \xe9\n"
                             .encode("cp1252"))
    assert budget.rows[0]["keterangan"] == "Tahap é"
    assert problems == ["content/alpha/anggaran/2026.csv:2: peringatan: berkas tidak tersimpan "
                        "sebagai UTF-8; dibaca sebagai Windows-1252 — simpan ulang sebagai \"CSV "
                        "UTF-8\" agar huruf khusus tidak berubah"]


def test_each_wrong_row_is_named_with_its_line_and_fix(tmp_path):
    budget, problems = _read(tmp_path, "2026.csv",
                             "kegiatan;pilar;pagu;realisasi\n"
                             "Drainase;Smart Livng;125.000.000;\n"
                             "Posyandu;living;seratus juta;\n"
                             ";environment;5.000.000;\n"
                             "Pelatihan;economy;10.000.000;12.000.000\n"
                             "Honor;;1.000.000,50;\n")
    assert budget is None
    assert problems == [
        'content/alpha/anggaran/2026.csv:2: pilar "Smart Livng" tidak dikenal — maksudnya Smart '
        "Living (living)? pilih salah satu: governance (Tata Kelola Pemerintahan), economy "
        "(Ekonomi), living (Kualitas Hidup), society (Masyarakat), branding (Citra dan Wisata), "
        "environment (Lingkungan), atau kosongkan",
        'content/alpha/anggaran/2026.csv:3: pagu "seratus juta" bukan angka rupiah — tulis pagu '
        "sebagai angka rupiah saja, misalnya 125000000 atau 125.000.000",
        "content/alpha/anggaran/2026.csv:4: kegiatan wajib diisi — isi kolom kegiatan, misalnya "
        "Pemeliharaan saluran drainase RW 03",
        "content/alpha/anggaran/2026.csv:5: peringatan: realisasi (Rp12.000.000) melebihi pagu "
        "(Rp10.000.000) — periksa kedua angka: realisasi biasanya tidak melebihi pagu",
        'content/alpha/anggaran/2026.csv:6: pagu "1.000.000,50" memuat sen — tulis rupiah bulat, '
        "tanpa angka di belakang koma, misalnya 125.000.000"]


def test_a_yaml_row_problem_names_the_line_of_its_key(tmp_path):
    budget, problems = _read(tmp_path, "2026.yaml",
                             "contoh: true\nkegiatan:\n  - kegiatan: Drainase\n    pagu: -5\n"
                             "  - pilar: living\n    pagu: 1000\n    sumber: APBD\n")
    assert budget is None
    assert problems == [
        "content/alpha/anggaran/2026.yaml:4: kegiatan ke-1: pagu tidak boleh negatif (-5) — "
        "tulis pagu sebagai angka rupiah saja, misalnya 125000000 atau 125.000.000",
        'content/alpha/anggaran/2026.yaml:7: peringatan: kegiatan ke-2: kunci "sumber" tidak '
        "dikenal dan diabaikan — maksudnya sumber_dana?",
        "content/alpha/anggaran/2026.yaml:5: kegiatan ke-2: kegiatan wajib diisi — tambahkan "
        "kegiatan: … pada kegiatan ini, misalnya Pemeliharaan saluran drainase RW 03"]


def test_a_file_without_a_header_or_year_says_what_to_write(tmp_path):
    assert _read(tmp_path, "2026.csv", "Drainase;125000000\n")[1] == [
        "content/alpha/anggaran/2026.csv:1: baris judul kolom tidak ditemukan — baris pertama "
        "tabel harus berisi nama kolom, paling sedikit kegiatan dan pagu, misalnya "
        "kegiatan;pilar;sumber_dana;pagu;realisasi"]
    assert _read(tmp_path, "rincian.yaml", "- kegiatan: Drainase\n  pagu: 5\n")[1] == [
        "content/alpha/anggaran/rincian.yaml:1: tahun anggaran tidak diketahui — beri nama "
        "berkas tahunnya, misalnya anggaran/2026.csv, atau tulis tahun: 2026"]
    assert _read(tmp_path, "2026.yaml", "tahun: 2025\nkegiatan:\n  - kegiatan: A\n    pagu: 5\n"
                 )[1] == ["content/alpha/anggaran/2026.yaml:1: tahun 2025 berbeda dengan nama "
                          "berkas (2026.yaml) — samakan keduanya, misalnya ganti nama berkas "
                          "menjadi 2025.yaml"]


def test_a_year_in_two_files_is_refused_in_both(tmp_path):
    write_tree(tmp_path / "alpha", {"anggaran/2026.yaml": "- kegiatan: A\n  pagu: 5\n",
                                    "anggaran/2026.csv": "kegiatan;pagu\nA;5\n"})
    budgets, problems = anggaran.load_site(tmp_path / "alpha", "content/alpha")
    assert budgets == []
    assert [p.format() for p in problems] == [
        "content/alpha/anggaran/2026.csv:1: anggaran tahun 2026 juga ditulis di "
        "anggaran/2026.yaml — simpan satu berkas per tahun: gabungkan isinya lalu hapus berkas "
        "yang lain",
        "content/alpha/anggaran/2026.yaml:1: anggaran tahun 2026 juga ditulis di "
        "anggaran/2026.csv — simpan satu berkas per tahun: gabungkan isinya lalu hapus berkas "
        "yang lain"]


def test_a_broken_budget_fails_its_own_site_only_and_check_says_why(mini, tmp_path):
    write_tree(mini, {"alpha/anggaran/2026.csv": "kegiatan;pagu\nDrainase;seratus juta\n"})
    proc = run("build", "--content", mini, "--output", tmp_path / "out")
    text = proc.stdout.replace(str(mini), "content")
    message = ('content/alpha/anggaran/2026.csv:2: pagu "seratus juta" bukan angka rupiah — tulis '
               "pagu sebagai angka rupiah saja, misalnya 125000000 atau 125.000.000")
    assert proc.returncode == 1 and message in text and "Traceback" not in text + proc.stderr
    assert not (tmp_path / "out/alpha").exists()
    assert (tmp_path / "out/beta/index.html").is_file()
    assert not (tmp_path / "out/beta/anggaran").exists()  # no budget, no page
    ppid = _soup(tmp_path / "out/beta/ppid/index.html").find(id="anggaran").parent
    assert "Rincian anggaran kelurahan ini belum diterbitkan di situs ini." in ppid.get_text()
    assert "Belum ada kelurahan yang menerbitkan rincian anggarannya" in \
        _soup(tmp_path / "out/anggaran/index.html").get_text()
    check = run("check", "--content", mini)
    assert check.returncode == 1 and message in check.stdout.replace(str(mini), "content")


def test_the_bundled_kelurahan_have_no_invented_budget():
    assert sorted(ROOT.glob("content/*/anggaran/*")) == []


def test_every_row_field_has_its_label_and_help():
    assert [f.name for f in ROW_FIELDS] == ["kegiatan", "pilar", "sumber_dana", "pagu",
                                            "realisasi", "keterangan"]
    assert all(f.label and f.help for f in ROW_FIELDS)


# --- the staff guide -------------------------------------------------------------------------

GUIDE = ROOT / "docs/panduan/anggaran.md"


@pytest.mark.parametrize("form", ["yaml", "csv"])
def test_the_guides_examples_are_read_as_they_are_copied(tmp_path, form):
    block = re.search(rf"```{form}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S).group(1)
    budget, problems = _read(tmp_path, f"2026.{form}", block)
    assert problems == []
    assert budget.tahun == 2026 and budget.contoh
    assert budget.sumber == "DPA Kelurahan Tahun Anggaran 2026"
    assert [r["pagu"] for r in budget.rows][:2] == [125000000, 40000000]
    assert budget.rows[0]["pilar"] == "environment"


def test_the_field_reference_lists_every_budget_field():
    from kelurahan.content.schema.anggaran import FILE_FIELDS

    text = (ROOT / "docs/panduan/referensi-kolom.md").read_text(encoding="utf-8")
    section = text.split("## Transparansi Anggaran (`anggaran/`)")[1].split("\n## ")[0]
    for f in FILE_FIELDS + ROW_FIELDS:
        assert f"| `{f.name}` |" in section and f.help in section, f.name
    assert "](anggaran.md)" in (ROOT / "docs/panduan/README.md").read_text(encoding="utf-8")
