"""The registry finds every kelurahan and reports broken identity files with their line."""

from conftest import write_tree

from kelurahan.content.registry import load_city


def test_fixture_city_loads(mini):
    city = load_city(mini, "content")
    assert [s.slug for s in city.sites] == ["alpha", "beta"]
    assert city.site("alpha").data["whatsapp"] == "+6281234567890"
    assert city.data["pengaduan_url"] == "https://www.lapor.go.id/"
    assert not city.problems


def test_broken_kelurahan_toml_is_reported_with_its_line_and_other_sites_remain(mini):
    write_tree(mini, {"beta/kelurahan.toml": 'nama = "Beta"\nkecamatan = Utara\n'})
    city = load_city(mini, "content")
    assert [s.slug for s in city.sites] == ["alpha"]
    (problem,) = city.broken["beta"]
    assert problem.format().startswith("content/beta/kelurahan.toml:2: berkas TOML tidak bisa dibaca")


def test_missing_kelurahan_toml_and_missing_name(mini):
    write_tree(mini, {"gamma/berita/a.md": "---\njudul: A\n---\n",
                      "delta/kelurahan.toml": 'kecamatan = "Utara"\n'})
    city = load_city(mini, "content")
    assert city.broken["gamma"][0].format().startswith("content/gamma/kelurahan.toml: berkas tidak "
                                                       "ditemukan — buat kelurahan.toml berisi nama, kecamatan")
    assert city.broken["delta"][0].message == "nama wajib diisi"


def test_folder_names_must_be_usable_in_addresses(mini):
    write_tree(mini, {"Gamma Baru/kelurahan.toml": 'nama = "G"\nkecamatan = "U"\n',
                      "theme/kelurahan.toml": 'nama = "T"\nkecamatan = "U"\n'})
    city = load_city(mini, "content")
    assert set(city.broken) == {"Gamma Baru", "theme"}
