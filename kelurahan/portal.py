"""The city portal, built from the sites' manifests alone (never from content).

Sites can therefore be built in separate runs or on separate machines and the portal merged
afterwards: the same manifests give the same portal.
"""

from __future__ import annotations

import json
import os
import shutil
from itertools import groupby
from pathlib import Path

import jinja2

from .build import swap_in
from .errors import Problem
from .fingerprint import combine
from .format import FILTERS
from .registry import City
from .schema import PILAR

PORTAL_STAMP = ".kp-portal.json"


def load_manifests(city: City, output: Path) -> tuple[list[dict], list[Problem]]:
    """The manifest of every registered site that has been built, in registry order."""
    manifests, problems = [], []
    for site in city.sites:
        path = output / site.slug / "manifest.json"
        try:
            manifests.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            problems.append(Problem(site.shown, "situs ini belum pernah berhasil dibangun, "
                                    "jadi belum tampil di portal",
                                    "perbaiki galat situs ini lalu bangun ulang", level="warning"))
    return manifests, problems


def _environment(theme: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme / "templates")),
                             autoescape=False, trim_blocks=True, lstrip_blocks=True,
                             extensions=["jinja2.ext.do"])
    env.filters.update(FILTERS)
    return env


def build_portal(city: City, output: Path, config: Path, code: str, publish: bool = False,
                 force: bool = False) -> tuple[str, list[Problem]]:
    """Write output/index.html and the portal's pages; return (status, problems)."""
    from pelican.settings import read_settings

    settings = read_settings(str(config))
    theme = Path(settings["THEME"])
    manifests, problems = load_manifests(city, output)
    base_url = (os.environ.get("KELURAHAN_URL") or city.data.get("url") or "").rstrip("/")
    fingerprint = combine(manifests=manifests, kota=city.data, code=code, publish=publish,
                          url=base_url if publish else "")
    if not force and read_stamp_file(output).get("fingerprint") == fingerprint:
        return "skipped", problems
    new = output / ".baru-portal"
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    env = _environment(theme)
    kecamatan = [(name, list(group)) for name, group in
                 groupby(sorted(manifests, key=lambda m: m["kecamatan"]), key=lambda m: m["kecamatan"])]
    context = {"KOTA": city.data, "SITES": manifests, "KECAMATAN": kecamatan,
               "PILAR": [p.__dict__ for p in PILAR], "KP": {"menu": []}, "PORTAL": True,
               "SITENAME": city.data.get("judul_portal") or city.data["nama"]}

    def render(template: str, save_as: str, **extra) -> None:
        depth = save_as.count("/")
        siteurl = base_url if publish and base_url else ("/".join([".."] * depth) or ".")
        html = env.get_template(template).render(**context, **extra, SITEURL=siteurl,
                                                 PORTAL_URL=siteurl, output_file=save_as)
        target = new / save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    render("portal.html", "index.html")
    shutil.copytree(theme / "static", new / "theme")
    entries = _swap_entries(new, output)
    (output / PORTAL_STAMP).write_text(json.dumps({"fingerprint": fingerprint, "entries": entries}),
                                       encoding="utf-8")
    return "built", problems


def read_stamp_file(output: Path) -> dict:
    try:
        return json.loads((output / PORTAL_STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _swap_entries(new: Path, output: Path) -> list[str]:
    """Move each top-level entry of the new portal into place; remove the portal's stale ones."""
    previous = set(read_stamp_file(output).get("entries", []))
    current = sorted(p.name for p in new.iterdir())
    for name in current:
        target = output / name
        if target.is_dir() and (new / name).is_dir():
            swap_in(new / name, target)
        else:
            os.replace(new / name, target)
    for name in previous - set(current):
        stale = output / name
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        elif stale.exists():
            stale.unlink()
    shutil.rmtree(new, ignore_errors=True)
    return current


