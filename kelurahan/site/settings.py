"""One site's Pelican settings: the shared pelicanconf.py plus one kelurahan's overrides."""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican.settings import read_settings

from kelurahan import REPO, keys
from kelurahan.content.registry import City, Kelurahan, load_city
from kelurahan.content.schema import PILAR
from kelurahan.site.addresses import publishing_base, site_url

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
    }


def site_settings(city: City, site: Kelurahan, output: Path, cache: Path, publish: bool = False,
                  config: Path | None = None) -> dict:
    """Pelican settings for one site: pelicanconf.py (and publishconf.py) with the overrides."""
    config = Path(config or default_config())
    if publish and (config.parent / "publishconf.py").is_file():
        config = config.parent / "publishconf.py"
    settings = read_settings(str(config), override=site_overrides(city, site, output, cache, publish))
    keys.check_retired(settings, config.name)
    return with_template_cache(settings)


class SharedBytecodeCache(FileSystemBytecodeCache):
    """Jinja's FileSystemBytecodeCache, keeping what it loads or compiles in memory for the
    process and the workers forked from it. build._preload warms it (``warm_templates``), so
    a site's worker neither reads nor unmarshals the theme's templates (2-3 % of its CPU)."""

    # (folder, cache key, source checksum) -> code object, for the whole process. The folder
    # is part of the key: code compiled with other Jinja options (the portal's) has its own.
    code: dict = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key, marked: code compiled with autoescape (every environment of ours since
        issue 16) differs from code compiled without for the same source, and a cache written
        before must never be loaded."""
        return super().get_cache_key(name, filename) + "-autoescape"

    def load_bytecode(self, bucket) -> None:
        code = self.code.get((self.directory, bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code
            return
        super().load_bytecode(bucket)
        if bucket.code is not None:
            self.code[(self.directory, bucket.key, bucket.checksum)] = bucket.code

    def dump_bytecode(self, bucket) -> None:
        super().dump_bytecode(bucket)
        self.code[(self.directory, bucket.key, bucket.checksum)] = bucket.code


def template_cache_folder(cache_path) -> Path:
    """Where a site whose Pelican cache is ``cache_path`` keeps the compiled templates."""
    return Path(cache_path).resolve().parent / "jinja"


def warm_templates(theme, folder: Path) -> int:
    """Load the theme's templates already compiled in ``folder`` into memory (before forking),
    under the key and checksum Pelican's loader gives them (<theme>/templates/<name>, its
    source). Nothing is compiled here. Returns how many were found."""
    import posixpath

    import pelican.generators
    from jinja2 import Environment

    if not Path(folder).is_dir():
        return 0
    cache, env = SharedBytecodeCache(str(folder)), Environment()
    simple = os.path.join(os.path.dirname(os.path.abspath(pelican.generators.__file__)), "themes",
                          "simple", "templates")  # Pelican's fallback for what a theme lacks
    found = 0
    for searchpath in (os.path.expanduser(os.path.join(theme, "templates")), simple):
        for path in sorted(Path(searchpath).rglob("*.html")):
            name = path.relative_to(searchpath).as_posix()
            filename = os.path.normpath(posixpath.join(searchpath, *name.split("/")))
            bucket = cache.get_bucket(env, name, filename, path.read_text(encoding="utf-8"))
            found += bucket.code is not None
    return found


def with_template_cache(settings: dict) -> dict:
    """Keep the theme's compiled templates on disk beside Pelican's cache.

    Compiling the theme was a quarter of a site's build, repeated by every generator, every
    site and every build; now the first worker compiles and the rest load the bytecode (Jinja
    compares each template's source checksum, so an edited template is compiled again).
    Templates do not change during a build, so Jinja need not stat them on every include.
    Autoescape is always on (pelicanconf.py): a site's overrides cannot turn it off.
    """
    folder = template_cache_folder(settings["CACHE_PATH"])
    folder.mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "auto_reload": False,
                                     "autoescape": True,
                                     "bytecode_cache": SharedBytecodeCache(str(folder))}
    return settings


def overrides_from_env(slug: str, root: Path, publish: bool = False) -> dict:
    """For plain `pelican`: KELURAHAN_SITE=<slug> pelican -s pelicanconf.py."""
    content = Path(os.environ.get("KELURAHAN_CONTENT", root / "content"))
    city = load_city(content, "content")
    site = city.site(slug)
    if site is None:
        known = ", ".join(s.slug for s in city.sites)
        raise SystemExit(f'kelurahan "{slug}" tidak ditemukan di {content} — pilih salah satu: {known}')
    return site_overrides(city, site, root / "output" / slug, root / ".cache" / "pelican" / slug,
                          publish)
