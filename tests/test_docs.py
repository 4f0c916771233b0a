"""The staff guide and CODEOWNERS are generated, complete, and up to date."""

import importlib.util
import re

import pytest
from conftest import ROOT, run, write_tree

from kelurahan.content.schema import KELURAHAN, KOTA, TYPES
from kelurahan.tools import codeowners

PANDUAN = ROOT / "docs" / "panduan"


def _generator():
    spec = importlib.util.spec_from_file_location("buat_referensi", PANDUAN / "buat_referensi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _keys(fields, prefix=""):
    for f in fields:
        yield prefix + f.name
        yield from _keys(f.fields, f"{prefix}{f.name}.")


def test_field_reference_is_up_to_date_with_the_schemas():
    committed = (PANDUAN / "referensi-kolom.md").read_text(encoding="utf-8")
    assert committed == _generator().render(), "jalankan: make panduan"


@pytest.mark.parametrize("schema", [*TYPES.values(), KELURAHAN, KOTA], ids=lambda s: s.name)
def test_every_field_is_documented(schema):
    text = (PANDUAN / "referensi-kolom.md").read_text(encoding="utf-8")
    section = text.split(f"## {schema.label_plural if schema in TYPES.values() else schema.label}")[1]
    section = section.split("\n## ")[0]
    for key in _keys(schema.fields):
        assert f"| `{key}` |" in section, key
    for f in schema.fields:
        assert f.help.replace("|", "\\|") in section


def test_guide_covers_every_required_topic_and_its_links_resolve():
    pages = {p.name: p.read_text(encoding="utf-8") for p in PANDUAN.glob("*.md")}
    for topic in ("menulis-berita.md", "umkm-layanan-wisata.md", "foto.md", "pemeriksaan.md",
                  "editor.md", "pratinjau.md", "penerbitan.md", "referensi-kolom.md"):
        assert f"]({topic})" in pages["README.md"], topic
    for name, text in pages.items():
        text = re.sub(r"```.*?```|`[^`]*`", "", text, flags=re.S)  # examples are not links
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            if not target.startswith("../screenshots"):
                assert (PANDUAN / target).exists(), f"{name}: {target}"


def test_codeowners_is_up_to_date_with_the_registry():
    proc = run("codeowners", "--check", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    text = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "* @dinkominfo-pekalongan/tim-kota" in text
    assert "/content/kauman/ @dinkominfo-pekalongan/kauman @dinkominfo-pekalongan/tim-kota" in text
    assert text.count("/content/") == 28  # 27 kelurahan and kota.toml


def test_codeowners_names_each_team_and_refuses_a_missing_one(tmp_path):
    write_tree(tmp_path / "content", {
        "kota.toml": 'nama = "Kota Contoh"\ntim = "@kota/tim"\n',
        "alpha/kelurahan.toml": 'nama = "Alpha"\nkecamatan = "Utara"\ntim = "@kota/alpha"\n',
        "beta/kelurahan.toml": 'nama = "Beta"\nkecamatan = "Utara"\n',
    })
    proc = run("codeowners", "--output", tmp_path / "CODEOWNERS", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == ('content/beta/kelurahan.toml: tim kelurahan belum diisi — tambahkan '
                           'tim = "@organisasi/beta"\n')
    (tmp_path / "content/beta/kelurahan.toml").write_text(
        'nama = "Beta"\nkecamatan = "Utara"\ntim = "@kota/beta"\n', encoding="utf-8")
    assert run("codeowners", "--output", tmp_path / "CODEOWNERS", cwd=tmp_path).returncode == 0
    lines = (tmp_path / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert [l for l in lines if l and not l.startswith("#")] == [
        "* @kota/tim", "/content/alpha/ @kota/alpha @kota/tim", "/content/beta/ @kota/beta @kota/tim",
        "/content/kota.toml @kota/tim"]
    assert codeowners.render(tmp_path / "content").startswith("# Dibuat otomatis")
