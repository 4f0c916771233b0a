"""Shards: the sites built on separate machines and merged equal one full build, byte for byte."""

import json
import re
import shutil

import pytest
from conftest import FIXTURES, run, write_tree

from kelurahan.city.shard import parse_shard, plan, shard_of
from kelurahan.errors import UsageError

# Pagefind (1.x) writes its filter files from a Rust HashMap, whose order changes with every run,
# even between two full builds; the files naming them by hash change with them (each site's
# index and each part of the portal's city index, pagefind/bagian-<n>/): everything else must
# be identical, Pagefind's pages and word index included.
VOLATILE = re.compile(r"^(?:[^/]+/)?pagefind/(?:bagian-\d+/)?(filter/[^/]+\.pf_filter|"
                      r"pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$")
# The build's own records (never published): their fingerprints hash local file times, so only
# their ledgers of what was written are compared.
LEDGERS = (".kp-build.json", ".kp-portal-files.json", ".kp-portal.json")


def tree(root):
    """{relative path: bytes}, with Pagefind's run-dependent files set apart."""
    out = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if VOLATILE.search(rel):
            key = re.sub(r"id_[0-9a-f]+", "id_*", rel)
            out[key] = out.get(key, 0) + 1  # the same number of them, at least
            continue
        data = path.read_bytes()
        if path.name in LEDGERS:
            ledger = json.loads(data)
            ledger.pop("fingerprint", None)
            ledger.pop("bytes", None)  # bytes by suffix: Pagefind's filter files vary in size
            ledger.pop("stat", None)  # the portal's files' sizes and local modification times
            folder = rel.rpartition("/")[0] + "/" if "/" in rel else ""  # paths in the ledger's folder
            for key in ("files", "shared"):
                if key in ledger:
                    ledger[key] = {k: v for k, v in ledger[key].items()
                                   if not VOLATILE.search(folder + k)}
            data = json.dumps(ledger, sort_keys=True).encode()
        out[rel] = data
    return out


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """A three-site fixture city: full build, three shard builds, and the shards merged."""
    root = tmp_path_factory.mktemp("shards")
    content = root / "content"
    shutil.copytree(FIXTURES / "mini", content)
    shutil.copytree(content / "beta", content / "gamma")
    toml = content / "gamma/kelurahan.toml"
    toml.write_text(toml.read_text().replace("Beta", "Gamma"))
    for out in ("full", "s1", "s2", "s3"):
        extra = ["--shard", f"{out[1]}/3"] if out != "full" else []
        proc = run("build", "--content", content, "--output", root / out, "--publish", *extra,
                   cwd=root)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    for shard in ("s1", "s2", "s3"):
        shutil.copytree(root / shard, root / f"copy-{shard}", symlinks=True)
    proc = run("merge", "--content", content, "--output", root / "merged", "--publish",
               root / "s1", root / "s2", root / "s3", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


def test_merged_shards_equal_one_full_build_byte_for_byte(city):
    full, merged = tree(city / "full"), tree(city / "merged")
    assert sorted(full) == sorted(merged)
    assert [rel for rel in full if full[rel] != merged[rel]] == []
    assert {"index.html", "alpha/index.html", "beta/index.html", "gamma/index.html"} <= set(full)
    assert "pagefind/bagian-1/pagefind.js" in full  # the city index, from the merged manifests


def test_each_shard_builds_only_its_sites_and_no_portal(city):
    built = {}
    for i in (1, 2, 3):
        shard = city / f"copy-s{i}"
        assert not (shard / "index.html").exists()
        built[i] = sorted(p.name for p in shard.iterdir() if (p / ".kp-build.json").is_file())
    assert built == plan(["alpha", "beta", "gamma"], 3)


def test_merge_refuses_a_missing_site(city, tmp_path):
    shards = [city / f"copy-s{i}" for i, sites in plan(["alpha", "beta", "gamma"], 3).items()
              if sites]
    proc = run("merge", "--content", city / "content", "--output", tmp_path / "out",
               *shards[:-1], cwd=city)
    assert proc.returncode == 1
    assert "situs ini tidak ada di keluaran shard mana pun — periksa apakah shard-nya gagal, " \
           "lalu jalankan ulang" in proc.stdout
    assert not (tmp_path / "out/index.html").exists()


def test_merge_refuses_a_stray_file_in_a_shard(city, tmp_path):
    shard = tmp_path / "s"
    shutil.copytree(city / "copy-s1", shard, symlinks=True)
    write_tree(shard, {"iklan/index.html": "spam"})
    proc = run("merge", "--content", city / "content", "--output", tmp_path / "out", shard,
               city / "copy-s2", city / "copy-s3", cwd=city)
    assert proc.returncode == 1
    assert f"{shard}/iklan/index.html: bukan hasil bangun shard — keluaran shard hanya berisi " \
           "folder situs dan berkas bersama yang tercatat; hapus yang lain" in proc.stdout.splitlines()


def test_assignment_is_stable_when_sites_are_added():
    slugs = [f"kelurahan-{i}" for i in range(300)]
    before = {s: shard_of(s, 8) for s in slugs[:200]}
    assert {s: shard_of(s, 8) for s in slugs[:200]} == before
    after = plan(slugs, 8)
    assert all(before[s] == shard for shard, members in after.items() for s in members
               if s in before)
    assert min(len(m) for m in after.values()) > 20  # hundreds of sites spread over every shard


def test_adding_a_shard_moves_only_the_sites_it_takes():
    slugs = [f"kelurahan-{i}" for i in range(300)]
    moved = [s for s in slugs if shard_of(s, 8) != shard_of(s, 9)]
    assert moved and all(shard_of(s, 9) == 9 for s in moved)
    assert len(moved) < 300 / 9 * 1.5


def test_shard_option_is_checked():
    assert parse_shard("2/4") == (2, 4)
    for text, message in [("0/4", '--shard "0/4" di luar jangkauan — i harus antara 1 dan n, '
                                  "misalnya 1/4 sampai 4/4"),
                          ("dua", '--shard "dua" tidak dikenali — tulis i/n, misalnya 1/4')]:
        with pytest.raises(UsageError) as caught:
            parse_shard(text)
        assert str(caught.value) == message
    proc = run("build", "--shard", "5/4")
    assert proc.returncode == 2
    assert proc.stderr.strip() == ('kelurahan: --shard "5/4" di luar jangkauan — i harus antara '
                                   "1 dan n, misalnya 1/4 sampai 4/4")
