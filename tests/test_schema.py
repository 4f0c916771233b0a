"""The schemas: required fields, types, enumerations, aliases and normalisation."""

import datetime as dt

import pytest

from kelurahan.frontmatter import parse
from kelurahan.schema import TYPES, KELURAHAN
from kelurahan.schema.fields import contrast_ratio


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
    assert problems[0].line == 3 and "bukan tanggal" in problems[0].message


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
