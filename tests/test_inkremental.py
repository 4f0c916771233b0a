"""An edit renders only what changed (kelurahan/site/inkremental.py), and writes exactly the
bytes a forced full build of the same content writes.

The fixture city (tests/fixtures/lengkap: every type, photos, a document, a budget) is built
once; then each realistic edit is built twice from the same content: incrementally into the
output that has the previous build (its own cache), and with --force into another output (its
own cache). Every file of the edited site must be the same, byte for byte.
"""

import filecmp
import json
import shutil
import textwrap

from conftest import FIXTURES, run, write_tree

SITE = "contoh"
BASE_ENV = {"KELURAHAN_TANGGAL": "2026-12-07", "SOURCE_DATE_EPOCH": "0"}


def _files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _comparable(rel: str) -> bool:
    """Pagefind's index is not byte-stable from one run to the next (tests/test_speed.py);
    the stamp is compared by its content below."""
    return not rel.startswith("pagefind/") and rel != ".kp-build.json"


def _record(cache):
    found = list(cache.glob(f"pelican/*/{SITE}/kp-render.json"))
    assert len(found) == 1, found
    return json.loads(found[0].read_text(encoding="utf-8"))


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _build(content, out, cache, env, force=False):
    proc = run("build", "--content", content, "--output", out, "--cache", cache, "--site", SITE,
               "--jobs", "1", *(["--force"] if force else []), env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def _same_trees(incremental, full, step):
    a, b = incremental / SITE, full / SITE
    names = {r for r in _files(a) if _comparable(r)}
    assert names == {r for r in _files(b) if _comparable(r)}, step
    differ = [r for r in sorted(names) if not filecmp.cmp(a / r, b / r, shallow=False)]
    assert differ == [], step
    # The stamps: the same fingerprint, the same ledger (Pagefind's part aside), the same
    # next change; so publish verifies both alike.
    sa, sb = (json.loads((t / ".kp-build.json").read_text(encoding="utf-8")) for t in (a, b))
    for stamp in (sa, sb):
        stamp["files"] = {k: v for k, v in stamp["files"].items() if not k.startswith("pagefind/")}
        stamp["bytes"] = None  # includes Pagefind's files, whose sizes vary
    assert sa == sb, step


def _steps(content):
    """(name, change) pairs, each a realistic edit of a clerk, applied in order."""
    site = content / SITE
    berita = site / "berita"

    def body():
        with open(berita / "2025-01-05-kabar-05.md", "a", encoding="utf-8") as f:
            f.write("\nParagraf baru di akhir berita.\n")

    def title():
        _edit(berita / "2025-01-05-kabar-05.md", "Kabar Contoh Nomor 05", "Kabar Diperbarui")

    def date():  # the oldest becomes the newest: every list reorders, pagination moves
        _edit(berita / "2025-01-01-kabar-01.md", "tanggal: 2025-01-01 09:00",
              "tanggal: 2025-03-01 09:00")

    def tags():
        _edit(berita / "2025-01-03-kabar-03.md", "tag: [warga, contoh]", "tag: [banjir]")

    def pillar():
        _edit(berita / "2025-01-04-kabar-04.md", "pilar: society", "pilar: economy")

    def new():
        write_tree(site, {"berita/2025-02-01-baru.md": """
            ---
            judul: Berita Baru Sekali
            tanggal: 2025-02-01 08:00
            pilar: governance
            kategori: Berita
            tag: [contoh, baru]
            contoh: true
            ---
            Isi berita yang baru.
        """})

    def deleted():
        (berita / "2025-01-07-kabar-07.md").unlink()

    def halaman():  # in the menu of every page
        _edit(site / "halaman" / "kontak.md", "judul: Kontak", "judul: Hubungi Kami")

    def toml():  # in the header and footer of every page
        _edit(site / "kelurahan.toml", 'telepon = "0285-123456"', 'telepon = "0285-654321"')

    def notice():  # a banner on every page
        write_tree(site, {"pengumuman/air.md": """
            ---
            judul: Air PDAM mati
            tingkat: penting
            mulai: 2026-12-01
            berakhir: 2026-12-20
            contoh: true
            ---
            Pasokan air terhenti sementara.
        """})

    def notice_body():  # only its body: still on every page
        with open(site / "pengumuman" / "air.md", "a", encoding="utf-8") as f:
            f.write("\nBawa wadah sendiri ke tangki air.\n")

    def agenda():  # ends in two days: then it passes by the clock alone
        write_tree(site, {"agenda/rapat-rw.md": """
            ---
            judul: Rapat RW Contoh
            mulai: 2026-12-09 19:00
            selesai: 2026-12-09 21:00
            tempat: Balai RW 02
            pilar: governance
            contoh: true
            ---
            Rapat warga.
        """})

    def maklumat():  # the newest maklumat is shown on every layanan page
        _edit(site / "dokumen" / "maklumat-pelayanan.md", "nomor: 01/MP/2026", "nomor: 02/MP/2026")

    def anggaran():
        _edit(site / "anggaran" / "2026.yaml", "pagu: 40.000.000", "pagu: 45.000.000")

    def umkm_body():
        with open(site / "umkm" / "kopi-contoh.md", "a", encoding="utf-8") as f:
            f.write("\nBuka setiap hari.\n")

    def umkm_title():
        _edit(site / "umkm" / "kopi-contoh.md", "judul: Kopi Contoh", "judul: Kopi Contoh Baru")

    def wisata():
        with open(site / "wisata" / "taman.md", "a", encoding="utf-8") as f:
            f.write("\nTaman dibuka lagi setelah perbaikan.\n")

    def layanan():
        _edit(site / "layanan" / "sktm.md", "persyaratan: [Surat pengantar RT/RW]",
              "persyaratan: [Surat pengantar RT/RW, KTP]")

    def photo():  # the same name, another picture: sizes in every <img> that shows it
        shutil.copyfile(site / "gambar" / "logo.png", site / "gambar" / "sampul.png")

    return [("isi berita", body), ("judul berita", title), ("tanggal berita", date),
            ("tag", tags), ("pilar", pillar), ("berita baru", new), ("berita dihapus", deleted),
            ("judul halaman", halaman), ("kelurahan.toml", toml), ("pengumuman", notice),
            ("isi pengumuman", notice_body), ("agenda", agenda), ("maklumat", maklumat),
            ("anggaran", anggaran), ("isi umkm", umkm_body), ("judul umkm", umkm_title),
            ("wisata", wisata), ("layanan", layanan), ("foto diganti", photo)]


def test_an_incremental_build_writes_what_a_full_build_writes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "lengkap", content)
    inc, inc_cache = tmp_path / "inc", tmp_path / "c-inc"
    full, full_cache = tmp_path / "full", tmp_path / "c-full"
    env = dict(BASE_ENV)
    _build(content, inc, inc_cache, env)
    pages = _record(inc_cache)["dirender"]
    assert pages > 40  # the first build renders every page

    # Nothing changed but --force: every page rendered again.
    _build(content, inc, inc_cache, env, force=True)
    assert _record(inc_cache)["dipakai"] == 0

    rendered = {}
    for name, change in _steps(content):
        change()
        _build(content, inc, inc_cache, env)
        rendered[name] = _record(inc_cache)["dirender"]
        _build(content, full, full_cache, env, force=True)
        _same_trees(inc, full, name)
        if name == "agenda":  # two days later the meeting has passed; no file changed
            env["KELURAHAN_TANGGAL"] = "2026-12-10"
            _build(content, inc, inc_cache, env)
            _build(content, full, full_cache, env, force=True)
            _same_trees(inc, full, "agenda lewat")
            assert "Rapat RW Contoh" in (inc / SITE / "agenda" / "index.html").read_text()

    # A body edit renders the item's own page (and the pages that carry that body: none for a
    # berita), not the lists, tags, pillars and home it is on.
    assert rendered["isi berita"] == 1, rendered
    assert rendered["isi umkm"] == 1, rendered
    assert rendered["wisata"] == 1, rendered
    # A pengumuman's body is a banner on every page: everything is rendered again.
    assert rendered["isi pengumuman"] > 40, rendered
    # A berita's title: its page, its neighbours' and the pages that list berita (home,
    # lists, tags, pillars), not the pages of the other types (inkremental.WITHOUT_BERITA).
    assert 3 <= rendered["judul berita"] < pages / 2, rendered


def test_plain_builds_stay_plain_and_agree(tmp_path):
    """KELURAHAN_PLAIN=1 renders every page and keeps no record; after a body edit its tree
    is the incremental build's. A corrupt record renders every page."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "lengkap", content)
    inc, plain = tmp_path / "inc", tmp_path / "plain"
    _build(content, inc, tmp_path / "c-inc", BASE_ENV)
    _build(content, plain, tmp_path / "c-plain", {**BASE_ENV, "KELURAHAN_PLAIN": "1"})
    with open(content / SITE / "berita" / "2025-01-02-kabar-02.md", "a", encoding="utf-8") as f:
        f.write(textwrap.dedent("""
            Paragraf kedua yang baru.
        """))
    _build(content, inc, tmp_path / "c-inc", BASE_ENV)
    assert _record(tmp_path / "c-inc")["dirender"] == 1
    _build(content, plain, tmp_path / "c-plain", {**BASE_ENV, "KELURAHAN_PLAIN": "1"})
    assert not list((tmp_path / "c-plain").glob("pelican/*/*/kp-render.json"))
    _same_trees(inc, plain, "plain")

    # A record that cannot be read means: render every page.
    record = next((tmp_path / "c-inc").glob(f"pelican/*/{SITE}/kp-render.json"))
    pages = len(json.loads(record.read_text(encoding="utf-8"))["halaman"])
    record.write_text('{"versi": 1, "halaman": ', encoding="utf-8")
    with open(content / SITE / "berita" / "2025-01-02-kabar-02.md", "a", encoding="utf-8") as f:
        f.write("\nParagraf ketiga.\n")
    _build(content, inc, tmp_path / "c-inc", BASE_ENV)
    assert _record(tmp_path / "c-inc")["dipakai"] == 0
    assert _record(tmp_path / "c-inc")["dirender"] >= pages
    _build(content, plain, tmp_path / "c-plain", {**BASE_ENV, "KELURAHAN_PLAIN": "1"})
    _same_trees(inc, plain, "rekaman rusak")


# The sha256 of Pelican 4.12.0's Writer.write_file, whose page loop KelurahanWriter._write_pages
# repeats so that each page can be looked up before it is rendered.
PELICAN_WRITE_FILE = "6a604ad67bbeec997e58ef69a393930c22cf3178a760fdc21d2c42f1871da373"


def test_the_writer_still_repeats_pelicans_own_write_file():
    """A new Pelican may change how it writes pages (pagination, overrides, signals): the copy
    in site/plugins/writer.py must then be compared with it and this digest renewed, or pages
    would be written by an outdated loop without any other test noticing."""
    import hashlib
    import inspect

    from pelican.writers import Writer

    source = inspect.getsource(Writer.write_file)
    assert hashlib.sha256(source.encode()).hexdigest() == PELICAN_WRITE_FILE, (
        "pelican.writers.Writer.write_file changed: bring KelurahanWriter._write_pages "
        "(kelurahan/site/plugins/writer.py) in line with it, then renew PELICAN_WRITE_FILE")
