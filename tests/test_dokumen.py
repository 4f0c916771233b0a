"""dokumen and PPID: real PDFs checked, files published untouched, pages, DIP and open data."""

from __future__ import annotations

import json

import jsonschema
import pytest
from bs4 import BeautifulSoup

import pdfs
from conftest import run, write_tree
from kelurahan.content import documents
from kelurahan.content.schema import TYPES

RESAVE = ('buka berkasnya, pilih "Cetak" lalu "Simpan sebagai PDF" (Microsoft Print to PDF), '
          "dan ganti berkas ini dengan hasilnya")

MAKLUMAT = """
---
judul: Maklumat Pelayanan
berkas: maklumat.pdf
nomor: 01/MP/2026
tanggal: 2026-01-05
jenis: maklumat
kategori_informasi: berkala
contoh: true
---
Janji layanan Kelurahan Alpha (contoh).
"""


def _add(content, name: str, pdf: bytes, front: str):
    write_tree(content / "alpha/dokumen", {f"{name}.pdf": pdf, f"{name}.md": front})


def _build(content, out, **kw):
    return run("build", "--content", content, "--output", out, **kw)


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_clean_pdf_has_no_findings(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(pdfs.clean())
    assert documents.inspect(path, "dokumen/a.pdf") == []


def test_pdf_with_javascript_open_action_is_refused_with_line_and_fix(mini, tmp_path):
    _add(mini, "laporan", pdfs.javascript(), "---\njudul: Laporan\nberkas: laporan.pdf\n---\n")
    original = (mini / "alpha/dokumen/laporan.pdf").read_bytes()
    proc = _build(mini, tmp_path / "out")
    assert proc.returncode == 1
    assert (f"content/alpha/dokumen/laporan.md:3: PDF dokumen/laporan.pdf memuat JavaScript dan "
            "aksi otomatis saat dibuka: dokumen seperti ini bisa menjalankan sesuatu di komputer "
            f"pembaca — {RESAVE}") in proc.stdout.replace(str(mini), "content")
    assert (mini / "alpha/dokumen/laporan.pdf").read_bytes() == original


def test_pdf_with_embedded_file_is_refused_by_check(mini):
    _add(mini, "sk", pdfs.embedded(), "---\njudul: SK\nberkas: dokumen/sk.pdf\njenis: keputusan\n---\n")
    proc = run("check", "--content", mini, "--site", "alpha")
    assert proc.returncode == 1
    assert (f"alpha/dokumen/sk.md:3: PDF dokumen/sk.pdf memuat berkas tersembunyi di dalamnya: "
            "dokumen seperti ini bisa menjalankan sesuatu di komputer pembaca — " + RESAVE) \
        in proc.stdout


def test_author_metadata_is_a_warning_and_the_file_is_published_unchanged(mini, tmp_path):
    _add(mini, "sk", pdfs.author(), "---\njudul: SK\nberkas: sk.pdf\n---\n")
    proc = _build(mini, tmp_path / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ("alpha/dokumen/sk.md:3: peringatan: dokumen/sk.pdf menyimpan keterangan penulis "
            "(Budi Santoso), aplikasi pembuat (Microsoft Word) yang ikut terbit bersama "
            "berkasnya — bila tidak boleh diketahui umum, hapus di Properti Dokumen aplikasi "
            "pembuatnya lalu simpan ulang") in proc.stdout
    assert (tmp_path / "out/alpha/dokumen/sk.pdf").read_bytes() == \
        (mini / "alpha/dokumen/sk.pdf").read_bytes()


def test_file_over_the_size_limit_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_BYTES", 100)
    path = tmp_path / "a.pdf"
    path.write_bytes(pdfs.clean())
    [finding] = documents.inspect(path, "dokumen/a.pdf")
    assert finding.level == "warning"
    assert finding.message.startswith("dokumen/a.pdf berukuran ")


def test_missing_file_and_file_outside_dokumen_are_refused(mini):
    write_tree(mini / "alpha/dokumen", {
        "hilang.md": "---\njudul: Hilang\nberkas: hilang.pdf\n---\n",
        "luar.md": "---\njudul: Luar\nberkas: gambar/rapat.png\n---\n"})
    proc = run("check", "--content", mini, "--site", "alpha")
    assert proc.returncode == 1
    assert ('alpha/dokumen/hilang.md:3: berkas "dokumen/hilang.pdf" tidak ditemukan di folder '
            "kelurahan ini — periksa ejaan nama berkas (huruf besar/kecil berpengaruh) dan "
            "pastikan berkasnya ada di folder dokumen/") in proc.stdout
    assert ('alpha/dokumen/luar.md:3: berkas "gambar/rapat.png" berada di luar folder dokumen/ '
            "— simpan berkas di folder dokumen/ kelurahan ini dan tulis misalnya "
            "dokumen/nama-berkas.pdf") in proc.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil
    from conftest import FIXTURES
    root = tmp_path_factory.mktemp("dokumen")
    content = root / "content"
    shutil.copytree(FIXTURES / "mini", content)
    (content / "kota.toml").write_text((content / "kota.toml").read_text(encoding="utf-8")
                                       + 'ppid_url = "https://ppid.contoh.go.id/"\n',
                                       encoding="utf-8")
    _add(content, "maklumat", pdfs.clean(), MAKLUMAT)
    proc = _build(content, root / "output")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "output"


def test_document_page_shows_metadata_format_size_and_download(built):
    page = _soup(built / "alpha/dokumen/maklumat/index.html")
    facts = {dt.get_text(strip=True): dd.get_text(strip=True) for dt, dd in
             zip(page.select(".kp-fakta dt"), page.select(".kp-fakta dd"))}
    assert facts["Nomor"] == "01/MP/2026"
    assert facts["Tanggal"] == "Senin, 5 Januari 2026"
    assert facts["Jenis"] == "Maklumat"
    assert facts["Format"] == "PDF"
    assert facts["Kategori informasi"] == ("Informasi yang wajib disediakan dan diumumkan "
                                           "secara berkala")
    link = page.find("a", href=lambda h: h and h.endswith("dokumen/maklumat.pdf"))
    assert " ".join(link.get_text().split()).startswith("Unduh PDF (")
    assert (built / "alpha/dokumen/maklumat.pdf").read_bytes() == pdfs.clean()


def test_lists_by_jenis_and_year(built):
    for path in ("dokumen/index.html", "dokumen/jenis/maklumat/index.html",
                 "dokumen/tahun/2026/index.html"):
        assert "Maklumat Pelayanan" in _soup(built / "alpha" / path).get_text()


def test_ppid_page_lists_documents_by_category_with_the_deadlines_of_the_law(built):
    text = " ".join(_soup(built / "alpha/ppid/index.html").get_text().split())
    assert "Informasi yang wajib disediakan dan diumumkan secara berkala" in text
    assert "Maklumat Pelayanan" in text
    assert ("Paling lambat 10 (sepuluh) hari kerja sejak permohonan diterima, badan publik "
            "memberikan pemberitahuan tertulis") in text
    assert "diperpanjang paling lambat 7 (tujuh) hari kerja" in text
    assert ("Keberatan diajukan paling lambat 30 (tiga puluh) hari kerja setelah ditemukannya "
            "alasan keberatan") in text
    page = _soup(built / "alpha/ppid/index.html")
    assert page.find("a", href="https://ppid.contoh.go.id/")


def test_every_kelurahan_without_documents_gets_an_empty_but_useful_ppid_page(built):
    text = " ".join(_soup(built / "beta/ppid/index.html").get_text().split())
    assert text.count("Belum ada dokumen dalam kategori ini") == 3
    assert "Cara meminta informasi" in text and "Cara mengajukan keberatan" in text


def test_portal_lists_the_city_wide_dip(built):
    page = _soup(built / "ppid/index.html")
    row = page.find("a", string="Maklumat Pelayanan").find_parent("tr")
    assert [td.get_text(strip=True) for td in row.find_all("td")][0] == "Alpha"
    assert page.find("a", href=lambda h: h and h.endswith("beta/ppid/"))


def test_open_data_of_documents_validates_against_its_schema(built):
    for folder in (built / "data/v1", built / "alpha/data/v1"):
        data = json.loads((folder / "dokumen.json").read_text(encoding="utf-8"))
        schema = json.loads((folder / "schema/dokumen.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema).validate(data)
        [record] = data["data"]
        assert record["unduh"].endswith("alpha/dokumen/maklumat.pdf")
        assert record["format"] == "PDF" and record["ukuran"] == len(pdfs.clean())
        assert record["kategori_informasi"] == "berkala" and record["contoh"] is True


def test_documents_are_in_the_sitemap_and_the_search_index(built):
    sitemap = (built / "alpha/sitemap.xml").read_text(encoding="utf-8")
    assert "alpha/dokumen/maklumat/" in sitemap and "alpha/ppid/" in sitemap
    page = _soup(built / "alpha/dokumen/maklumat/index.html")
    assert page.find(attrs={"data-kp-jenis": "Dokumen"})


def test_schema_drives_the_editor_file_widget():
    from kelurahan.site.editor import field_config
    config = field_config(TYPES["dokumen"].field("berkas"))
    assert config["widget"] == "file" and config["media_folder"] == ""


def test_a_document_linked_from_outside_the_kelurahan_is_refused_by_the_tree_rules(mini, tmp_path):
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(pdfs.clean())
    (mini / "alpha/dokumen").mkdir()
    (mini / "alpha/dokumen/sk.pdf").symlink_to(secret)
    (mini / "alpha/dokumen/sk.md").write_text("---\njudul: SK\nberkas: sk.pdf\n---\n", encoding="utf-8")
    proc = run("check", "--content", mini, "--site", "alpha")
    assert proc.returncode == 1
    assert ("alpha/dokumen/sk.pdf: tautan simbolik ini menunjuk ke luar folder kelurahan — ganti "
            "tautan ini dengan berkas aslinya") in proc.stdout
