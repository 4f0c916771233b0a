"""A city the size of Jakarta (issue 22): the generated scale city, and a city split over several
GitHub Pages repositories when it outgrows one. Speed targets live in the benchmark
(benchmarks/kota_besar_bench.py), not here."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run

sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402
import kota_besar  # noqa: E402

from kelurahan.content.registry import load_city  # noqa: E402
from kelurahan.errors import UsageError  # noqa: E402
from kelurahan.publish import budget  # noqa: E402
from kelurahan.publish.targets import Refused, check_split, publish  # noqa: E402
from kelurahan.publish.verify import scan  # noqa: E402


# --- the generated city ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kota12(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kota-besar")
    return kota_besar.generate(root, kota_besar.scale_for(12, photos=2))


def test_the_same_seed_writes_the_same_bytes(kota12, tmp_path):
    again = kota_besar.generate(tmp_path, kota_besar.scale_for(12, photos=2),
                                photos=tmp_path / "foto-lain")  # photos drawn afresh too
    assert corpus.digest(again) == corpus.digest(kota12)
    other = kota_besar.generate(tmp_path / "lain", kota_besar.Scale(sites=12, kecamatan=2,
                                                                      photos=2, seed=7))
    assert corpus.digest(other) != corpus.digest(kota12)


def test_the_city_has_kecamatan_a_long_tail_photos_and_documents(kota12):
    city = load_city(kota12)
    assert len(city.sites) == 12 and not city.broken
    assert len({s.kecamatan for s in city.sites}) == 2  # one kecamatan per ~7 kelurahan
    counts = [len(list((s.path / "berita").glob("*.md"))) for s in city.sites]
    assert min(counts) >= 20 and max(counts) <= 200
    assert sum(1 for _ in kota12.glob("*/gambar/*.jpg")) == 24
    assert list(kota12.glob("*/dokumen/*.pdf")) and list(kota12.glob("*/agenda/*.md"))
    # Invented, and saying so: every item is marked contoh, the city is "rekaan".
    items = list(kota12.glob("*/*/*.md"))
    assert items and all("\ncontoh: true\n" in p.read_text(encoding="utf-8") for p in items)
    assert "rekaan" in (kota12 / "kota.toml").read_text(encoding="utf-8")
    totals = kota_besar.totals(kota_besar.scale_for(12, photos=2))
    assert totals["berita"] == sum(counts)


def test_kelurahan_check_accepts_the_generated_city(kota12):
    proc = run("check", "--content", kota12, "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert report["counts"]["error"] == 0 and report["sites"] == 12
    assert report["counts"]["warning"] == 0  # not even a photo too big or a PDF's author


# --- a city split over several Pages repositories ------------------------------------------------

ROOT_BASE = "https://contoh.github.io"  # an organisation's own Pages site: the host's root


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          check=True).stdout.strip()


def files_of(repo: Path) -> set[str]:
    return set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=repo).splitlines())


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    """The fixture city published at the root of its host, each kelurahan to its own
    repository, the portal to the organisation's site."""
    work = tmp_path_factory.mktemp("pecah")
    shutil.copytree(FIXTURES / "mini", work / "content")
    for name in ("org.github.io", "alpha", "beta"):
        git("init", "-q", "--bare", f"{name}.git", cwd=work)
    proc = run("publish", "--content", work / "content", "--output", work / "output",
               "--remote", work / "org.github.io.git", "--remote-situs", f"{work}/{{slug}}.git",
               cwd=work, env={"KELURAHAN_URL": ROOT_BASE})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return work, proc.stdout


def test_each_kelurahan_goes_to_its_own_repository_and_the_portal_to_the_root(split):
    work, log = split
    root = files_of(work / "org.github.io.git")
    alpha, beta = files_of(work / "alpha.git"), files_of(work / "beta.git")
    assert {"index.html", ".nojekyll"} <= root
    assert not [f for f in root if f.startswith(("alpha/", "beta/"))]
    # The repository "alpha" is served at <host>/alpha/: its root is the site's folder.
    assert {"index.html", "manifest.json", "layanan/domisili/index.html", ".nojekyll"} <= alpha
    assert "index.html" in beta and "CNAME" not in alpha
    # Nothing lost, nothing doubled: the parts are the verified tree.
    published = root | {f"alpha/{f}" for f in alpha} | {f"beta/{f}" for f in beta}
    built = set(scan(work / "output"))
    assert built <= published
    assert "Tautan antarbagian diperiksa: 3 repositori, semua tautan sampai" in log
    # The addresses are those the build wrote: a site's page links to the portal at the root.
    page = git("show", "gh-pages:index.html", cwd=work / "alpha.git")
    assert f'href="{ROOT_BASE}/alpha/layanan/"' in page
    assert f'"{ROOT_BASE}/"' in page or 'href="../"' in page or 'href="../index.html"' in page


def test_links_are_checked_across_the_split(split):
    """Read back from the branches, every link resolves; a part missing breaks the portal's
    links into it, and the check says which."""
    work, _ = split
    files = scan(work / "output")
    published = {"": sorted(files_of(work / "org.github.io.git")),
                 "alpha": sorted(files_of(work / "alpha.git")),
                 "beta": sorted(files_of(work / "beta.git"))}
    assert check_split(published, files, ROOT_BASE, "output") == []
    published["beta"] = []
    problems = check_split(published, files, ROOT_BASE, "output")
    assert any("beta/index.html" in p.path and "tidak ada di repositori" in p.message
               for p in problems)
    assert any(p.path == "output/index.html" and "beta" in p.message for p in problems)


def test_publishing_again_changes_no_repository(split):
    work, _ = split
    heads = {n: git("rev-parse", "gh-pages", cwd=work / f"{n}.git")
             for n in ("org.github.io", "alpha", "beta")}
    proc = run("publish", "--content", work / "content", "--output", work / "output",
               "--remote", work / "org.github.io.git", "--remote-situs", f"{work}/{{slug}}.git",
               "--tanpa-bangun", cwd=work, env={"KELURAHAN_URL": ROOT_BASE})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert heads == {n: git("rev-parse", "gh-pages", cwd=work / f"{n}.git") for n in heads}


def test_a_city_over_the_limit_is_refused_with_the_way_out(split, monkeypatch):
    work, _ = split
    monkeypatch.setenv("KELURAHAN_URL", ROOT_BASE)
    size = budget.measure(work / "output")[2].total
    with pytest.raises(Refused, match=r"--remote-situs git@github.com:ORG/\{slug\}.git"):
        publish(work / "content", work / "output", remote=str(work / "org.github.io.git"),
                dry_run=True, built=True, say=lambda text: None, limit=size - 1)


def test_a_split_needs_the_root_of_a_host(split, monkeypatch):
    work, _ = split
    monkeypatch.setenv("KELURAHAN_URL", "https://contoh.github.io/kota")
    with pytest.raises(UsageError, match="akar domainnya"):
        publish(work / "content", work / "output", remote=str(work / "org.github.io.git"),
                dry_run=True, built=True, say=lambda text: None,
                site_remote=f"{work}/{{slug}}.git")


def test_the_budget_reads_the_sizes_the_build_recorded(split):
    """A no-op's budget report must not walk 100,000 published files: each site's stamp
    carries its bytes by suffix, equal to what is on disk."""
    work, _ = split
    recorded = budget.measure(work / "output")
    for site in recorded[0]:
        walked = budget._count(budget.Size(site.name), budget._walk(work / "output" / site.name))
        assert (site.total, site.images) == (walked.total, walked.images)


def test_ci_shards_are_counted_from_the_registry(kota12):
    """terbit.yml's matrix: one shard per 27 kelurahan, from the content tree."""
    from kelurahan.city.shard import shard_count

    proc = subprocess.run(
        [sys.executable, "-m", "kelurahan.city.shard", str(kota12)], capture_output=True,
        text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["shards=1", "matrix=[1]"]
    assert [shard_count(n) for n in (27, 28, 135, 270, 5000)] == [1, 2, 5, 10, 20]
