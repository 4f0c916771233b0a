"""Raw HTML in Markdown: nothing active reaches a page, and every removal is reported with its line."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import run, write_tree
from kelurahan.content.frontmatter import parse
from kelurahan.content.markup import to_html
from kelurahan.content.sanitise import IMAGE_FIX, LINK_FIX, clean

FIX = ("hapus kode HTML tersebut; untuk video pakai youtube-nocookie.com, untuk peta pakai "
       "openstreetmap.org")


def sanitise(body: str):
    """The reader's path: front matter → Markdown → HTML → clean()."""
    doc = parse(f"---\njudul: Uji\n---\n{body}", "content/a/berita/uji.md")
    html = to_html(doc.body)
    cleaned, problems = clean(html, doc)
    return cleaned, [p.format() for p in problems]


def test_script_is_removed_and_reported_with_its_line():
    cleaned, problems = sanitise("Paragraf.\n\n<script>alert(1)</script>\n")
    assert "<script" not in cleaned and "alert" not in cleaned
    assert problems == [f"content/a/berita/uji.md:6: peringatan: HTML berbahaya di isi tulisan: "
                        f"tag <script> dihapus — {FIX}"]


def test_event_handlers_are_removed_and_javascript_urls_refused():
    cleaned, problems = sanitise('Satu.\n\n<a href="javascript:alert(1)" onclick="x()">klik</a>\n')
    assert cleaned == "<p>Satu.</p>\n<p><a>klik</a></p>"
    assert problems == [
        'content/a/berita/uji.md:6: tautan "javascript:alert(1)" di isi tulisan diawali javascript:, '
        f"yang tidak diizinkan — {LINK_FIX}",
        f"content/a/berita/uji.md:6: peringatan: HTML berbahaya di isi tulisan: atribut on… (skrip) "
        f"dihapus — {FIX}"]


def test_markup_in_capitals_is_reported_too():
    """Pasted from old portals, HTML is often in capitals; each kind is still named, with its line."""
    cleaned, problems = sanitise('Satu.\n\n<SCRIPT>x()</SCRIPT>\n\n'
                                 '<A HREF="JavaScript:x()" OnClick="x()">klik</A>\n')
    assert "script" not in cleaned.lower() and "onclick" not in cleaned.lower()
    assert [p.split(": ", 1)[1] for p in problems] == [
        f'tautan "JavaScript:x()" di isi tulisan diawali javascript:, yang tidak diizinkan — {LINK_FIX}',
        f"peringatan: HTML berbahaya di isi tulisan: tag <script> dihapus — {FIX}",
        f"peringatan: HTML berbahaya di isi tulisan: atribut on… (skrip) dihapus — {FIX}"]
    assert [p.split(":")[1] for p in problems] == ["8", "6", "8"]


@pytest.mark.parametrize("src", ["https://www.youtube-nocookie.com/embed/abc",
                                 "https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4"])
def test_allowed_iframes_stay_lazy_and_named(src):
    cleaned, problems = sanitise(f'<iframe src="{src}"></iframe>\n')
    frame = BeautifulSoup(cleaned, "html.parser").iframe
    assert frame["src"] == src.replace("&", "&amp;") or frame["src"] == src
    assert frame["loading"] == "lazy" and frame["title"] == "Video atau peta sematan"
    assert problems == []


def test_iframes_from_other_sites_are_dropped_and_reported():
    cleaned, problems = sanitise('Teks.\n\n<iframe src="https://www.youtube.com/embed/abc"></iframe>\n')
    assert "iframe" not in cleaned
    assert problems == [f"content/a/berita/uji.md:6: peringatan: HTML berbahaya di isi tulisan: "
                        f"iframe dari situs yang tidak diizinkan dihapus — {FIX}"]


def test_style_and_forms_are_removed():
    cleaned, problems = sanitise("<style>body{}</style>\n\n<form><input name=a></form>\n")
    assert "<style" not in cleaned and "<form" not in cleaned and "<input" not in cleaned
    assert len(problems) == 3


def test_plain_markdown_passes_untouched():
    cleaned, problems = sanitise("Teks **tebal** dan [tautan](https://contoh.id/).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert problems == []
    assert '<a href="https://contoh.id/" rel="noopener noreferrer">tautan</a>' in cleaned
    assert "<table>" in cleaned


def test_a_build_reports_each_removal_and_publishes_no_active_markup(tmp_path):
    content = write_tree(tmp_path / "content", {
        "kota.toml": 'nama = "Kota Contoh"\n',
        "alpha/kelurahan.toml": 'nama = "Alpha"\nkecamatan = "Utara"\n',
        "alpha/berita/uji.md": """\
            ---
            judul: Uji
            tanggal: 2025-02-25
            pilar: governance
            ---
            Paragraf aman.

            <p onmouseover="alert(1)">Halo</p>
        """,
    })
    proc = run("build", "--content", content, "--output", tmp_path / "out")
    out = proc.stdout + proc.stderr
    assert (f"{content}/alpha/berita/uji.md:8: peringatan: HTML berbahaya di isi tulisan: "
            f"atribut on… (skrip) dihapus — {FIX}") in out
    page = (tmp_path / "out/alpha/berita/uji/index.html").read_text(encoding="utf-8")
    assert "onmouseover" not in page and "alert(" not in page
