"""The published-bytes budget: per site and for the whole city, images separately.

GitHub Pages publishes at most 1 GB per site; the whole city is one Pages site, so the sum of
every kelurahan and the portal must stay under it. The report warns from 80 % on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kelurahan.output import (MANIFEST, PORTAL_LEDGER, PORTAL_STATS, read_json, read_portal_stamp,
                              read_site_stamp)

LIMIT = 1_000_000_000  # GitHub Pages: published sites may be no larger than 1 GB
WARN_SHARE = 0.8
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".svg", ".ico")


@dataclass
class Size:
    name: str
    total: int = 0
    images: int = 0


def _walk(folder: Path, skip: set[str] = frozenset()):
    """The published files under ``folder`` (not hidden, not named in ``skip`` at its top), as
    strings: the portal of 270 kelurahan is 21,000 files, and Path objects tripled the walk."""
    top = os.fspath(folder)
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (root == top and d in skip)]
        for name in files:
            if not name.startswith(".") and not (root == top and name in skip):
                yield os.path.join(root, name)


def measure(output: Path, known: dict[str, dict[str, int]] | None = None,
            portal_known: dict[str, int] | None = None) -> tuple[list[Size], Size, Size]:
    """(one Size per built site, the portal's own files, the whole city). ``known``: {slug:
    bytes by suffix} a build already has (BuildReport.sizes): those stamps are not read again
    (270 of them, 11 MB of JSON, were 0.06-0.09 s of every edit at 270 kelurahan);
    ``portal_known``: the portal's own, from its ledger just written (BuildReport.portal_sizes)."""
    known = known or {}
    output = Path(output)
    sites = sorted(d.name for d in output.iterdir() if d.is_dir() and not d.name.startswith(".")
                   and (d / MANIFEST).is_file()) if output.is_dir() else []
    sizes = []
    for slug in sites:
        recorded = known.get(slug) or read_site_stamp(output / slug).get("bytes")
        if isinstance(recorded, dict):  # what the site's build wrote, by suffix (output.py)
            sizes.append(Size(slug, sum(recorded.values()),
                              sum(n for suffix, n in recorded.items() if suffix in IMAGE_SUFFIXES)))
        else:  # built before stamps recorded sizes: walk it
            sizes.append(_count(Size(slug), _walk(output / slug)))
    portal = Size("portal")
    if output.is_dir():
        # The portal's own entries by the sizes its ledger recorded when they were written
        # (output.record_portal, which also hands them to the build); what else lies outside
        # the site folders is walked.
        entries = read_portal_stamp(output).get("entries")
        recorded = portal_known if isinstance(portal_known, dict) else _portal_bytes(output)
        if isinstance(recorded, dict) and isinstance(entries, list):
            portal.total = sum(recorded.values())
            portal.images = sum(n for suffix, n in recorded.items() if suffix in IMAGE_SUFFIXES)
            _count(portal, _walk(output, set(sites) | set(entries)))
        else:
            _count(portal, _walk(output, set(sites)))
    city = Size("kota", sum(s.total for s in sizes) + portal.total,
                sum(s.images for s in sizes) + portal.images)
    return sizes, portal, city


def _portal_bytes(output: Path) -> dict[str, int] | None:
    """The portal's published bytes by suffix, from the [size, mtime] rows of its ledger."""
    recorded = read_json(output / PORTAL_LEDGER).get(PORTAL_STATS)
    if not isinstance(recorded, dict):
        return None
    sizes: dict[str, int] = {}
    for rel, stat in recorded.items():
        if isinstance(stat, list) and stat and isinstance(stat[0], int) \
                and not any(p.startswith(".") for p in rel.split("/")):
            suffix = os.path.splitext(rel)[1].lower()
            sizes[suffix] = sizes.get(suffix, 0) + stat[0]
    return sizes


def _count(size: Size, paths) -> Size:
    for path in paths:
        nbytes = os.stat(path).st_size
        size.total += nbytes
        if os.path.splitext(path)[1].lower() in IMAGE_SUFFIXES:
            size.images += nbytes
    return size


def _mb(nbytes: int) -> str:
    """Indonesian number format: 1.234,5 MB."""
    text = f"{nbytes / 1e6:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text} MB"


def report_lines(output: Path, limit: int = LIMIT, known: dict[str, dict[str, int]] | None = None,
                 portal_known: dict[str, int] | None = None) -> list[str]:
    """The budget as printed at the end of `kelurahan build` (Indonesian); ``known`` and
    ``portal_known`` as for ``measure``."""
    sites, portal, city = measure(output, known, portal_known)
    lines = [f"Ukuran terbit (batas GitHub Pages {limit / 1e9:g} GB):"]
    for size in sites + [portal]:
        lines.append(f"  {size.name:<22} {_mb(size.total):>10}  (gambar {_mb(size.images)})")
    share = city.total / limit
    lines.append(f"  {'seluruh kota':<22} {_mb(city.total):>10}  (gambar {_mb(city.images)}) "
                 f"= {share:.0%} dari batas")
    if share >= WARN_SHARE:
        biggest = max(sites, key=lambda s: s.total).name if sites else "-"
        lines.append(f"peringatan: ukuran terbit seluruh kota {_mb(city.total)} sudah {share:.0%} "
                     f"dari batas {limit / 1e9:g} GB GitHub Pages — hapus foto yang tidak dipakai "
                     "lagi, kurangi KP_IMAGE_WIDTHS, atau pindahkan arsip lama "
                     f"(situs terbesar: {biggest})")
    return lines
