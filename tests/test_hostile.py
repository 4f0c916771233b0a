"""A content tree written by an attacker with an editor account: every command runs over it
under a time and a memory limit, prints no traceback, names the file of every failure, builds
the clean sites beside it, and changes no source file.

The hostile files are made here: links out of the tree and to /dev/zero, a dangling link, loops,
a FIFO, a linked kelurahan folder, a YAML alias bomb, deep nesting, "." and ".." slugs, a
halaman taking the address of the search page, two files with one address, control characters,
a decompression bomb, an over-long tag, and spreadsheet formulas in a clean site's UMKM.
"""

from __future__ import annotations

import csv
import io
import os
import resource
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import time
import urllib.request
import zlib
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

MEMORY = 1536 * 1024 * 1024  # address space of each command (its workers inherit it)
SECONDS = 60

TOML = 'nama = "{nama}"\nkecamatan = "Pekalongan Barat"\n'
BERITA = "---\njudul: {judul}\ntanggal: 2025-02-25\npilar: governance\n{extra}---\nIsi berita.\n"
HALAMAN = "---\njudul: {judul}\n{extra}---\nIsi halaman.\n"
LAUGHS = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else '"lol"'] * 9) + "]\n"
                 for i in range(9))


def png_bomb(width: int = 50_000, height: int = 50_000) -> bytes:
    """A tiny PNG declaring ``width`` × ``height`` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())


def make_tree(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "mini", content)
    outside = root / "luar"
    write(outside / "nik.md", BERITA.format(judul="NIK 3375010101010001", extra=""))
    write(outside / "layanan/rahasia.md", HALAMAN.format(judul="Rahasia", extra=""))
    write(outside / "kelurahan/kelurahan.toml", TOML.format(nama="Salinan"))
    # A clean site's UMKM whose cells a spreadsheet would run: published, but inert in the CSV.
    os.symlink("clerk@laptop.4242:1700000000", content / "beta/layanan/.#domisili.md")  # Emacs's lock
    write(content / "beta/umkm/rumus.md", '---\njudul: "=HYPERLINK(\\"http://x.example\\",\\"klik\\")"\n'
          "pemilik: \"@SUM(1+1)*cmd|' /C calc'!A0\"\n---\nIsi.\n")

    tautan = content / "tautan"
    write(tautan / "kelurahan.toml", TOML.format(nama="Tautan"))
    write(tautan / "halaman/profil.md", HALAMAN.format(judul="Profil", extra=""))
    # An ordinary mistake beside the links: check still reports it.
    write(tautan / "halaman/salah.md", "---\njudul: [Salah\n---\nIsi.\n")
    (tautan / "berita").mkdir()
    (tautan / "gambar").mkdir()
    os.symlink(outside / "nik.md", tautan / "berita/nik.md")
    os.symlink("/dev/zero", tautan / "berita/nol.md")
    os.symlink("/dev/zero", tautan / "gambar/nol.jpg")
    os.symlink("tidak-ada.md", tautan / "halaman/hilang.md")
    os.symlink("putar.md", tautan / "halaman/putar.md")
    os.symlink("..", tautan / "gambar/lingkar")
    (tautan / "agenda/a").mkdir(parents=True)
    (tautan / "agenda/b").mkdir()
    os.symlink("../b", tautan / "agenda/a/ke-b")  # two links leading to each other
    os.symlink("../a", tautan / "agenda/b/ke-a")
    os.symlink(outside / "layanan", tautan / "layanan")
    os.mkfifo(tautan / "halaman/antre.md")
    os.symlink(outside / "kelurahan", content / "salinan")

    racun = content / "racun"
    write(racun / "kelurahan.toml", TOML.format(nama="Racun"))
    files = {
        "berita/tawa.md": "---\njudul: Tawa\ntanggal: 2025-02-25\npilar: governance\n" + LAUGHS
        + "---\nIsi.\n",
        "berita/dalam.md": "---\njudul: Dalam\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\nIsi.\n",
        "berita/sarang.md": "---\njudul: Sarang\nx: " + "[" * 1_000 + "]" * 1_000 + "\n---\nIsi.\n",
        "berita/titik-dua.md": BERITA.format(judul="Titik dua", extra='slug: ".."\n'),
        "berita/titik.md": BERITA.format(judul="Titik", extra='slug: "."\n'),
        "berita/kembar.md": BERITA.format(judul="Kembar", extra="judul: Lagi\n"),
        "berita/kendali.md": "---\njudul: Kendali\ntanggal: 2025-02-25\npilar: governance\n---\n"
        "Baris biasa.\nAda\x0btab vertikal.\nAda \x01 juga.\nDan &#65534; ini.\n",
        "berita/tag.md": BERITA.format(judul="Tag", extra="tag: [" + "a" * 300 + "]\n"),
        "berita/bom.md": BERITA.format(judul="Bom", extra="gambar: bom.png\ngambar_alt: Bom\n"),
        "halaman/cari.md": HALAMAN.format(judul="Cari", extra="slug: cari\n"),
        "halaman/satu.md": HALAMAN.format(judul="Satu", extra="slug: sama\n"),
        "halaman/dua.md": HALAMAN.format(judul="Dua", extra="slug: sama\n"),
        "gambar/bom.png": png_bomb(),
    }
    for rel, text in files.items():
        write(racun / rel, text)
    return content


def snapshot(root: Path) -> dict:
    """Every entry under ``root`` as lstat sees it, and the bytes of regular files."""
    seen = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder) / name
            st = path.lstat()
            data = path.read_bytes() if stat.S_ISREG(st.st_mode) else os.readlink(path) \
                if stat.S_ISLNK(st.st_mode) else ""
            seen[str(path.relative_to(root))] = (stat.S_IFMT(st.st_mode), st.st_mtime_ns, data)
    return seen


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    os.setsid()  # its own process group: a hang is killed with every worker


def start(*args, cwd: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "KELURAHAN_SITE"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.Popen([sys.executable, "-m", "kelurahan", *map(str, args)], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_limits)


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    proc = start(*args, cwd=cwd)
    try:
        out, err = proc.communicate(timeout=SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"kelurahan {' '.join(map(str, args))} did not finish in {SECONDS} s")
    assert "Traceback" not in out + err, out + err
    assert "MemoryError" not in out + err, out + err
    assert "Warning:" not in err, err  # Python's warnings are English noise without a file
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    make_tree(root)
    before = snapshot(root / "content")
    yield root
    assert snapshot(root / "content") == before, "a command changed the content tree"


@pytest.fixture(scope="module")
def built(tree):
    return run("build", "--content", "content", "--output", "output", "--jobs", "2", cwd=tree)


LINK_OUT = "tautan simbolik ini menunjuk ke luar folder kelurahan — ganti tautan ini dengan berkas aslinya"
DANGLING = "tautan simbolik ini rusak: tujuannya tidak ada — hapus tautan ini atau ganti dengan berkas aslinya"
LOOP = ("tautan simbolik ini berputar (menunjuk ke dirinya sendiri, ke folder di atasnya, atau ke "
        "folder yang berisi tautan folder lain) — hapus tautan ini")
SPECIAL = ("ini bukan berkas biasa (FIFO, perangkat, atau soket) — hapus berkas ini; simpan tulisan "
           "sebagai .md dan gambar di folder gambar/")
LINKS = [
    f"content/tautan/berita/nik.md: {LINK_OUT}",
    f"content/tautan/berita/nol.md: {LINK_OUT}",
    f"content/tautan/gambar/nol.jpg: {LINK_OUT}",
    f"content/tautan/layanan: {LINK_OUT}",
    f"content/tautan/halaman/hilang.md: {DANGLING}",
    f"content/tautan/halaman/putar.md: {LOOP}",
    f"content/tautan/gambar/lingkar: {LOOP}",
    f"content/tautan/agenda/a/ke-b: {LOOP}",
    f"content/tautan/agenda/b/ke-a: {LOOP}",
    f"content/tautan/halaman/antre.md: {SPECIAL}",
    "content/salinan: folder kelurahan ini adalah tautan simbolik — ganti tautan ini dengan folder aslinya",
]
POISON = [
    "content/racun/berita/tawa.md:5: front matter memakai jangkar/alias YAML (& atau *) — tulis setiap "
    "nilai secara langsung, tanpa & dan *",
    "content/racun/berita/dalam.md:3: baris terlalu panjang (200003 karakter, paling banyak 20000) — "
    "pecah baris ini menjadi beberapa paragraf",
    "content/racun/berita/sarang.md:3: front matter bersarang terlalu dalam (lebih dari 16 tingkat) — "
    "tulis daftar dan kunci dengan paling banyak beberapa tingkat",
    'content/racun/berita/kembar.md:5: kunci "judul" ditulis dua kali (juga di baris 2) — hapus salah '
    "satunya; hanya satu nilai yang bisa dipakai",
    "content/racun/berita/kendali.md:7: karakter kendali tak terlihat (U+000B) di baris ini — hapus "
    "karakter itu (biasanya terbawa saat menyalin dari dokumen lain): ketik ulang baris ini",
    "content/racun/berita/kendali.md:8: karakter kendali tak terlihat (U+0001) di baris ini — hapus "
    "karakter itu (biasanya terbawa saat menyalin dari dokumen lain): ketik ulang baris ini",
    "content/racun/berita/kendali.md:9: kode karakter &#65534; tidak boleh dipakai (karakter kendali "
    "atau bukan karakter) — hapus &#65534; dari baris ini",
    'content/racun/halaman/cari.md:3: alamat halaman "cari/" sudah dipakai situs untuk halaman cari — '
    "ganti nama berkas atau tulis slug yang lain",
    'content/racun/halaman/satu.md:3: alamat halaman "sama/" sama dengan content/racun/halaman/dua.md, '
    "sehingga salah satunya hilang — ganti nama berkas atau tulis slug yang lain",
]
# Reported with their file and line; the wording is the schemas' (slugs, tags) or the images'.
NAMED = ["content/racun/berita/titik-dua.md:5: ", "content/racun/berita/titik.md:5: ",
         "content/racun/berita/tag.md:5: ", "content/racun/berita/bom.md:"]


def _lines(proc) -> list[str]:
    return proc.stdout.splitlines() + proc.stderr.splitlines()


def test_build_refuses_each_hostile_file_by_name_and_builds_the_clean_sites(tree, built):
    assert built.returncode == 1
    lines = _lines(built)
    for expected in LINKS + POISON:
        assert expected in lines, expected
    for start_ in NAMED:
        assert any(line.startswith(start_) for line in lines), start_
    for slug in ("tautan", "salinan", "racun"):
        assert not (tree / "output" / slug).exists()
    assert (tree / "output/alpha/index.html").is_file()
    assert (tree / "output/beta/index.html").is_file()
    assert "NIK 3375010101010001" not in "".join(
        p.read_text(errors="replace") for p in (tree / "output").rglob("*") if p.is_file()
        and p.suffix in (".html", ".json", ".xml", ".csv"))


def test_every_failure_names_a_file(built):
    problem_lines = [line for line in built.stdout.splitlines()
                     if line and not line.startswith((" ", "Ukuran")) and ":" in line
                     and not line[0].isdigit()]
    assert problem_lines
    for line in problem_lines:
        assert line.startswith("content/"), line


def test_open_data_csv_quotes_spreadsheet_formulas_and_json_stays_exact(built, tree):
    data = tree / "output/beta/data/v1"
    rows = list(csv.DictReader(io.StringIO((data / "umkm.csv").read_text(encoding="utf-8"),
                                           newline="")))
    row = next(r for r in rows if "HYPERLINK" in r["judul"])
    assert row["judul"] == "'=HYPERLINK(\"http://x.example\",\"klik\")"
    assert row["pemilik"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert '"judul": "=HYPERLINK(' in (data / "umkm.json").read_text(encoding="utf-8").replace(
        '\\"', '"')


def test_check_reports_every_planted_problem_and_the_bomb(tree, built):
    proc = run("check", "--content", "content", cwd=tree)
    assert proc.returncode == 1
    lines = _lines(proc)
    for expected in LINKS + POISON:
        assert expected in lines, expected
    assert ("content/racun/gambar/bom.png: gambar ini menyatakan ukuran piksel yang terlalu besar "
            "untuk dibuka (bom dekompresi) — simpan ulang sebagai JPEG atau PNG dengan lebar paling "
            "banyak 1600 piksel") in lines
    for start_ in NAMED:
        assert any(line.startswith(start_) for line in lines), start_
    assert not any(line.startswith("content/salinan/") for line in lines)  # never read through
    assert any(line.startswith("content/tautan/halaman/salah.md:2: front matter tidak bisa dibaca")
               for line in lines)


def test_new_refuses_a_folder_linked_out_and_writes_nothing(tree, built):
    proc = run("new", "layanan", "--site", "tautan", "--judul", "Surat Baru", "--content", "content",
               cwd=tree)
    assert proc.returncode == 1
    assert f"content/tautan/layanan: {LINK_OUT}" in _lines(proc)
    assert sorted(p.name for p in (tree / "luar/layanan").iterdir()) == ["rahasia.md"]


def test_merge_verify_and_publish_name_files_and_never_crash(tree, built):
    for shard in ("1/2", "2/2"):
        proc = run("build", "--content", "content", "--output", f"shard-{shard[0]}", "--shard", shard,
                   cwd=tree)
        assert proc.returncode in (0, 1)
    merged = run("merge", "shard-1", "shard-2", "--content", "content", "--output", "gabungan",
                 cwd=tree)
    assert merged.returncode == 1  # a site no shard built: merging would drop it silently
    assert "content/racun: situs ini tidak ada di keluaran shard mana pun" in merged.stdout
    merged = run("merge", "--content", "content", "--output", "output", cwd=tree)
    assert merged.returncode in (0, 1)
    verified = run("verify", "--content", "content", "--output", "output", cwd=tree)
    assert verified.returncode in (0, 1)
    published = run("publish", "--content", "content", "--output", "output",
                    "--target", f"dir:{tree / 'terbit'}", cwd=tree)
    assert published.returncode == 1
    assert "TIDAK DITERBITKAN" in published.stdout
    assert not (tree / "terbit").exists()
    dry = run("publish", "--content", "content", "--output", "output", "--dry-run",
              "--target", f"dir:{tree / 'terbit'}", cwd=tree)
    assert dry.returncode == 1 and "TIDAK DITERBITKAN" in dry.stdout


def test_a_kota_toml_linked_out_of_the_content_folder_is_refused(tmp_path):
    from kelurahan.content.registry import load_city

    write(tmp_path / "luar.toml", 'nama = "Kota"\n')
    (tmp_path / "content").mkdir()
    os.symlink(tmp_path / "luar.toml", tmp_path / "content/kota.toml")
    city = load_city(tmp_path / "content", "content")
    assert [p.format() for p in city.problems] == [f"content/kota.toml: {LINK_OUT}"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_previews_a_hostile_site_and_stops(tree, built):
    port = _free_port()
    proc = start("serve", "--content", "content", "--output", "pratinjau", "--site", "tautan",
                 "--port", port, cwd=tree)
    try:
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/__pratinjau/versi",
                                            timeout=2) as response:
                    state = response.read().decode()
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()
                time.sleep(0.3)
        else:
            pytest.fail("serve did not answer")
        assert "content/tautan/berita/nik.md" in state
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("serve did not stop")
    assert "Traceback" not in out + err, out + err
    assert f"content/tautan/berita/nik.md: {LINK_OUT}" in out.splitlines()


def test_an_address_leaving_its_folder_or_taking_a_generated_page_is_refused_by_the_build_rule():
    """kelurahan/site/addresses.py on its own: the last line of defence behind the schemas' slug rule."""
    from pelican.settings import read_settings

    from kelurahan.site.addresses import Entry, problems
    from kelurahan.site.settings import default_config

    settings = read_settings(str(default_config()))
    found = problems([Entry("b/titik-dua.md", "berita", "..", 5), Entry("b/titik.md", "berita", ".", 5),
                      Entry("b/arsip.md", "berita", "arsip"), Entry("b/hal.md", "layanan", "hal"),
                      Entry("h/data.md", "halaman", "data"), Entry("h/kartu.md", "halaman", "kartu"),
                      Entry("h/naik.md", "halaman", "../../x"), Entry("b/biasa.md", "berita", "rapat"),
                      Entry("h/profil.md", "halaman", "profil"),
                      Entry("h/panjang.md", "halaman", "a" * 256)], settings)
    assert {p.path for p in found} == {"b/titik-dua.md", "b/titik.md", "b/arsip.md", "b/hal.md",
                                       "h/data.md", "h/kartu.md", "h/naik.md", "h/panjang.md"}
    by_path = {p.path: p for p in found}
    assert by_path["b/titik-dua.md"].format() == ('b/titik-dua.md:5: slug ".." membuat alamat "berita/../" yang menimpa '
                                 "halaman lain situs ini — tulis slug dari huruf kecil, angka, dan "
                                 "tanda hubung, misalnya rapat-koordinasi")


def test_links_that_stay_inside_their_kelurahan_are_accepted(tmp_path):
    from kelurahan.content.tree import allowed, scan

    site = tmp_path / "kauman"
    write(site / "gambar-lama/rapat.png", b"x")
    write(site / "halaman/profil.md", "x")
    os.symlink("gambar-lama", site / "gambar")
    os.symlink("profil.md", site / "halaman/tentang.md")
    assert scan(site, "content/kauman") == []
    assert allowed(site, site / "gambar/rapat.png")
    assert not allowed(site, Path("/dev/zero")) and not allowed(site, site / "tidak-ada.png")
