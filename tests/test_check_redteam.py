"""`kelurahan check` over what a red team planted after the safety fix: every problem of the
tree reported in one run, at the right line, in one line that no control character can break.

The trees are written here; the payloads are made up for these tests.
"""

from __future__ import annotations

import io
import os
import struct
import zlib

import pytest
from conftest import run, write_tree
from PIL import Image

from kelurahan.errors import Problem

KOTA = 'nama = "Kota Contoh"\n'
TOML = 'nama = "{nama}"\nkecamatan = "Utara"\n'
BERITA = "---\njudul: {judul}\ntanggal: 2025-01-01\npilar: governance\n{extra}---\n{body}\n"
FIX_LINK = ("tautan hanya boleh diawali https://, http://, mailto: atau tel:, atau menuju halaman "
            "situs ini; hapus atau ganti tautan tersebut")
FIX_IMAGE = ("unduh gambarnya, simpan di folder gambar/ kelurahan ini, lalu tulis misalnya "
             "![Keterangan gambar](gambar/nama-berkas.jpg); halaman situs tidak memuat apa pun "
             "dari situs lain")
FIX_TAG = "hapus tanda yang diawali ! dan tulis nilainya sebagai teks biasa (beri tanda kutip bila perlu)"
FIX_BIDI = ('hapus karakter itu: ketik ulang teksnya (tampilan bisa menyamarkan isi, misalnya '
            '"gpj.exe" tampil sebagai "exe.jpg")')


def image(kind="PNG", size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, kind)
    return buffer.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A tiny PNG declaring ``width`` × ``height`` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def berita(judul="Kabar", extra="", body="Isi.") -> str:
    return BERITA.format(judul=judul, extra=extra, body=body)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """One city: a site with a dangling link beside a truncated photo, and a site with every
    other planted problem."""
    root = tmp_path_factory.mktemp("redteam")
    jpeg = image("JPEG", (800, 600))
    content = write_tree(root / "content", {
        "kota.toml": KOTA,
        "tautan/kelurahan.toml": TOML.format(nama="Tautan"),
        "tautan/gambar/potong.jpg": jpeg[: len(jpeg) // 3],
        "tautan/berita/2025-07-01-foto.md": berita("Foto", body="![potong](gambar/potong.jpg)"),
        "tautan/gambar/bom.png": png_bomb(40000, 40000),
        "tautan/berita/2025-07-02-bom.md": berita("Bom", "gambar: bom.png\ngambar_alt: Bom\n"),
        "k/kelurahan.toml": TOML.format(nama="K"),
        "k/gambar/sampul.png": image(),
        "k/berita/slug.md": berita("Slug", 'slug: "index.html"\n'),
        "k/layanan/slug.md": "---\njudul: Slug\npersyaratan: [KTP]\nslug: index.html\n---\nIsi.\n",
        "k/berita/baris.md": berita("Baris", body="Paragraf satu.\n\nParagraf dua.\n\n"
                                    '<a href="java&NewLine;script:alert(1)">p</a>\n\n'
                                    '<IMG SRC="jav&#x0A;ascript:alert(2)">'),
        "k/berita/tag.md": berita("Tag", 'tag: ["<IMG SRC=x OnErRoR=alert(7)>"]\n'),
        "k/berita/penulis.md": berita("Penulis", 'penulis: "<img src=x onerror&#x3d;alert(8)>"\n'),
        "k/berita/biner.md": berita("Biner", "ringkasan: !!binary aGVsbG8=\n"),
        "k/berita/himpunan.md": berita("Himpunan", "penulis: !!set {a, b}\n"),
        "k/berita/alt.md": berita("Alt", body="![x' onload='alert(5)](sampul.png)\n\n"
                                  '<img src="gambar/sampul.png" alt="a&quot; onerror=&quot;alert(6)">'),
        "k/berita/arah.md": berita('"Berita\\u202e214gpj.exe\\u202c"', 'penulis: "a\\u2028b"\n'),
        "k/berita/cr.md": berita("CR", body='<img src="a&#13;::error file=README.md,line=1::X">'),
        "panjang/kelurahan.toml": TOML.format(nama="N" * 5000),
    })
    os.symlink("/nonexistent/x.md", content / "tautan/berita/hilang.md")
    return run("check", cwd=root), run("check", "--format", "github", cwd=root)


def lines(proc) -> list[str]:
    return proc.stdout.splitlines()


def test_a_link_in_a_site_does_not_hide_its_image_problems(planted):  # F2
    assert ('content/tautan/berita/2025-07-01-foto.md:6: gambar "gambar/potong.jpg" rusak atau '
            "terpotong sehingga tidak bisa dibaca — salin ulang berkas aslinya dari ponsel atau "
            "kamera, lalu unggah lagi") in lines(planted[0])
    assert any(line.startswith('content/tautan/berita/2025-07-02-bom.md:5: gambar "gambar/bom.png" '
                               "berukuran ") for line in lines(planted[0])), planted[0].stdout
    assert ("content/tautan/berita/hilang.md: tautan simbolik ini rusak: tujuannya tidak ada — "
            "hapus tautan ini atau ganti dengan berkas aslinya") in lines(planted[0])


@pytest.mark.parametrize("path", ["berita/slug.md:5", "layanan/slug.md:4"])
def test_a_slug_named_like_a_page_file_is_refused_with_its_line(planted, path):  # F3
    assert (f'content/k/{path}: slug "index.html" tidak bisa menjadi alamat halaman: diakhiri '
            ".html, akhiran nama berkas — tulis slug: index (huruf, angka, dan tanda hubung)"
            ) in lines(planted[0])
    assert "situs gagal dibangun" not in planted[0].stdout


def test_entity_encoded_addresses_are_reported_at_their_own_line(planted):  # F5
    out = lines(planted[0])
    assert ('content/k/berita/baris.md:10: tautan "java\\u000ascript:alert(1)" di isi tulisan '
            f"diawali javascript:, yang tidak diizinkan — {FIX_LINK}") in out
    assert ('content/k/berita/baris.md:12: gambar "jav\\u000aascript:alert(2)" di isi tulisan '
            f"diawali javascript:, yang tidak diizinkan — {FIX_IMAGE}") in out
    assert ('content/k/berita/baris.md:12: gambar "jav\\u000aascript:alert(2)" di isi tulisan '
            "tidak punya keterangan — tulis keterangan di antara kurung siku, misalnya "
            "![Warga bergotong royong](jav\\u000aascript:alert(2))") in out


def test_a_tag_of_markup_says_why(planted):  # F7
    assert ('content/k/berita/tag.md:5: tag "<IMG SRC=x OnErRoR=alert(7)>" tidak bisa menjadi '
            "alamat halaman: hanya berisi kode HTML — tulis misalnya - img-srcx-onerroralert7"
            ) in lines(planted[0])


def test_an_author_of_markup_gets_only_the_markup_warning(planted):  # F8
    out = planted[0].stdout
    assert ("content/k/berita/penulis.md:5: peringatan: kode HTML di penulis akan tampil sebagai "
            "teks — hapus tanda < dan >") in out.splitlines()
    assert "Pelican" not in out and "Unable" not in out


@pytest.mark.parametrize("path, tag", [("biner.md", "!!binary"), ("himpunan.md", "!!set")])
def test_explicit_yaml_tags_are_refused(planted, path, tag):  # F9
    assert (f'content/k/berita/{path}:5: front matter memakai tanda jenis YAML "{tag}" — {FIX_TAG}'
            ) in lines(planted[0])


def test_handler_words_inside_alt_text_are_not_called_removed(planted):  # F10
    assert "content/k/berita/alt.md" not in planted[0].stdout


def test_bidi_controls_and_line_separators_in_text_are_warned(planted):  # F11
    out = lines(planted[0])
    assert ("content/k/berita/arah.md:2: peringatan: judul memuat karakter tak terlihat U+202E "
            f"yang membalik atau memutus urutan teks — {FIX_BIDI}") in out
    assert ("content/k/berita/arah.md:5: peringatan: penulis memuat karakter tak terlihat U+2028 "
            f"yang membalik atau memutus urutan teks — {FIX_BIDI}") in out


def test_a_kelurahan_name_has_a_length_limit(planted):  # F12
    assert ("content/panjang/kelurahan.toml:1: nama terlalu panjang (5000 karakter, paling "
            "banyak 100) — persingkat; nama dan kode cukup beberapa kata") in lines(planted[0])


def test_github_annotations_cannot_be_forged(planted):  # F4
    for line in lines(planted[1]):
        assert line.startswith(("::error file=content/", "::warning file=content/",
                                "::notice file=content/", "Pemeriksaan ")), line


def test_one_error_in_kota_toml_hides_no_site_problem(tmp_path):  # F1
    write_tree(tmp_path / "content", {
        "kota.toml": 'nama = "Kota"\npengaduan_url = "javascript:alert(1)"\n',
        "k/kelurahan.toml": TOML.format(nama="K"),
        "k/berita/2025-01-01-x.md": "---\njudul: X\ntanggal: 2025-01-01\npilar: planet\n---\n"
                                    "[a](javascript:alert(2))\n",
    })
    out = lines(run("check", cwd=tmp_path))
    assert ('content/kota.toml:2: alamat pengaduan_url "javascript:alert(1)" diawali javascript:, '
            "yang tidak diizinkan — tulis alamat lengkap yang diawali https://, misalnya "
            "https://www.lapor.go.id/") in out
    assert ('content/k/berita/2025-01-01-x.md:4: pilar "planet" tidak dikenal — pilih salah satu: '
            "governance, economy, living, society, branding, environment") in out
    assert ('content/k/berita/2025-01-01-x.md:6: tautan "javascript:alert(2)" di isi tulisan '
            f"diawali javascript:, yang tidak diizinkan — {FIX_LINK}") in out
    assert out[-1] == "Pemeriksaan 1 situs: 3 galat, 0 peringatan, 1 info"
    build = run("build", "--output", tmp_path / "output", cwd=tmp_path)
    assert build.returncode == 1
    assert ("content/kota.toml: info: tidak ada situs yang dibangun karena kota.toml bergalat — "
            "perbaiki kota.toml; kelurahan check menunjukkan juga masalah setiap situs"
            ) in build.stdout.splitlines()


def test_control_characters_in_a_file_name_stay_on_one_line(tmp_path):  # F4
    write_tree(tmp_path / "content", {
        "kota.toml": KOTA, "k/kelurahan.toml": TOML.format(nama="K"),
        "k/berita/2025-01-02-x\r::warning file=evil.md::SPOOF.md":
            "---\njudul: X\ntanggal: 2025-01-01\npilar: planet\n---\nIsi.\n",
    })
    text = run("check", cwd=tmp_path).stdout
    assert ('content/k/berita/2025-01-02-x\\r::warning file=evil.md::SPOOF.md:4: pilar "planet" '
            "tidak dikenal") in text
    assert "\r" not in text
    github = run("check", "--format", "github", cwd=tmp_path).stdout
    assert ("::error file=content/k/berita/2025-01-02-x\\r%3A%3Awarning file=evil.md%3A%3ASPOOF.md,"
            'line=4::pilar "planet" tidak dikenal') in github


def test_a_problem_spells_out_control_and_bidi_characters():  # F4, F11
    problem = Problem("content/x\u202ey/a.md", 'gambar "a\r\x01b" 100%', "hapus,\nlalu: simpan", 3)
    assert problem.format() == ('content/x\\u202ey/a.md:3: gambar "a\\r\\x01b" 100% — '
                                "hapus,\\nlalu: simpan")
    assert problem.github() == ('::error file=content/x\\u202ey/a.md,line=3::gambar "a\\r\\x01b" '
                                "100%25 — hapus,\\nlalu: simpan")
    raw = Problem("a\rb,c:d.md", "x")
    assert raw.github() == "::error file=a\\rb%2Cc%3Ad.md::x"
