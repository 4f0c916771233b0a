"""Start-up of the web editor's sign-in screen on a throttled CPU, and the outside hosts it asks.

    python benchmarks/editor.py OUTPUT_DIR 'text=Masuk dengan GitHub' [RUNS] [CPU_SLOWDOWN]

OUTPUT_DIR is a built site (its ``alpha/admin/``, e.g. the mini fixture city built with
``--site alpha``); the selector names what shows once the editor is ready. Every outside host is
blocked and listed; the numbers behind docs/editor.md.
"""

import functools
import http.server
import json
import sys
import threading
import time

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure(root: str, ready: str, runs: int = 5, rate: float = 4.0, warm: bool = False) -> dict:
    """Seconds to ``ready`` and main-thread script seconds (CDP), per run; outside hosts asked.

    ``warm``: each run loads the page once first, so the timed load comes from the browser's
    cache (a clerk's second visit)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/alpha/admin/"
    seconds, script, outside, loaded = [], [], set(), []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            sizes = []

            def route(route):
                if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
                    return route.continue_()
                outside.add(route.request.url)
                return route.abort()

            page.route("**/*", route)
            page.on("response", lambda r: sizes.append(int(r.headers.get("content-length") or 0)))
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})  # a cheap phone
            cdp.send("Performance.enable")
            if warm:
                page.goto(url)
                page.locator(ready).first.wait_for(state="visible", timeout=120000)
                sizes.clear()
            start = time.perf_counter()
            page.goto(url)
            page.locator(ready).first.wait_for(state="visible", timeout=120000)
            seconds.append(round(time.perf_counter() - start, 2))
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            script.append(round(metrics["ScriptDuration"], 2))
            page.wait_for_timeout(3000)  # late requests (status pings, fonts) count too
            loaded.append(sum(sizes))
            context.close()
        browser.close()
    server.shutdown()
    return {"cpu_slowdown": rate, "warm": warm, "seconds": seconds, "median_seconds": sorted(seconds)[runs // 2],
            "script_seconds": script, "median_script_seconds": sorted(script)[runs // 2],
            "bytes_loaded": loaded[0], "outside": sorted(outside)}


if __name__ == "__main__":
    root, ready = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rate = float(sys.argv[4]) if len(sys.argv) > 4 else 4.0
    print(json.dumps(measure(root, ready, runs, rate, "--warm" in sys.argv), indent=1))
