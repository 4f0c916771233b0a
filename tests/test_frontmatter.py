"""Reading content files: every kind of unreadable file gets its own message and line."""

import pytest

from kelurahan import frontmatter
from kelurahan.errors import ContentError


def problem_of(tmp_path, data: bytes):
    path = tmp_path / "x.md"
    path.write_bytes(data)
    with pytest.raises(ContentError) as exc:
        frontmatter.load(path, "content/a/berita/x.md")
    (problem,) = exc.value.problems
    return problem


def test_yaml_keys_keep_their_file_line_numbers(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("---\njudul: A\nproduk:\n  - nama: B\n    harga: 2\n---\nIsi\n", encoding="utf-8")
    doc = frontmatter.load(path)
    assert doc.lines["judul"] == 2
    assert doc.lines["produk.0.harga"] == 5
    assert doc.body.strip() == "Isi" and doc.body_line == 7


def test_dates_stay_text_for_the_schema_to_parse(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("---\ntanggal: 2025-02-25\n---\n", encoding="utf-8")
    assert frontmatter.load(path).meta["tanggal"] == "2025-02-25"


def test_empty_file(tmp_path):
    assert problem_of(tmp_path, b"  \n").format() == (
        "content/a/berita/x.md:1: berkas kosong — isi berkas dengan front matter (diawali baris ---) "
        "dan teks, atau hapus berkas ini")


def test_binary_file(tmp_path):
    assert "berkas biner" in problem_of(tmp_path, b"\x89PNG\x00\x00data").message


def test_not_utf8_names_the_line(tmp_path):
    problem = problem_of(tmp_path, "---\njudul: Caf\u00e9\n---\n".encode("latin-1"))
    assert problem.line == 2 and "UTF-8" in problem.message


def test_broken_yaml_names_the_line(tmp_path):
    problem = problem_of(tmp_path, b"---\njudul: A\ntanggal: [2025\n---\n")
    assert problem.message == "front matter tidak bisa dibaca (YAML salah)"
    assert problem.line in (3, 4)


def test_missing_front_matter_and_unclosed_front_matter(tmp_path):
    assert problem_of(tmp_path, b"Hanya teks\n").message == "front matter tidak ditemukan"
    assert problem_of(tmp_path, b"---\njudul: A\n").message == "front matter tidak ditutup"
