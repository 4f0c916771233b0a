"""The web editor, end to end: real Chromium, real Decap CMS, real local backend (decap-server).

`kelurahan serve --editor` runs against a copy of the mini fixture city; each test writes an entry
through the editor's own screens, then checks the file it saved, `kelurahan check --strict`, the
build and the page. Every outside host is blocked and counted.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, run
from PIL import Image

from kelurahan.tools import serve

# The editor's own English labels that a clerk would meet on its main screens; none may remain.
# ("Status" is left out: it is the Indonesian word too, "Status: Draf".)
ENGLISH = ("Login", "Log in", "Sign In", "Logout", "Log Out", "Save", "Saving", "Publish",
           "Published", "Delete", "Collections", "Media", "Workflow", "New", "Search", "Contents",
           "Quick add", "Sort by", "View as", "Choose", "Upload", "Entry", "Entries", "Draft",
           "Drafts", "In review", "Ready", "Loading", "Rich Text", "Add", "Remove", "Unsaved",
           "Changes", "Editorial", "Back", "Cancel", "Close", "Preview", "Now", "Clear")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lokal(tmp_path_factory):
    """`kelurahan serve --editor --site alpha` in a temporary copy of the mini city."""
    root = tmp_path_factory.mktemp("editor")
    shutil.copytree(FIXTURES / "mini", root / "content")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KELURAHAN_SITE", None)
    proc = subprocess.Popen([sys.executable, "-m", "kelurahan", "serve", "--editor", "--site",
                             "alpha", "--port", str(port)], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("Editor lokal:"):
            break
    else:
        raise AssertionError("serve --editor did not start:\n" + "".join(lines))
    yield root, f"http://127.0.0.1:{port}"
    proc.send_signal(signal.SIGINT)  # serve stops the local backend on its way out
    proc.wait(timeout=20)


# Decap asks the backend whether an entry it opens has a draft; "no" is a 404, which Chromium
# logs as a failed resource. That answer, and only it, is not an error of the editor.
NO_DRAFT = '"action":"unpublishedEntry"'
FAILED_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"


def _recording(context, base: str):
    """A page that blocks and counts outside requests and records console errors."""
    page = context.new_page()
    page.kp_console, page.kp_external, page.kp_screens, page.kp_no_draft = [], [], [], []

    def route(route):
        url = route.request.url
        if url.startswith((base + "/", "data:", "blob:")):
            return route.continue_()
        page.kp_external.append(url)
        return route.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: page.kp_console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.kp_console.append(str(exc)))
    page.on("response", lambda r: page.kp_no_draft.append(r.url) if r.status == 404
            and NO_DRAFT in (r.request.post_data or "") else None)
    return page


@pytest.fixture
def editor(browser, lokal):
    """The editor of alpha, signed in to the local backend, recording what went wrong."""
    root, base = lokal
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = _recording(context, base)
    page.goto(f"{base}/alpha/admin/")
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("link", name="Berita", exact=True).first.wait_for()
    page.kp_screens.append(page.inner_text("body"))
    yield root, base, page
    context.close()


def _photo(path: Path) -> None:
    """A phone photo: stored sideways with EXIF Orientation 6, and a GPS position.

    Upright it is 300 × 400, red above and blue below; stored it is 400 × 300 (turned)."""
    upright = Image.new("RGB", (300, 400), (200, 30, 30))
    upright.paste((30, 30, 200), (0, 200, 300, 400))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # the camera's sensor orientation
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    exif[0x8825] = {1: "S", 2: (6.0, 53.0, 19.0), 3: "E", 4: (109.0, 40.0, 31.0)}
    stored.save(path, "JPEG", exif=exif.tobytes(), quality=90)
    with Image.open(path) as check:
        assert check.getexif().get_ifd(0x8825)  # the test photo really carries GPS


def _field(page, label):
    return page.get_by_label(label, exact=True)


def _select(page, label, option):
    """react-select: open the combobox named by its label, pick the option by its text."""
    _field(page, label).click()
    page.get_by_text(option, exact=True).last.click()


def _body(page, text):
    box = page.locator("[data-slate-editor='true']").first
    box.click()
    page.keyboard.type(text)


def _choose_photo(page, button, photo: Path):
    page.get_by_role("button", name=button, exact=True).first.click()
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Unggah", exact=True).click()
    chooser.value.set_files(photo)
    page.get_by_text("Pakai yang dipilih", exact=True).wait_for()
    page.kp_screens.append(page.inner_text("body"))  # the media library
    page.get_by_role("button", name="Pakai yang dipilih").click()


def _publish(page):
    page.kp_screens.append(page.inner_text("body"))
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.get_by_text("Terbitkan sekarang", exact=True).click()
    page.get_by_text("Sudah terbit", exact=True).wait_for()
    page.kp_screens.append(page.inner_text("body"))


def _saved(folder: Path, before: set[str], timeout=20.0) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        new = sorted(set(p.name for p in folder.glob("*.md")) - before)
        if new:
            return folder / new[0]
        time.sleep(0.2)
    raise AssertionError(f"the editor wrote nothing to {folder}")


def _front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def _check_and_build(root: Path) -> Path:
    check = run("check", "--strict", "--site", "alpha", cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    out = root / "bangun"
    build = run("build", "--site", "alpha", "--output", out, cwd=root)
    assert build.returncode == 0, build.stdout + build.stderr
    return out / "alpha"


def _clean(page):
    """Nothing asked of outside hosts, no error in the console, no English label on screen."""
    assert page.kp_external == []
    errors = list(page.kp_console)
    for _ in getattr(page, "kp_no_draft", []):
        errors.remove(FAILED_404)
    assert errors == []
    for screen in page.kp_screens:
        words = [w for w in ENGLISH if re.search(rf"(?<![\w/.-]){re.escape(w)}(?![\w/.-])", screen)]
        assert words == [], f"English on the editor's screen: {words}\n{screen[:600]}"


def test_a_berita_with_a_phone_photo_is_written_checked_built_and_shown_upright(editor, tmp_path):
    root, base, page = editor
    photo = tmp_path / "foto-rapat.jpg"
    _photo(photo)
    folder = root / "content/alpha/berita"
    before = {p.name for p in folder.glob("*.md")}
    page.goto(f"{base}/alpha/admin/#/collections/berita-alpha/new")
    _field(page, "Judul").fill("Kerja bakti RW 03 membersihkan saluran")
    _choose_photo(page, "Pilih gambar", photo)
    _field(page, "Keterangan gambar (boleh kosong)").fill("Warga membersihkan saluran air")
    _select(page, "Pilar Kelurahan Pintar", "Smart Environment — Lingkungan")
    _field(page, "Tanggal terbit").fill("2025-03-02T07:30")
    _body(page, "Warga RW 03 bergotong royong membersihkan saluran sebelum musim hujan.")
    _publish(page)

    saved = _saved(folder, before)
    assert saved.name == "2025-03-02-kerja-bakti-rw-03-membersihkan-saluran.md"
    front = _front(saved)
    assert front["judul"] == "Kerja bakti RW 03 membersihkan saluran"
    assert front["pilar"] == "environment" and str(front["tanggal"]).startswith("2025-03-02 07:30")
    assert front["gambar"] == "gambar/foto-rapat.jpg"
    assert (root / "content/alpha/gambar/foto-rapat.jpg").read_bytes() == photo.read_bytes()

    site = _check_and_build(root)
    html = (site / "berita/2025-03-02-kerja-bakti-rw-03-membersihkan-saluran/index.html").read_text(
        encoding="utf-8")
    assert "bergotong royong membersihkan saluran" in html
    src = re.search(r'<img[^>]+src="([^"]*foto-rapat[^"]*)"', html).group(1)
    published = (site / "berita/2025-03-02-kerja-bakti-rw-03-membersihkan-saluran" / src).resolve()
    with Image.open(io.BytesIO(published.read_bytes())) as image:
        assert image.height > image.width  # upright, as the phone showed it
        rgb = image.convert("RGB")
        top, bottom = rgb.getpixel((image.width // 2, 5)), rgb.getpixel((image.width // 2, image.height - 5))
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
        assert not image.getexif().get_ifd(0x8825) and b"GPS" not in published.read_bytes()
    _clean(page)


def test_an_umkm_with_two_products_is_written_checked_and_built(editor):
    root, base, page = editor
    folder = root / "content/alpha/umkm"
    before = {p.name for p in folder.glob("*.md")}
    page.goto(f"{base}/alpha/admin/#/collections/umkm-alpha/new")
    _field(page, "Judul").fill("Batik Tulis Bu Sri")
    _select(page, "Kategori (boleh kosong)", "batik")
    for index, (nama, harga) in enumerate([("Kain batik tulis", "350000"), ("Selendang", "120000")]):
        page.get_by_role("button", name="Tambah produk", exact=True).click()
        _field(page, "Nama produk").nth(index).fill(nama)
        _field(page, "Harga (Rp) (boleh kosong)").nth(index).fill(harga)
    _body(page, "Batik tulis motif jlamprang buatan tangan.")
    _publish(page)

    saved = _saved(folder, before)
    front = _front(saved)
    assert front["judul"] == "Batik Tulis Bu Sri" and front["kategori"] == "batik"
    assert front["produk"] == [{"nama": "Kain batik tulis", "harga": 350000},
                               {"nama": "Selendang", "harga": 120000}]
    site = _check_and_build(root)
    html = (site / f"umkm/{saved.stem}/index.html").read_text(encoding="utf-8")
    assert "Kain batik tulis" in html and "Selendang" in html and "jlamprang" in html
    _clean(page)


def test_a_layanan_with_its_persyaratan_is_written_checked_and_built(editor):
    root, base, page = editor
    folder = root / "content/alpha/layanan"
    before = {p.name for p in folder.glob("*.md")}
    page.goto(f"{base}/alpha/admin/#/collections/layanan-alpha/new")
    _field(page, "Judul").fill("Surat Keterangan Usaha")
    _field(page, "Persyaratan").fill("Fotokopi KTP, Surat pengantar RT/RW")
    _body(page, "Surat keterangan untuk pelaku usaha mikro.")
    _publish(page)

    saved = _saved(folder, before)
    front = _front(saved)
    assert front["judul"] == "Surat Keterangan Usaha"
    assert front["persyaratan"] == ["Fotokopi KTP", "Surat pengantar RT/RW"]
    site = _check_and_build(root)
    html = (site / f"layanan/{saved.stem}/index.html").read_text(encoding="utf-8")
    assert "Fotokopi KTP" in html and "Surat pengantar RT/RW" in html
    _clean(page)


def test_the_published_editor_page_asks_no_outside_host_and_speaks_indonesian(
        page_at, serve_dir, lokal):
    """The page as published (GitHub backend, not signed in): the access-token sign-in."""
    root, _ = lokal
    page = page_at(serve_dir(root / "output") + "/alpha/admin/", 1280, 900)
    page.get_by_label("Token akses GitHub").wait_for()
    page.wait_for_timeout(500)
    page.kp_screens = [page.inner_text("body")]
    assert "Masuk ke editor situs" in page.kp_screens[0]
    _clean(page)


@pytest.fixture
def review(tmp_path):
    """The same editor against a git repository, drafts kept on branches as on GitHub."""
    import functools
    import http.server
    import threading


    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", repo / "content")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["-c", "user.name=Tim Kota", "-c", "user.email=kota@example.org",
                  "commit", "-qm", "awal"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    backend, api = serve.start_backend(repo, mode="git")
    out = tmp_path / "output"
    run("build", "--site", "alpha", "--output", out, cwd=repo, check=True)
    handler = type("H", (serve.Handler,), {"backend": api})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield repo, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    backend.terminate()
    backend.wait(timeout=10)


def test_a_berita_goes_through_review_in_the_editor_before_it_reaches_main(browser, review):
    repo, base = review
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = _recording(context, base)
    page.on("dialog", lambda dialog: dialog.accept())  # "Yakin menerbitkan tulisan ini?"
    page.goto(f"{base}/alpha/admin/")
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("link", name="Tinjauan").wait_for()
    page.goto(f"{base}/alpha/admin/#/collections/berita-alpha/new")
    _field(page, "Judul").fill("Posyandu balita bulan Maret")
    _select(page, "Pilar Kelurahan Pintar", "Smart Living — Kualitas Hidup")
    _field(page, "Tanggal terbit").fill("2025-03-05T08:00")
    _body(page, "Posyandu melayani penimbangan balita di balai RW 02.")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Status: Draf").wait_for()
    page.kp_screens.append(page.inner_text("body"))
    for status in ("Ditinjau", "Siap terbit"):
        page.get_by_text(re.compile(r"^Status: ")).click()
        page.get_by_role("menuitem", name=status, exact=True).click()
        page.get_by_text(f"Status: {status}").wait_for()
    branches = subprocess.run(["git", "branch", "--list", "cms/*"], cwd=repo, text=True,
                              capture_output=True, check=True).stdout
    assert "cms/berita-alpha/2025-03-05-posyandu-balita-bulan-maret" in branches
    name = "content/alpha/berita/2025-03-05-posyandu-balita-bulan-maret.md"
    on_main = subprocess.run(["git", "cat-file", "-e", f"main:{name}"], cwd=repo)
    assert on_main.returncode != 0  # waiting for review: not on main yet

    page.goto(f"{base}/alpha/admin/#/workflow")
    page.get_by_text("Posyandu balita bulan Maret").wait_for()
    screen = page.inner_text("body")
    page.kp_screens.append(screen)
    assert all(column in screen for column in ("Draf", "Ditinjau", "Siap terbit"))

    page.get_by_text("Posyandu balita bulan Maret").click()
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.get_by_text("Terbitkan sekarang", exact=True).click()
    page.get_by_text("Sudah terbit", exact=True).wait_for()
    page.kp_screens.append(page.inner_text("body"))
    text = subprocess.run(["git", "show", f"main:{name}"], cwd=repo, text=True,
                          capture_output=True, check=True).stdout
    assert "judul: Posyandu balita bulan Maret" in text and "pilar: living" in text
    context.close()
    _clean(page)


def test_on_a_phone_the_writing_screen_fits_the_screen(browser, lokal):
    """Decap lays the writing screen out 800 px wide; editor.css lets it follow a 360 px phone."""
    _, base = lokal
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page = _recording(context, base)
    page.goto(f"{base}/alpha/admin/")
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_text("Tulis Berita baru").click()
    _field(page, "Judul").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.kp_screens.append(page.inner_text("body"))
    context.close()
    _clean(page)


def test_a_token_that_cannot_sign_in_brings_the_form_back_with_the_reason(page_at, serve_dir,
                                                                          lokal):
    """GitHub unreachable here (every outside host is blocked): Decap drops the stored session,
    and the clerk sees the form again with what to check, not a bare English button."""
    root, _ = lokal
    page = page_at(serve_dir(root / "output") + "/alpha/admin/", 1280, 900)
    page.get_by_label("Token akses GitHub").fill("github_pat_" + "A1b2" * 10)
    page.get_by_role("button", name="Masuk dengan token").click()
    page.get_by_text("Masuk gagal: GitHub menolak token ini atau tidak bisa dihubungi.").wait_for()
    assert page.get_by_label("Token akses GitHub").is_visible()
    assert page.kp_external and all(u.startswith("https://api.github.com/") for u in page.kp_external)


@pytest.mark.parametrize("headers, status", [
    ({"Content-Type": "text/plain"}, 415),  # a form any page could send without a preflight
    ({"Content-Type": "application/json", "Origin": "http://penyerang.example"}, 403),
    ({"Content-Type": "application/json", "Host": "penyerang.example"}, 403),  # DNS rebinding
])
def test_only_the_editor_page_itself_may_write_through_the_local_backend(lokal, headers, status):
    import urllib.error
    import urllib.request

    root, base = lokal
    body = b'{"action":"persistEntry","params":{"entry":{"slug":"x","path":"content/alpha/x.md",' \
           b'"raw":"---\\njudul: x\\n---\\n"},"assets":[],"options":{}}}'
    request = urllib.request.Request(f"{base}/__editor/api/v1", data=body, method="POST",
                                     headers=headers)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == status
    assert not (root / "content/alpha/x.md").exists()

