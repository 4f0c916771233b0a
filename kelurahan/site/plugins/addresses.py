"""Stop a site before anything is written when an item's address would replace another page,
leave the site's folder, or be too long for a file name (kelurahan/site/addresses.py)."""

from __future__ import annotations

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from kelurahan.content import frontmatter
from kelurahan.errors import ContentError, Problem
from kelurahan.site.addresses import Entry, name_too_long, problems
from kelurahan.site.reader import report, shown_path


def _line(source_path: str, key: str) -> int | None:
    """The line of ``key`` in a file's front matter (read again: only for a file at fault)."""
    try:
        doc = frontmatter.load(source_path)
    except (ContentError, OSError):
        return None
    return slug_line(doc) if key == "slug" else doc.line_of(key)


def slug_line(doc) -> int:
    """Where a clerk changes an item's address: its slug, else its title."""
    return doc.line_of("slug" if "slug" in doc.lines else "judul" if "judul" in doc.lines
                       else "title")


def check_addresses(generators) -> None:
    settings = generators[0].settings
    items = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            items += generator.articles + generator.translations
        elif isinstance(generator, PagesGenerator):
            items += generator.pages + generator.hidden_pages + generator.translations
    items = [i for i in items if getattr(i, "tipe", None)]
    entries = [Entry(shown_path(settings, i.source_path), i.tipe, i.slug) for i in items]
    found = problems(entries, settings)
    sources = {e.shown: i.source_path for e, i in zip(entries, items)}
    found = [Problem(p.path, p.message, p.fix, _line(sources[p.path], "slug"), p.level, p.field)
             for p in found]
    found += _long_names(items, settings)
    if found:
        report(settings, found)
        raise ContentError(found)


def _long_names(items, settings) -> list[Problem]:
    """Tags and categories become folders: tag/<slug>/, berita/kategori/<slug>/."""
    found = []
    for item in items:
        for key, wrappers in (("tag", getattr(item, "tags", None) or []),
                              ("kategori", [getattr(item, "category", None)])):
            for wrapper in filter(None, wrappers):
                if name_too_long(wrapper.slug):
                    found.append(Problem(shown_path(settings, item.source_path),
                                         f"{key} terlalu panjang untuk dijadikan alamat "
                                         f'("{wrapper.name[:40]}…")', f"pendekkan {key} ini",
                                         _line(item.source_path, key), field=key))
    return found


def register():
    signals.all_generators_finalized.connect(check_addresses)
