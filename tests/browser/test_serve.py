"""Live preview: a real server on localhost rebuilds after a real file edit and reloads the page."""

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import write_tree

BERITA = "alpha/berita/2025-02-25-rapat.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("waktu habis")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    write_tree(root / "content", {
        "kota.toml": 'nama = "Kota Contoh"\n',
        "alpha/kelurahan.toml": 'nama = "Alpha"\nkecamatan = "Utara"\n',
        BERITA: "---\njudul: Rapat Pertama\ntanggal: 2025-02-25\npilar: governance\n---\nIsi.\n",
    })
    port = free_port()
    log = (root / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "kelurahan", "serve", "--site", "alpha",
                             "--port", str(port)], cwd=root, stdout=log, stderr=subprocess.STDOUT,
                            text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: "Pratinjau: " in (root / "serve.log").read_text())
        yield root, base, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def state(base):
    return json.loads(get(base + "/__pratinjau/versi"))


def test_preview_serves_the_site_with_the_reload_script_only_in_preview(server):
    root, base, _ = server
    page = get(base + "/alpha/berita/2025-02-25-rapat/")
    assert "Rapat Pertama" in page and "/__pratinjau/versi" in page
    on_disk = (root / "output/alpha/berita/2025-02-25-rapat/index.html").read_text(encoding="utf-8")
    assert "/__pratinjau/versi" not in on_disk
    assert "Pratinjau: http://127.0.0.1:" in (root / "serve.log").read_text()


def test_saving_a_file_rebuilds_and_reloads_the_open_page(server, browser):
    root, base, _ = server
    with browser.new_context(viewport={"width": 360, "height": 800}) as context:
        page = context.new_page()
        page.goto(base + "/alpha/berita/2025-02-25-rapat/")
        assert "Rapat Pertama" in page.content()
        before = state(base)["versi"]
        path = root / "content" / BERITA
        saved = time.monotonic()
        path.write_text(path.read_text().replace("Rapat Pertama", "Rapat Kedua"), encoding="utf-8")
        page.locator("h1", has_text="Rapat Kedua").wait_for(timeout=30_000)  # no eval under the CSP
        reloaded = time.monotonic() - saved
    assert state(base)["versi"] == before + 1
    log = (root / "serve.log").read_text()
    assert "Berubah: content/alpha/berita/2025-02-25-rapat.md — membangun ulang" in log
    # Noticing the save and reloading the page add under two seconds to the site's own rebuild.
    rebuild = float(re.findall(r"Pratinjau versi \d+: .* \(([\d.]+) dtk\)", log)[-1])
    assert reloaded < rebuild + 2.0, (reloaded, rebuild)


def test_a_mistake_is_shown_in_the_terminal_and_on_the_page(server, browser):
    root, base, _ = server
    line = ('content/alpha/berita/2025-02-25-rapat.md:4: pilar "ekonomi digital" tidak dikenal — '
            "pilih salah satu: governance, economy, living, society, branding, environment")
    with browser.new_context(viewport={"width": 360, "height": 800}) as context:
        page = context.new_page()
        page.goto(base + "/alpha/berita/2025-02-25-rapat/")
        path = root / "content" / BERITA
        path.write_text(path.read_text().replace("pilar: governance", "pilar: ekonomi digital"),
                        encoding="utf-8")
        box = page.locator("#kp-pratinjau-masalah")
        box.wait_for(timeout=30_000)
        text = box.inner_text()
        page.screenshot(path=str(root / "pratinjau-masalah.png"))
    assert text.startswith("Pratinjau: ada masalah (halaman menampilkan hasil terakhir yang berhasil)")
    assert line in text
    assert line in state(base)["masalah"]
    assert line in (root / "serve.log").read_text()
    assert "Rapat Kedua" in get(base + "/alpha/berita/2025-02-25-rapat/")  # last good build stays
