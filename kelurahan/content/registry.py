"""The registry: content/kota.toml and every content/<slug>/kelurahan.toml, validated.

Nothing about one city lives in Python: another city is another content folder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kelurahan.content import notices
from kelurahan.content.frontmatter import Document, read_text
from kelurahan.content.schema import KELURAHAN, KOTA, Schema
from kelurahan.content.tree import link_problem, scan
from kelurahan.errors import ContentError, Problem
from kelurahan.fingerprint import stamp_of

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Folders the city portal writes at the top of the output: no kelurahan may take these names.
RESERVED = frozenset({"theme", "kecamatan", "data", "cari", "berita", "umkm", "wisata", "agenda",
                      "layanan", "program", "pilar", "admin", "static", "gambar", "feeds", "pagefind",
                      # city-wide notices (content/pengumuman/) and the previews' prefix
                      "pengumuman", "pratinjau",
                      # the city-wide Daftar Informasi Publik (ppid/) and dokumen open data
                      "ppid", "dokumen",
                      # the budgets' pages (anggaran/) and the city's sum of them
                      "anggaran"})
MAX_TOML_BYTES = 256 * 1024


@dataclass
class Kelurahan:
    """One kelurahan: its slug, folder, and validated identity (kelurahan.toml)."""

    slug: str
    path: Path
    shown: str
    data: dict = field(default_factory=dict)
    stamp: str = ""  # its content's fingerprint (kelurahan/fingerprint.py), taken by the scan

    @property
    def nama(self) -> str:
        return self.data["nama"]

    @property
    def kecamatan(self) -> str:
        return self.data["kecamatan"]


@dataclass
class City:
    """The city (kota.toml) and its kelurahan; problems that stop a site are kept per slug."""

    content: Path
    shown: str
    data: dict
    sites: list[Kelurahan]
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, list[Problem]] = field(default_factory=dict)
    pengumuman: list[dict] = field(default_factory=list)  # city-wide notices (content/notices.py)

    def site(self, slug: str) -> Kelurahan | None:
        return next((s for s in self.sites if s.slug == slug), None)

    def siblings(self, site: Kelurahan) -> list[Kelurahan]:
        return [s for s in self.sites if s.kecamatan == site.kecamatan and s.slug != site.slug]


def toml_lines(text: str) -> dict[str, int]:
    """Map dotted keys of a simple TOML file to their line numbers."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        header = re.match(r"^\[([A-Za-z0-9_.-]+)\]", stripped)
        if header:
            table = header.group(1) + "."
            lines.setdefault(header.group(1), number)
            continue
        key = re.match(r"^([A-Za-z0-9_-]+)\s*=", stripped)
        if key:
            lines.setdefault(table + key.group(1), number)
    return lines


def load_toml(path: Path, shown: str, schema: Schema) -> tuple[dict, list[Problem]]:
    """Read and validate one identity file; every problem is returned, none raised."""
    if not path.is_file():
        return {}, [Problem(shown, "berkas tidak ditemukan",
                            f"buat {path.name} berisi " + ", ".join(
                                f.name for f in schema.fields if f.required))]
    try:
        text = read_text(path, shown, MAX_TOML_BYTES)
    except ContentError as exc:
        return {}, exc.problems
    try:
        raw = tomllib.loads(text)
    except RecursionError:  # tomllib descends once per nested array or inline table
        return {}, [Problem(shown, "berkas TOML bersarang terlalu dalam",
                            "tulis daftar tanpa daftar di dalam daftar, misalnya "
                            "koordinat = [-6.88, 109.67]")]
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return {}, [Problem(shown, "berkas TOML tidak bisa dibaca",
                            'periksa tanda = setelah setiap kunci dan tanda kutip pada teks, '
                            'misalnya nama = "Kauman"', int(match.group(1)) if match else None)]
    return schema.validate(Document(shown, raw, toml_lines(text)))


def load_city(content: Path | str, shown: str | None = None) -> City:
    """Discover and validate the city and all its kelurahan under ``content``."""
    content = Path(content)
    shown = (shown or str(content)).rstrip("/")
    if not content.is_dir():
        raise ContentError([Problem(shown, "folder konten tidak ditemukan",
                                    "jalankan perintah dari folder repositori atau beri --content")])
    kota_path = content / "kota.toml"
    linked = link_problem(kota_path, content, f"{shown}/kota.toml") if kota_path.is_symlink() \
        else None
    kota, problems = ({}, [linked]) if linked else load_toml(kota_path, f"{shown}/kota.toml", KOTA)
    city = City(content, shown, kota, [], problems)
    city.pengumuman, found = notices.load(content, shown)
    city.problems.extend(found)
    for folder in sorted(p for p in content.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
                         and p.name != notices.FOLDER):  # city-wide notices, not a kelurahan
        slug = folder.name
        site_shown = f"{shown}/{slug}"
        # Before anything reads the folder: no link out of it, no FIFO or device in it.
        lines: list[str] = []
        refused = scan(folder, site_shown, stamp=lines)
        if refused:
            toml_shown = f"{site_shown}/kelurahan.toml"
            if not any(p.path == toml_shown for p in refused):
                refused += load_toml(folder / "kelurahan.toml", toml_shown, KELURAHAN)[1]
            city.problems.extend(refused)
            city.broken[slug] = [p for p in refused if p.is_error]
            continue
        if not (folder / "kelurahan.toml").exists() and not any(folder.iterdir()):
            continue
        data, site_problems = load_toml(folder / "kelurahan.toml", f"{site_shown}/kelurahan.toml",
                                        KELURAHAN)
        if not SLUG.match(slug) or slug in RESERVED:
            site_problems.append(Problem(site_shown, f'nama folder "{slug}" tidak bisa dipakai sebagai '
                                         "alamat situs", "pakai huruf kecil dan tanda hubung, misalnya "
                                         "kuripan-yosorejo" + (", dan bukan nama yang dipakai portal"
                                                               if slug in RESERVED else "")))
        site = Kelurahan(slug, folder, site_shown, data, stamp_of(lines))
        errors = [p for p in site_problems if p.is_error]
        city.problems.extend(site_problems)
        if errors:
            city.broken[slug] = errors
        else:
            city.sites.append(site)
    return city
