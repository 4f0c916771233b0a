"""One site's Pelican settings: the shared pelicanconf.py plus one kelurahan's overrides."""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path

from kelurahan import REPO, clock, keys
from kelurahan.content import notices
from kelurahan.content.registry import City, Kelurahan, load_city
from kelurahan.content.schema import PILAR
from kelurahan.fingerprint import code_stamp
from kelurahan.site import speed
from kelurahan.site.addresses import preview_number, publishing_base, site_url

ROOT = REPO


def default_config() -> Path:
    """pelicanconf.py of the current folder if there is one, else the one beside this package."""
    here = Path.cwd() / "pelicanconf.py"
    return here if here.is_file() else ROOT / "pelicanconf.py"


def site_overrides(city: City, site: Kelurahan, output: Path, cache: Path,
                   publish: bool = False) -> dict:
    """Everything that differs from one kelurahan to the next (plain data, picklable)."""
    base = publishing_base(city.data)
    siteurl = site_url(base, site.slug) if publish else ""
    return {
        "PATH": str(site.path.resolve()),
        "OUTPUT_PATH": str(Path(output).resolve()),
        "CACHE_PATH": str(Path(cache).resolve()),
        "SITENAME": f"Kelurahan {site.nama}",
        "SITEURL": siteurl,
        "RELATIVE_URLS": not siteurl,
        "FEED_DOMAIN": siteurl,  # feeds' own links, absolute under the base path
        keys.PORTAL_URL: base if siteurl else "",
        keys.SHOWN_PATH: site.shown,
        keys.KELURAHAN: {**site.data, "slug": site.slug},
        keys.KOTA: city.data,
        keys.TETANGGA: [{"slug": s.slug, "nama": s.nama} for s in city.siblings(site)],
        keys.PILAR: [asdict(p) for p in PILAR],
        keys.PROBLEMS: [],
        keys.PENGUMUMAN_KOTA: notices.shown_now(city.pengumuman, clock.now()),
        keys.PRATINJAU: preview_number(),
    }


def site_settings(city: City, site: Kelurahan, output: Path, cache: Path, publish: bool = False,
                  config: Path | None = None) -> dict:
    """Pelican settings for one site: pelicanconf.py (and publishconf.py) with the overrides."""
    config = Path(config or default_config())
    if publish and (config.parent / "publishconf.py").is_file():
        config = config.parent / "publishconf.py"
    from pelican.settings import read_settings  # not on a no-op's path (docs/performance.md)

    settings = read_settings(str(config), override=site_overrides(city, site, output, cache, publish))
    keys.check_retired(settings, config.name)
    return speed.with_template_cache(settings)


def overrides_from_env(slug: str, root: Path, publish: bool = False) -> dict:
    """For plain `pelican`: KELURAHAN_SITE=<slug> pelican -s pelicanconf.py."""
    content = Path(os.environ.get("KELURAHAN_CONTENT", root / "content"))
    city = load_city(content, "content")
    site = city.site(slug)
    if site is None:
        known = ", ".join(s.slug for s in city.sites)
        raise SystemExit(f'kelurahan "{slug}" tidak ditemukan di {content} — pilih salah satu: {known}')
    # Pelican's content cache pickles objects of our modules: one folder per version of the
    # code, as the build keeps (a cache from before a module moved would not even load), emptied
    # with the build's when the code changes (output.empty_trash).
    code = code_stamp(root / "themes" / "kelurahan", root / "pelicanconf.py")  # pelicanconf.THEME
    cache = root / ".cache" / "pelican" / code[:12] / f"plain-{slug}"
    return site_overrides(city, site, root / "output" / slug, cache, publish)
