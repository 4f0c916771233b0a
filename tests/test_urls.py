"""Addresses are what they claim to be: URL and e-mail fields, links and images in bodies.

Every attack is generated here (no payload list is vendored): the same few scripts written the
ways a filter is usually fooled — entities, percent-escapes, invisible characters, case — and
values that would end an HTML attribute. Each is refused with its file, line and a fix.
"""

from __future__ import annotations

import pytest

from conftest import run, write_tree
from kelurahan.content.frontmatter import parse
from kelurahan.content.markup import to_html
from kelurahan.content.registry import load_toml
from kelurahan.content.sanitise import IMAGE_FIX, LINK_FIX, clean
from kelurahan.content.schema import KELURAHAN, KOTA, TYPES
from kelurahan.content.schema.fields import URL_FIX
from kelurahan.content.schema.screen import shown

BREAK_OUT_FIX = "hapus tanda itu, atau salin ulang alamatnya dari bilah alamat peramban"


def disguises(script: str = "alert(1)") -> list[tuple[str, str, str]]:
    """(what a clerk's field holds, how the message quotes it, the scheme it really is)."""
    return [
        (f"javascript:{script}", f"javascript:{script}", "javascript"),
        (f"JaVaScRiPt:{script}", f"JaVaScRiPt:{script}", "javascript"),
        (f"&#106;avascript:{script}", f"&#106;avascript:{script}", "javascript"),
        (f"&#x6A;&#x61;vascript:{script}", f"&#x6A;&#x61;vascript:{script}", "javascript"),
        (f"java\tscript:{script}", f"java\\u0009script:{script}", "javascript"),
        (f"\x01javascript:{script}", f"\\u0001javascript:{script}", "javascript"),
        (f"java\u200bscript:{script}", f"java\\u200bscript:{script}", "javascript"),
        (f"javascript%3A{script}", f"javascript%3A{script}", "javascript"),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
         "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
        ("VBScript:msgbox(1)", "VBScript:msgbox(1)", "vbscript"),
    ]


BREAK_OUTS = [  # (value, the character named)
    ('https://x.id/"autofocus/onfocus="alert(1)', 'tanda kutip "'),
    ("https://x.id/'onmouseover='alert(1)", "tanda kutip '"),
    ("https://x.id/<script>alert(1)</script>", "tanda <"),
    ("https://x.id/`x`", "tanda `"),
    ("https://x.id\\@evil.example/", "garis miring terbalik \\"),
    ("https://x.id/a b", "spasi"),
    ("https://x.id/a\u202eb", "karakter tak terlihat U+202E"),
]


def front(kind: str, text: str):
    doc = parse(f"---\n{text}\n---\nIsi.\n", f"content/a/{kind}/x.md")
    return TYPES[kind].validate(doc)


def yaml_quoted(value: str) -> str:
    """A YAML double-quoted scalar holding exactly ``value``."""
    return '"' + "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 else f"\\u{ord(c):04x}"
                         if ord(c) > 0x7e else "\\\\" if c == "\\" else '\\"' if c == '"' else c
                         for c in value) + '"'


def toml_quoted(value: str) -> str:
    """A TOML basic string holding exactly ``value`` (TOML has \\u but no \\x)."""
    return yaml_quoted(value).replace("\\x", "\\u00")


# --- URL fields in front matter ----------------------------------------------------------

@pytest.mark.parametrize("value,quoted,scheme", disguises())
def test_umkm_shop_link_refuses_every_disguise_of_a_script(value, quoted, scheme):
    _, problems = front("umkm", f"judul: A\ntautan:\n  - label: Toko\n    url: {yaml_quoted(value)}")
    assert [p.format() for p in problems] == [
        f'content/a/umkm/x.md:5: alamat url "{quoted}" diawali {scheme}:, yang tidak diizinkan — '
        f"{URL_FIX}"]


@pytest.mark.parametrize("value,character", BREAK_OUTS)
def test_a_character_that_ends_an_html_attribute_is_named(value, character):
    _, problems = front("umkm", f"judul: A\ntautan:\n  - label: Toko\n    url: {yaml_quoted(value)}")
    assert [p.format() for p in problems] == [
        f'content/a/umkm/x.md:5: alamat url "{shown(value)}" memuat {character}, yang tidak boleh ada di '
        f"alamat web — {BREAK_OUT_FIX}"]


@pytest.mark.parametrize("value,message", [
    ("www.toko.id", 'alamat tautan url "www.toko.id" tidak lengkap'),
    ("https://", 'alamat tautan url "https://" tidak lengkap'),
    ("https:toko.id", 'alamat tautan url "https:toko.id" tidak lengkap'),
    ("http://[toko", 'alamat tautan url "http://[toko" tidak lengkap'),
    ("https://www.lapor.go.id@evil.example/",
     'alamat url "https://www.lapor.go.id@evil.example/" memuat nama pengguna sebelum @, cara umum '
     "menyamarkan situs tujuan"),
])
def test_an_address_without_a_web_host_is_refused(value, message):
    _, problems = front("umkm", f"judul: A\ntautan:\n  - label: Toko\n    url: '{value}'")
    assert [p.format() for p in problems] == [f"content/a/umkm/x.md:5: {message} — {URL_FIX}"]


@pytest.mark.parametrize("value", ["https://www.tokopedia.com/batik-contoh",
                                   "http://toko.example.id/katalog?id=3&warna=biru#atas",
                                   "https://wa.me/6281234567890", "https://shopee.co.id/%20x"])
def test_ordinary_web_addresses_pass_unchanged(value):
    values, problems = front("umkm", f"judul: A\ntautan:\n  - label: Toko\n    url: '{value}'")
    assert problems == [] and values["tautan"][0]["url"] == value


def test_contact_fields_accept_the_link_forms_that_mean_them():
    values, problems = front("umkm", "judul: A\nwhatsapp: https://wa.me/6281234567890\n"
                                     "telepon: 'tel:+62285123456'\ninstagram: "
                                     "https://www.instagram.com/batik.contoh/")
    assert problems == []
    assert (values["whatsapp"], values["telepon"], values["instagram"]) == (
        "+6281234567890", "+62285123456", "@batik.contoh")


@pytest.mark.parametrize("value", ['batik"onfocus="alert(1)', "<b>batik</b>", "javascript:alert(1)"])
def test_umkm_instagram_is_an_account_name(value):
    _, problems = front("umkm", f"judul: A\ninstagram: {yaml_quoted(value)}")
    assert [p.format() for p in problems] == [
        f'content/a/umkm/x.md:3: instagram "{value}" bukan nama akun Instagram — tulis nama akunnya '
        "saja, misalnya instagram: @batikcontoh"]


# --- kelurahan.toml and kota.toml --------------------------------------------------------

def toml_problems(tmp_path, name: str, text: str, schema):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [p.format() for p in load_toml(path, f"content/{name}", schema)[1]]


@pytest.mark.parametrize("value,quoted,scheme", disguises("alert(document.domain)"))
def test_kelurahan_toml_social_media_refuses_scripts(tmp_path, value, quoted, scheme):
    problems = toml_problems(tmp_path, "kelurahan.toml", 'nama = "Alpha"\nkecamatan = "Utara"\n\n'
                             f"[media_sosial]\ninstagram = {toml_quoted(value)}\n", KELURAHAN)
    assert problems == [f'content/kelurahan.toml:5: alamat instagram "{quoted}" diawali {scheme}:, '
                        f"yang tidak diizinkan — {URL_FIX}"]


def test_kelurahan_toml_attribute_break_outs_are_refused(tmp_path):
    problems = toml_problems(tmp_path, "kelurahan.toml", (
        'nama = "Alpha"\nkecamatan = "Utara"\nemail = "lurah\\"onmouseover=\\"alert(1)@alpha.go.id"\n'
        '[media_sosial]\nfacebook = "https://facebook.com/x\\"autofocus onfocus=\\"alert(1)"\n'), KELURAHAN)
    assert problems == [
        'content/kelurahan.toml:3: alamat surel email "lurah"onmouseover="alert(1)@alpha.go.id" memuat '
        'tanda kutip " — hapus tanda itu; tulis seperti nama@contoh.go.id',
        'content/kelurahan.toml:5: alamat facebook "https://facebook.com/x"autofocus onfocus="alert(1)" '
        f'memuat tanda kutip ", yang tidak boleh ada di alamat web — {BREAK_OUT_FIX}']


def test_kota_toml_complaint_channel_and_contacts_refuse_scripts(tmp_path):
    problems = toml_problems(tmp_path, "kota.toml", (
        'nama = "Kota Contoh"\npengaduan_url = "java\\tscript:alert(1)"\n'
        'url = "https://contoh.github.io/kota"\n\n[kontak]\nemail = "<humas@kota.go.id>"\n'
        'situs = "data:text/html,<script>alert(1)</script>"\n'), KOTA)
    assert problems == [
        'content/kota.toml:2: alamat pengaduan_url "java\\u0009script:alert(1)" diawali javascript:, '
        f"yang tidak diizinkan — {URL_FIX}",
        'content/kota.toml:6: alamat surel email "<humas@kota.go.id>" memuat tanda < — hapus tanda '
        "itu; tulis seperti nama@contoh.go.id",
        'content/kota.toml:7: alamat situs "data:text/html,<script>alert(1)</script>" diawali data:, '
        f"yang tidak diizinkan — {URL_FIX}"]


def test_mailto_in_an_email_field_is_accepted(tmp_path):
    path = tmp_path / "kelurahan.toml"
    path.write_text('nama = "Alpha"\nkecamatan = "Utara"\nemail = "mailto:kel@alpha.go.id"\n',
                    encoding="utf-8")
    data, problems = load_toml(path, "content/kelurahan.toml", KELURAHAN)
    assert problems == [] and data["email"] == "kel@alpha.go.id"


# --- links and images in a body ----------------------------------------------------------

def body_problems(body: str) -> list[str]:
    doc = parse(f"---\njudul: Uji\n---\n{body}", "content/a/berita/uji.md")
    return [p.format() for p in clean(to_html(doc.body), doc)[1] if p.is_error]


def markdown_disguises() -> list[tuple]:
    """(a Markdown or HTML link, the address as cmark/the browser reads it, its scheme[, line])."""
    return [
        ("[a](javascript:alert(1))", "javascript:alert(1)", "javascript"),
        ("[a](JAVASCRIPT:alert(1))", "JAVASCRIPT:alert(1)", "javascript"),
        ("[a](&#106;avascript:alert(1))", "javascript:alert(1)", "javascript"),
        ("[a](<java\tscript:alert(1)>)", "java%09script:alert(1)", "javascript"),
        ("[a](java&#x09;script:alert(1))", "java%09script:alert(1)", "javascript"),
        ("[a][ref]\n\n[ref]: javascript:alert(1)", "javascript:alert(1)", "javascript", 8),
        ("<javascript:alert(1)>", "javascript:alert(1)", "javascript"),
        ("[a](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html;base64,PHNjcmlwdD4=", "data"),
        ("[a](vbscript:msgbox(1))", "vbscript:msgbox(1)", "vbscript"),
        ('<a href="&#x6A;avascript:alert(1)">a</a>', "javascript:alert(1)", "javascript"),
        ('<a href=" &#9;javascript:alert(1)">a</a>', " \tjavascript:alert(1)", "javascript"),
        ('<a href="jav&Tab;ascript:alert(1)">a</a>', "jav\tascript:alert(1)", "javascript"),
        ("<a href='java\nscript:alert(1)'>a</a>", "java\nscript:alert(1)", "javascript"),
        ('<A HREF="vbscript:msgbox(1)">a</A>', "vbscript:msgbox(1)", "vbscript"),
        ('<a href="file:///etc/passwd">a</a>', "file:///etc/passwd", "file"),
    ]


@pytest.mark.parametrize("link,address,scheme,line", [(*case, 6)[:4] for case in markdown_disguises()])
def test_body_links_refuse_every_disguise(link, address, scheme, line):
    assert body_problems(f"Paragraf.\n\n{link}\n") == [
        f'content/a/berita/uji.md:{line}: tautan "{shown(address)}" di isi tulisan diawali {scheme}:, '
        f"yang tidak diizinkan — {LINK_FIX}"]


@pytest.mark.parametrize("image,address", [
    ("![piksel](https://elsewhere.example/pixel.png)", "https://elsewhere.example/pixel.png"),
    ("![piksel](http://elsewhere.example/pixel.png)", "http://elsewhere.example/pixel.png"),
    ("![piksel](//elsewhere.example/pixel.png)", "//elsewhere.example/pixel.png"),
    ('<img src="https://elsewhere.example/p.gif" alt="p">', "https://elsewhere.example/p.gif"),
    ('<img src="&#104;ttps://elsewhere.example/p.gif" alt="p">', "https://elsewhere.example/p.gif"),
    ("<img src='\\\\elsewhere.example\\p.gif' alt='p'>", "\\\\elsewhere.example\\p.gif"),
    ('<img src="gambar/a.jpg" srcset="https://elsewhere.example/p.gif 2x" alt="p">',
     "https://elsewhere.example/p.gif"),
    ('<picture><source srcset="https://elsewhere.example/p.webp"><img src="gambar/a.jpg" alt="p">'
     "</picture>", "https://elsewhere.example/p.webp"),
])
def test_remote_images_in_a_body_are_refused(image, address):
    assert body_problems(f"Paragraf.\n\n{image}\n") == [
        f'content/a/berita/uji.md:6: gambar dari situs lain di isi tulisan: "{address}" — {IMAGE_FIX}']


def test_data_images_are_refused_too():
    assert body_problems("![x](data:image/svg+xml;base64,PHN2Zz4=)\n") == [
        'content/a/berita/uji.md:4: gambar "data:image/svg+xml;base64,PHN2Zz4=" di isi tulisan '
        f"diawali data:, yang tidak diizinkan — {IMAGE_FIX}"]


def test_safe_links_and_local_images_pass():
    assert body_problems(
        "[situs](https://contoh.id/) [surel](mailto:kel@alpha.go.id) [telepon](tel:+62285123)\n"
        "[layanan]({filename}/layanan/domisili.md) [berkas]({static}/dokumen/a.pdf) [atas](#atas)\n"
        "[profil](../../profil/) ![Rapat](gambar/rapat.png) ![Logo](logo.png) <www.contoh.id>\n\n"
        "`[kode](javascript:alert(1))` dan\n\n    <a href=\"javascript:x\">di blok kode</a>\n") == []


# --- the command line --------------------------------------------------------------------

def test_check_and_build_refuse_an_attacked_city(tmp_path):
    """Attacks in kota.toml, kelurahan.toml, front matter and bodies: every one named, and
    nothing of them published."""
    content = write_tree(tmp_path / "content", {
        "kota.toml": 'nama = "Kota Contoh"\nurl = "https://contoh.github.io/kota"\n'
                     'pengaduan_url = "&#106;avascript:alert(1)"\n',
        "alpha/kelurahan.toml": 'nama = "<b>Alpha</b>"\nkecamatan = "Utara"\n\n[media_sosial]\n'
                                'instagram = "JAVASCRIPT:alert(1)"\n',
        "beta/kelurahan.toml": 'nama = "Beta"\nkecamatan = "Selatan"\n',
        "beta/umkm/toko.md": """\
            ---
            judul: Toko
            tautan:
              - label: Toko
                url: 'https://x.id/"autofocus/onfocus="alert(1)'
            ---
            Isi.
            """,
        "beta/berita/kabar.md": """\
            ---
            judul: Rapat <img src=x onerror=alert(1)>
            tanggal: 2025-02-25
            pilar: governance
            slug: ".."
            ---
            Lihat [ini](&#106;avascript:alert(1)).

            ![piksel](https://elsewhere.example/pixel.png)
            """,
        "beta/halaman/profil.md": "---\njudul: Profil <b>Beta</b>\n---\nIsi.\n",
        "beta/halaman/!!!.md": "---\njudul: Tanpa alamat\n---\nIsi.\n",
    })
    where = str(content)

    def lines(proc):
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and "Traceback" not in out, out
        return out.splitlines()

    assert (f'{where}/kota.toml:3: alamat pengaduan_url "&#106;avascript:alert(1)" diawali '
            f"javascript:, yang tidak diizinkan — {URL_FIX}") in lines(run("check", "--content", content))
    (content / "kota.toml").write_text('nama = "Kota Contoh"\nurl = "https://contoh.github.io/kota"\n',
                                       encoding="utf-8")
    expected = [
        f"{where}/alpha/kelurahan.toml:1: peringatan: kode HTML di nama akan tampil sebagai teks — "
        "hapus tanda < dan >",
        f'{where}/alpha/kelurahan.toml:5: alamat instagram "JAVASCRIPT:alert(1)" diawali javascript:, '
        f"yang tidak diizinkan — {URL_FIX}",
        f"{where}/beta/berita/kabar.md:2: peringatan: kode HTML di judul akan tampil sebagai teks — "
        "hapus tanda < dan >",
        f'{where}/beta/berita/kabar.md:5: slug ".." tidak bisa menjadi alamat halaman: hanya berisi '
        "titik — hapus baris slug agar alamat diambil dari nama berkas",
        f'{where}/beta/berita/kabar.md:7: tautan "javascript:alert(1)" di isi tulisan diawali '
        f"javascript:, yang tidak diizinkan — {LINK_FIX}",
        f'{where}/beta/berita/kabar.md:9: gambar dari situs lain di isi tulisan: '
        f'"https://elsewhere.example/pixel.png" — {IMAGE_FIX}',
        f'{where}/beta/umkm/toko.md:5: alamat url "https://x.id/"autofocus/onfocus="alert(1)" memuat '
        f'tanda kutip ", yang tidak boleh ada di alamat web — {BREAK_OUT_FIX}',
        f"{where}/beta/halaman/profil.md:2: peringatan: kode HTML di judul akan tampil sebagai teks — "
        "hapus tanda < dan >",
        f"{where}/beta/halaman/!!!.md:1: nama berkas ini tidak menghasilkan alamat halaman — ganti "
        "nama berkas dengan huruf dan angka, misalnya rapat-koordinasi.md, atau tulis slug: "
        "rapat-koordinasi",
    ]
    checked = lines(run("check", "--content", content))
    assert [line for line in expected if line not in checked] == []
    built = lines(run("build", "--content", content, "--output", tmp_path / "out"))
    assert [line for line in expected if line not in built] == []
    published = "".join(p.read_text(encoding="utf-8", errors="replace")
                        for p in (tmp_path / "out").rglob("*.html"))
    assert "elsewhere.example" not in published and "javascript:" not in published.lower()
    assert not (tmp_path / "out/beta/umkm/toko").exists()
