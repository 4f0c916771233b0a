"""Publish every image the content references as small, upright, metadata-free derivatives.

Front-matter images (found through each schema), inline Markdown images and the identity
images of kelurahan.toml (logo, lurah's photo) go through kelurahan.site.images; originals are
not published unless ``KP_IMAGE_ORIGINALS`` is true. Templates get Jinja globals:

- ``gambar_html(params, SITEURL)`` — the <picture> markup the ``gambar()`` macro emits;
- ``gambar_data(src)`` — sizes and site-relative URLs of one image's derivatives (or None);
- ``gambar_url(src)`` — site-relative URL of its largest JPEG/PNG (for structured data);
- ``kartu_sosial(content)`` — site-relative URL of a page's 1200×630 social card (berita,
  layanan, UMKM, wisata; any other page and ``kartu_sosial()`` give the home page's card).

Content objects also carry ``kp_card`` (the card's URL) for Python plugins.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from kelurahan import keys
from kelurahan.content.registry import toml_lines
from kelurahan.content.schema import KELURAHAN, TYPES
from kelurahan.content.tree import allowed
from kelurahan.errors import Problem
from kelurahan.site import cards, images
from kelurahan.site.plugins import writer
from kelurahan.site.plugins.writer import ROOT_MARK
from kelurahan.site.reader import report, shown_path

CARD_TYPES = ("berita", "layanan", "umkm", "wisata")
ALIAS = {"jpeg": (".jpg", ".jpeg"), "png": (".png",)}  # formats published under the source's name
CARD_PHOTO = 600  # narrower photos would look blurred on a card: the accent colour instead
CONTENT_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif", ".avif", ".svg",
                  ".svgz", ".tif", ".tiff", ".bmp")
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')


def cache_root(settings: dict) -> Path:
    """KP_IMAGE_CACHE_PATH, else the folder that holds Pelican's caches (shared by every site)."""
    if settings.get(keys.IMAGE_CACHE_PATH):
        return Path(settings[keys.IMAGE_CACHE_PATH])
    cache = Path(settings["CACHE_PATH"]).resolve()
    for parent in cache.parents:
        if parent.name == "pelican":
            return parent.parent
    return cache


class SiteImages:
    """One site's images: processed on demand, published once, problems reported per reference."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.site = Path(settings["PATH"])
        self.output = Path(settings["OUTPUT_PATH"])
        spec = images.Spec(widths=tuple(settings.get(keys.IMAGE_WIDTHS) or images.WIDTHS))
        root = cache_root(settings)
        self.cache = images.Cache(root / "gambar", spec)
        self.card_cache = root / "kartu"
        self.results: dict[str, images.Processed | images.ImageProblem] = {}
        self.urls: dict[str, dict] = {}
        self.home_card = ""

    # --- processing -------------------------------------------------------------------------

    def prepare(self, sources) -> None:
        """Process many images at once, on every core (Pillow releases the GIL); what the cache
        already has is taken from it directly (threads cost more than they save there)."""
        todo = []
        for src in dict.fromkeys(sources):
            if src not in self.results:
                found = self.cache.cached(self.site / src) if allowed(self.site, self.site / src) \
                    else None
                if found is None:
                    todo.append(src)
                else:
                    self._publish(src, found)
        if todo:
            with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
                for src, result in zip(todo, pool.map(self._process, todo)):
                    self._publish(src, result)

    def _process(self, src: str):
        path = self.site / src
        if os.path.lexists(path) and not allowed(self.site, path):  # kelurahan/content/tree.py
            return images.ImageProblem(f'gambar "{src}" tidak ditemukan di folder kelurahan ini '
                                       "atau bukan berkas biasa", images.LINK_FIX)
        try:
            return self.cache.get(self.site / src, src)
        except images.ImageProblem as exc:
            return exc

    def _publish(self, src: str, result) -> None:
        self.results[src] = result
        if isinstance(result, images.ImageProblem):
            return
        urls = {"webp": [], "fallback": []}
        for variant in result.variants:
            name = images.output_name(src, variant.width, result.key, variant.ext)
            self._link(result.folder / variant.name, name)
            urls["webp" if variant.format == "webp" else "fallback"].append((name, variant.width))
        self.urls[src] = urls
        big = result.largest()
        if self.settings.get(keys.IMAGE_ORIGINALS):
            # The original takes its own name, as a file of its own: copied over the alias
            # below it would have been written through the hard link into the cache.
            (self.output / src).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.site / src, self.output / src)
        elif src.lower().endswith(ALIAS[big.format]):
            # Templates or links that name the file itself get the largest clean derivative.
            self._link(result.folder / big.name, src)

    def _link(self, cached: Path, name: str) -> None:
        """Publish a cached file as ``name``, noting its digest for the build's file ledger."""
        images.link_cached(cached, self.output / name)
        self.settings.setdefault(keys.WRITTEN, {})[name] = images.digest(cached)

    def get(self, src: str) -> images.Processed | None:
        if src not in self.results:
            self.prepare([src])
            result = self.results[src]
            if isinstance(result, images.ImageProblem):  # a template's own image, not content's
                shown = f"{self.settings.get(keys.SHOWN_PATH, self.site)}/{src}"
                report(self.settings, [Problem(shown, result.message, result.fix,
                                               level=result.level)])
        result = self.results[src]
        return None if isinstance(result, images.ImageProblem) else result

    # --- what templates and content get --------------------------------------------------------

    def data(self, src: str) -> dict | None:
        result = self.get(src) if src else None
        if result is None:
            return None
        urls = self.urls[src]
        return {"src": urls["fallback"][-1][0], "width": result.width, "height": result.height,
                "webp": urls["webp"], "fallback": urls["fallback"],
                "type": f"image/{result.fallback}"}

    def url(self, src: str) -> str:
        data = self.data(src)
        return data["src"] if data else ""

    def picture(self, src: str, alt: str = "", sizes: str = "100vw", eager: bool = False,
                cls: str = "", root: str = "", priority: bool = False) -> str:
        """<picture> with a WebP srcset and the JPEG/PNG fallback; '' if the image is broken.
        ``priority``: the page's largest image (its LCP), fetched first and never lazily."""
        data = self.data(src)
        if data is None:
            return ""

        def srcset(items):
            return ", ".join(f"{root}/{name} {width}w" for name, width in items)

        sizes = html.escape(sizes or "100vw")
        return (f'<picture><source type="image/webp" srcset="{srcset(data["webp"])}" '
                f'sizes="{sizes}"><img src="{root}/{data["src"]}" '
                f'srcset="{srcset(data["fallback"])}" sizes="{sizes}" '
                f'width="{data["width"]}" height="{data["height"]}" alt="{html.escape(alt or "")}"'
                + (f' class="{html.escape(cls)}"' if cls else "")
                + (' fetchpriority="high"' if priority else "" if eager else ' loading="lazy"')
                + ' decoding="async"></picture>')

    def macro(self, params, siteurl: str = "") -> Markup:
        params = params or {}
        return Markup(self.picture(params.get("src", ""), params.get("alt", ""),
                                   params.get("sizes", "100vw"), bool(params.get("eager")),
                                   params.get("class", ""), siteurl or "",
                                   bool(params.get("prioritas"))))

    def kartu(self, content=None) -> str:
        return getattr(content, "kp_card", "") or self.home_card

    # --- the whole site, before any page is written --------------------------------------------

    def run(self, context: dict) -> None:
        contents = [c for c in list(context.get("articles", [])) + list(context.get("pages", []))
                    + list(context.get("hidden_pages", [])) if hasattr(c, "kp_data")]
        identity = list(KELURAHAN.images(self.settings.get(keys.KELURAHAN) or {}))
        self.prepare([path for c in contents for _, path, _ in c.metadata.get("kp_gambar", [])]
                     + [path for _, path in identity])
        problems: list[Problem] = []
        noted: set[str] = set()
        for content in contents:
            shown = shown_path(self.settings, content.source_path)
            for key, path, line in content.metadata.get("kp_gambar", []):
                if (self.site / path).is_file():  # a missing file is the problems plugin's report
                    problems += self._problems(path, shown, line, key, noted)
        toml = self.site / "kelurahan.toml"
        lines = toml_lines(toml.read_text(encoding="utf-8")) if toml.is_file() else {}
        for key, path in identity:
            problems += self._problems(path, f"{self.settings.get(keys.SHOWN_PATH, self.site)}"
                                       "/kelurahan.toml", lines.get(key), key, noted)
        if problems:
            report(self.settings, problems)
        for content in contents:
            content._content = self.rewrite(content._content or "")
        self.cards(context, [c for c in contents if getattr(c, "tipe", "") in CARD_TYPES])
        links = context.get("static_links")
        if links is not None and not self.settings.get(keys.IMAGE_ORIGINALS):
            links -= {link for link in links if link.lower().endswith(IMAGE_SUFFIXES)}

    def _problems(self, path, shown, line, key, noted) -> list[Problem]:
        result = self.results.get(path)
        if isinstance(result, images.ImageProblem):
            return [Problem(shown, result.message, result.fix, line, result.level, key)]
        if result is None or path in noted:
            return []
        noted.add(path)  # a note about the file itself is said once, at its first use
        return [Problem(shown, message, fix, line, level, key)
                for message, fix, level in result.notes]

    def rewrite(self, body: str) -> str:
        """Inline Markdown images → the same <picture> markup templates get."""
        root = ROOT_MARK if self.settings.get("RELATIVE_URLS") else self.settings.get("SITEURL", "")

        def one(match):
            attrs = dict(_ATTR.findall(match.group(0)))
            src = html.unescape(attrs.get("src", ""))
            if not src.startswith("{static}/"):
                return match.group(0)
            # a broken or missing image has been reported with its line: show nothing
            return self.picture(src[len("{static}/"):], html.unescape(attrs.get("alt", "")),
                                CONTENT_SIZES, False, html.unescape(attrs.get("class", "")), root)

        return _IMG.sub(one, body)

    def cards(self, context: dict, contents) -> None:
        site = self.settings.get(keys.KELURAHAN) or {}
        colour = site.get("warna") or "#1d4f91"
        city = (self.settings.get(keys.KOTA) or {}).get("nama", "")
        place = " · ".join(p for p in (self.settings.get("SITENAME", ""), city) if p)
        home = " · ".join(p for p in (f"Kecamatan {site['kecamatan']}" if site.get("kecamatan")
                                       else "", city) if p)
        jobs = [("kartu/beranda.jpg", self.settings.get("SITENAME", ""), "Situs resmi", home, None)]
        for content in contents:
            photo = self.get(content.gambar) if getattr(content, "gambar", None) else None
            big = photo.largest() if photo else None
            photo_path = photo.folder / big.name if big and big.width >= CARD_PHOTO else None
            content.kp_card = f"kartu/{content.tipe}/{content.slug}.jpg"
            jobs.append((content.kp_card, content.title, TYPES[content.tipe].label, place,
                         photo_path))

        def draw(job):
            target, title, label, where, photo = job
            return target, cards.card(self.card_cache, title, label, where,
                                       colour, photo)

        ready, missing = [], []
        for job in jobs:
            target, title, label, where, photo = job
            path = cards.card_path(self.card_cache, title, label, where, colour,
                                    photo)
            if path.is_file():
                ready.append((target, path))
            else:
                missing.append(job)
        if missing:  # threads for drawing only: for cached cards they cost more than they save
            with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
                ready += pool.map(draw, missing)
        for target, path in ready:
            self._link(path, target)
        self.home_card = "kartu/beranda.jpg"


def site_images(context: dict, settings: dict) -> SiteImages:
    if keys.IMAGES not in context:
        context[keys.IMAGES] = SiteImages(settings)
    return context[keys.IMAGES]


def add_globals(generator) -> None:
    env = getattr(generator, "env", None)
    if env is None:
        return
    gambar = site_images(generator.context, generator.settings)
    env.globals.update(gambar_html=gambar.macro, gambar_data=gambar.data, gambar_url=gambar.url,
                       kartu_sosial=gambar.kartu)


class ImageGenerator(Generator):
    """Runs after articles and pages are read and before static files are chosen."""

    def generate_context(self):
        site_images(self.context, self.settings).run(self.context)

    def generate_output(self, writer):
        pass


def get_generators(pelican):
    return ImageGenerator


def register():
    writer.register()  # pages carry ROOT_MARK until the writer resolves it
    signals.generator_init.connect(add_globals)
    signals.get_generators.connect(get_generators)
