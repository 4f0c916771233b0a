"""<site>/admin/: the web editor of each kelurahan, configured from the schemas (kelurahan/site/editor.py)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from pelican import signals

from kelurahan import keys
from kelurahan.site import editor


def write_editor(pelican) -> None:
    settings = pelican.settings
    site = settings.get(keys.KELURAHAN)
    if not site:
        return  # not a kelurahan build (e.g. a bare pelican run without KELURAHAN_SITE)
    shown = str(settings.get(keys.SHOWN_PATH) or "")
    # The repository path of the folder; an absolute or outside path falls back to the contract's.
    base = shown if shown and not PurePosixPath(shown).is_absolute() and ".." not in shown \
        else f"content/{site['slug']}"
    siteurl = settings.get("SITEURL") or ""
    editor.write_admin(Path(pelican.output_path), settings.get(keys.KOTA, {}), site, site["slug"], base,
                    f"{siteurl}/" if siteurl else "")
    editor.install_bundle(Path(pelican.output_path).parent)


def register():
    signals.finalized.connect(write_editor)
