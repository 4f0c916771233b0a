"""A city large enough to split (more than portal.SPLIT kelurahan): the home and the dashboard
list kecamatan, each kecamatan has its pages, every directory is cut into pages, every portal
page stays within the page budget, and every kelurahan is reachable from the home (issue 22).
The city is generated: tiny kelurahan with one berita, layanan and UMKM each, so the build is
quick. The search over it runs in Chromium: tests/browser/test_cari_kota.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import run, write_tree

from kelurahan.city import portal

ENV = {"KELURAHAN_TANGGAL": "2025-03-10", "KELURAHAN_URL": ""}
KECAMATAN = ("Pesisir", "Hulu", "Tengah", "Barat Daya", "Timur Laut")
COUNT = portal.SPLIT + 2
BUDGET = 60_000  # bytes of HTML a page may weigh (tests/test_theme.py, docs/performance.md)


def slug(i: int) -> str:
    return f"rekaan-{i:02d}"


def kelurahan(i: int) -> dict[str, str]:
    """One tiny kelurahan; the eighth one alone writes about a 'kenanga' posyandu."""
    bunga = "Kenanga" if i == 7 else "Melati"
    return {
        f"{slug(i)}/kelurahan.toml": f'nama = "Rekaan {i:02d}"\nkecamatan = "{KECAMATAN[i % 5]}"\n',
        f"{slug(i)}/berita/2025-02-{1 + i % 28:02d}-posyandu.md": f"""
            ---
            judul: Posyandu {bunga} RW {i}
            tanggal: 2025-02-{1 + i % 28:02d} 09:00
            pilar: living
            ---
            Penimbangan balita di posyandu {bunga.lower()} kelurahan rekaan nomor {i}.
            """,
        f"{slug(i)}/layanan/domisili.md": """
            ---
            judul: Surat Keterangan Domisili
            persyaratan: [Surat pengantar RT/RW, KTP-el]
            ---
            Keterangan tempat tinggal warga.
            """,
        f"{slug(i)}/umkm/usaha.md": f"""
            ---
            judul: Usaha Rekaan {i:02d}
            kategori: {"batik" if i % 2 else "kuliner"}
            contoh: true
            ---
            Usaha contoh untuk uji.
            """,
    }


def make_city(root: Path) -> Path:
    content = root / "content"
    files = {"kota.toml": 'nama = "Kota Rekaan"\njudul_portal = "Kelurahan Pintar Kota Rekaan"\n'}
    for i in range(COUNT):
        files.update(kelurahan(i))
        if i % 3 == 0:  # every third kelurahan publishes a (contoh) budget
            files[f"{slug(i)}/anggaran/2025.yaml"] = f"""
                contoh: true
                kegiatan:
                  - kegiatan: Perbaikan saluran RW {i}
                    pilar: environment
                    pagu: {1_000_000 * (i + 1)}
                    realisasi: {500_000 * (i + 1)}
                """
    write_tree(content, files)
    return content


def build_city(root: Path) -> Path:
    out = root / "out"
    proc = run("build", "--content", make_city(root), "--output", out, env=ENV)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return build_city(tmp_path_factory.mktemp("skala"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def portal_pages(out: Path) -> list[Path]:
    return [p for p in sorted(out.rglob("*.html"))
            if not p.relative_to(out).parts[0].startswith("rekaan-") and "theme" not in p.parts]


def links(out: Path, rel: str) -> set[str]:
    """The portal-relative targets of a page's links (folders, without index.html)."""
    page = out / rel
    found = set()
    for a in soup(page).select("main a[href]"):
        href = a["href"].split("#")[0].split("?")[0]
        if href and not re.match(r"^[a-z]+:", href):
            target = urljoin("/" + rel, href).lstrip("/")
            found.add(target[:-len("index.html")] if target.endswith("index.html") else target)
    return found


def crawl(out: Path, start: str, within: tuple[str, ...]) -> set[str]:
    """Every portal page reachable from ``start`` through pages under ``within``."""
    seen, todo = set(), [start]
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        for target in links(out, rel + "index.html"):
            if target.startswith(within) and (out / target / "index.html").is_file():
                todo.append(target)
    return seen


def test_every_portal_page_is_within_the_page_budget(out):
    pages = portal_pages(out)
    assert len(pages) > 40
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in pages}
    assert max(sizes.values()) <= BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]


def test_the_home_lists_kecamatan_and_every_kelurahan_is_two_links_away(out):
    home = soup(out / "index.html")
    cards = [a["href"] for a in home.select(".kp-situs__nama")]
    assert sorted(cards) == sorted(f"./kecamatan/{portal.slug(k)}/" for k in KECAMATAN)
    assert not home.select(f"a[href='./{slug(0)}/']")  # no kelurahan listed on the home
    reached = set()
    for page in crawl(out, "", ("kecamatan/",)):
        reached |= {t.rstrip("/") for t in links(out, page + "index.html")
                    if t.startswith("rekaan-") and t.count("/") == 1}
    assert reached == {slug(i) for i in range(COUNT)}
    pesisir = soup(out / "kecamatan/pesisir/index.html")
    assert pesisir.h1.get_text() == "Kecamatan Pesisir"
    assert [a.get_text() for a in pesisir.select(".kp-situs__nama")] == [
        f"Kelurahan Rekaan {i:02d}" for i in range(0, COUNT, 5)]
    assert {a["href"] for a in pesisir.select("main ul.kp-pdaftar-sebaris a")} == {
        f"../../{slug(i)}/ppid/" for i in range(0, COUNT, 5)}


def test_the_dashboard_sums_kecamatan_and_each_kecamatan_page_has_its_kelurahan_rows(out):
    board = soup(out / "program/dasbor/index.html")
    rows = board.select("table.kp-pheat tbody tr")
    assert [r.th.get_text() for r in rows] == sorted(KECAMATAN)
    total = 0
    kelurahan = set()
    for row in rows:
        href = row.th.a["href"]
        assert href == f"../../program/dasbor/kecamatan/{portal.slug(row.th.get_text())}/"
        cells = [int(td.get_text()) for td in row.select("td.kp-pheat__n")]
        # every kelurahan published one berita (living), one layanan and one UMKM
        page = soup(out / href.removeprefix("../../") / "index.html")
        own = page.select("table.kp-pheat tbody tr")
        kelurahan |= {r.th.get_text() for r in own}
        assert sum(cells) == 3 * len(own)
        assert page.select_one("tfoot .kp-pheat__jumlah").get_text() == str(sum(cells))
        total += sum(cells)
    assert kelurahan == {f"Rekaan {i:02d}" for i in range(COUNT)}
    assert board.select_one("tfoot .kp-pheat__jumlah").get_text() == str(total) == str(3 * COUNT)


def test_directories_are_paginated_with_complete_pager_links(out):
    umkm = crawl(out, "umkm/", ("umkm/hal/",))
    assert umkm == {"umkm/", "umkm/hal/2/"}  # 42 UMKM, 30 a page
    titles = set()
    for page in umkm:
        titles |= {a.get_text() for a in soup(out / page / "index.html").select(".kp-entri__judul a")}
    assert titles == {f"Usaha Rekaan {i:02d}" for i in range(COUNT)}
    # the UMKM filter lists kecamatan; a kecamatan's page lists its own kelurahan only
    first = soup(out / "umkm/index.html")
    assert [a.get_text(" ", strip=True) for a in first.select("details.kp-pfilter a")] == [
        f"{k} ({len(range(KECAMATAN.index(k), COUNT, 5))})" for k in sorted(KECAMATAN)]
    hulu = soup(out / "umkm/kecamatan/hulu/index.html")
    assert hulu.select_one("details a[aria-current=page]").get_text(" ", strip=True).startswith("Hulu")
    assert {a["href"] for a in hulu.select("details a[href*='umkm/kelurahan/']")} == {
        f"../../../umkm/kelurahan/{slug(i)}/" for i in range(1, COUNT, 5)}
    # a service offered everywhere gets its own page, by kecamatan
    layanan = soup(out / "layanan/index.html")
    assert layanan.select_one(".kp-entri__judul a")["href"] == "../layanan/surat-keterangan-domisili/"
    service = soup(out / "layanan/surat-keterangan-domisili/index.html")
    assert [h.get_text() for h in service.select("main h2")] == [f"Kecamatan {k}" for k in sorted(KECAMATAN)]
    assert len(service.select("main ul.kp-pdaftar-sebaris a")) == COUNT


def test_the_search_page_offers_every_kelurahan_by_kecamatan_and_the_city_has_one_index(out):
    page = soup(out / "cari/index.html")
    groups = page.select("#kp-cari-kelurahan optgroup")
    assert [g["label"] for g in groups] == [f"Kec. {k}" for k in sorted(KECAMATAN)]
    assert sorted(o["value"] for o in page.select("#kp-cari-kelurahan option[value!='']")) == [
        slug(i) for i in range(COUNT)]
    # 42 kelurahan × 3 items: one part of the index, named on every kecamatan
    assert page.select_one("form#kp-cari")["data-indeks"] == "pagefind/bagian-1"
    assert {g["data-indeks"] for g in groups} == {"pagefind/bagian-1"}
    assert (out / "pagefind/bagian-1/pagefind-entry.json").is_file()
    assert not list((out / "pagefind").rglob("pagefind-ui.*"))  # only the JS API is published


def test_the_city_budget_lists_kecamatan_and_each_kecamatan_page_its_kelurahan(out):
    budgets = [i for i in range(COUNT) if i % 3 == 0]
    city = soup(out / "anggaran/index.html")
    rows = city.select("table.kp-anggaran")[0].select("tbody th a")
    assert [a.get_text() for a in rows] == sorted({KECAMATAN[i % 5] for i in budgets})
    assert not city.find("a", string=re.compile("Rekaan"))  # the city page lists no kelurahan
    total = city.select("table.kp-anggaran")[0].select_one("tfoot td").get_text()
    assert total == "Rp" + f"{sum(1_000_000 * (i + 1) for i in budgets):,}".replace(",", ".")
    for k in KECAMATAN:
        page = soup(out / "anggaran/kecamatan" / portal.slug(k) / "index.html")
        names = [a.get_text() for a in page.select("table.kp-anggaran")[0].select("tbody th a")]
        assert names == [f"Rekaan {i:02d}" for i in budgets if KECAMATAN[i % 5] == k]
        assert page.h1.get_text() == f"Anggaran kelurahan di Kecamatan {k}"
        assert f"{len(names)} dari {len(range(KECAMATAN.index(k), COUNT, 5))} kelurahan di kecamatan ini" in \
            " ".join(page.get_text().split())


# Pagefind writes its filter and meta files in a different order on every run (tests/test_shards.py):
# a re-indexed part is compared by how many of them it has, everything else byte for byte.
VOLATILE = re.compile(r"(?:^|/)pagefind/(?:.+/)?(?:filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|"
                      r"pagefind-entry\.json)$")


def portal_tree(out: Path) -> dict[str, bytes | int]:
    """{relative path: bytes} of the portal's published files (no site folder, no stamp)."""
    found: dict[str, bytes | int] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        if rel.startswith((".", "rekaan-")):
            continue
        if VOLATILE.search(rel):
            key = re.sub(r"(?<=[._])[0-9a-f]+(?=\.pf_)", "*", rel)
            found[key] = found.get(key, 0) + 1
        else:
            found[rel] = path.read_bytes()
    return found


def test_an_incremental_portal_equals_a_forced_one_after_each_edit(tmp_path, monkeypatch):
    """One berita's new title, then a new UMKM in one kelurahan: each build after an edit keeps
    the portal's sections, open data and per-site fingerprints the edit did not touch (and the
    ledger's digests of the files it kept), yet its portal is byte for byte the one a forced
    build makes from the same sites, and its ledger vouches for every portal file as it is."""
    from kelurahan.city.build import _theme_path
    from kelurahan.city.portal import build_portal
    from kelurahan.content.registry import load_city
    from kelurahan.fingerprint import code_stamp
    from kelurahan.output import PORTAL_LEDGER, read_json, read_portal_stamp, sha256
    from kelurahan.site.settings import default_config

    # the sitemaps too; their <lastmod> from a fixed source time, not from a `git log` that each
    # process (the builds, this one) runs on its own
    env = {**ENV, "KELURAHAN_URL": "https://kota-rekaan.example", "SOURCE_DATE_EPOCH": "1741564800"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    content, out = make_city(tmp_path), tmp_path / "out"
    assert run("build", "--content", content, "--output", out, env=env).returncode == 0
    berita = content / slug(3) / "berita/2025-02-04-posyandu.md"
    edits = [
        lambda: berita.write_text(berita.read_text(encoding="utf-8").replace(
            "judul: Posyandu Melati RW 3", "judul: Posyandu Melati RW 3 sudah dipindah"),
            encoding="utf-8"),
        lambda: write_tree(content, {f"{slug(5)}/umkm/warung.md": """
            ---
            judul: Warung Rekaan Baru
            kategori: kuliner
            contoh: true
            ---
            Usaha contoh kedua untuk uji.
            """}),
    ]
    config = default_config()
    code = code_stamp(_theme_path(config), config)
    for number, edit in enumerate(edits):
        umkm_page = (out / "umkm/index.html").stat().st_ino
        dashboard = out / "program/dasbor/kecamatan" / portal.slug(KECAMATAN[0]) / "index.html"
        dashboard_page = dashboard.stat().st_ino
        edit()
        proc = run("build", "--content", content, "--output", out, env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "1 dibangun" in proc.stdout and "portal dibangun" in proc.stdout
        # the title edit leaves the UMKM section in place; the new UMKM rebuilds it
        assert ((out / "umkm/index.html").stat().st_ino == umkm_page) == (number == 0)
        # a page whose inputs did not change is linked from the last build, not rendered
        assert (dashboard.stat().st_ino == dashboard_page) == (number == 0)
        # the city index's base part stayed in place: its rows were carried over, not walked
        assert "pagefind" in read_portal_stamp(out)["tetap"]
        ledger = read_json(out / PORTAL_LEDGER)
        ledger = {**ledger.get("shared", {}), **ledger["files"]}  # shared: the web editor's
        assert {rel: sha256(out / rel) for rel in ledger} == ledger
        assert set(ledger) >= {rel for rel in portal_tree(out) if "*" not in rel}
        forced = tmp_path / f"paksa-{number}"
        shutil.copytree(out, forced, symlinks=True)
        city = load_city(content, str(content))
        assert build_portal(city, forced, config, code, force=True)[0] == "built"
        # the search is held differently: the edited site's records in the susulan
        # (tests/test_cari_susulan.py), every other portal file byte for byte the forced one's
        search = ("pagefind/", "pagefind-susulan/", "cari/")
        incremental, expected = ({rel: data for rel, data in portal_tree(tree).items()
                                  if not rel.startswith(search)} for tree in (out, forced))
        assert sorted(incremental) == sorted(expected)
        assert [rel for rel in expected if incremental[rel] != expected[rel]] == []
        edited = {0: [slug(3)], 1: [slug(3), slug(5)]}[number]
        form = BeautifulSoup((out / "cari/index.html").read_text(encoding="utf-8"),
                             "html.parser").select_one("#kp-cari")
        assert sorted(form["data-basi"].split()) == sorted(edited)
        assert not BeautifulSoup((forced / "cari/index.html").read_text(encoding="utf-8"),
                                 "html.parser").select_one("#kp-cari").get("data-basi")
        assert any("Posyandu Melati RW 3 sudah dipindah" in page.read_text(encoding="utf-8")
                   for page in (out / "berita").rglob("index.html"))
