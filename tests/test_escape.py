"""Escape by default (issue 16): autoescape everywhere, one safe mark, a CSP on every visitor page.

The browser half (a poisoned city in Chromium) is tests/browser/test_keamanan.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from markupsafe import Markup
from pelican.contents import Page

from kelurahan.city import portal
from kelurahan.site import theme
from kelurahan.site.format import isi, teks
from kelurahan.site.jsonld import jsonld_script
from kelurahan.site.settings import ROOT
from kelurahan.site.speed import with_template_cache

PAYLOAD = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


def test_isi_marks_only_a_pages_sanitised_body_never_a_string():
    with pytest.raises(TypeError, match="only a sanitised body"):
        isi(PAYLOAD)
    with pytest.raises(TypeError):
        isi(Markup("<b>x</b>"))
    article = Page("<p>Isi</p><table><tr><td>1</td></tr></table>",
                      metadata={"title": PAYLOAD})
    html = isi(article)
    assert isinstance(html, Markup)
    assert html.startswith('<p>Isi</p><div class="kp-tabel"') and PAYLOAD not in html


def test_a_card_given_as_a_string_is_escaped_not_trusted():
    assert theme.tingkat_kartu(PAYLOAD, "h3") == Markup.escape(PAYLOAD)
    rendered = Markup('<h2 class="kp-kartu__judul">&lt;b&gt;</h2>')
    assert theme.tingkat_kartu(rendered, "h3") == '<h3 class="kp-kartu__judul">&lt;b&gt;</h3>'


def test_a_summary_becomes_plain_text_for_the_template_to_escape():
    assert teks("A &amp; B &lt;img src=x onerror=alert(1)&gt;") == "A & B <img src=x onerror=alert(1)>"
    assert not isinstance(teks("&lt;b&gt;"), Markup)


def test_every_jinja_environment_autoescapes(tmp_path):
    settings = with_template_cache({"CACHE_PATH": str(tmp_path / "pelican"),
                                    "JINJA_ENVIRONMENT": {"autoescape": False}})
    assert settings["JINJA_ENVIRONMENT"]["autoescape"] is True
    env = portal._environment(ROOT / "themes" / "kelurahan")
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x=PAYLOAD) == str(Markup.escape(PAYLOAD))


def test_json_ld_cannot_end_its_script_element():
    page = Page("", metadata={"title": PAYLOAD, "url": "berita/x/", "tipe": "halaman",
                                 "ringkasan": "a & b"})
    script = jsonld_script({"KP_BASE_URL": "https://x.id/k",
                            "KP_KELURAHAN": {"nama": PAYLOAD, "slug": "k"},
                            "KP_KOTA": {"nama": "Kota"}}, page)
    body = script[len('<script type="application/ld+json">'):-len("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body
    graph = json.loads(body)["@graph"]
    assert graph[0]["name"] == f"Kelurahan {PAYLOAD}" and graph[1]["name"] == PAYLOAD


def test_every_visitor_page_has_a_csp_that_allows_its_own_style_and_no_inline_script(lengkap_output):
    pages = [p for p in lengkap_output.rglob("*.html") if not {"admin", "pagefind"} & set(p.parts)]
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html[:html.index("</head>")]
        meta = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)
        assert len(meta) == 1, path
        policy = meta[0].replace("&#39;", "'")
        assert head.index("Content-Security-Policy") < head.index("<style>") < head.index("<script")
        assert "script-src 'self' 'wasm-unsafe-eval';" in policy
        assert "object-src 'none'" in policy and "base-uri 'self'" in policy
        assert "unsafe-inline" not in policy and "http:" not in policy
        styles = re.findall(r"<style>(.*?)</style>", html, re.S)
        assert len(styles) == 1, path
        digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy, path
        assert " style=" not in html, path
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert 'src="' in tag or 'type="application/ld+json"' in tag, (path, tag)
