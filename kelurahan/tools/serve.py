"""`kelurahan serve --site SLUG`: live preview on this computer.

Serves the output folder on localhost, watches the site's content, the theme and the settings,
rebuilds only that site after every save and reloads the browser. The reload is a small script
added to HTML pages by this server only (the files on disk stay as published): it asks
``/__pratinjau/versi`` every second and reloads when the version changes. Problems are printed
in the terminal and shown on the page, in Bahasa Indonesia.

With ``--editor`` the web editor at ``<site>/admin/`` works on this computer's files: Decap's
local backend (decap-server, from npm) runs on 127.0.0.1 against the working tree, reached
through this server at ``/__editor/api/v1`` so the editor page asks only its own origin. What the
editor saves is written under content/ and rebuilt like any other save.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from kelurahan.city.build import build
from kelurahan.errors import Problem, UsageError, summarize
from kelurahan.site import editor as editor_config
from kelurahan.site.settings import ROOT, default_config

VERSION_PATH = "/__pratinjau/versi"
POLL_SECONDS = 0.4
SCRIPT_PATH = "/__pratinjau/muat-ulang.js"
EDITOR_PATH = "/__editor/api/v1"  # the local backend, behind this server
# A file, not an inline script: the pages' Content-Security-Policy runs scripts from the site
# only (themes/kelurahan/templates/base.html). The page's version rides on the script element.
RELOAD_TAG = '<script src="%(src)s" data-versi="%(versi)d" data-path="%(path)s"></script>'
RELOAD_SCRIPT = """/* pratinjau: muat ulang otomatis (tidak ikut diterbitkan) */
(function () {
  var aku = document.currentScript;
  var versi = Number(aku.dataset.versi), alamat = aku.dataset.path;
  function tampilkan(masalah) {
    var kotak = document.getElementById("kp-pratinjau-masalah");
    if (!masalah.length) { if (kotak) kotak.remove(); return; }
    if (!kotak) {
      kotak = document.createElement("div");
      kotak.id = "kp-pratinjau-masalah";
      kotak.setAttribute("role", "alert");
      kotak.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:99999;max-height:50vh;" +
        "overflow:auto;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;" +
        "padding:12px 16px;font:15px/1.5 system-ui,sans-serif;white-space:pre-wrap";
      document.body.appendChild(kotak);
    }
    kotak.textContent = "Pratinjau: ada masalah (halaman menampilkan hasil terakhir yang berhasil)\\n\\n" +
      masalah.join("\\n");
  }
  function periksa() {
    fetch(alamat, {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (d) {
      if (d.versi !== versi) { location.reload(); return; }
      tampilkan(d.masalah);
    }).catch(function () {}).then(function () { setTimeout(periksa, 500); });
  }
  periksa();
})();
"""


def _files(root: Path):
    """Every file and link under ``root``, without following links to folders."""
    for folder, _, files in os.walk(root):
        yield from (Path(folder) / name for name in files)


class Preview:
    """The state shared by the watcher and the web server: a version and the latest problems."""

    def __init__(self, content: Path, output: Path, sites: list[str], jobs: int | None = None):
        self.content, self.output, self.sites, self.jobs = content, output, sites, jobs
        self.version = 0
        self.problems: list[Problem] = []
        self.lock = threading.Lock()

    def watched(self) -> list[Path]:
        """Each chosen site's folder (all sites when none chosen), kota.toml, theme and settings."""
        config = default_config()
        folders = [self.content / s for s in self.sites] if self.sites else [self.content]
        return folders + [self.content / "kota.toml", ROOT / "themes", config]

    def stamp(self) -> tuple:
        """What the files look like now (name, size, modification time); cheap enough to poll."""
        entries = []
        for root in self.watched():
            paths = [root] if root.is_file() else _files(root) if root.is_dir() else []
            for path in paths:
                if not path.name.startswith((".", "#")) and not path.name.endswith(("~", ".swp", ".pyc")):
                    try:  # lstat: a link (refused by the build) is watched, never followed
                        st = path.lstat()
                    except OSError:
                        continue
                    entries.append((str(path), st.st_size, st.st_mtime_ns))
        return tuple(sorted(entries))

    def rebuild(self, say=print) -> None:
        """Build the chosen sites (the portal only when previewing everything) and report."""
        start = time.perf_counter()
        try:
            report = build(self.content, self.output, self.sites, jobs=self.jobs,
                           portal=not self.sites)
            problems = report.all_problems
            for result in report.results:
                say(result.line())
        except Exception as exc:  # noqa: BLE001 — a preview keeps running whatever happens
            problems = [Problem(str(self.content), f"pratinjau gagal dibangun ({type(exc).__name__}: "
                                f"{exc})", "perbaiki masalah ini lalu simpan lagi")]
        for problem in problems:
            say(problem.format())
        with self.lock:
            self.version += 1
            self.problems = problems
        verdict = "ada galat, halaman menampilkan hasil terakhir yang berhasil" \
            if any(p.is_error for p in problems) else "siap"
        say(f"Pratinjau versi {self.version}: {summarize(problems)} — {verdict} "
            f"({time.perf_counter() - start:.1f} dtk)")

    def state(self) -> dict:
        with self.lock:
            return {"versi": self.version,
                    "masalah": [p.format() for p in self.problems if p.level != "info"]}

    def watch(self, stop: threading.Event, say=print) -> None:
        """Rebuild whenever a watched file changes, until ``stop`` is set."""
        last = self.stamp()
        while not stop.wait(POLL_SECONDS):
            now = self.stamp()
            if now != last:
                changed = sorted({e[0] for e in set(now) ^ set(last)})
                shown = [str(Path(c).relative_to(Path.cwd())) if Path(c).is_relative_to(Path.cwd())
                         else c for c in changed[:3]]
                say("Berubah: " + ", ".join(shown) + (" …" if len(changed) > 3 else "")
                    + " — membangun ulang")
                self.rebuild(say)
                last = self.stamp()


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, plus the version endpoint and the reload script in HTML pages."""

    preview: Preview
    backend: str = ""  # the local backend's address (serve --editor), else no editor API

    def log_message(self, format, *args):  # the terminal is for build messages
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        if self.path.split("?")[0] == VERSION_PATH:
            return self._send(json.dumps(self.preview.state(), ensure_ascii=False).encode(),
                              "application/json; charset=utf-8")
        if self.path.split("?")[0] == SCRIPT_PATH:
            return self._send(RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8")
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.parent.name == "admin" and path.name in ("index.html", "config.yml") \
                and path.is_file():
            return self._editor_file(path)
        if path.suffix == ".html" and path.is_file():
            page = path.read_text(encoding="utf-8", errors="replace")
            script = RELOAD_TAG % {"src": SCRIPT_PATH, "versi": self.preview.state()["versi"],
                                   "path": VERSION_PATH}
            page = page.replace("</body>", script + "</body>", 1) if "</body>" in page \
                else page + script
            return self._send(page.encode("utf-8"), "text/html; charset=utf-8")
        return super().do_GET()

    def _editor_file(self, path: Path):
        """The editor's page (never reloaded under the writer) and, with --editor, its config
        pointed at the local backend on this same origin."""
        text = path.read_text(encoding="utf-8")
        if path.name == "index.html":
            if self.backend:
                text = text.replace('data-lokal=""', 'data-lokal="1"', 1)
            return self._send(text.encode("utf-8"), "text/html; charset=utf-8")
        if self.backend:
            host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_address[1]}"
            text += f"local_backend:\n  url: http://{host}{EDITOR_PATH}\n"
        return self._send(text.encode("utf-8"), "text/yaml; charset=utf-8")

    def do_POST(self):
        if self.path.split("?")[0] != EDITOR_PATH or not self.backend:
            return self.send_error(404)
        # Only the editor page on this origin may write files: any other site open in the same
        # browser could POST here too. JSON cannot be sent cross-origin without a CORS preflight,
        # which this server never grants; Origin and Host rule out the rest (DNS rebinding).
        port = self.server.server_address[1]
        host = self.headers.get("Host", "")
        origin = self.headers.get("Origin")
        if host not in (f"127.0.0.1:{port}", f"localhost:{port}") or \
                (origin is not None and origin != f"http://{host}"):
            return self.send_error(403, "hanya editor di situs ini yang boleh menyimpan")
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            return self.send_error(415, "editor lokal hanya menerima JSON")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = urllib.request.Request(self.backend, data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as reply:
                status, data = reply.status, reply.read()
        except urllib.error.HTTPError as exc:
            status, data = exc.code, exc.read()
        except OSError as exc:
            status, data = 502, json.dumps({"error": f"editor lokal tidak menjawab ({exc})"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send(self, data: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def start_backend(repo: Path, mode: str = "fs") -> tuple[subprocess.Popen, str]:
    """Start decap-server on a free 127.0.0.1 port against ``repo``; (process, API address).

    ``fs`` writes the working tree; ``git`` (tests of the review workflow) keeps each draft on
    its own branch of ``repo`` and merges it when published, as on GitHub."""
    node = shutil.which("node")
    if not node or not editor_config.SERVER.is_file():
        raise UsageError("editor lokal memerlukan Node.js dan paket npm proyek ini — jalankan "
                         "`make editor` (npm ci) lalu ulangi")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": mode,
           "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "warn"}
    log = tempfile.TemporaryFile()  # not a pipe: nobody reads it while the backend runs
    process = subprocess.Popen([node, str(editor_config.SERVER)], env=env, cwd=repo,
                               stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise UsageError("editor lokal gagal dinyalakan: "
                             + log.read().decode(errors="replace").strip()[-300:])
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}/api/v1"
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise UsageError("editor lokal tidak menjawab dalam 30 detik — periksa Node.js")


def serve(content: Path | str = "content", output: Path | str = "output", sites=None,
          port: int = 8000, jobs: int | None = None, say=None, editor: bool = False) -> int:
    """Build, serve on 127.0.0.1:port, rebuild on every save; returns when interrupted.

    ``editor``: also run the web editor's local backend against the working tree (the folder
    that holds ``content``, as the paths in config.yml are written relative to it).
    """
    say = say or functools.partial(print, flush=True)
    backend, api = None, ""
    if editor:
        repo = Path.cwd() if not Path(content).is_absolute() else Path(content).parent
        backend, api = start_backend(repo)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)  # `kill` too stops the backend with us
    try:
        return _serve(content, output, sites, port, jobs, say, api)
    finally:
        if backend:
            backend.terminate()
            try:
                backend.wait(timeout=10)
            except subprocess.TimeoutExpired:
                backend.kill()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _serve(content, output, sites, port, jobs, say, api) -> int:
    preview = Preview(Path(content), Path(output), list(sites or []), jobs)
    preview.rebuild(say)
    Path(output).mkdir(parents=True, exist_ok=True)
    handler = type("PreviewHandler", (Handler,), {"preview": preview, "backend": api})
    try:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(Path(output).resolve())))
    except OSError as exc:
        raise UsageError(f"port {port} tidak bisa dipakai ({exc.strerror}) — pakai port lain, "
                         f"misalnya --port {port + 1}") from None
    server.daemon_threads = True
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    where = f"/{preview.sites[0]}/" if preview.sites else "/"
    say(f"Pratinjau: http://127.0.0.1:{port}{where} — simpan berkas, halaman dimuat ulang "
        "sendiri. Tekan Ctrl+C untuk berhenti.")
    if api:
        say(f"Editor lokal: http://127.0.0.1:{port}{where}admin/ — tulisan disimpan langsung ke "
            "folder content/ di komputer ini (tanpa GitHub, tanpa tinjauan).")
    try:
        preview.watch(stop, say)
    except KeyboardInterrupt:
        say("Pratinjau dihentikan.")
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
    return 0
