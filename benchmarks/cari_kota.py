"""The portal's first city-wide query in Chromium, on a cold cache (issue 22).

    python benchmarks/cari_kota.py OUTPUT [--q posyandu] [--kelurahan SLUG] [--runs 3]
    python benchmarks/cari_kota.py OUTPUT --indeks [--runs 3]

Serves a built output folder on localhost, opens <portal>/cari/ in a fresh Chromium context
(Debian's /usr/bin/chromium through Playwright: nothing cached), types the query and waits for
the first result. Reports, for the page's load and for the query alone: requests, bytes
(response bodies and headers as sent), and milliseconds from the query to its first result,
the median of ``--runs`` runs. Bytes are given twice: as this server sends them (no compression)
and as a host that gzips text responses would (``kb_gzip``: GitHub Pages compresses HTML, CSS,
JavaScript and JSON; Pagefind's index files are gzip already and sent as they are). ``--indeks`` instead times the city index itself, made from the
output's manifests: the whole city as one index, one part (site/search.py, shards) and one
kelurahan's susulan (site/search.py, plan). Localhost has no network latency: on a phone, each request
costs a round trip more, which is why the request count matters as much as the bytes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import statistics
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[str, http.server.HTTPServer]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


# Content types a host like GitHub Pages compresses (the rest, Pagefind's .pf_* and .pagefind
# files among them, are octet streams it sends as they are).
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml")


def gzip_size(request) -> int:
    """The response body's size as a host that gzips text types would send it."""
    response = request.response()
    body = response.body() if response else b""
    kind = (response.headers.get("content-type", "") if response else "").split(";")[0].strip()
    return len(gzip.compress(body, 6)) if kind.startswith(COMPRESSED) else len(body)


def once(browser, base: str, query: str, kelurahan: str = "") -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    log: list[tuple[str, object]] = []
    phase = {"now": "halaman"}
    page.on("requestfinished", lambda request: log.append((phase["now"], request)))
    page.goto(f"{base}/cari/", wait_until="load")
    if kelurahan:
        page.select_option("#kp-cari-kelurahan", kelurahan)
    phase["now"] = "kueri"
    start = time.perf_counter()
    page.fill("#kp-cari-q", query)
    # The status line is written once the first results are on the page (or none were found).
    page.locator("#kp-cari-status").filter(has_text=re.compile(r"hasil untuk|^Tidak")).wait_for(
        timeout=120_000)
    first = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("networkidle")
    status = page.locator("#kp-cari-status").inner_text()
    shown = page.locator("#kp-cari-hasil > li").count()
    out = {"hasil": status, "ditampilkan": shown, "ms_hasil_pertama": round(first),
           "indeks": page.locator("#kp-cari").get_attribute("data-indeks"),
           "basi": len((page.locator("#kp-cari").get_attribute("data-basi") or "").split())}
    for name in ("halaman", "kueri"):
        requests = [r for p, r in log if p == name]
        size = packed = 0
        for request in requests:
            sizes = request.sizes()
            size += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            packed += gzip_size(request) + sizes["responseHeadersSize"]
        out[name] = {"permintaan": len(requests), "kb": round(size / 1024, 1),
                     "kb_gzip": round(packed / 1024, 1)}
    folders: dict[str, int] = {}
    for _, request in log:  # pagefind/<part>/… and pagefind-susulan/… (site/search.py, folder)
        path = request.url.split("?")[0].split("/", 3)[3]
        name = "susulan" if path.startswith("pagefind-susulan/") else \
            path.split("/")[1] if path.startswith("pagefind/") and path.count("/") > 1 else ""
        if name:
            folders[name] = folders.get(name, 0) + 1
    out["permintaan_per_bagian"] = folders
    out["total"] = {"permintaan": out["halaman"]["permintaan"] + out["kueri"]["permintaan"],
                    "kb": round(out["halaman"]["kb"] + out["kueri"]["kb"], 1),
                    "kb_gzip": round(out["halaman"]["kb_gzip"] + out["kueri"]["kb_gzip"], 1)}
    context.close()
    return out


def measure(output: Path, query: str = "posyandu", kelurahan: str = "", runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    base, server = serve(output)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            results = [once(browser, base, query, kelurahan) for _ in range(runs)]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    best = results[0]
    best["ms_hasil_pertama"] = round(statistics.median(r["ms_hasil_pertama"] for r in results))
    best["ms_semua"] = [r["ms_hasil_pertama"] for r in results]
    best["situs"] = sum(1 for p in output.iterdir() if (p / "manifest.json").is_file())
    return best


def index_times(output: Path, runs: int = 3) -> dict:
    """Wall and CPU seconds of the city index from the manifests in ``output``: the whole city
    in one index, its first part (what a fold-back re-indexes) and the susulan of one edited
    kelurahan (what a one-site edit re-indexes)."""
    import resource
    import tempfile

    from kelurahan.site import search

    start = time.perf_counter()
    manifests = [json.loads(p.read_bytes()) for p in sorted(output.glob("*/manifest.json"))]
    records = search.city_records(manifests)
    sites = search.city_sites(manifests)
    parts = search.shards(sites)
    out = {"situs": len(manifests), "rekaman": len(records),
           "bagian": [sum(site.count for site in part) for _, _, part in parts],
           "dtk_manifest_ke_rekaman": round(time.perf_counter() - start, 2)}
    delta = sites[0].records if sites else []  # one edited kelurahan's susulan
    out["rekaman_susulan"] = len(delta)
    first_part = [r for site in parts[0][2] for r in site.records] if parts else []
    for label, chosen in (("kota", records), ("satu_bagian", first_part),
                          ("susulan_satu_situs", delta)):
        rows = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu, wall = time.process_time(), time.perf_counter()
                problem = search.write_city_index(chosen, Path(tmp) / "pagefind")
                assert problem is None, problem
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                rows.append({"dtk": round(time.perf_counter() - wall, 2),
                             "cpu_pagefind": round(after.ru_utime - before.ru_utime
                                                   + after.ru_stime - before.ru_stime, 2),
                             "cpu_python": round(time.process_time() - cpu, 2)})
        out[label] = rows
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", type=Path, help="a built output folder (portal at its root)")
    parser.add_argument("--q", default="posyandu")
    parser.add_argument("--kelurahan", default="", help="slug to filter by (the portal's select)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--indeks", action="store_true", help="time the city index instead")
    args = parser.parse_args(argv)
    if args.indeks:
        print(json.dumps(index_times(args.output, args.runs), indent=1))
        return 0
    print(json.dumps(measure(args.output, args.q, args.kelurahan, args.runs), ensure_ascii=False,
                     indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
