"""Reading content files: every kind of unreadable file gets its own message and line."""

import pytest

from kelurahan.content import frontmatter
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


@pytest.mark.parametrize("text, line, message", [
    ("---\njudul: A\na: &x [1, 2]\nb: *x\n---\n", 3, "front matter memakai jangkar/alias YAML (& atau *)"),
    ("---\njudul: A\nx: " + "[" * 17 + "]" * 17 + "\n---\n", 3,
     "front matter bersarang terlalu dalam (lebih dari 16 tingkat)"),
    ("---\njudul: A\nslug: a\njudul: B\n---\n", 4, 'kunci "judul" ditulis dua kali (juga di baris 2)'),
    ("---\njudul: A\n---\nsatu\ndua\x0c\n", 5, "karakter kendali tak terlihat (U+000C) di baris ini"),
    ("---\njudul: A\n---\n&#x1; dan &#65535;\n", 4,
     "kode karakter &#x1; tidak boleh dipakai (karakter kendali atau bukan karakter)"),
    ("---\njudul: " + "a" * 70_000 + "\n---\n", 2, "baris terlalu panjang (70007 karakter, paling banyak 20000)"),
    ("---\njudul: A\n" + "b: c\n" * 14_000 + "---\n", 1, "front matter terlalu besar (lebih dari 64 KB)"),
    ("---\njudul: A\n---\n" + "|a|b|\n" * 7_000, 4, "tabel terlalu besar (lebih dari 20000 sel)"),
])
def test_hostile_front_matter_and_bodies_are_refused_with_their_line(tmp_path, text, line, message):
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        frontmatter.load(path, "x.md")
    problem = exc.value.problems[0]
    assert (problem.line, problem.message) == (line, message)


def test_an_oversized_file_is_refused_without_being_read_whole(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"---\njudul: A\n---\n" + b"kata " * 300_000)
    problem = problem_of(tmp_path, path.read_bytes())
    assert problem.format() == ("content/a/berita/x.md: berkas terlalu besar (lebih dari 1 MB) — pecah "
                                "tulisan ini menjadi beberapa berkas, atau unggah tabel besar sebagai "
                                "dokumen (XLSX/CSV) di folder dokumen/")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os
    os.mkfifo(tmp_path / "x.md")
    with pytest.raises(ContentError) as exc:
        frontmatter.load(tmp_path / "x.md", "x.md")
    assert exc.value.problems[0].message == "ini bukan berkas biasa (FIFO, perangkat, atau soket)"


def test_deeply_nested_toml_is_refused_with_a_message(tmp_path):
    from kelurahan.content.registry import load_toml
    from kelurahan.content.schema import KELURAHAN

    path = tmp_path / "kelurahan.toml"
    path.write_text('nama = "A"\nkecamatan = "B"\nx = ' + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    _, problems = load_toml(path, "kelurahan.toml", KELURAHAN)
    assert [p.message for p in problems] == ["berkas TOML bersarang terlalu dalam"]
