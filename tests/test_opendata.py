"""Open data: every file validates against the JSON Schema published beside it, says what the
pages show, keeps its documented path and version, and follows the schemas field for field."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, run
from test_portal import ENV, SITES, make_city

from kelurahan.content.schema import TYPES
from kelurahan.site import opendata

KINDS = ("berita", "layanan", "umkm", "wisata", "agenda")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("opendata")
    content = make_city(root)
    proc = run("build", "--content", content, "--output", root / "out", env=ENV)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "out"


def folders(out):
    return [out / "data/v1"] + [out / slug / "data/v1" for slug in SITES]


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", KINDS)
def test_every_file_validates_against_the_schema_published_beside_it(out, kind):
    for folder in folders(out):
        document = load(folder / f"{kind}.json")
        schema = load(folder / document["$schema"])
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()) \
            .validate(document)
        assert document["versi"] == 1 and document["jenis"] == kind
        assert document["jumlah"] == len(document["data"])


def test_a_record_outside_the_schema_is_refused(out):
    document = load(out / "data/v1/umkm.json")
    document["data"][0]["rahasia"] = "tidak dikenal"
    schema = load(out / "data/v1/schema/umkm.schema.json")
    with pytest.raises(jsonschema.ValidationError, match="'rahasia' was unexpected"):
        jsonschema.validate(document, schema)


def test_city_data_is_every_site_record_and_nothing_else(out):
    for kind in KINDS:
        city = load(out / "data/v1" / f"{kind}.json")
        sites = [r for slug in SITES for r in load(out / slug / "data/v1" / f"{kind}.json")["data"]]
        assert sorted(city["data"], key=lambda r: r["id"]) == sorted(sites, key=lambda r: r["id"])
        assert city["cakupan"] == {"kota": "Kota Contoh"}
    gamma = load(out / "gamma/data/v1/umkm.json")["cakupan"]
    assert gamma == {"kota": "Kota Contoh", "kelurahan": "gamma", "nama_kelurahan": "Gamma Raya",
                     "kecamatan": "Selatan"}
    assert [r["id"] for r in load(out / "data/v1/berita.json")["data"]] == [
        "alpha/berita/2025-02-25-rapat", "gamma/berita/2025-02-20-pelatihan",
        "gamma/berita/2024-12-01-ronda", "gamma/berita/2023-01-01-lama"]  # drafts never


@pytest.mark.parametrize("kind", KINDS)
def test_every_record_says_what_its_page_shows(out, kind):
    for record in load(out / "data/v1" / f"{kind}.json")["data"]:
        base = "https://contoh.github.io/kota/"
        assert record["url"].startswith(base)
        page = out / record["url"][len(base):] / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.h1.get_text(strip=True) == record["judul"], record["id"]


def test_umkm_record_keeps_every_value_the_clerk_wrote(out):
    record = next(r for r in load(out / "data/v1/umkm.json")["data"]
                  if r["id"] == "gamma/umkm/batik-gamma")
    assert record == {
        "id": "gamma/umkm/batik-gamma", "kelurahan": "gamma", "nama_kelurahan": "Gamma Raya",
        "kecamatan": "Selatan", "url": "https://contoh.github.io/kota/gamma/umkm/batik-gamma/",
        "judul": "Batik Tulis Gamma", "ringkasan": "Batik tulis halus buatan warga.",
        "pilar": "economy", "slug": "batik-gamma", "contoh": True, "kategori": "batik",
        "harga": "Rp150.000–Rp900.000", "whatsapp": "+6281222223333"}


@pytest.mark.parametrize("kind", opendata.CSV_KINDS)
def test_csv_has_one_column_per_schema_field_and_the_same_rows_as_json(out, kind):
    for folder in folders(out):
        rows = list(csv.DictReader(io.StringIO((folder / f"{kind}.csv").read_text(encoding="utf-8"))))
        records = load(folder / f"{kind}.json")["data"]
        assert [r["id"] for r in rows] == [r["id"] for r in records]
    header = (out / "data/v1" / f"{kind}.csv").read_text(encoding="utf-8").splitlines()[0]
    expected = []
    for f in TYPES[kind].fields:
        if f.name != "status":
            expected += [f"{f.name}_lintang", f"{f.name}_bujur"] if f.kind == "coords" else [f.name]
    assert header.split(",") == ["id", "kelurahan", "nama_kelurahan", "kecamatan", "url"] + expected


def test_layanan_csv_joins_lists_with_semicolons(out):
    rows = list(csv.DictReader(io.StringIO((out / "data/v1/layanan.csv").read_text(encoding="utf-8"))))
    gamma = next(r for r in rows if r["kelurahan"] == "gamma")
    assert gamma["persyaratan"] == "Surat pengantar RT/RW; KTP-el"
    assert gamma["biaya"] == "Gratis" and gamma["contoh"] == "false"


@pytest.mark.parametrize("kind", KINDS)
def test_json_schema_describes_every_schema_field_with_its_label(kind):
    schema = opendata.json_schema(kind)
    properties = schema["properties"]["data"]["items"]["properties"]
    for f in TYPES[kind].fields:
        if f.name == "status":
            continue
        assert properties[f.name]["title"] == f.label
        assert properties[f.name]["description"] == f.help


def test_docs_field_reference_is_up_to_date_with_the_schemas():
    text = (ROOT / "docs/opendata.md").read_text(encoding="utf-8")
    assert opendata.reference() in text, "jalankan: python -m kelurahan.site.opendata docs/opendata.md"
    for kind in KINDS:
        for f in opendata.fields(kind):
            assert f"| `{f.name}` |" in text
    for path in ("data/v1/berita.json", "data/v1/umkm.csv", "data/v1/layanan.csv",
                 "data/v1/schema/<jenis>.schema.json", "<kelurahan>/data/v1/umkm.json"):
        assert f"`{path}`" in text, path


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://x.example\",\"klik\")", "=cmd|' /C calc'!A0",
                                   "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3", "\tdata", "\rdata"])
def test_csv_cells_a_spreadsheet_would_run_are_quoted_and_json_stays_exact(typed):
    row = {"id": "x", "judul": typed, "pemilik": "Bu Sari"}
    parsed = next(csv.DictReader(io.StringIO(opendata.csv_text("umkm", [row]), newline="")))
    assert parsed["judul"] == "'" + typed.replace("\r", "\n")  # a lone CR would split the row
    assert parsed["pemilik"] == "Bu Sari"  # plain text untouched
    assert opendata.inert(12.5) == 12.5 and opendata.inert(-6.88) == -6.88


def test_city_files_made_from_the_per_manifest_cache_equal_those_made_afresh(out, tmp_path):
    """The portal keeps each manifest's record lines in a cache (an edit makes one site's
    records again): the city's files from a cold cache, a warm one and a damaged one are the
    files made without it, byte for byte."""
    manifests = [json.loads((out / slug / "manifest.json").read_bytes()) for slug in SITES]
    digests = [hashlib.sha256((out / slug / "manifest.json").read_bytes()).hexdigest()
               for slug in SITES]
    kota = {"nama": "Kota Uji", "url": "https://kota.example"}

    def files(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    opendata.write(tmp_path / "afresh", manifests, kota, {})
    expected = files(tmp_path / "afresh")
    cache = tmp_path / "cache"
    for attempt in ("dingin", "hangat", "rusak"):
        if attempt == "rusak":
            for cached in cache.iterdir():
                cached.write_text('{"berita": [["bukan", 1]], "agenda": {}}', encoding="utf-8")
        opendata.write(tmp_path / attempt, manifests, kota, {}, digests=digests, cache=cache)
        assert files(tmp_path / attempt) == expected, attempt
    assert len(list(cache.iterdir())) == len(SITES)  # one a manifest
    opendata.write(tmp_path / "satu", manifests[:1], kota, {}, digests=digests[:1], cache=cache)
    assert len(list(cache.iterdir())) == 1  # a manifest no longer built leaves the cache
