"""Markdown → HTML (kelurahan/content/markup.py): what a clerk writes, as the reader and checker see it."""

from __future__ import annotations

from kelurahan.content.markup import to_html


def test_paragraphs_lists_and_tables_as_github_renders_them():
    html = to_html("Rapat warga.\n- satu\n- dua\n\n| Hari | Jam |\n| --- | --- |\n| Senin | 08.00 |\n")
    assert html.startswith("<p>Rapat warga.</p>\n<ul>\n<li>satu</li>")  # no blank line needed
    assert "<th>Hari</th>" in html and "<td>08.00</td>" in html


def test_headings_get_ids_that_stay_unique():
    html = to_html("## Syarat Umum\n\n## Syarat Umum\n\n### *Biaya* & waktu\n")
    assert '<h2 id="syarat-umum">Syarat Umum</h2>' in html
    assert '<h2 id="syarat-umum_1">Syarat Umum</h2>' in html
    assert '<h3 id="biaya-waktu"><em>Biaya</em> &amp; waktu</h3>' in html


def test_pelican_links_keep_their_braces_and_bare_addresses_become_links():
    html = to_html("[Domisili]({filename}/layanan/domisili.md) ![Rapat]({static}/gambar/a.jpg) "
                   "lihat https://example.org/info")
    assert '<a href="{filename}/layanan/domisili.md">Domisili</a>' in html
    assert 'src="{static}/gambar/a.jpg"' in html
    assert '<a href="https://example.org/info">https://example.org/info</a>' in html


def test_raw_html_is_left_for_the_sanitiser_to_report():
    # cmark's tagfilter would escape <script> silently; the sanitiser must see it to say so.
    assert "<script>alert(1)</script>" in to_html("Teks.\n\n<script>alert(1)</script>\n")


def test_references_to_noncharacters_and_control_characters_become_the_replacement_character():
    """cmark writes &#65534; as bytes that are not UTF-8; XML feeds refuse control characters."""
    html = to_html("a &#65534; b &#xFFFF; c &#x1FFFE; d &#xFDD0; e &#1; f &#99999999; g \x01 h \x0b i")
    assert html == "<p>a \ufffd b \ufffd c \ufffd d \ufffd e \ufffd f \ufffd g \ufffd h \ufffd i</p>"
    assert to_html("&#233; &amp; &#38; &#9;") == "<p>é &amp; &amp; \t</p>"
