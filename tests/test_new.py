"""`kelurahan new`: a file with every schema field that passes check and builds as written."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run

from kelurahan.content.frontmatter import load
from kelurahan.content.schema import TYPES

TYPE_NAMES = ("berita", "halaman", "layanan", "umkm", "wisata", "agenda")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """One new file of every type in a copy of the fixture city, as a clerk would make them."""
    root = tmp_path_factory.mktemp("new")
    shutil.copytree(FIXTURES / "mini", root / "content")
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    procs = {name: run("new", name, "--site", "alpha", "--judul", f"Baru: {name} warga", cwd=root)
             for name in TYPE_NAMES}
    return root, procs, today


def test_new_prints_the_path_of_a_correctly_named_file(made):
    root, procs, today = made
    assert procs["berita"].stdout == f"content/alpha/berita/{today:%Y-%m-%d}-baru-berita-warga.md\n"
    assert procs["umkm"].stdout == "content/alpha/umkm/baru-umkm-warga.md\n"
    for name, proc in procs.items():
        assert proc.returncode == 0, proc.stderr
        assert (root / proc.stdout.strip()).is_file()
        assert proc.stderr == "Lengkapi berkas itu, lalu periksa: kelurahan check --site alpha\n"


@pytest.mark.parametrize("name", TYPE_NAMES)
def test_new_file_holds_every_field_of_the_schema_with_a_hint(made, name):
    root, procs, _ = made
    path = root / procs[name].stdout.strip()
    doc = load(path)
    assert list(doc.meta) == [f.name for f in TYPES[name].fields]
    text = path.read_text(encoding="utf-8")
    for f in TYPES[name].fields:
        assert f"# {f.label} (" in text and f.help in text


def test_new_berita_is_dated_today_in_wib(made):
    root, procs, today = made
    doc = load(root / procs["berita"].stdout.strip())
    assert doc.meta["judul"] == "Baru: berita warga"
    assert doc.meta["tanggal"].startswith(today.isoformat() + " ")


def test_new_files_pass_check_and_build(made):
    root, procs, _ = made
    check = run("check", "--site", "alpha", cwd=root)
    assert check.returncode == 0, check.stdout
    new_paths = [p.stdout.strip() for p in procs.values()]
    assert not [line for line in check.stdout.splitlines()
                if line.split(":")[0] in new_paths]
    build = run("build", "--site", "alpha", cwd=root)
    assert build.returncode == 0, build.stdout + build.stderr
    out = root / "output" / "alpha"
    berita = Path(procs["berita"].stdout.strip()).stem
    for page in (f"berita/{berita}/index.html",
                 "baru-halaman-warga/index.html", "layanan/baru-layanan-warga/index.html",
                 "umkm/baru-umkm-warga/index.html", "wisata/baru-wisata-warga/index.html",
                 "agenda/baru-agenda-warga/index.html"):
        assert (out / page).is_file(), page


def test_new_refuses_to_overwrite(made):
    root, procs, _ = made
    path = root / procs["umkm"].stdout.strip()
    path.write_text(path.read_text(encoding="utf-8") + "Cerita usaha.\n", encoding="utf-8")
    again = run("new", "umkm", "--site", "alpha", "--judul", "Baru: umkm warga", cwd=root)
    assert again.returncode == 1
    assert again.stderr == ("content/alpha/umkm/baru-umkm-warga.md: berkas sudah ada dan tidak "
                            "ditimpa — buka dan ubah berkas itu, atau pakai judul lain\n")
    assert path.read_text(encoding="utf-8").endswith("Cerita usaha.\n")


def test_new_for_an_unknown_site_or_type_is_wrong_usage(made):
    root, _, _ = made
    proc = run("new", "berita", "--site", "gamma", "--judul", "X", cwd=root)
    assert (proc.returncode, proc.stderr) == (
        2, "kelurahan: kelurahan tidak dikenal: gamma — pilih dari: alpha, beta\n")
    assert run("new", "resep", "--site", "alpha", "--judul", "X", cwd=root).returncode == 2
