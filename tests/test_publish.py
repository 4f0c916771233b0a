"""Publishing, as the office runs it: real check, real build, real git into a local bare repository."""

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES, run, write_tree

from kelurahan.publish.verify import resolve

BASE = "https://contoh.github.io/kota"  # tests/fixtures/mini/kota.toml


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          check=True).stdout.strip()


def publish(work, *extra, env=None):
    return run("publish", "--content", work / "content", "--output", work / "output", *extra,
               cwd=work, env=env)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """The fixture city published once to a fresh bare repository."""
    root = tmp_path_factory.mktemp("terbit")
    shutil.copytree(FIXTURES / "mini", root / "content")
    git("init", "-q", "--bare", "remote.git", cwd=root)
    proc = publish(root, "--remote", root / "remote.git")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    root.joinpath("first.log").write_text(proc.stdout)
    return root


def head(work):
    return git("rev-parse", "gh-pages", cwd=work / "remote.git")


def test_gh_pages_holds_the_portal_every_site_and_nojekyll(work):
    remote = work / "remote.git"
    files = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).splitlines())
    assert {"index.html", "alpha/index.html", "beta/index.html", ".nojekyll",
            "alpha/layanan/domisili/index.html", "alpha/manifest.json"} <= files
    assert "CNAME" not in files  # a github.io address needs none
    assert not [f for f in files if ".kp-" in f or "draf" in f]
    message = git("log", "-1", "--format=%B", "gh-pages", cwd=remote)
    assert message.startswith("Terbit 2 situs kelurahan dan portal (")
    assert f"Alamat: {BASE}/" in message
    log = (work / "first.log").read_text()
    assert "[3/5] Memverifikasi keluaran: asal setiap berkas, draf, tautan dan aset …" in log
    assert "[5/5] Diterbitkan ke cabang gh-pages di" in log
    page = git("show", "gh-pages:alpha/index.html", cwd=remote)
    assert f'href="{BASE}/alpha/layanan/"' in page


def test_publishing_again_without_changes_adds_no_commit(work):
    before = head(work)
    proc = publish(work, "--remote", work / "remote.git")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "sudah sama persis; tidak ada yang diterbitkan" in proc.stdout
    assert head(work) == before


def test_dry_run_says_what_would_change_and_changes_nothing(work):
    before = head(work)
    page = work / "content/alpha/halaman/profil.md"
    original = page.read_text()
    page.write_text(original + "\nTambahan.\n")
    try:
        proc = publish(work, "--remote", work / "remote.git", "--dry-run")
    finally:
        page.write_text(original)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[5/5] Uji coba (--dry-run): tidak ada yang diubah." in proc.stdout
    assert "  ~ alpha/profil/index.html" in proc.stdout.splitlines()
    assert head(work) == before


def test_a_planted_page_in_the_output_blocks_publishing(work):
    before = head(work)
    write_tree(work / "output", {"alpha/slot-gacor/index.html": "<a href='https://judi.example'>slot</a>"})
    try:
        proc = publish(work, "--remote", work / "remote.git")
    finally:
        shutil.rmtree(work / "output/alpha/slot-gacor")
    assert proc.returncode == 1
    out = work / "output"
    assert f"{out}/alpha/slot-gacor/index.html: berkas ini tidak dibuat oleh proses bangun (bisa jadi " \
           "sisipan atau spam) — hapus berkas itu (atau seluruh folder keluaran) lalu bangun ulang; " \
           "bila muncul lagi, periksa siapa yang bisa menulis ke folder itu" in proc.stdout.splitlines()
    assert f"TIDAK DITERBITKAN: ada 1 berkas asing di {out} yang tidak dibuat oleh proses bangun " \
           "(lihat di atas)" in proc.stdout.splitlines()
    assert head(work) == before


def test_a_changed_page_and_a_stray_folder_fail_verification(work):
    from kelurahan.content.registry import load_city
    from kelurahan.publish.verify import verify

    out = work / "output"
    city = load_city(work / "content", "content")
    index = out / "beta/index.html"
    original = index.read_bytes()
    index.write_bytes(original.replace(b"</body>", b"<a href='https://judi.example'>x</a></body>"))
    write_tree(out, {"promo/index.html": "spam", "promo/b.html": "spam"})
    try:
        result = verify(out, city, BASE, shown="output")
    finally:
        index.write_bytes(original)
        shutil.rmtree(out / "promo")
    assert [p.format() for p in result.problems if p.is_error] == [
        "output/beta/index.html: berkas ini diubah setelah dibangun — hapus berkas itu (atau seluruh "
        "folder keluaran) lalu bangun ulang; bila muncul lagi, periksa siapa yang bisa menulis ke "
        "folder itu",
        "output/promo/: folder ini tidak dibuat oleh proses bangun (bisa jadi sisipan atau spam) — "
        "hapus berkas itu (atau seluruh folder keluaran) lalu bangun ulang; bila muncul lagi, "
        "periksa siapa yang bisa menulis ke folder itu"]
    assert verify(out, city, BASE).ok


def test_a_failing_check_publishes_nothing(work):
    before = head(work)
    bad = work / "content/beta/berita/2025-01-01-salah.md"
    write_tree(work / "content", {"beta/berita/2025-01-01-salah.md": """
        ---
        judul: Salah
        tanggal: 2025-01-01
        pilar: ekonomi digital
        ---
        Isi.
        """})
    try:
        proc = publish(work, "--remote", work / "remote.git")
    finally:
        bad.unlink()
    assert proc.returncode == 1
    assert f'{work}/content/beta/berita/2025-01-01-salah.md:4: pilar "ekonomi digital" tidak dikenal' \
        in proc.stdout
    assert proc.stdout.splitlines()[-1] == ("TIDAK DITERBITKAN: pemeriksaan isi menemukan galat "
                                           "(lihat di atas) — perbaiki lalu ulangi")
    assert head(work) == before


def test_custom_domain_gets_a_cname_and_links_from_the_root(work, tmp_path):
    git("init", "-q", "--bare", "domain.git", cwd=tmp_path)
    env = {"KELURAHAN_URL": "https://kelurahan.contoh.go.id"}
    proc = run("publish", "--content", work / "content", "--output", tmp_path / "out",
               "--remote", tmp_path / "domain.git", cwd=work, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    remote = tmp_path / "domain.git"
    assert git("show", "gh-pages:CNAME", cwd=remote) == "kelurahan.contoh.go.id"
    assert 'href="https://kelurahan.contoh.go.id/alpha/layanan/"' in \
        git("show", "gh-pages:alpha/index.html", cwd=remote)


def test_links_resolve_under_a_base_path_and_under_a_custom_domain():
    page = "alpha/berita/x/index.html"
    assert resolve(f"{BASE}/alpha/layanan/", page, BASE) == ("alpha/layanan/", "")
    assert resolve("../../gambar/a.png", page, BASE) == ("alpha/gambar/a.png", "")
    assert resolve("https://wa.me/62812", page, BASE) == (None, "")
    assert resolve("/alpha/", page, BASE) == (
        None, f"tautan berawalan / tidak bekerja di bawah alamat dasar {BASE}/")
    assert resolve("/alpha/", page, "https://kelurahan.contoh.go.id") == ("alpha/", "")
    assert resolve("https://kelurahan.contoh.go.id/theme/a.css?v=1#x", page,
                   "https://kelurahan.contoh.go.id") == ("theme/a.css", "")
    assert resolve("../../../../x", page, BASE) == (None, "tautan keluar dari folder situs")


def test_directory_target_swaps_the_whole_tree_at_once(work, tmp_path):
    site = tmp_path / "www" / "kelurahan"
    proc = publish(work, "--target", f"dir:{site}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (site / "index.html").is_file() and (site / "alpha/index.html").is_file()
    assert not (site / ".nojekyll").exists() and not list(site.rglob(".kp-*"))

    seen, stop = [], threading.Event()

    def reader():  # a visitor reloading pages throughout the swap: never a missing page
        while not stop.is_set():
            for rel in ("index.html", "alpha/index.html", "beta/layanan/domisili/index.html"):
                try:
                    seen.append((site / rel).read_bytes()[:15])
                except OSError as exc:
                    seen.append(exc)

    page = work / "content/alpha/halaman/profil.md"
    original = page.read_text()
    page.write_text(original + "\nKalimat baru untuk folder server.\n")
    thread = threading.Thread(target=reader)
    thread.start()
    try:
        proc = publish(work, "--target", f"dir:{site}")
    finally:
        stop.set()
        thread.join()
        page.write_text(original)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Kalimat baru untuk folder server." in (site / "alpha/profil/index.html").read_text()
    assert seen and not [s for s in seen if isinstance(s, Exception)]
    assert not (site.parent / ".kelurahan.baru").exists()
    log = (site.parent / ".kelurahan.terbit.log").read_text().splitlines()
    assert len(log) == 2


def test_rsync_target_switches_a_release_link(work, tmp_path):
    dest = tmp_path / "srv" / "kelurahan"
    for _ in range(2):
        proc = publish(work, "--target", f"rsync:{dest}")
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert dest.is_symlink() and (dest / "alpha/index.html").is_file()
    releases = sorted(p for p in (tmp_path / "srv/kelurahan.rilis").iterdir() if p.is_dir())
    assert len(releases) == 1  # the second publication found nothing to change
    assert os.path.realpath(dest) == str(releases[-1])
    assert "sudah sama persis" in proc.stdout


def test_unknown_target_is_a_usage_error(work):
    proc = publish(work, "--target", "ftp:server")
    assert proc.returncode == 2
    assert proc.stderr.strip() == ('kelurahan: tujuan "ftp:server" tidak dikenal — pilih gh-pages, '
                                   "dir:FOLDER atau rsync:[PENGGUNA@SERVER:]/JALUR")


def _reader_page(md: Path, site: Path) -> str:
    """The page the build writes for a content file: the reader's save_as, by Pelican's own
    settings from pelicanconf.py."""
    from pelican.settings import read_settings

    from kelurahan.site.reader import KelurahanReader

    settings = read_settings(str(FIXTURES.parent.parent / "pelicanconf.py"),
                             override={"PATH": str(site), "KP_SHOWN_PATH": "content/k"})
    return KelurahanReader(settings).read(str(md))[1]["save_as"]


@pytest.mark.parametrize("name,slug", [("a.md", ""), ("Nama Besar.md", ""), ("sub/b.md", ""),
                                       ("c.md", "alamat-sendiri")])
def test_draft_rule_is_the_readers(tmp_path, name, slug):
    """verify.draft_pages finds a draft's page where the reader puts it, for every content type,
    file names that need slugifying, files in sub-folders and an explicit slug: the rule the
    drifted copy got wrong (it read only */*.md and took the file name as it was)."""
    from types import SimpleNamespace

    from kelurahan.content.schema import TYPES
    from kelurahan.publish.verify import draft_pages
    from kelurahan.tools.new import render

    site, output = tmp_path / "k", tmp_path / "out"
    for schema in TYPES.values():
        text = render(schema.name, "Judul Uji").replace("status: terbit", "status: draf")
        text = text.replace("slug: ''", f"slug: {slug}" if slug else "slug: ''")
        md = site / schema.folder / name
        md.parent.mkdir(parents=True, exist_ok=True)
        md.write_text(text, encoding="utf-8")
        page = _reader_page(md, site)
        city = SimpleNamespace(sites=[SimpleNamespace(slug="k", path=site, shown="content/k")])
        assert draft_pages(output, city) == [], schema.name
        (output / "k" / page).parent.mkdir(parents=True, exist_ok=True)
        (output / "k" / page).write_text("<html></html>", encoding="utf-8")
        found = draft_pages(output, city)
        assert [(p.path, p.message) for p in found] == [
            (f"content/k/{schema.folder}/{name}", f"draf ini terbit sebagai k/{page}")], schema.name
        (output / "k" / page).unlink()
