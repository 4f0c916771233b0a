"""The city search after an edit, in Chromium (issue 22 items 2 and 5): one kelurahan's berita
retitled, the city rebuilt — its base part of the index is kept as it was (the same files, not
indexed again), the kelurahan's current records are in the small "susulan" part, and the
portal's search finds the new title once and the old one not at all, with the right count and
kelurahan filter. A forced build folds the susulan back and finds the same; so does a build
whose susulan has grown past its limit (site/search.py, plan)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from browser.conftest import search
from conftest import run
from test_portal_skala import ENV, build_city, slug

from kelurahan.site import search as city_search

QUERIES = ("posyandu", "cempaka", "kenanga", "melati", "anggrek", "domisili", "usaha rekaan")


def retitle(content: Path, i: int, old: str, new: str) -> None:
    """Rename the flower of kelurahan ``i``'s berita (its title and text) as a clerk would."""
    for page in (content / slug(i) / "berita").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(old, new).replace(old.lower(), new.lower()), encoding="utf-8")


def build(root: Path, *extra: str) -> None:
    proc = run("build", "--content", root / "content", "--output", root / "out", *extra, env=ENV)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def entries(out: Path, name: str = "bagian-1") -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file of one part of the city index."""
    folder = out / "pagefind" / name
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def part(url: str) -> str:
    """The city index a request went to: "bagian-<n>" (pagefind/bagian-<n>/), "susulan"
    (pagefind-susulan/), or "" for anything else."""
    path = url.split("?")[0].split("/", 3)[3]
    if path.startswith("pagefind-susulan/"):
        return "susulan"
    return path.split("/")[1] if path.startswith("pagefind/") else ""


def form(out: Path) -> dict:
    page = (out / "cari/index.html").read_text(encoding="utf-8")
    tag = re.search(r"<form id=\"kp-cari\"[^>]*>", page).group(0)
    return dict(re.findall(r'data-(indeks|basi|tersembunyi)="([^"]*)"', tag))


def stamp(out: Path) -> dict:
    return json.loads((out / ".kp-portal.json").read_text(encoding="utf-8"))["indeks"]


@pytest.fixture(scope="module")
def city(tmp_path_factory, serve_dir):
    """The city at each step, each output copied aside (so each can be served) with what the
    step did to the index noted."""
    root = tmp_path_factory.mktemp("cari-susulan")
    out = build_city(root)
    steps: dict[str, dict] = {}

    def keep(name: str, **noted) -> None:
        copy = root / f"salinan-{name}"
        shutil.copytree(out, copy, symlinks=True)
        steps[name] = {"out": copy, "url": serve_dir(copy), "form": form(out), "stamp": stamp(out),
                       "folder": (out / "pagefind").stat().st_ino, **noted}

    keep("awal", files=entries(out))
    before = entries(out)
    retitle(root / "content", 7, "Kenanga", "Cempaka")
    build(root)
    keep("susulan", files=entries(out), base_before=before)
    build(root, "--force")
    keep("paksa", files=entries(out))
    # Ten more kelurahan retitled: 11 × 3 records pass the limit of this city (126 // 4)
    # only with the eleventh; the tenth still goes to the susulan.
    before = entries(out)
    for i in range(20, 30):
        retitle(root / "content", i, "Melati", "Anggrek")
    build(root)
    keep("sepuluh", files=entries(out), base_before=before)
    retitle(root / "content", 30, "Melati", "Anggrek")
    build(root)
    keep("lipat", files=entries(out), base_before=before)
    return steps


def test_one_edit_keeps_the_base_part_and_indexes_the_kelurahan_into_the_susulan(city):
    step = city["susulan"]
    assert step["files"] == step["base_before"]  # the same files: not indexed again
    assert step["folder"] == city["awal"]["folder"]  # pagefind/ itself left in place, not linked again
    assert step["form"]["indeks"] == "pagefind/bagian-1 pagefind-susulan" and step["form"]["basi"] == slug(7)
    assert len(step["form"]["tersembunyi"].split()) == 3  # its berita, layanan and UMKM
    assert (step["out"] / "pagefind-susulan/pagefind-entry.json").is_file()
    assert step["stamp"]["bagian"]["bagian-1"] == city["awal"]["stamp"]["bagian"]["bagian-1"]
    assert step["stamp"]["susulan"]


def test_the_edited_title_is_found_once_and_the_old_one_not_at_all(city, page_at):
    page = page_at(f"{city['susulan']['url']}/cari/")
    finished = []
    page.on("requestfinished", lambda request: finished.append(request.url))
    found = search(page, "cempaka")
    assert found == [{"judul": "Posyandu Cempaka RW 7", "href": f"/{slug(7)}/berita/2025-02-08-posyandu/",
                      "meta": ["Kelurahan Rekaan 07, Kec. Tengah", "Berita"]}]
    assert page.locator("#kp-cari-status").inner_text() == "1 hasil untuk “cempaka”"
    assert not page.locator("#kp-cari-lagi").is_visible()  # nothing more to show
    # The susulan costs its entry, meta and word chunk; hiding the stale records costs nothing.
    own = [u.split("?")[0] for u in finished if part(u) == "susulan"]
    assert len([u for u in own if "/fragment/" not in u]) == 3, own
    assert not [u for u in finished if "/filter/" in u]
    assert ask(page, "kenanga") == []
    assert page.locator("#kp-cari-status").inner_text().startswith("Tidak ada hasil")
    ask(page, "posyandu")  # every kelurahan's berita once: the count of the first build
    assert page.locator("#kp-cari-status").inner_text().startswith("42 hasil untuk")
    assert not page.kp_console and not page.kp_failed and not page.kp_external


def test_the_edited_kelurahan_filter_loads_its_part_and_the_susulan_only(city, page_at):
    page = page_at(f"{city['susulan']['url']}/cari/?kelurahan={slug(7)}")
    finished = []
    page.on("requestfinished", lambda request: finished.append(request.url))
    found = search(page, "posyandu")
    assert [r["judul"] for r in found] == ["Posyandu Cempaka RW 7"]
    assert page.locator("#kp-cari-status").inner_text() == "1 hasil untuk “posyandu”"
    assert {part(u) for u in finished} - {""} == {"bagian-1", "susulan"}
    # Another kelurahan: its part alone, and its one berita.
    other = page_at(f"{city['susulan']['url']}/cari/?kelurahan={slug(12)}")
    finished.clear()
    other.on("requestfinished", lambda request: finished.append(request.url))
    assert [r["judul"] for r in search(other, "posyandu")] == ["Posyandu Melati RW 12"]
    assert {part(u) for u in finished} - {""} == {"bagian-1"}


def ask(page, text: str) -> list[dict]:
    """search(), waiting for this query's own status line (the page keeps the last one)."""
    found = search(page, text)
    page.locator("#kp-cari-status", has_text=f"“{text}”").wait_for()
    return found if page.locator("#kp-cari-hasil > li").count() else []


def results(url: str, page_at) -> dict[str, tuple[str, list]]:
    """What each query finds: the status line and every result (all pages of them)."""
    page = page_at(f"{url}/cari/")
    found = {}
    for text in QUERIES:
        ask(page, text)
        while page.locator("#kp-cari-lagi").is_visible():
            shown = page.locator("#kp-cari-hasil > li").count()
            page.click("#kp-cari-lagi")
            page.locator("#kp-cari-hasil > li").nth(shown).wait_for()
        items = page.eval_on_selector_all("#kp-cari-hasil > li", """items => items.map(li =>
            [li.querySelector('a').getAttribute('href'), li.querySelector('h2').textContent,
             [...li.querySelectorAll('.kp-plabel-teks')].map(s => s.textContent).join(' | ')])""")
        found[text] = (re.sub(r", \d+ teratas ditampilkan", "", page.locator("#kp-cari-status").inner_text()),
                       sorted(map(tuple, items)))
    assert not page.kp_console and not page.kp_failed
    return found


def test_a_forced_build_folds_the_susulan_back_and_finds_the_same(city, page_at):
    step = city["paksa"]
    assert not (step["out"] / "pagefind-susulan").exists()
    assert step["form"] == {"indeks": "pagefind/bagian-1"}
    assert step["files"] != city["susulan"]["files"]  # the part was indexed again
    assert results(step["url"], page_at) == results(city["susulan"]["url"], page_at)


def test_the_susulan_grows_to_its_limit_then_folds_back_into_its_part(city, page_at):
    ten, folded = city["sepuluh"], city["lipat"]
    assert city_search.limit(126, 1) == 31
    assert ten["files"] == ten["base_before"]
    assert ten["form"]["indeks"] == "pagefind/bagian-1 pagefind-susulan"
    assert ten["form"]["basi"] == " ".join(slug(i) for i in range(20, 30))
    assert len(ten["form"]["tersembunyi"].split()) == 30
    assert folded["form"] == {"indeks": "pagefind/bagian-1"}
    assert not (folded["out"] / "pagefind-susulan").exists()
    assert set(folded["files"].values()).isdisjoint(ten["files"].values())  # indexed again
    assert folded["stamp"]["susulan"] is None
    before, after = results(ten["url"], page_at), results(folded["url"], page_at)
    assert before["melati"][0] == "31 hasil untuk “melati”"  # 41 Melati − 10 retitled
    assert after["melati"][0] == "30 hasil untuk “melati”"
    assert after["posyandu"][0] == before["posyandu"][0] == "42 hasil untuk “posyandu”"
    assert sorted(r[1] for r in after["melati"][1]) == sorted(
        f"Posyandu Melati RW {i}" for i in range(42) if i != 7 and not 20 <= i <= 30)
    assert after["anggrek"][0] == "11 hasil untuk “anggrek”"
    assert before["anggrek"][0] == "10 hasil untuk “anggrek”"
