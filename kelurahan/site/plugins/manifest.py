"""manifest.json: what one site published, for the city portal (which never re-reads content)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from kelurahan import keys
from kelurahan.content.schema import PILAR_KEYS
from kelurahan.output import MANIFEST
from kelurahan.site import opendata

VERSION = 1
TYPES = ("berita", "halaman", "layanan", "umkm", "wisata", "agenda", "dokumen")


def plain_text(markup: str) -> str:
    """Summary HTML as the plain text a list or a data file shows."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup or "")).strip()


# How much of an item's text the manifest carries for the city-wide search (site/search.py):
# enough for the words of its opening, small enough that 5,000 items stay a few MB of manifests.
TEXT_CHARS = 300


def opening(markup: str, limit: int = TEXT_CHARS) -> str:
    """The first ``limit`` characters of a body's plain text, cut at a word."""
    text = " ".join(plain_text(markup).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def item(content, tipe: str) -> dict:
    """One published item: type, site-relative URL, slug, validated fields, its summary and the
    opening of its text (``teks``, for the portal's search only: open data leaves it out)."""
    data = {"tipe": tipe, "url": content.url, "slug": content.slug, **content.kp_data}
    if not data.get("ringkasan"):  # the page shows the first paragraph instead
        data["ringkasan"] = plain_text(content.summary)
    data["teks"] = opening(content.content)
    if tipe == "dokumen":  # the published copy: its format and size for lists and open data
        data.update(format=content.kp_berkas["format"], ukuran=content.kp_berkas["ukuran"])
    return data


def build_manifest(settings: dict, kp: dict, anggaran: list | None = None) -> dict:
    """``anggaran``: the site's budgets (plugins/anggaran.py), without their chart."""
    site = settings[keys.KELURAHAN]
    items = [item(c, tipe) for tipe in TYPES for c in kp.get(tipe, [])]
    dates = [i.get("diperbarui") or i.get("tanggal") for i in items if i.get("tanggal")]
    return {
        "versi": VERSION,
        "slug": site["slug"],
        "nama": site["nama"],
        "kecamatan": site["kecamatan"],
        "identitas": site,
        "diperbarui": max(dates) if dates else None,
        "jumlah": {tipe: len(kp.get(tipe, [])) for tipe in TYPES},
        "pilar": {key: len(kp["pilar"][key]) for key in PILAR_KEYS},
        "item": items,
        "anggaran": [{k: v for k, v in year.items() if k != "grafik"} for year in anggaran or ()],
    }


class ManifestWriter(Generator):
    manifest: dict | None = None
    data: bytes | None = None

    def generate_context(self):
        pass

    def finalize(self) -> None:
        """The manifest, once every item is read: announced at once, written with the pages."""
        self.manifest = build_manifest(self.settings, self.context[keys.COLLECTIONS],
                                       self.context.get(keys.ANGGARAN))
        self.data = json.dumps(self.manifest, ensure_ascii=False, indent=1, sort_keys=True,
                               default=str).encode("utf-8")
        announce = self.settings.get(keys.ANNOUNCE)  # set by the build's workers only
        if announce is not None:
            announce(self.manifest["slug"], self.data)  # the portal can start from it

    def generate_output(self, writer):
        if self.data is None:
            self.finalize()
        (Path(self.output_path) / MANIFEST).write_bytes(self.data)
        # The site's open data comes from its manifest, exactly as the city's does.
        opendata.write(Path(self.output_path), [self.manifest], self.settings[keys.KOTA],
                       opendata.site_scope(self.manifest))


def announce(generators) -> None:
    """Before any page is written, so that the portal can render meanwhile (speed.EarlyPortal)."""
    for generator in generators:
        if isinstance(generator, ManifestWriter):
            generator.finalize()


def get_generators(pelican):
    return ManifestWriter


def register():
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(announce)
