"""The benchmark corpus: deterministic, in the content contract, and it builds (quick size)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from PIL import Image

from conftest import ROOT, run



def _load(name: str):
    """A module of benchmarks/ (a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"kp_bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load("corpus")
bench = _load("run")
SIZE = corpus.QUICK


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The quick corpus written twice from scratch, photos drawn twice."""
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    return corpus.generate(a, SIZE), corpus.generate(b, SIZE)


def test_corpus_is_deterministic(generated):
    first, second = generated
    assert corpus.digest(first.parent) == corpus.digest(second.parent)
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    berita = [f for f in files if "/berita/" in f]
    assert len(berita) == SIZE.sites * SIZE.berita
    assert len([f for f in files if f.endswith(".jpg")]) == SIZE.sites * SIZE.photos
    assert files[0] == "kota.toml"


def test_photos_are_sideways_phone_photos_with_gps(generated):
    first, _ = generated
    photo = first / "uji-01" / "gambar" / "foto-01.jpg"
    with Image.open(photo) as img:
        exif = img.getexif()
        assert img.size == (3000, 2000)
        assert exif[0x0112] == 6
        gps = exif.get_ifd(0x8825)
        assert gps[1] == "S" and gps[3] == "E"
    # every site's copy of a picture is its own file (its own GPS), as real photos are
    other = first / "uji-02" / "gambar" / "foto-01.jpg"
    assert photo.read_bytes() != other.read_bytes()


def test_corpus_builds_without_a_single_problem(generated, tmp_path):
    first, _ = generated
    proc = run("build", "--content", first, "--output", tmp_path / "out", "--cache", tmp_path / "c")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 4  # one line a site and the summary: not a single problem
    assert sorted(line.split()[0] for line in lines[:-1]) == ["uji-01", "uji-02", "uji-03"]
    assert lines[-1].startswith("3 situs: 3 dibangun, 0 dilewati, 0 gagal; portal dibangun (")
    manifest = json.loads((tmp_path / "out" / "uji-02" / "manifest.json").read_text("utf-8"))
    assert manifest["jumlah"] == {"berita": SIZE.berita, "halaman": SIZE.halaman,
                                  "umkm": SIZE.umkm, "wisata": SIZE.wisata, "layanan": 0,
                                  "agenda": 0, "dokumen": 0}


def test_plain_twin_builds_with_plain_pelican(generated, tmp_path):
    """The baseline's input: the same articles and pages, read by Pelican's own reader."""
    first, _ = generated
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(bench.PLAIN_CONF, encoding="utf-8")
    out = tmp_path / "plain"
    proc = subprocess.run([sys.executable, "-m", "pelican", str(first.parent / "plain" / "uji-01"
                                                               / "content"),
                           "-o", str(out), "-s", str(conf), "-q"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == ""
    articles = [p for p in out.glob("*.html") if "-berita-" in p.name]
    assert len(articles) == SIZE.berita
    assert len(list((out / "pages").glob("*.html"))) == SIZE.halaman + SIZE.umkm + SIZE.wisata
    assert len(list((out / "gambar").glob("*.jpg"))) == SIZE.photos


def test_page_weight_adds_each_pages_css_and_js(tmp_path):
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "a.css").write_bytes(b"x" * 1000)
    (tmp_path / "theme" / "b.js").write_bytes(b"y" * 500)
    (tmp_path / "p").mkdir()
    html = '<link rel="stylesheet" href="../theme/a.css"><script src="../theme/b.js"></script>'
    (tmp_path / "p" / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>kecil</p>", encoding="utf-8")
    weight = bench.page_weight(tmp_path)
    assert weight["pages"] == 2
    assert weight["max_page"] == "p/index.html"
    assert weight["max_kb"] == (len(html) + 1500) / 1024


TINY = corpus.Size("tiny", sites=1, berita=12, halaman=2, umkm=2, wisata=1, photos=0, layanan=2)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A corpus of every kind the issue-21 corpus has (layanan included), without photos."""
    root = tmp_path_factory.mktemp("tiny")
    return corpus.generate(root, TINY)


def test_issue_corpus_has_layanan_and_builds_without_a_problem(tiny, tmp_path):
    proc = run("build", "--content", tiny, "--output", tmp_path / "out", "--cache", tmp_path / "c")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 2  # the site's line and the summary
    manifest = json.loads((tmp_path / "out" / "uji-01" / "manifest.json").read_text("utf-8"))
    assert manifest["jumlah"]["layanan"] == 2 and manifest["jumlah"]["berita"] == 12
    assert corpus.ISSUE.layanan == 3 and corpus.ISSUE.photos == 0


def test_hugo_twin_makes_the_same_kinds_of_pages(tiny, tmp_path):
    """The Hugo baseline: every berita, halaman, UMKM, wisata and layanan page, paginated lists,
    tag pages and RSS, from the same words."""
    tree = bench.hugo_tree(tiny.parent, ["uji-01"], tmp_path / "src")
    data = bench.baseline_hugo(tmp_path, tree, ["uji-01"])
    out = tmp_path / "out-hugo" / "uji-01"
    assert len(list((out / "berita").glob("*/index.html"))) == TINY.berita
    for folder, count in (("halaman", 2), ("umkm", 2), ("wisata", 1), ("layanan", 2)):
        assert len(list((out / folder).glob("*/index.html"))) == count, folder
    assert (out / "berita" / "page" / "2" / "index.html").is_file()  # 10 a page
    assert (out / "page" / "2" / "index.html").is_file()  # the home page's berita, paginated
    assert any((out / "tags").glob("*/index.html")) and (out / "index.xml").is_file()
    assert (out / "berita" / "index.xml").is_file()
    source = sorted((tiny / "uji-01" / "berita").glob("*.md"))[3]
    body = source.read_text("utf-8").split("---\n", 2)[2]
    first_sentence = body.strip().split(". ")[0].replace("**", "").replace("*", "")
    page = (out / "berita" / source.stem / "index.html").read_text("utf-8")
    assert first_sentence.split()[0] in page and "</article>" in page
    assert data["pages"] == bench.count_html(tmp_path / "out-hugo") > TINY.berita + 7
