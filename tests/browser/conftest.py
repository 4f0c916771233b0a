"""Browser fixtures shared by every browser test: Debian's Chromium driven by Playwright.

- ``browser``: one headless Chromium per test session (``make browser`` installs it).
- ``serve_dir(path)``: serve a built output folder over local HTTP; returns its base URL.
- ``page_at(url, width, height)``: a fresh page at that size, recording console errors
  (``page.kp_console``), failed requests (``page.kp_failed``) and requests that leave the
  local server (``page.kp_external``; no other host name resolves, so they are never sent).
- ``axe_violations(page)`` and ``nu_errors(paths)``: axe-core (axe-playwright-python) and the
  Nu HTML checker (vnu-jar from npm, installed by ``make browser`` under .cache/vnu/).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync",
                 # no host but the test servers' resolves: a request to another host is never sent
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar", ".xml": "application/xml"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def serve_dir():
    """serve_dir(path) → 'http://127.0.0.1:PORT' serving that folder until the session ends."""
    servers = []

    def serve(path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(path))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page_at(browser):
    """page_at(url, width=360, height=800) → a loaded page that records what went wrong."""
    contexts = []

    def open_page(url: str, width: int = 360, height: int = 800):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.kp_console, page.kp_failed, page.kp_external = [], [], []
        page.kp_log = []  # every console message, warnings included: shown when a wait fails
        origin = url.split("/", 3)[:3]
        local = "/".join(origin) + "/"

        # Requests to other hosts are recorded here and never leave the machine: Chromium
        # resolves no host name but the local server's (CHROMIUM_ARGS). Not page.route: a
        # request intercepted by Playwright now and then came back with an empty body under
        # load (Pagefind: "Failed to load Pagefind metadata: Unexpected end of JSON input").
        page.on("request", lambda request: page.kp_external.append(request.url)
                if not request.url.startswith((local, "data:", "blob:")) else None)
        page.on("console", lambda msg: page.kp_console.append(msg.text)
                if msg.type == "error" else None)
        page.on("console", lambda msg: page.kp_log.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda exc: page.kp_console.append(str(exc)))
        page.on("response", lambda resp: page.kp_failed.append(f"{resp.status} {resp.url}")
                if resp.status >= 400 else None)
        page.goto(url, wait_until="load")
        return page

    yield open_page
    for context in contexts:
        context.close()


def axe_violations(page) -> list[str]:
    """Every axe-core violation on the page (all rules, best practices included), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in results.response["violations"]]


def assert_clean(page, path: str) -> None:
    """The page at ``path`` (a search with ``q=`` once its results are shown) has no axe
    violation, no console message, no failed request and no request to another host."""
    if "q=" in path:
        wait_for_results(page, "hasil")
    assert axe_violations(page) == []
    assert not page.kp_console and not page.kp_failed and not page.kp_external


ROOT = Path(__file__).resolve().parents[2]
NU_JAR = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(paths) -> list[str]:
    """Errors of the Nu HTML checker (vnu.jar, run with the system's java) on HTML files."""
    java = shutil.which("java")
    if java is None or not NU_JAR.is_file():
        raise AssertionError("java or vnu.jar missing — run `make browser` (installs Chromium, "
                             "Java and the Nu HTML checker from npm)")
    proc = subprocess.run([java, "-jar", str(NU_JAR), "--format", "json", "--exit-zero-always",
                           *map(str, paths)], capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    return [f"{m.get('url', '').rsplit('/', 3)[-3:]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m["type"] == "error"]


def wait_for_results(page, pattern: str = r"hasil|^Tidak") -> None:
    """Wait until the search page's status line says what it found. If it does not within 30 s,
    fail with what the page shows and logged (a search that failed to load says so in the
    status line at once): the status, console messages and failed requests."""
    # A locator, not wait_for_function: Playwright evaluates a string predicate with eval(),
    # which the page's Content-Security-Policy refuses (no 'unsafe-eval').
    status = page.locator("#kp-cari-status")
    try:
        status.filter(has_text=re.compile(pattern + r"|gagal|^Belum")).wait_for()
    except Exception as exc:  # Playwright's TimeoutError: say what the page was doing
        raise AssertionError(f"no search result: status {status.inner_text()!r}, console "
                             f"{page.kp_log}, failed {page.kp_failed}") from exc
    shown = status.inner_text()
    assert re.search(pattern, shown), (shown, page.kp_log, page.kp_failed)


def search(page, text: str, **filters) -> list[dict]:
    """Type into a search page's box (after choosing filters by label); the results shown, as
    {judul, meta, href}. Used by the site search and the city search tests."""
    for name, value in filters.items():
        page.select_option(f"#kp-cari-{name}", label=value)
    page.fill("#kp-cari-q", text)
    wait_for_results(page)
    return page.eval_on_selector_all("#kp-cari-hasil > li", """items => items.map(li => ({
        judul: li.querySelector('h2').textContent,
        meta: [...li.querySelectorAll('.kp-plabel-teks')].map(s => s.textContent),
        href: li.querySelector('a').getAttribute('href')}))""")
