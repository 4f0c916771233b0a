"""Previews for reviewers: one gh-pages branch holds the live site and every pull request's
preview under pratinjau/pr-<n>/; neither ever touches the other (a local bare repository)."""

import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, run

BASE = "https://contoh.github.io/kota"  # tests/fixtures/mini/kota.toml


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          check=True).stdout.strip()


def publish(work, *extra, output="output"):
    return run("publish", "--content", work / "content", "--output", work / output,
               "--remote", work / "remote.git", *extra, cwd=work)


def tree(work) -> dict[str, str]:
    """{path: blob} of the branch."""
    lines = git("ls-tree", "-r", "gh-pages", cwd=work / "remote.git").splitlines()
    return {line.split("\t")[1]: line.split()[2] for line in lines}


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """The live site published, then the preview of pull request 12 beside it."""
    root = tmp_path_factory.mktemp("pratinjau")
    shutil.copytree(FIXTURES / "mini", root / "content")
    git("init", "-q", "--bare", "remote.git", cwd=root)
    proc = publish(root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (root / "live.txt").write_text(repr(tree(root)))
    profil = root / "content/alpha/halaman/profil.md"
    profil.write_text(profil.read_text() + "\nPerubahan yang sedang ditinjau.\n")
    proc = publish(root, "--pratinjau", "12", output="output-pr")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (root / "preview.log").write_text(proc.stdout)
    return root


def _live(files: dict[str, str]) -> dict[str, str]:
    return {p: b for p, b in files.items() if not p.startswith("pratinjau/")}


def test_a_preview_is_published_under_its_prefix_and_the_live_tree_is_untouched(work):
    files = tree(work)
    assert _live(files) == eval((work / "live.txt").read_text())
    assert {"pratinjau/pr-12/index.html", "pratinjau/pr-12/alpha/profil/index.html",
            "pratinjau/pr-12/beta/index.html"} <= set(files)
    assert not [p for p in files if p.startswith("pratinjau/pr-12/") and p.endswith("CNAME")]
    message = git("log", "-1", "--format=%B", "gh-pages", cwd=work / "remote.git")
    assert message.startswith("Pratinjau pull request #12: 2 situs kelurahan dan portal (")
    assert f"Alamat: {BASE}/pratinjau/pr-12/" in message
    assert "[3/5] Memverifikasi keluaran" in (work / "preview.log").read_text()


def test_preview_pages_link_under_the_preview_base_say_so_and_are_not_indexed(work):
    page = git("show", "gh-pages:pratinjau/pr-12/alpha/profil/index.html", cwd=work / "remote.git")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    strip = soup.select_one(".kp-pratinjau")
    assert strip.get_text(" ", strip=True).startswith("Pratinjau — belum terbit (pull request #12)")
    assert f'href="{BASE}/pratinjau/pr-12/alpha/layanan/"' in page
    assert "Perubahan yang sedang ditinjau." in page
    live = git("show", "gh-pages:alpha/profil/index.html", cwd=work / "remote.git")
    assert "Perubahan yang sedang ditinjau." not in live and "kp-pratinjau" not in live
    assert 'name="robots"' not in live


def test_a_live_publish_keeps_the_previews(work):
    news = work / "content/beta/halaman/baru.md"
    news.parent.mkdir(exist_ok=True)
    news.write_text("---\njudul: Halaman Baru\n---\nBaru.\n")
    try:
        proc = publish(work)
    finally:
        news.unlink()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    files = tree(work)
    assert "beta/baru/index.html" in files
    assert "pratinjau/pr-12/alpha/profil/index.html" in files
    assert "- pratinjau" not in proc.stdout  # the dry-run view never counts previews as removed


def test_a_preview_is_removed_when_its_pull_request_closes(work):
    before = tree(work)
    proc = publish(work, "--hapus-pratinjau", "12")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Pratinjau pratinjau/pr-12/ dihapus dari cabang gh-pages" in proc.stdout
    after = tree(work)
    assert not [p for p in after if p.startswith("pratinjau/")]
    assert after == _live(before)
    again = publish(work, "--hapus-pratinjau", "12")
    assert "Tidak ada pratinjau pratinjau/pr-12/" in again.stdout


def test_a_preview_number_must_be_a_number(work):
    proc = publish(work, "--pratinjau", "12; rm -rf /", "--dry-run")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == (
        'kelurahan: KELURAHAN_PRATINJAU "12; rm -rf /" bukan nomor pull request — tulis '
        "angkanya, misalnya 12, atau kosongkan untuk situs yang terbit")


def test_the_pull_request_comment_links_the_pages_the_change_touches(tmp_path, monkeypatch):
    from kelurahan.tools.pratinjau import comment, links

    shutil.copytree(FIXTURES / "mini", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KELURAHAN_PRATINJAU", "7")
    base = f"{BASE}/pratinjau/pr-7"
    found = links(tmp_path / "content", ["content/alpha/layanan/domisili.md",
                                         "content/alpha/gambar/rapat.png", "README.md",
                                         "content/alpha/berita/2025-03-01-draf.md"], base)
    assert found == [("Portal kota", f"{base}/"),
                     ("Beranda Kelurahan Alpha", f"{base}/alpha/"),
                     ("Layanan: Surat Keterangan Domisili", f"{base}/alpha/layanan/domisili/")]
    text = comment("7", found)
    assert text.startswith("**Pratinjau pull request #7** — belum terbit")
    assert f"- [Beranda Kelurahan Alpha]({base}/alpha/)" in text
