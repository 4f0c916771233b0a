"""The pull request comment of a preview: links to the pages the change touches.

    python -m kelurahan.tools.pratinjau --nomor 12 < changed-files.txt > komentar.md

reads the changed paths (``git diff --name-only``), one a line, and writes Markdown: each
changed content file's page under the preview's base, each touched site's home, the portal.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kelurahan.content.frontmatter import load
from kelurahan.content.registry import load_city
from kelurahan.content.schema import TYPES
from kelurahan.site.addresses import (PREVIEW_ENV, item_url, preview_number, publishing_base,
                                      slug_of)


def links(content: Path, changed: list[str], base: str) -> list[tuple[str, str]]:
    """(label, address) of every page the changed files touch, the portal first."""
    content = Path(content)
    city = load_city(content, str(content))
    found = [("Portal kota", f"{base}/")]
    sites = {s.slug: s for s in city.sites}
    top = Path(os.path.relpath(content)).as_posix().rstrip("/") + "/"  # as git diff names it
    for path in changed:
        if not path.startswith(top):
            continue
        parts = path[len(top):].split("/")
        site = sites.get(parts[0])
        if site is None:
            continue
        home = (f"Beranda Kelurahan {site.nama}", f"{base}/{site.slug}/")
        if home not in found:
            found.append(home)
        schema = TYPES.get(parts[1]) if len(parts) > 2 else None
        file = content / path[len(top):]
        if schema is None or not path.endswith(".md") or not file.is_file():
            continue  # an image, kelurahan.toml, a removed file: the home page shows it
        try:
            values, _ = schema.validate(load(file, path))
        except Exception:  # noqa: BLE001 — check reports the file; the comment links the site
            continue
        if values.get("status") == "draf":
            continue
        url = item_url(schema.name, slug_of(values, file.stem))
        found.append((f"{schema.label}: {values.get('judul', file.stem)}",
                      f"{base}/{site.slug}/{url}"))
    return found


def comment(number: str, found: list[tuple[str, str]]) -> str:
    lines = [f"**Pratinjau pull request #{number}** — belum terbit, hanya untuk peninjau "
             "(halaman pratinjau tidak diindeks mesin pencari dan dihapus saat pull request "
             "ditutup).", "", "Halaman yang tersentuh perubahan ini:", ""]
    lines += [f"- [{label}]({url})" for label, url in found]
    lines += ["", "Barang yang dijadwalkan (tanggal di masa depan) dan pengumuman yang belum "
              "mulai tidak tampil di pratinjau, sama seperti di situs yang terbit."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="komentar pull request untuk pratinjau")
    parser.add_argument("--content", default="content")
    parser.add_argument("--nomor", required=True, help="nomor pull request")
    args = parser.parse_args(argv)
    os.environ[PREVIEW_ENV] = args.nomor
    preview_number()
    city = load_city(Path(args.content), args.content)
    changed = [line.strip() for line in sys.stdin if line.strip()]
    sys.stdout.write(comment(args.nomor, links(Path(args.content), changed,
                                               publishing_base(city.data))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
