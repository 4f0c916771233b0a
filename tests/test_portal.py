"""The city portal, built from manifests: every kelurahan by kecamatan, the dashboard's numbers
against the content, city-wide directories and feed, and split builds giving the same portal."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, run, write_tree

from kelurahan.content.schema import PILAR_KEYS, TYPES

TODAY = "2025-03-10"
ENV = {"KELURAHAN_TANGGAL": TODAY, "KELURAHAN_URL": ""}

# Two more kelurahan, in a second kecamatan, beside the mini fixture's alpha and beta (Utara).
EXTRA = {
    "gamma/kelurahan.toml": """
        nama = "Gamma Raya"
        kecamatan = "Selatan"
        tagline = "Kampung batik tulis"
        warna = "#0b5d1e"
        pilot = true
        """,
    "gamma/berita/2025-02-20-pelatihan.md": """
        ---
        judul: Pelatihan Batik Tulis
        tanggal: 2025-02-20 10:00
        pilar: economy
        ---
        Warga belajar membatik dengan canting.
        """,
    "gamma/berita/2024-12-01-ronda.md": """
        ---
        judul: Ronda Malam Bersama
        tanggal: 2024-12-01
        pilar: society
        ---
        Ronda malam di setiap RW.
        """,
    "gamma/berita/2023-01-01-lama.md": """
        ---
        judul: Berita Lama Sekali
        tanggal: 2023-01-01
        pilar: living
        ---
        Di luar dua belas bulan terakhir.
        """,
    "gamma/umkm/batik-gamma.md": """
        ---
        judul: Batik Tulis Gamma
        kategori: batik
        contoh: true
        whatsapp: 0812-2222-3333
        harga: Rp150.000–Rp900.000
        ---
        Batik tulis halus buatan warga.
        """,
    "gamma/umkm/warung-gamma.md": """
        ---
        judul: Warung Nasi Megono
        kategori: kuliner
        contoh: true
        ---
        Nasi megono khas Pekalongan.
        """,
    "gamma/layanan/domisili.md": """
        ---
        judul: Surat Keterangan Domisili
        persyaratan: [Surat pengantar RT/RW, KTP-el]
        ---
        Keterangan tempat tinggal warga.
        """,
    "gamma/agenda/pameran.md": """
        ---
        judul: Pameran Batik Warga
        mulai: 2025-04-01 09:00
        tempat: Balai Kelurahan
        contoh: true
        ---
        Pameran karya batik.
        """,
    "delta/kelurahan.toml": """
        nama = "Delta"
        kecamatan = "Selatan"
        """,
    "delta/halaman/profil.md": """
        ---
        judul: Profil Kelurahan Delta
        pilar: environment
        ---
        Kelurahan di tepi sungai.
        """,
}
SITES = ("alpha", "beta", "delta", "gamma")


def make_city(root: Path) -> Path:
    """The fixture city: 4 kelurahan in 2 kecamatan (a copy of tests/fixtures/mini, extended)."""
    content = root / "content"
    shutil.copytree(FIXTURES / "mini", content)
    write_tree(content, EXTRA)
    return content


def build(content, out, *extra, **kw):
    return run("build", "--content", content, "--output", out, *extra, env=ENV, **kw)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """The city built once in full, and once in two runs of --site subsets."""
    root = tmp_path_factory.mktemp("portal")
    content = make_city(root)
    full, split = root / "full", root / "split"
    proc = build(content, full)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    first = build(content, split, "--site", "alpha", "--site", "gamma")
    second = build(content, split, "--site", "beta", "--site", "delta")
    assert first.returncode == 0 and second.returncode == 0, first.stdout + second.stdout
    return {"content": content, "full": full, "split": split, "first": first.stdout}


def test_portal_lists_every_site_by_kecamatan_with_its_card(city):
    page = soup(city["full"] / "index.html")
    groups = {h3.get_text(strip=True): [a.get_text(strip=True) for a in
                                        h3.find_next("ul").select(".kp-situs__nama")]
              for h3 in page.select("h3") if h3.get_text().startswith("Kecamatan")}
    assert groups == {"Kecamatan Selatan": ["Kelurahan Delta", "Kelurahan Gamma Raya"],
                      "Kecamatan Utara": ["Kelurahan Alpha", "Kelurahan Beta"]}
    gamma = page.find("a", string="Kelurahan Gamma Raya").find_parent("li")
    # The accent colour as a class, defined in the page's one (hashed) <style>: no style="".
    assert "kp-warna-0b5d1e" in gamma["class"]
    assert ".kp-warna-0b5d1e{--warna-kel:#0b5d1e}" in page.select_one("style").string
    assert gamma.select_one(".kp-lencana").get_text() == "Percontohan"
    assert gamma.select_one(".kp-situs__tagline").get_text() == "Kampung batik tulis"
    assert gamma.select_one(".kp-situs__kini").get_text() == "Berita terakhir: 20 Februari 2025"
    # a city this small lists every kelurahan on the home; each kecamatan also has its page
    assert [h3.a["href"] for h3 in page.select("h3[id^=kecamatan-]")] == ["./kecamatan/selatan/", "./kecamatan/utara/"]
    selatan = soup(city["full"] / "kecamatan/selatan/index.html")
    assert [a.get_text() for a in selatan.select(".kp-situs__nama")] == [
        "Kelurahan Delta", "Kelurahan Gamma Raya"]
    assert selatan.select_one(".kp-pnav a[aria-current=page]").get_text() == "Kelurahan"
    delta = page.find("a", string="Kelurahan Delta").find_parent("li")
    assert delta.select_one(".kp-situs__kini").get_text() == "Belum ada berita"
    assert not delta.select(".kp-lencana")


def _expected_counts(content: Path) -> dict:
    """Published items per kelurahan and pillar, read straight from the fixture's front matter."""
    counts = {slug: dict.fromkeys(PILAR_KEYS, 0) for slug in SITES}
    for path in content.glob("*/*/*.md"):
        slug, kind = path.parts[-3], path.parts[-2]
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if meta.get("status") == "draf":
            continue
        counts[slug][meta.get("pilar") or TYPES[kind].field("pilar").default] += 1
    return counts


def test_dashboard_counts_equal_the_content(city):
    expected = _expected_counts(city["content"])
    table = soup(city["full"] / "program/dasbor/index.html").select_one("table.kp-pheat")
    names = {"Alpha": "alpha", "Beta": "beta", "Gamma Raya": "gamma", "Delta": "delta"}
    seen = {}
    for row in table.select("tbody tr"):
        head = row.select_one("th[scope=row]")
        if head and head.get_text(strip=True) in names:
            cells = [td.get_text(strip=True) for td in row.select("td")]
            seen[names[head.get_text(strip=True)]] = cells
    assert set(seen) == set(SITES)
    for slug, cells in seen.items():
        assert [int(c) for c in cells[:6]] == [expected[slug][k] for k in PILAR_KEYS], slug
        assert int(cells[6]) == sum(expected[slug].values())
    assert seen["alpha"][7:] == ["25 Feb 2025", "Ya"]
    assert seen["gamma"][7:] == ["20 Feb 2025", "Ya"]
    assert seen["beta"][7:] == ["—", "Tidak"]
    subtotals = {r.th.get_text(strip=True): [td.get_text(strip=True) for td in r.select("td")]
                 for r in table.select("tr.kp-pheat__sub")}
    selatan = [expected["gamma"][k] + expected["delta"][k] for k in PILAR_KEYS]
    assert [int(c) for c in subtotals["Jumlah Kec. Selatan"][:6]] == selatan
    city_total = [int(td.get_text()) for td in table.select("tfoot td")[:7]]
    assert city_total == [sum(expected[s][k] for s in SITES) for k in PILAR_KEYS] + \
        [sum(sum(c.values()) for c in expected.values())]
    target = soup(city["full"] / "program/dasbor/index.html").select_one(".kp-ptarget p")
    assert " ".join(target.get_text().split()) == ("Target: 4 kelurahan tayang. Hari ini: 4 tayang "
                                                   "(100%), 2 aktif dalam 30 hari terakhir.")


def test_dashboard_chart_shows_twelve_months_of_berita_drawn_at_build_time(city):
    page = soup(city["full"] / "program/dasbor/index.html")
    svg = page.select_one("figure.kp-pgrafik svg")
    assert svg["role"] == "img" and len(svg.select("rect")) == 12
    months = [t.get_text() for t in svg.select("text.kp-pgrafik__bulan")]
    assert months[0] == "Apr" and months[-1] == "Mar"
    counts = [int(t.get_text()) for t in svg.select("text.kp-pgrafik__angka")]
    assert counts == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0]  # Des 2024: 1, Feb 2025: 2


def test_split_builds_give_the_same_portal_as_one_full_build(city):
    full, split = city["full"], city["split"]
    # The sites left for the second run are named once, as information (issue 23, item 3).
    assert "info: 2 situs tidak dibangun dalam proses ini" in city["first"]
    assert "belum tampil di portal: beta, delta" in city["first"]
    assert "peringatan" not in city["first"].replace("0 peringatan", "")
    entries = json.loads((full / ".kp-portal.json").read_text())["entries"]
    # the same entries, and the susulan of the sites the second run built (below)
    assert sorted(entries + ["pagefind-susulan"]) == sorted(
        json.loads((split / ".kp-portal.json").read_text())["entries"])
    assert "pagefind" in entries  # the city's one index, made from the manifests
    compared = 0
    for name in entries:
        if name in ("pagefind", "pagefind-susulan", "cari"):
            continue  # the search: the same records, held differently (below)
        for path in sorted((full / name).rglob("*") if (full / name).is_dir() else [full / name]):
            if path.is_file():
                rel = path.relative_to(full)
                assert path.read_bytes() == (split / rel).read_bytes(), rel
                compared += 1
    assert compared >= 30  # every other file of the portal, byte for byte
    # The city index: the first run indexed its parts with alpha and gamma; the second run's
    # sites are in the susulan (site/search.py, plan), their places in the parts hidden. A
    # forced build folds them back (tests/browser/test_cari_susulan.py: the same results).
    form_full = soup(full / "cari/index.html").select_one("#kp-cari")
    form_split = soup(split / "cari/index.html").select_one("#kp-cari")
    assert not form_full.get("data-basi") and "pagefind-susulan" not in form_full["data-indeks"].split()
    assert form_split["data-basi"].split() == ["beta", "delta"]
    assert form_split["data-indeks"].split() == form_full["data-indeks"].split() + ["pagefind-susulan"]
    assert (split / "pagefind-susulan/pagefind-entry.json").is_file()
    assert not (full / "pagefind-susulan").exists()
    for folder in form_full["data-indeks"].split():  # the parts, as the first run wrote them
        assert (full / folder / "pagefind-entry.json").is_file()
        assert (split / folder / "pagefind-entry.json").is_file()
    options = soup(full / "cari/index.html").select("#kp-cari-kelurahan optgroup")
    assert [(g["label"], [(o["value"], o.get_text()) for o in g.select("option")]) for g in options] \
        == [("Kec. Selatan", [("delta", "Delta"), ("gamma", "Gamma Raya")]),
            ("Kec. Utara", [("alpha", "Alpha"), ("beta", "Beta")])]


def _written(out: Path) -> dict:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*")
            if p.is_file()}


def _indexed_text(bundle: Path) -> str:
    """Every page text of a Pagefind index (its fragments, gzip + signature)."""
    return " ".join(gzip.decompress(p.read_bytes())[12:].decode()
                    for p in bundle.rglob("fragment/*"))


def test_one_edited_berita_reindexes_its_site_and_the_city_index_from_manifests_only(tmp_path):
    content, out = make_city(tmp_path), tmp_path / "out"
    assert build(content, out).returncode == 0
    assert "Pelatihan Batik Tulis" in _indexed_text(out / "pagefind")
    before = _written(out)
    berita = content / "gamma/berita/2025-02-20-pelatihan.md"
    berita.write_text(berita.read_text().replace("Pelatihan Batik Tulis", "Pelatihan Batik Cap"))
    proc = build(content, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 situs: 1 dibangun, 3 dilewati, 0 gagal; portal dibangun" in proc.stdout
    after = _written(out)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    indexes = {rel.split("/")[0] for rel in changed if "/pagefind/" in f"/{rel}"}
    assert indexes == {"gamma", "pagefind"}  # the edited site's own index and the city's
    assert "Pelatihan Batik Cap" in _indexed_text(out / "gamma/pagefind")
    assert "Pelatihan Batik Cap" in _indexed_text(out / "pagefind")
    assert "Pelatihan Batik Cap" in (out / "berita/index.html").read_text()
    assert "Pelatihan Batik Cap" in (out / "data/v1/berita.json").read_text()
    # the portal rebuilt what shows berita; its UMKM, wisata and layanan pages were kept
    assert {"berita/index.html", "index.html", "data/v1/berita.json"} <= changed
    assert not {rel for rel in changed if rel.split("/")[0] in ("umkm", "wisata", "layanan")}
    assert "data/v1/umkm.json" not in changed
    assert not list(out.rglob("*.sha256"))  # linked from the previous output, not the cache
    berita.write_text(berita.read_text() + "\nSatu kalimat lagi di badan berita.\n")
    before = _written(out)
    proc = build(content, out)
    assert "4 situs: 1 dibangun, 3 dilewati, 0 gagal; portal dibangun" in proc.stdout
    assert "Satu kalimat lagi" in _indexed_text(out / "gamma/pagefind")
    # The opening of a text is searched city-wide too; no list shows it, so none is rewritten.
    assert "Satu kalimat lagi" in _indexed_text(out / "pagefind")
    changed = {rel for rel, mtime in _written(out).items() if before.get(rel) != mtime}
    assert not {rel for rel in changed if rel.split("/")[0] in ("berita", "umkm", "wisata", "layanan")}
    umkm = content / "gamma/umkm/batik-gamma.md"
    umkm.write_text(umkm.read_text().replace("judul: Batik Tulis Gamma", "judul: Batik Gamma Jaya"))
    before = _written(out)
    assert "portal dibangun" in build(content, out).stdout
    changed = {rel for rel, mtime in _written(out).items() if before.get(rel) != mtime}
    assert {"umkm/index.html", "data/v1/umkm.json"} <= changed and "berita/index.html" not in changed
    assert "Batik Gamma Jaya" in (out / "umkm/index.html").read_text()


def test_umkm_directory_filters_by_kategori_and_kelurahan_without_javascript(city):
    out = city["full"]

    def titles(rel):
        page = soup(out / rel)
        assert not page.select("script[src*=umkm]")
        return sorted(a.get_text() for a in page.select(".kp-entri__judul a"))

    assert titles("umkm/index.html") == ["Batik Contoh", "Batik Tulis Gamma", "Warung Nasi Megono"]
    assert titles("umkm/kategori/batik/index.html") == ["Batik Contoh", "Batik Tulis Gamma"]
    assert titles("umkm/kategori/kuliner/index.html") == ["Warung Nasi Megono"]
    assert titles("umkm/kelurahan/gamma/index.html") == ["Batik Tulis Gamma", "Warung Nasi Megono"]
    assert not (out / "umkm/kategori/jasa").exists() and not (out / "umkm/kelurahan/beta").exists()
    page = soup(out / "umkm/kategori/batik/index.html")
    assert page.select_one(".kp-pfilter a[aria-current=page]").get_text(" ", strip=True) == "Batik (2)"
    order = page.select("a.kp-ptombol")
    assert [a.get_text() for a in order] == ["Pesan lewat WhatsApp ke Batik Contoh",
                                             "Pesan lewat WhatsApp ke Batik Tulis Gamma"]
    assert order[1]["href"].startswith("https://wa.me/6281222223333?text=Halo%20Batik%20Tulis%20Gamma")


def test_every_link_of_the_portal_leads_to_a_page(city):
    out = city["full"]
    checked = 0
    for page in out.glob("**/index.html"):
        rel = page.relative_to(out)
        if rel.parts[0] in SITES:
            continue
        for a in soup(page).select("a[href]"):
            href = a["href"].split("#")[0].split("?")[0]
            if not href or re.match(r"^[a-z]+:", href):
                continue
            target = (page.parent / href).resolve()
            assert (target / "index.html").is_file() or target.is_file(), f"{rel}: {href}"
            checked += 1
    assert checked > 100


def test_city_wide_lists_berita_agenda_layanan_and_the_programme(city):
    out = city["full"]
    berita = [a.get_text() for a in soup(out / "berita/index.html").select(".kp-entri__judul a")]
    assert berita == ["Rapat Koordinasi", "Pelatihan Batik Tulis", "Ronda Malam Bersama",
                      "Berita Lama Sekali"]
    agenda = soup(out / "agenda/index.html")
    assert [a.get_text() for a in agenda.select(".kp-entri__judul a")] == \
        ["Pameran Batik Warga", "Kerja Bakti"]  # both after 10 March 2025, in date order
    layanan = soup(out / "layanan/index.html").select_one(".kp-entri")
    assert layanan.h2.get_text() == "Surat Keterangan Domisili"
    assert [a.get_text() for a in layanan.select("ul a")] == ["Alpha", "Beta", "Gamma Raya"]
    program = soup(out / "program/index.html")
    assert [h.get_text(" ", strip=True) for h in program.select(".kp-ppilar h2")][0] == \
        "Smart Governance — Tata Kelola Pemerintahan"


def test_city_feed_is_atom_with_the_latest_berita(city):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(city["full"] / "feeds/semua.atom.xml").getroot()
    assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == \
        ["Rapat Koordinasi", "Pelatihan Batik Tulis", "Ronda Malam Bersama", "Berita Lama Sekali"]
    first = feed.find("a:entry", ns)
    # Read by other machines: the published address even in a local build, as the sites' feeds.
    assert first.find("a:link", ns).get("href") == \
        "https://contoh.github.io/kota/alpha/berita/2025-02-25-rapat/"
    assert first.findtext("a:id", namespaces=ns) == \
        "https://contoh.github.io/kota/alpha/berita/2025-02-25-rapat/"
    assert first.findtext("a:published", namespaces=ns) == "2025-02-25T09:00:00+07:00"
    assert feed.findtext("a:updated", namespaces=ns) == "2025-02-25T09:00:00+07:00"


def test_city_feed_without_a_publishing_address_has_urn_ids_and_an_xml_base():
    from kelurahan.city.portal import atom

    berita = [{"judul": "Rapat", "href": "alpha/berita/rapat/", "tanggal": dt.datetime(2025, 2, 25),
               "tipe": "berita", "pilar": "governance", "kelurahan": {"nama": "Alpha"}}]
    feed = ET.fromstring(atom({"nama": "Kota Contoh Raya"}, berita, "", dt.date(2025, 3, 10), "Kota"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == "../"
    assert feed.findtext("a:id", namespaces=ns) == "urn:kelurahan-pintar:kota-contoh-raya"
    entry = feed.find("a:entry", ns)
    assert entry.findtext("a:id", namespaces=ns) == \
        "urn:kelurahan-pintar:kota-contoh-raya:alpha/berita/rapat/"
    assert entry.find("a:link", ns).get("href") == "alpha/berita/rapat/"


def test_build_date_comes_from_the_environment_and_a_wrong_one_is_a_usage_error(city, tmp_path):
    page = soup(city["full"] / "program/dasbor/index.html")
    # The dashboard states the last day its figures changed up to the build's day (issue 19: a
    # quiet day publishes nothing): here the new month of TODAY, its activity window's start.
    assert page.select_one("main time")["datetime"] == TODAY[:8] + "01"
    proc = run("build", "--content", city["content"], "--output", tmp_path / "out", "--site", "beta",
               env={"KELURAHAN_TANGGAL": "10-03-2025"})
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == (
        'kelurahan: KELURAHAN_TANGGAL "10-03-2025" bukan tanggal — tulis TAHUN-BULAN-HARI, '
        "misalnya 2025-03-01, atau kosongkan untuk tanggal hari ini")


def test_default_build_date_is_today_in_wib(monkeypatch):
    from kelurahan import clock

    monkeypatch.delenv("KELURAHAN_TANGGAL", raising=False)
    wib = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    assert clock.today() == wib


def test_a_portal_rendered_from_an_announced_manifest_is_used_only_if_the_site_built(tmp_path):
    """An edit's portal is rendered from the manifest the site's worker announces; if that site
    then fails, the output still holds the old manifest and the early portal is thrown away."""
    from kelurahan.city.build import _theme_path
    from kelurahan.fingerprint import code_stamp
    from kelurahan.city.portal import build_portal, prepare_portal
    from kelurahan.content.registry import load_city
    from kelurahan.site.settings import default_config

    content, out = make_city(tmp_path), tmp_path / "out"
    assert build(content, out).returncode == 0
    city, config = load_city(content, str(content)), default_config()
    code = code_stamp(_theme_path(config), config)
    announced = json.loads((out / "gamma/manifest.json").read_text())
    berita = next(item for item in announced["item"] if item["tipe"] == "berita")
    berita["judul"] = "Judul yang tidak pernah terbit"
    data = json.dumps(announced).encode()
    status, _, prepared = prepare_portal(city, out, config, code, override={"gamma": data})
    assert status == "built" and prepared is not None
    build_portal(city, out, config, code, prepared=prepared)  # gamma's output is unchanged
    assert not prepared.new.exists()
    assert "Judul yang tidak pernah terbit" not in "".join(
        p.read_text(errors="ignore") for p in out.rglob("*.html") if "/gamma/" not in str(p))


def test_a_portal_rendered_while_the_last_site_is_still_building_is_put_in_place(tmp_path):
    """A build of every site renders the portal once all manifests are announced, while the last
    worker still indexes and swaps its site: that site counts as searchable, so the portal
    matches the output afterwards and is used as rendered."""
    from kelurahan.city.build import _theme_path
    from kelurahan.fingerprint import code_stamp
    from kelurahan.city.portal import build_portal, prepare_portal
    from kelurahan.content.registry import load_city
    from kelurahan.site.settings import default_config

    content, out = make_city(tmp_path), tmp_path / "out"
    assert build(content, out).returncode == 0
    city, config = load_city(content, str(content)), default_config()
    code = code_stamp(_theme_path(config), config)
    announced = {s.slug: (out / s.slug / "manifest.json").read_bytes() for s in city.sites}
    (out / "gamma").rename(out / ".baru-gamma")  # not swapped in yet: no search index in place
    status, _, prepared = prepare_portal(city, out, config, code, force=True, override=announced)
    (out / ".baru-gamma").rename(out / "gamma")
    assert status == "built" and prepared is not None
    (prepared.new / "penanda.txt").write_text("dirender lebih awal")
    assert build_portal(city, out, config, code, prepared=prepared)[0] == "built"
    assert (out / "penanda.txt").read_text() == "dirender lebih awal"
    assert "gamma" in (out / "cari/index.html").read_text(encoding="utf-8")
