"""Nothing a clerk types runs in a visitor's browser (issue 16).

A poisoned city is generated from the schemas: every text field of every content type, of
kelurahan.toml and of kota.toml carries payloads (element injection, attribute break-outs with
" and ', </script>, event handlers, template expressions), each value chosen among candidates
the field's own validator accepts. The city is built with the real command; every HTML page of
the site and the portal is loaded in Chromium with dialog, console and CSP-violation listeners;
feeds, JSON-LD and .ics files are parsed. The payloads are made here, never vendored.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from PIL import Image

import pdfs
from conftest import run
from kelurahan.content.schema import TYPES
from kelurahan.content.schema.anggaran import SCHEMA as ANGGARAN
from kelurahan.content.schema.fields import Invalid
from kelurahan.content.schema.identitas import KELURAHAN, KOTA

SLUG = "racun"
# Records what a page's Content-Security-Policy refused, before any of the page's own code runs.
CSP_LISTENER = """
window.__kpCsp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__kpCsp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sample);
});
"""
# Every element's attributes whose name starts with "on" (an event handler in the DOM).
LIVE_HANDLERS = """() => [...document.querySelectorAll("*")].flatMap((el) =>
  [...el.attributes].filter((a) => a.name.toLowerCase().startsWith("on"))
    .map((a) => el.tagName + " " + a.name + "=" + a.value))"""
SCRIPTS = """() => [...document.scripts].map((s) => s.type + " " + (s.getAttribute("src") || "inline"))"""
HREFS = """() => [...document.querySelectorAll("[href],[src],[action],[formaction]")].map((el) =>
  el.getAttribute("href") || el.getAttribute("src") || el.getAttribute("action") || "")"""


def payloads(mark: str) -> list[str]:
    """Candidates for a text value, most hostile first; ``mark`` names the field in alerts."""
    return [
        f"{mark} <img src=x onerror=alert('{mark}')> <script>alert('{mark}')</script> "
        f"\"><svg onload=alert('{mark}')> '><b onmouseover=alert('{mark}')>b</b> "
        f"</script><script>alert('{mark}')</script> {{{{ 7*7 }}}} &amp; --!>",
        f"{mark} <img src=x onerror=alert(1)> \"'><b onmouseover=alert(1)> {{{{ 7*7 }}}}",
        f"<b onmouseover=alert(1)>{mark}",
        f"\"'{mark}",
        "racun_teks",  # a field with a stricter rule (an account name) takes only this
    ]


URLS = ["https://x.id/a'onmouseover='alert(1)", "https://x.id/a'b", "https://x.id/",
        "@racunteks"]  # a social field takes an account name of its own network


def pick(field, candidates, key):
    """The first candidate the field's validator accepts (the value as written to the file)."""
    for value in candidates:
        if field.max_length and isinstance(value, str) and len(value) > 10 * field.max_length:
            continue  # far over the field's length is refused (a warning up to ten times)
        try:
            field.coerce(value, key)
        except Invalid:
            continue
        return value
    raise AssertionError(f"no candidate accepted for {key}: {candidates}")


def value_for(field, mark: str):
    """A valid value for ``field`` that carries a payload wherever the field takes text."""
    kind, name = field.kind, field.name
    if kind in ("text", "markdown"):
        return pick(field, payloads(mark), mark)
    if kind == "list" and field.choices:  # a list of fixed words (kota.toml's [editor] auth_methods)
        return [field.choices[0]]
    if kind == "list":
        return pick(field, [[p, p] for p in payloads(mark)] + [[mark]], mark)
    if kind == "url":
        return pick(field, URLS, mark)
    if kind == "email":
        return pick(field, ["o'onmouseover='x@x.id", "o'brien@x.id", "desa@x.id"], mark)
    if kind == "phone":
        return pick(field, ["0285-421234", "+62285421234"], mark)
    if kind == "whatsapp":
        return pick(field, ["+6281234567890", "0812-3456-7890"], mark)
    if kind == "image":
        return "gambar/foto.png"
    if kind == "color":
        return "#7a3e12"
    if kind == "coords":
        return [-6.89, 109.67]
    if kind == "int":
        return 35000 if name == "harga" else 1
    if kind == "bool":
        return name in ("menu", "pilot", "contoh")
    if kind == "enum":
        return field.default or field.choices[0]
    if kind in ("date", "datetime"):
        return {"mulai": "2030-01-10 09:00", "selesai": "2030-01-10 12:00",
                "diperbarui": "2025-02-26 10:00"}.get(name, "2025-02-25 10:00")
    if kind == "objects":
        return [{sub.name: value_for(sub, f"{mark}.{sub.name}{i}") for sub in field.fields}
                for i in (1, 2)]
    if kind == "table":
        return {sub.name: value_for(sub, f"{mark}.{sub.name}") for sub in field.fields}
    raise AssertionError(f"unknown field kind {kind}")


SKIP = {"slug", "status"}  # addresses are another engineer's checks; drafts are never published


def fields_of(schema, mark: str) -> dict:
    return {f.name: value_for(f, f"{mark}.{f.name}") for f in schema.fields if f.name not in SKIP}


def toml(data: dict) -> str:
    """A TOML document of strings, numbers, booleans, lists and one level of tables."""
    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a TOML basic string
    plain = [f"{k} = {value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    tables = [f"\n[{k}]\n" + "\n".join(f"{sk} = {value(sv)}" for sk, sv in v.items())
              for k, v in data.items() if isinstance(v, dict)]
    return "\n".join(plain) + "\n" + "\n".join(tables) + "\n"


BODY = """Isi \\<img src=x onerror=alert('isi')> dan &lt;script&gt;alert('isi')&lt;/script&gt; {{ 7*7 }}.

<img src=x onerror=alert('mentah')>

<script>alert('mentah')</script>
"""
NAMES = {"berita": "2025-02-25-racun", "halaman": "profil", "layanan": "racun", "umkm": "racun",
         "wisata": "racun", "agenda": "racun"}


def poisoned_city(root: Path) -> dict:
    """Write the city; return {type: front matter of its fully poisoned item}."""
    content = root / "content"
    site = content / SLUG
    (site / "gambar").mkdir(parents=True)
    Image.new("RGB", (800, 600), (120, 60, 20)).save(site / "gambar" / "foto.png")
    (content / "kota.toml").write_text(toml(fields_of(KOTA, "kota")), encoding="utf-8")
    (site / "kelurahan.toml").write_text(toml(fields_of(KELURAHAN, "kel")), encoding="utf-8")
    items = {}
    for kind, name in NAMES.items():
        folder = site / kind
        folder.mkdir()
        meta = fields_of(TYPES[kind], kind)
        items[kind] = meta
        # Two items a type: every field, and one without ringkasan (the summary then comes from
        # the body, whose first paragraph holds escaped markup) and without tags.
        bare = {k: v for k, v in meta.items() if k not in ("ringkasan", "tag")}
        bare["judul"] = meta["judul"] + " kedua"
        for stem, data in ((name, meta), (name + "-kedua", bare)):
            text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + BODY
            (folder / f"{stem}.md").write_text(text, encoding="utf-8")
    # A dokumen (a clean PDF: the payloads are in its description) and a year's budget.
    (site / "dokumen").mkdir()
    (site / "dokumen" / "racun.pdf").write_bytes(pdfs.clean())
    meta = {**{f.name: value_for(f, f"dokumen.{f.name}") for f in TYPES["dokumen"].fields
               if f.name not in SKIP | {"berkas"}}, "berkas": "racun.pdf"}
    items["dokumen"] = meta
    (site / "dokumen" / "racun.md").write_text(
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + BODY,
        encoding="utf-8")
    budget = {**fields_of(ANGGARAN, "anggaran"), "tahun": 2026, "per_tanggal": "2026-06-30"}
    items["anggaran"] = budget
    (site / "anggaran").mkdir()
    (site / "anggaran" / "2026.yaml").write_text(
        yaml.safe_dump(budget, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # A halaman named kontak shows the kelurahan's contact card; struktur-organisasi its pejabat.
    for stem in ("kontak", "struktur-organisasi"):
        (site / "halaman" / f"{stem}.md").write_text(
            (site / "halaman" / "profil.md").read_text(encoding="utf-8"), encoding="utf-8")
    return items


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    root = tmp_path_factory.mktemp("racun")
    items = poisoned_city(root)
    proc = run("build", "--content", root / "content", "--output", root / "output")
    assert (root / "output" / SLUG / "index.html").is_file(), proc.stdout + proc.stderr
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "output", items


def html_pages(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html")
                  if not {"theme", "admin", "pagefind"} & set(p.parts))


def open_recording(browser, url: str):
    """A page with dialog, console and CSP listeners, loaded at ``url``."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.kp_dialogs, page.kp_console = [], []
    page.on("dialog", lambda d: (page.kp_dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: page.kp_console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.kp_console.append(str(e)))
    origin = "/".join(url.split("/", 3)[:3]) + "/"
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((origin, "data:"))
               else r.abort())
    page.goto(url, wait_until="load")
    return context, page


def check_page(page, rel: str) -> list[str]:
    """What is wrong on a loaded page: dialogs, console errors, CSP violations, live handlers,
    scripts that are not ours, javascript: links."""
    problems = [f"{rel}: dialog {m}" for m in page.kp_dialogs]
    problems += [f"{rel}: console {m}" for m in page.kp_console]
    problems += [f"{rel}: CSP {v}" for v in page.evaluate("window.__kpCsp")]
    problems += [f"{rel}: handler {h}" for h in page.evaluate(LIVE_HANDLERS)]
    for script in page.evaluate(SCRIPTS):
        kind, src = script.split(" ", 1)
        if not (kind == "application/ld+json" or re.search(r"/theme/js/\w+\.js$", src)):
            problems.append(f"{rel}: script {script}")
    problems += [f"{rel}: link {h}" for h in page.evaluate(HREFS)
                 if re.sub(r"\s", "", h).lower().startswith(("javascript:", "data:text", "vbscript:"))]
    return problems


def test_no_payload_runs_or_stays_live_on_any_page_of_the_poisoned_city(poisoned, browser, serve_dir):
    output, items = poisoned
    base = serve_dir(output)
    pages = html_pages(output)
    assert len(pages) > 40 and "index.html" in pages and f"{SLUG}/index.html" in pages
    problems = []
    context, page = open_recording(browser, base + "/")
    try:
        for rel in pages:
            page.kp_dialogs.clear()
            page.kp_console.clear()
            page.goto(f"{base}/{rel}", wait_until="load")
            problems += check_page(page, rel)
    finally:
        context.close()
    assert problems == []


def test_the_payloads_are_shown_as_text(poisoned, browser, serve_dir):
    output, items = poisoned
    base = serve_dir(output)
    judul = items["berita"]["judul"]
    assert "<img src=x onerror=" in judul and "{{ 7*7 }}" in judul
    context, page = open_recording(browser, f"{base}/{SLUG}/berita/2025-02-25-racun/")
    try:
        assert page.locator("h1").inner_text() == judul
        assert page.title().startswith(judul)
        assert page.locator("meta[property='og:image:alt']").get_attribute("content") \
            == items["berita"]["gambar_alt"]
        assert page.locator("meta[name=description]").get_attribute("content") \
            == items["berita"]["ringkasan"]
        assert items["berita"]["penulis"] in page.locator("main").inner_text()
        # The summary taken from the body: its escaped markup stays text on the list's card.
        page.goto(f"{base}/{SLUG}/berita/", wait_until="load")
        card = page.locator(".kp-kartu", has_text="kedua").locator(".kp-kartu__ringkasan")
        assert "<img src=x onerror=alert('isi')>" in card.inner_text()
        assert "{{ 7*7 }}" in card.inner_text()
        # kelurahan.toml and kota.toml values, on every page: the footer.
        footer = page.locator("footer").inner_text()
        assert "<img src=x onerror=" in footer and "{{ 7*7 }}" in footer
        # A document's page, a budget's table (and the portal's sum of it), a print view.
        page.goto(f"{base}/{SLUG}/dokumen/racun/", wait_until="load")
        assert page.locator("h1").inner_text() == items["dokumen"]["judul"]
        kegiatan = items["anggaran"]["kegiatan"][0]
        page.goto(f"{base}/{SLUG}/anggaran/2026/", wait_until="load")
        assert kegiatan["kegiatan"] in page.locator("main").inner_text()
        assert kegiatan["sumber_dana"] in page.locator("main").inner_text()
        page.goto(f"{base}/{SLUG}/layanan/racun/cetak/", wait_until="load")
        assert page.locator("h1").inner_text() == items["layanan"]["judul"]
        assert page.locator("img[src=x], svg[onload], b[onmouseover]").count() == 0
        # The portal.
        page.goto(f"{base}/berita/", wait_until="load")
        assert judul in page.locator("main").inner_text()
        assert page.locator("img[src=x], svg[onload], b[onmouseover]").count() == 0
    finally:
        context.close()


def test_search_results_are_text(poisoned, browser, serve_dir):
    output, items = poisoned
    base = serve_dir(output)
    for url in (f"{base}/{SLUG}/cari/?q=onerror", f"{base}/cari/?q=onerror"):
        context, page = open_recording(browser, url)
        try:
            page.wait_for_selector("#kp-cari-hasil li", timeout=10000)
            assert page.locator("#kp-cari-hasil li").count() > 0
            assert check_page(page, url) == []
            assert page.locator("#kp-cari-hasil img, #kp-cari-hasil script").count() == 0
        finally:
            context.close()


def test_feeds_json_ld_and_calendar_carry_the_payloads_exactly(poisoned):
    output, items = poisoned
    site = output / SLUG
    judul = items["berita"]["judul"]
    atom = "{http://www.w3.org/2005/Atom}"
    feeds = sorted(output.rglob("*.xml"))
    assert len(feeds) > 5
    titles = set()
    for path in feeds:
        root = ET.parse(path).getroot()  # well-formed, whatever the titles held
        titles |= {t.text for t in root.iter(f"{atom}title")}
    assert judul in titles
    blocks = 0
    for path in (site / "berita" / "2025-02-25-racun" / "index.html",
                 site / "umkm" / "racun" / "index.html", site / "index.html"):
        html = path.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in block and ">" not in block
            data = json.loads(block)
            blocks += 1
            graph = {node["@type"]: node for node in data["@graph"]}
            assert graph["GovernmentOrganization"]["name"] == f"Kelurahan {items_kel_nama(output)}"
            if "NewsArticle" in graph:
                assert graph["NewsArticle"]["headline"] == judul
                assert graph["NewsArticle"]["author"]["name"] == items["berita"]["penulis"]
            if "LocalBusiness" in graph:
                assert graph["LocalBusiness"]["name"] == items["umkm"]["judul"]
    assert blocks == 3
    ics = (site / "agenda" / "racun" / "acara.ics").read_bytes().decode("utf-8")
    unfolded = re.sub(r"\r\n ", "", ics)
    summary = next(line for line in unfolded.split("\r\n") if line.startswith("SUMMARY:"))
    text = re.sub(r"\\([\\;,])", r"\1", summary[len("SUMMARY:"):]).replace("\\n", "\n")
    assert text == items["agenda"]["judul"]


def items_kel_nama(output: Path) -> str:
    return json.loads((output / SLUG / "manifest.json").read_text(encoding="utf-8"))["nama"]


def test_no_csp_violation_on_the_fixture_city(lengkap_output, browser, serve_dir):
    """Our own pages (every page type, the portal, both searches) break no rule of their CSP."""
    base = serve_dir(lengkap_output)
    pages = [p for p in html_pages(lengkap_output)
             if "/hal/" not in p and "/tag/" not in p or p.endswith("tag/index.html")]
    problems = []
    context, page = open_recording(browser, base + "/")
    try:
        for rel in pages + ["contoh/cari/?q=domisili", "cari/?q=domisili"]:
            page.kp_dialogs.clear()
            page.kp_console.clear()
            page.goto(f"{base}/{rel}", wait_until="load")
            if "?q=" in rel:
                page.wait_for_selector("#kp-cari-hasil li", timeout=10000)
            problems += check_page(page, rel)
    finally:
        context.close()
    assert problems == []
