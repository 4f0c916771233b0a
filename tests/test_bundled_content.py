"""The bundled content (content/): all 27 kelurahan of the reference data, clean."""

import csv
from pathlib import Path

from conftest import ROOT, run

from kelurahan.content.registry import load_city

DATA = ROOT.parent / "shared" / "data" / "kelurahan-pekalongan.csv"


def test_registry_matches_the_reference_list_exactly():
    city = load_city(ROOT / "content", "content")
    expected = {row["slug"]: row for row in csv.DictReader(DATA.open(encoding="utf-8"))} \
        if DATA.exists() else None
    assert not city.problems and not city.broken
    assert len(city.sites) == 27
    if expected:
        for site in city.sites:
            row = expected[site.slug]
            assert (site.nama, site.kecamatan, site.data["pilot"]) == \
                (row["nama"], row["kecamatan"], row["pilot"] == "true")


def test_bundled_content_builds_with_no_error_and_no_warning(tmp_path):
    out = tmp_path / "out"
    proc = run("build", "--output", out)
    assert proc.returncode == 0, proc.stdout
    assert "27 situs: 27 dibangun, 0 dilewati, 0 gagal; portal dibangun" in proc.stdout
    assert "peringatan" not in proc.stdout and "galat" not in proc.stdout
    portal = (out / "index.html").read_text(encoding="utf-8")
    for site in load_city(ROOT / "content").sites:
        assert (out / site.slug / "index.html").is_file()
        assert f'href="./{site.slug}/"' in portal
        # Item 6 of issue 20: a PPID page everywhere, its Daftar Informasi Publik empty but
        # useful (every category says the information can still be requested), no document.
        ppid = (out / site.slug / "ppid/index.html").read_text(encoding="utf-8")
        assert ppid.count("Belum ada dokumen dalam kategori ini") == 3
        assert "10 (sepuluh) hari kerja" in ppid and "Cara mengajukan keberatan" in ppid
    assert (out / "ppid/index.html").is_file()


def test_no_bundled_document_is_invented():
    assert not list((ROOT / "content").glob("*/dokumen/*"))


def test_pilots_have_the_promised_richer_content():
    for slug in ("kuripan-yosorejo", "padukuhan-kraton", "sapuro-kebulen", "kauman"):
        folder = ROOT / "content" / slug
        berita = list((folder / "berita").glob("*.md"))
        pilars = {line.split(":", 1)[1].strip() for f in berita
                  for line in f.read_text(encoding="utf-8").splitlines() if line.startswith("pilar:")}
        assert len(berita) >= 5 and len(pilars) >= 4
        assert len(list((folder / "umkm").glob("*.md"))) >= 3
        assert len(list((folder / "wisata").glob("*.md"))) >= 2
        assert len(list((folder / "agenda").glob("*.md"))) >= 1


def test_every_kelurahan_has_a_profile_and_the_six_common_services():
    for folder in sorted(Path(ROOT / "content").iterdir()):
        if folder.is_dir():
            assert (folder / "halaman" / "profil.md").is_file()
            assert len(list((folder / "layanan").glob("*.md"))) >= 6
