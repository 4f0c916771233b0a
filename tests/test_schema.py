"""The schemas: required fields, types, enumerations, aliases and normalisation."""

import datetime as dt

import pytest

from kelurahan.content.frontmatter import parse
from kelurahan.content.schema import TYPES, KELURAHAN
from kelurahan.content.schema.fields import contrast_ratio


def check(kind: str, front: str):
    doc = parse(f"---\n{front}\n---\nIsi\n", f"content/a/{kind}/x.md")
    return TYPES[kind].validate(doc)


def messages(problems):
    return [p.format() for p in problems]


def test_berita_requires_judul_tanggal_and_pilar():
    _, problems = check("berita", "penulis: Admin")
    assert [p.field for p in problems] == ["", "", ""]
    assert {p.message for p in problems} == {"judul wajib diisi", "tanggal wajib diisi",
                                             "pilar wajib diisi"}


def test_unknown_pilar_message_names_file_line_and_choices():
    _, problems = check("berita", 'judul: A\ntanggal: 2025-02-25\npilar: "ekonomi digital"')
    assert messages(problems) == [
        'content/a/berita/x.md:4: pilar "ekonomi digital" tidak dikenal — pilih salah satu: '
        "governance, economy, living, society, branding, environment"]


def test_dates_are_wib_with_or_without_time():
    values, problems = check("berita", "judul: A\ntanggal: 2025-02-25 09:30\npilar: economy")
    assert not problems and values["tanggal"] == dt.datetime(2025, 2, 25, 9, 30)
    values, _ = check("berita", "judul: A\ntanggal: 2025-02-25\npilar: economy")
    assert values["tanggal"] == dt.datetime(2025, 2, 25)
    _, problems = check("berita", "judul: A\ntanggal: 25/02/2025\npilar: economy")
    assert problems[0].line == 3 and problems[0].fix == "maksudnya 2025-02-25?"


def test_pelican_english_keys_are_aliases():
    values, problems = check("berita", "title: A\ndate: 2025-02-25\npilar: living\ntags: [x, y]\n"
                                       "summary: Singkat")
    assert not problems
    assert values["judul"] == "A" and values["tag"] == ["x", "y"] and values["ringkasan"] == "Singkat"


def test_unknown_key_is_a_warning_with_a_suggestion():
    _, problems = check("berita", "judul: A\ntanggl: 2025-02-25\ntanggal: 2025-02-25\npilar: living")
    (problem,) = problems
    assert problem.level == "warning"
    assert problem.format() == ('content/a/berita/x.md:3: peringatan: kunci "tanggl" tidak dikenal '
                                "dan diabaikan — maksudnya tanggal?")


def test_type_defaults():
    assert check("layanan", "judul: A\npersyaratan: [KTP]")[0]["pilar"] == "governance"
    assert check("layanan", "judul: A\npersyaratan: [KTP]")[0]["biaya"] == "Gratis"
    assert check("umkm", "judul: A")[0]["pilar"] == "economy"
    assert check("wisata", "judul: A")[0]["pilar"] == "branding"
    assert check("berita", "judul: A\ntanggal: 2025-01-01\npilar: living")[0]["kategori"] == "Berita"


def test_layanan_requires_persyaratan():
    _, problems = check("layanan", "judul: Domisili")
    assert [p.message for p in problems] == ["persyaratan wajib diisi"]


@pytest.mark.parametrize("raw", ["0812-3456-7890", "62812 3456 7890", "+62 812-3456-7890",
                                 "(0812) 3456.7890"])
def test_whatsapp_numbers_are_stored_as_plus_62(raw):
    values, problems = check("umkm", f'judul: A\nwhatsapp: "{raw}"')
    assert not problems and values["whatsapp"] == "+6281234567890"


def test_whatsapp_must_be_a_mobile_number():
    _, problems = check("umkm", 'judul: A\nwhatsapp: "0285-123456"')
    assert problems[0].message == 'nomor whatsapp "0285-123456" bukan nomor ponsel'


def test_enumerations_accept_any_case_and_store_the_canonical_choice():
    assert check("umkm", "judul: A\nkategori: Batik")[0]["kategori"] == "batik"
    _, problems = check("wisata", "judul: A\njenis: pantai")
    assert problems[0].fix.startswith("pilih salah satu: budaya, religi")


def test_coordinates_urls_and_nested_lists():
    values, problems = check("umkm", "judul: A\nkoordinat: [-6.88, 109.67]\ntautan:\n"
                                     "  - label: Toko\n    url: https://toko.example.id/a\n"
                                     "produk:\n  - nama: Kain\n    harga: Rp350.000")
    assert not problems
    assert values["koordinat"] == [-6.88, 109.67] and values["produk"][0]["harga"] == 350000
    _, problems = check("umkm", "judul: A\ntautan:\n  - label: Toko\n    url: toko.example.id")
    assert problems[0].line == 5 and "https://" in problems[0].fix
    _, problems = check("umkm", "judul: A\nkoordinat: [200, 5]")
    assert "di luar jangkauan" in problems[0].message


def test_images_need_alt_text_and_must_stay_in_the_kelurahan_folder():
    values, problems = check("berita", "judul: A\ntanggal: 2025-01-01\npilar: living\ngambar: rapat.jpg")
    assert values["gambar"] == "gambar/rapat.jpg"
    assert problems[0].message == "gambar_alt wajib diisi bila ada gambar"
    _, problems = check("berita", "judul: A\ntanggal: 2025-01-01\npilar: living\n"
                                  "gambar: ../kauman/gambar/x.jpg\ngambar_alt: x")
    assert problems[0].message == 'gambar "../kauman/gambar/x.jpg" berada di luar folder kelurahan ini'


def test_draft_status_and_example_flag():
    values, _ = check("agenda", "judul: A\nmulai: 2030-01-01 08:00\nstatus: draf\ncontoh: true")
    assert values["status"] == "draf" and values["contoh"] is True


def test_accent_colour_too_light_for_white_text_is_refused_with_a_darker_suggestion():
    doc = parse('---\nnama: A\nkecamatan: B\nwarna: "#f5c518"\n---\n', "content/a/kelurahan.toml")
    _, problems = KELURAHAN.validate(doc)
    suggestion = problems[0].fix.split('"')[1]
    assert "terlalu terang" in problems[0].message and problems[0].line == 4
    assert contrast_ratio(suggestion, "#ffffff") >= 4.5


def test_every_field_has_an_indonesian_label_and_help():
    for schema in [*TYPES.values(), KELURAHAN]:
        for field in schema.fields:
            assert field.label and field.help, (schema.name, field.name)


# --- markup in text fields: kept, shown as text, and warned about ---------------------------

def test_markup_in_any_text_field_is_a_warning_with_its_line():
    _, problems = check("umkm", 'judul: "Toko <img src=x onerror=alert(1)>"\n'
                                'pemilik: "<b onmouseover=alert(2)>Bu Sri</b>"\n'
                                "produk:\n  - nama: 'Kain\" autofocus onfocus=\"alert(3)'\n"
                                "tag: [batik, '</title><script>alert(4)</script>']\n"
                                "ringkasan: '<!-- komentar -->'")
    assert messages(problems) == [
        "content/a/umkm/x.md:2: peringatan: kode HTML di judul akan tampil sebagai teks — "
        "hapus tanda < dan >",
        "content/a/umkm/x.md:3: peringatan: kode HTML di pemilik akan tampil sebagai teks — "
        "hapus tanda < dan >",
        "content/a/umkm/x.md:5: peringatan: kode HTML di produk.nama akan tampil sebagai teks — "
        "hapus tanda < dan >",
        "content/a/umkm/x.md:6: peringatan: kode HTML di tag akan tampil sebagai teks — "
        "hapus tanda < dan >",
        "content/a/umkm/x.md:7: peringatan: kode HTML di ringkasan akan tampil sebagai teks — "
        "hapus tanda < dan >",
    ]


def test_template_syntax_in_a_text_field_is_a_warning():
    _, problems = check("agenda", "judul: 'Rapat {{ 7*7 }}'\nmulai: 2030-01-01 08:00\n"
                                  "tempat: '{% include \"x\" %}'")
    assert messages(problems) == [
        "content/a/agenda/x.md:2: peringatan: kode templat di judul akan tampil sebagai teks — "
        "hapus tanda {{ }} dan {% %}",
        "content/a/agenda/x.md:4: peringatan: kode templat di tempat akan tampil sebagai teks — "
        "hapus tanda {{ }} dan {% %}"]


@pytest.mark.parametrize("text", ["Usia < 5 tahun gratis", "Nilai <10 kg", "a <= b", "Harga > Rp5.000",
                                  "Tanya-jawab: online = daring", "Sebelum 15.00 <-- batas"])
def test_less_than_and_ordinary_text_pass_without_a_warning(text):
    values, problems = check("layanan", f"judul: '{text}'\npersyaratan: [KTP]")
    assert problems == [] and values["judul"] == text


def test_markup_in_kelurahan_toml_is_a_warning_too():
    doc = parse("---\nnama: A\nkecamatan: '<script>alert(1)</script>'\nlurah:\n"
                "  nama: '<svg onload=alert(1)>'\n---\n", "content/a/kelurahan.toml")
    _, problems = KELURAHAN.validate(doc)
    assert messages(problems) == [
        "content/a/kelurahan.toml:3: peringatan: kode HTML di kecamatan akan tampil sebagai teks — "
        "hapus tanda < dan >",
        "content/a/kelurahan.toml:5: peringatan: kode HTML di lurah.nama akan tampil sebagai teks — "
        "hapus tanda < dan >"]


def test_control_characters_in_text_are_refused():
    _, problems = check("berita", 'judul: "Rapat\\x01"\ntanggal: 2025-01-01\npilar: living\n'
                                  'tag: ["a\\x0bb"]')
    assert messages(problems) == [
        "content/a/berita/x.md:2: judul memuat karakter tak terlihat U+0001 — hapus karakter itu "
        "(biasanya terbawa saat menyalin dari dokumen lain)",
        "content/a/berita/x.md:5: butir ke-1 tag memuat karakter tak terlihat U+000B — hapus "
        "karakter itu (biasanya terbawa saat menyalin dari dokumen lain)"]


# --- slugs and tags: each makes one folder of the site ------------------------------------

SLUG_FIX = "hapus baris slug agar alamat diambil dari nama berkas"


@pytest.mark.parametrize("slug,reason,fix", [
    ("..", "hanya berisi titik", SLUG_FIX),
    (".", "hanya berisi titik", SLUG_FIX),
    ("   ", "kosong", SLUG_FIX),
    ("../index", "memuat garis miring", "tulis slug: index (huruf, angka, dan tanda hubung)"),
    ("berita/lain", "memuat garis miring", "tulis slug: beritalain (huruf, angka, dan tanda hubung)"),
    ("a\\\\b", "memuat garis miring", "tulis slug: ab (huruf, angka, dan tanda hubung)"),
    (".rahasia", "diawali titik", "tulis slug: rahasia (huruf, angka, dan tanda hubung)"),
    ("rapat\\u202egpj.exe", "memuat karakter tak terlihat U+202E",
     "tulis slug: rapatgpjexe (huruf, angka, dan tanda hubung)"),
    ("rapat\\u2066x", "memuat karakter tak terlihat U+2066",
     "tulis slug: rapatx (huruf, angka, dan tanda hubung)"),
    ("rapat\\u200ex", "memuat karakter tak terlihat U+200E",
     "tulis slug: rapatx (huruf, angka, dan tanda hubung)"),
    ("Rapat Koordinasi", "memuat spasi", "tulis slug: rapat-koordinasi (huruf, angka, dan tanda hubung)"),
    ("rapat?x=1", "memuat tanda ?", "tulis slug: rapatx1 (huruf, angka, dan tanda hubung)"),
    ("x" * 101, "terlalu panjang (101 karakter, paling banyak 100)",
     f"tulis slug: {'x' * 100} (huruf, angka, dan tanda hubung)"),
])
def test_a_slug_that_cannot_be_a_folder_is_refused(slug, reason, fix):
    from kelurahan.content.schema.screen import shown

    _, problems = check("berita", f'judul: A\ntanggal: 2025-01-01\npilar: living\nslug: "{slug}"')
    value = slug.encode().decode("unicode_escape").strip()
    assert messages(problems) == [
        f'content/a/berita/x.md:5: slug "{shown(value)}" tidak bisa menjadi alamat halaman: {reason} '
        f"— {fix}"]


@pytest.mark.parametrize("slug", ["rapat-koordinasi", "Rapat_2025", "versi-1.2", "x" * 100])
def test_ordinary_slugs_pass(slug):
    values, problems = check("berita", f"judul: A\ntanggal: 2025-01-01\npilar: living\nslug: {slug}")
    assert problems == [] and values["slug"] == slug


def test_a_tag_too_long_or_without_letters_is_refused():
    long_tag = "kegiatan warga " * 18
    _, problems = check("berita", f"judul: A\ntanggal: 2025-01-01\npilar: living\n"
                                  f"tag:\n  - rapat\n  - '{long_tag}'")
    assert messages(problems) == [
        f'content/a/berita/x.md:7: tag "{long_tag.strip()[:79]}…" tidak bisa menjadi alamat halaman: '
        "terlalu panjang (269 karakter, paling banyak 100) — tulis misalnya - kegiatan warga kegiatan warga"]
    _, problems = check("berita", "judul: A\ntanggal: 2025-01-01\npilar: living\ntag: ['!!!']")
    assert messages(problems) == [
        'content/a/berita/x.md:5: tag "!!!" tidak bisa menjadi alamat halaman: tidak memuat huruf '
        "atau angka — tulis tag dengan huruf atau angka, misalnya - kegiatan-warga"]


# --- dates within reason ------------------------------------------------------------------

@pytest.mark.parametrize("value,shown", [("0001-01-01 00:00", "0001-01-01"), ("9999-12-31", "9999-12-31"),
                                         ("1899-12-31 23:59", "1899-12-31")])
def test_dates_outside_1900_to_2200_are_refused(value, shown):
    _, problems = check("agenda", f"judul: A\nmulai: {value}")
    assert messages(problems) == [
        f"content/a/agenda/x.md:3: mulai {shown} di luar rentang tahun 1900–2200 — periksa "
        "tahunnya, misalnya mulai: 2025-02-25"]


@pytest.mark.parametrize("value,message", [
    ("https://elsewhere.example/foto.jpg", 'gambar "https://elsewhere.example/foto.jpg" adalah tautan '
     "ke situs lain — unduh gambarnya, simpan di folder gambar/ kelurahan ini, lalu tulis misalnya "
     "gambar/nama-berkas.jpg"),
    ("//elsewhere.example/foto.jpg", 'gambar "//elsewhere.example/foto.jpg" adalah tautan ke situs '
     "lain — unduh gambarnya, simpan di folder gambar/ kelurahan ini, lalu tulis misalnya "
     "gambar/nama-berkas.jpg"),
    ("C:\\\\Users\\\\Staf\\\\foto.jpg", 'gambar "C:/Users/Staf/foto.jpg" adalah alamat berkas di komputer '
     "Anda — salin berkasnya ke folder gambar/ kelurahan ini, lalu tulis misalnya gambar/nama-berkas.jpg"),
    ('gambar/a\\" onerror=\\"alert(1).jpg', 'nama berkas gambar "gambar/a" onerror="alert(1).jpg" memuat '
     'tanda kutip " — ganti nama berkasnya dengan huruf, angka, dan tanda hubung saja, misalnya '
     "gambar/rapat-rt.jpg"),
])
def test_an_image_is_a_file_of_the_kelurahan(value, message):
    _, problems = check("berita", f'judul: A\ntanggal: 2025-01-01\npilar: living\ngambar: "{value}"\n'
                                  "gambar_alt: Foto")
    assert messages(problems) == [f"content/a/berita/x.md:5: {message}"]


def test_image_file_names_with_spaces_still_pass():
    values, problems = check("berita", "judul: A\ntanggal: 2025-01-01\npilar: living\n"
                                       "gambar: gambar/foto rapat RT 03.jpg\ngambar_alt: Foto")
    assert problems == [] and values["gambar"] == "gambar/foto rapat RT 03.jpg"


def test_a_title_ten_times_too_long_is_an_error_not_a_warning():
    _, problems = check("berita", f"judul: {'Rapat ' * 24}\ntanggal: 2025-01-01\npilar: living")
    assert [(p.level, p.message) for p in problems] == [
        ("warning", "judul terlalu panjang (143 karakter, paling banyak 120)")]
    _, problems = check("berita", f"judul: {'Rapat ' * 1000}\ntanggal: 2025-01-01\npilar: living")
    assert messages(problems) == [
        "content/a/berita/x.md:2: judul terlalu panjang (5999 karakter, paling banyak 120) — "
        "persingkat menjadi satu atau dua kalimat"]


# --- what a clerk predictably writes (issue 23) ------------------------------------------------

@pytest.mark.parametrize("written", ["Smart Living", "Kualitas Hidup", "LIVING", "smart-living",
                                     "Smart Living — Kualitas Hidup", "kualitas  hidup"])
def test_a_pillar_is_accepted_by_key_or_either_name_and_stored_by_key(written, tmp_path):
    for kind in TYPES:
        values, problems = check(kind, f"judul: A\ntanggal: 2025-02-25\nmulai: 2025-02-25 08:00\n"
                                       f"persyaratan: [KTP]\npilar: {written}")
        assert values["pilar"] == "living", kind
        assert not [p for p in problems if p.field == "pilar"], kind


@pytest.mark.parametrize("written, meant", [
    ("07/12/2026", "2026-12-07"), ("7-12-2026", "2026-12-07"), ("7 Desember 2026", "2026-12-07"),
    ("7 des 2026", "2026-12-07"), ("07.12.2026 09.30", "2026-12-07 09:30"),
    ("12/25/2026", "2026-12-25"), ("1 Agustus 2026 pukul 08:00", "2026-08-01 08:00"),
])
def test_a_date_written_day_first_is_refused_with_the_corrected_value(written, meant):
    for kind, key in (("berita", "tanggal"), ("agenda", "mulai")):
        values, problems = check(kind, f"judul: A\npilar: living\n{key}: {written}")
        assert key not in values
        assert messages(problems) == [f'content/a/{kind}/x.md:4: {key} "{written}" tidak ditulis '
                                      f"sebagai TAHUN-BULAN-HARI — maksudnya {meant}?"]


def test_a_day_first_date_that_does_not_exist_gets_the_ordinary_message():
    _, problems = check("berita", "judul: A\npilar: living\ntanggal: 31/02/2026")
    assert messages(problems) == [
        'content/a/berita/x.md:4: tanggal "31/02/2026" bukan tanggal yang dikenal — tulis tanggal '
        "sebagai TAHUN-BULAN-HARI, misalnya tanggal: 2025-02-25 atau 2025-02-25 09:30 (WIB)"]


def sosmed(**accounts):
    rows = "".join(f'  {key}: "{value}"\n' for key, value in accounts.items())
    doc = parse(f"---\nnama: A\nkecamatan: B\nmedia_sosial:\n{rows}---\n", "content/a/kelurahan.toml")
    return KELURAHAN.validate(doc)


@pytest.mark.parametrize("written", ["kel.airhitam", "@kel.airhitam"])
def test_an_account_name_becomes_the_address_on_its_network(written):
    values, problems = sosmed(instagram=written, tiktok=written, youtube=written, facebook=written)
    assert not problems
    assert values["media_sosial"] == {
        "instagram": "https://www.instagram.com/kel.airhitam/",
        "tiktok": "https://www.tiktok.com/@kel.airhitam",
        "youtube": "https://www.youtube.com/@kel.airhitam",
        "facebook": "https://www.facebook.com/kel.airhitam"}


def test_a_full_address_of_the_network_is_kept_and_one_without_https_completed():
    values, problems = sosmed(instagram="https://www.instagram.com/kelurahankauman/",
                              facebook="facebook.com/kelurahan.kauman")
    assert not problems
    assert values["media_sosial"] == {"instagram": "https://www.instagram.com/kelurahankauman/",
                                      "facebook": "https://facebook.com/kelurahan.kauman"}


def test_an_account_field_refuses_other_networks_and_what_is_no_account():
    _, problems = sosmed(instagram="https://www.facebook.com/kauman", tiktok="kel airhitam",
                         youtube="javascript:alert(1)")
    assert messages(problems) == [
        'content/a/kelurahan.toml:5: alamat instagram "https://www.facebook.com/kauman" bukan '
        'alamat Instagram — tulis nama akunnya, misalnya instagram = "@kelurahankauman", atau '
        "alamat lengkapnya, misalnya https://www.instagram.com/kelurahankauman/",
        'content/a/kelurahan.toml:6: tiktok "kel airhitam" bukan nama akun TikTok atau alamat web — '
        'tulis nama akunnya, misalnya tiktok = "@kelurahankauman", atau alamat lengkapnya, misalnya '
        "https://www.tiktok.com/@kelurahankauman",
        'content/a/kelurahan.toml:7: alamat youtube "javascript:alert(1)" diawali javascript:, yang '
        "tidak diizinkan — tulis alamat lengkap yang diawali https://, misalnya "
        "https://www.lapor.go.id/"]


def test_umkm_instagram_takes_the_same_forms():
    for written in ("kel.airhitam", "@kel.airhitam", "https://www.instagram.com/kel.airhitam/"):
        values, problems = check("umkm", f'judul: A\ninstagram: "{written}"')
        assert not problems and values["instagram"] in ("@kel.airhitam", "kel.airhitam")
