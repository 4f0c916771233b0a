"""Scheduled publishing, urgent notices and "Terakhir ditinjau": the fixture city built on
several days (KELURAHAN_TANGGAL), as the daily scheduled run builds it."""

import json

import pytest
from bs4 import BeautifulSoup
from conftest import run, write_tree

MONDAY = """
    ---
    judul: Pengumuman Senin
    tanggal: 2026-12-14 07:00
    pilar: governance
    ---
    Disiapkan hari Jumat, terbit hari Senin.
"""


def build(content, out, day, *extra):
    return run("build", "--content", content, "--output", out, *extra,
               env={"KELURAHAN_TANGGAL": day, "KELURAHAN_URL": ""})


def html(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def city(mini):
    """The mini city with a berita for Monday 07:00, a darurat notice of one kelurahan and a
    city-wide one (all examples)."""
    write_tree(mini, {
        "alpha/berita/2026-12-14-senin.md": MONDAY,
        "alpha/pengumuman/rob.md": """
            ---
            judul: Rob di RW 03
            tingkat: darurat
            mulai: 2026-12-12 06:00
            berakhir: 2026-12-13 18:00
            contoh: true
            ---
            Jalan di RW 03 tergenang rob. Hindari **Jalan Contoh**.
        """,
        "pengumuman/air.md": """
            ---
            judul: Air PDAM mati
            tingkat: penting
            mulai: 2026-12-13
            berakhir: 2026-12-14
            contoh: true
            ---
            Pasokan air terhenti sementara di seluruh kota.
        """,
    })
    return mini


def test_a_future_berita_appears_on_its_day_and_not_before(city, tmp_path):
    out = tmp_path / "out"
    page = out / "alpha/berita/2026-12-14-senin/index.html"
    for day, shown in [("2026-12-11", False), ("2026-12-14", False), ("2026-12-14 07:00", True),
                       ("2026-12-15", True)]:
        proc = build(city, out, day, "--publish")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert page.is_file() is shown, day
        listing = (out / "alpha/berita/index.html").read_text()
        feed = (out / "alpha/feeds/semua.atom.xml").read_text()
        sitemap = (out / "alpha/sitemap.xml").read_text()
        manifest = (out / "alpha/manifest.json").read_text()
        for where, text in [("list", listing), ("feed", feed), ("sitemap", sitemap),
                            ("manifest", manifest)]:
            assert ("2026-12-14-senin" in text) is shown, (day, where)
        portal = (out / "index.html").read_text()
        assert ("Pengumuman Senin" in portal) is shown, day


def test_the_day_it_is_due_rebuilds_the_site_and_nothing_else_does(city, tmp_path):
    out = tmp_path / "out"
    build(city, out, "2026-12-14 06:00")
    again = build(city, out, "2026-12-14 06:30")
    assert "alpha" in again.stdout and "0 dibangun" in again.stdout, again.stdout
    due = build(city, out, "2026-12-14 07:00")
    assert "1 dibangun" in due.stdout, due.stdout
    assert (out / "alpha/berita/2026-12-14-senin/index.html").is_file()


def test_verify_refuses_a_page_published_before_its_time(city, tmp_path):
    out = tmp_path / "out"
    build(city, out, "2026-12-14 07:00")
    proc = run("verify", "--content", city, "--output", out,
               env={"KELURAHAN_TANGGAL": "2026-12-14 06:00", "KELURAHAN_URL": ""})
    assert proc.returncode == 1
    assert (f"{city}/alpha/berita/2026-12-14-senin.md: tulisan yang belum waktunya ini terbit "
            "sebagai alpha/berita/2026-12-14-senin/index.html — hapus halaman itu dari keluaran "
            "lalu bangun ulang") in proc.stdout, proc.stdout


def test_the_web_editor_offers_pengumuman_from_its_schema(city, tmp_path):
    out = tmp_path / "out"
    build(city, out, "2026-12-12")
    import yaml

    config = yaml.safe_load((out / "alpha/admin/config.yml").read_text())
    collection = next(c for c in config["collections"] if c["name"] == "pengumuman-alpha")
    assert collection["label"] == "Pengumuman"
    assert collection["folder"] == "content/alpha/pengumuman"
    fields = {f["name"]: f for f in collection["fields"]}
    assert [o["value"] for o in fields["tingkat"]["options"]] == ["info", "penting", "darurat"]
    assert fields["berakhir"]["widget"] == "datetime"


def test_check_says_when_a_scheduled_item_will_appear(city):
    proc = run("check", "--content", city, env={"KELURAHAN_TANGGAL": "2026-12-11"})
    assert (f"{city}/alpha/berita/2026-12-14-senin.md:3: info: akan terbit Senin, 14 Desember "
            "2026 pukul 07.00 WIB — sampai saat itu tidak tampil di situs") in proc.stdout, \
        proc.stdout
    assert proc.returncode == 0


def test_check_says_when_a_notice_has_ended(city):
    proc = run("check", "--content", city, env={"KELURAHAN_TANGGAL": "2026-12-14"})
    assert (f"{city}/alpha/pengumuman/rob.md:5: info: sudah berakhir Minggu, 13 Desember 2026 "
            "pukul 18.00 WIB dan tidak tampil lagi — hapus berkasnya bila tidak diperlukan lagi") \
        in proc.stdout, proc.stdout


def _banners(page):
    return [(s.h2.get_text(" ", strip=True), s["aria-labelledby"])
            for s in html(page).select("section.kp-pengumuman")]


def test_a_notice_shows_from_mulai_until_berakhir_on_every_page(city, tmp_path):
    out = tmp_path / "out"
    pages = ["alpha/index.html", "alpha/layanan/domisili/index.html", "alpha/404.html"]
    build(city, out, "2026-12-12 05:59")
    for rel in pages:
        assert _banners(out / rel) == [], rel
    assert not (out / "alpha/pengumuman/rob/index.html").exists()
    build(city, out, "2026-12-12 06:00")
    for rel in pages:
        assert _banners(out / rel) == [("Darurat Rob di RW 03 (contoh)", "pengumuman-rob")], rel
    section = html(out / "alpha/index.html").select_one("section.kp-pengumuman--darurat")
    assert section["role"] == "region"
    assert section.select_one("#pengumuman-rob").name == "h2"
    assert section.select_one(".kp-pengumuman__isi strong").get_text() == "Jalan Contoh"
    assert "Berlaku sampai Minggu, 13 Desember 2026 pukul 18.00 WIB" in section.get_text(" ")
    assert _banners(out / "beta/index.html") == []  # one kelurahan's notice stays on its site
    assert (out / "alpha/pengumuman/rob/index.html").is_file()
    build(city, out, "2026-12-12 06:00", "--publish")
    feed = (out / "alpha/feeds/semua.atom.xml").read_text()
    assert "<title>Darurat: Rob di RW 03</title>" in feed
    build(city, out, "2026-12-13 18:00", "--publish")
    assert "Rob di RW 03" not in (out / "alpha/feeds/semua.atom.xml").read_text()
    assert [t for t, _ in _banners(out / "alpha/index.html")] == ["Penting Air PDAM mati (contoh)"]
    assert not (out / "alpha/pengumuman/rob/index.html").exists()


def test_a_city_notice_is_on_every_site_and_the_portal_until_it_ends(city, tmp_path):
    out = tmp_path / "out"
    build(city, out, "2026-12-13 08:00")
    for rel in ["index.html", "alpha/index.html", "beta/index.html", "beta/layanan/domisili/index.html"]:
        titles = [t for t, _ in _banners(out / rel)]
        assert "Penting Air PDAM mati (contoh)" in titles, rel
    text = html(out / "beta/index.html").select_one(".kp-pengumuman--penting").get_text(" ")
    assert "Pengumuman Pemerintah Kota Contoh" in text
    proc = build(city, out, "2026-12-14")
    assert "0 dilewati" in proc.stdout  # the notice ended: every site rebuilt
    for rel in ["index.html", "alpha/index.html", "beta/index.html"]:
        assert "Air PDAM mati" not in (out / rel).read_text(), rel


def test_the_city_notices_folder_is_not_a_kelurahan(city, tmp_path):
    proc = build(city, tmp_path / "out", "2026-12-13")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 situs" in proc.stdout
    assert not (tmp_path / "out/pengumuman").exists()


def test_a_darurat_notice_must_end(city):
    write_tree(city, {"alpha/pengumuman/banjir.md": """
        ---
        judul: Banjir
        tingkat: darurat
        ---
        Banjir.
    """})
    proc = run("check", "--content", city, env={"KELURAHAN_TANGGAL": "2026-12-13"})
    assert (f"{city}/alpha/pengumuman/banjir.md:3: pengumuman darurat wajib punya waktu berakhir "
            "— tambahkan baris berakhir: 2026-12-15 18:00 (WIB)") in proc.stdout, proc.stdout
    assert proc.returncode == 1


def test_an_agenda_item_moves_from_upcoming_to_past(city, tmp_path):
    out = tmp_path / "out"
    for day, heading in [("2030-01-05 06:00", "Akan datang"), ("2030-01-06", "Sudah berlangsung")]:
        build(city, out, day)
        page = html(out / "alpha/agenda/index.html")
        item = page.find("a", string=lambda s: s and "Kerja Bakti" in s)
        assert item is not None
        assert item.find_previous("h2").get_text(strip=True) == heading, day


def test_layanan_shows_when_it_was_last_reviewed_and_check_warns_after_12_months(city, tmp_path):
    path = city / "alpha/layanan/domisili.md"
    path.write_text(path.read_text().replace("---\n", "---\nditinjau: 2025-12-01\n", 1))
    out = tmp_path / "out"
    build(city, out, "2026-12-01")
    text = html(out / "alpha/layanan/domisili/index.html").select_one(".kp-ditinjau").get_text()
    assert text == "Terakhir ditinjau: 1 Desember 2025"
    fresh = run("check", "--content", city, env={"KELURAHAN_TANGGAL": "2026-12-01"})
    assert "ditinjau" not in fresh.stdout
    old = run("check", "--content", city, env={"KELURAHAN_TANGGAL": "2026-12-02"})
    assert (f"{city}/alpha/layanan/domisili.md:2: peringatan: layanan ini terakhir ditinjau "
            "1 Desember 2025, lebih dari 12 bulan lalu — periksa persyaratan, prosedur, waktu dan "
            "biaya bersama petugas, lalu perbarui ditinjau") in old.stdout, old.stdout


def test_the_dry_run_is_empty_on_a_day_with_nothing_due_and_not_on_the_day_it_is(city, tmp_path):
    import subprocess

    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True)

    def publish(day, *extra):  # as terbit.yml runs it: the sources' time is the commit's
        return run("publish", "--content", city, "--output", tmp_path / "out", "--remote",
                   tmp_path / "remote.git", *extra, cwd=tmp_path,
                   env={"KELURAHAN_TANGGAL": day, "KELURAHAN_URL": "",
                        "SOURCE_DATE_EPOCH": "1765324800"})

    first = publish("2026-12-10 00:07")
    assert first.returncode == 0, first.stdout + first.stderr
    quiet = publish("2026-12-11 00:07", "--dry-run")
    assert quiet.stdout.splitlines()[-1] == \
        "Halaman dan data (di luar indeks pencarian): 0 baru, 0 berubah, 0 dihapus", quiet.stdout
    assert "2 situs: 0 dibangun, 2 dilewati" in quiet.stdout  # nothing due: nothing rebuilt
    due = publish("2026-12-14 07:37", "--dry-run")
    assert "  + alpha/berita/2026-12-14-senin/index.html" in due.stdout.splitlines(), due.stdout
    assert "Halaman dan data (di luar indeks pencarian): 0 baru" not in due.stdout
