"""Pelican's Writer, finishing each page in memory so it is written once; URLs fixed once.

Content HTML is rendered before anyone knows which page it will sit on, so images in it point
at the site root through a mark (``ROOT_MARK``). Pelican's own hook, ``content_written``, comes
after the file is on disk: resolving the mark there meant reading and writing every page again.
This writer resolves it in the page's text before the one write. Feeds carry content HTML
too and are read by other machines: they get the site's absolute address where it is known
(``KP_BASE_URL``, set by the seo plugin), as they are written (here, or by the seo plugin's own
feeds through ``resolve``). Nothing walks the finished site to fix a file afterwards.

It also records every page it writes (``keys.WRITTEN``: the file ledger and the sitemap read it),
and gives the theme, as Jinja globals, what is the same on every page of a site: SITEURL as
pages are rendered, the settings the component macros read, and the cache of ``theme.sekali``.
"""

from __future__ import annotations

import hashlib
import os

from pelican import signals
from pelican.writers import Writer

from kelurahan import keys


ROOT_MARK = "@@kp-akar@@"  # stands for the site root in content HTML until a page is written


def relative_root(rel: str) -> str:
    """The site root seen from a file at ``rel`` (relative to the output): ``..`` per folder."""
    return "/".join([".."] * rel.replace(os.sep, "/").count("/")) or "."


def feed_root(settings: dict, rel: str) -> str:
    """The root mark's value in a feed at ``rel``: feeds are read by other machines, so the
    site's absolute address where it is known (KP_BASE_URL, set by the seo plugin), else relative."""
    return settings.get(keys.BASE_URL) or relative_root(rel)


def resolve(text: str, root: str) -> str:
    """The text with the root mark replaced by ``root``."""
    return text.replace(ROOT_MARK, root) if ROOT_MARK in text else text


class _File:
    """A file being written: collects the text, resolves the mark and writes it on close
    through the file Pelican opened; a page (``written`` given) is noted with its size, time
    and hash for the build's file ledger (verify.file_ledger)."""

    def __init__(self, handle, root: str, rel: str, written: dict | None):
        self.handle, self.root, self.rel, self.written, self.parts = handle, root, rel, written, []

    def write(self, text: str | bytes) -> int:
        self.parts.append(text)  # bytes from a feed: xml.sax wraps what is not a text file
        return len(text)

    def __enter__(self):
        return self

    def __exit__(self, kind, *_):
        with self.handle as f:
            if kind is None:
                parts = self.parts
                text = b"".join(parts).decode(f.encoding) if parts and isinstance(parts[0], bytes) \
                    else "".join(parts)
                data = resolve(text, self.root).encode(f.encoding)
                f.buffer.write(data)  # nothing went through the text layer: bytes, once
                if self.written is not None:
                    f.flush()
                    stat = os.fstat(f.fileno())
                    self.written[self.rel] = (stat.st_size, stat.st_mtime_ns,
                                              hashlib.sha256(data).hexdigest())
        return False


class KelurahanWriter(Writer):
    def write_file(self, name, template, context, relative_urls=False, *args, **kwargs):
        """A page with relative URLs is rendered with SITEURL (and Pelican's ``localsiteurl``,
        which content links follow) set to ROOT_MARK, resolved to the page's own root as it is
        written, exactly as Pelican would have set it (``..`` per folder, ``.`` at the top).
        What differs between pages only by SITEURL (header, footer, the cards of a list) is
        then the same text on every page and rendered once (theme.sekali); each content's HTML
        is resolved once, not once per folder depth it is shown at."""
        if relative_urls and str(name).endswith(".html"):
            kwargs.update(SITEURL=ROOT_MARK, localsiteurl=ROOT_MARK)
            relative_urls = False
        return super().write_file(name, template, context, relative_urls, *args, **kwargs)

    def _add_item_to_the_feed(self, feed, item):
        """Pelican's feed entry, with the title as typed: titles are plain text (the feed
        escapes them), and Pelican's ``striptags`` would cut a title that looks like markup."""
        super()._add_item_to_the_feed(feed, item)
        feed.items[-1]["title"] = str(item.title)

    def _open_w(self, filename, encoding, override=False):
        handle = super()._open_w(filename, encoding, override)  # Pelican's overwrite rules
        if handle.name == os.devnull:
            return handle
        # The file is written through this handle when it is closed. (Closing it and opening
        # the file again made the second open truncate an existing file, after which ext4
        # flushes the file to disk as it is closed, auto_da_alloc: a forced write per page.)
        rel = os.path.relpath(os.path.abspath(filename), os.path.abspath(self.output_path))
        rel = rel.replace(os.sep, "/")
        if str(filename).endswith(".html"):
            return _File(handle, relative_root(rel), rel, self.settings.setdefault(keys.WRITTEN, {}))
        return _File(handle, feed_root(self.settings, rel), rel, None)  # Pelican's feeds (publishconf.py)


def get_writer(pelican):
    return KelurahanWriter


# The settings the theme's component macros read (templates/_partials): the same on every page
# of a site, so they are Jinja globals too and the macros are imported without context, built
# once per process instead of once per page (3 % of a site's worker).
SITE_GLOBALS = (keys.KELURAHAN, keys.KOTA, keys.PILAR)


def site_globals(generator) -> None:
    """Every page of a site sees SITEURL as this writer renders it (ROOT_MARK for relative
    pages, else the site's address) and the site's settings the macros read, as globals."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    settings = generator.settings
    env.globals["SITEURL"] = ROOT_MARK if settings.get("RELATIVE_URLS") else settings.get("SITEURL", "")
    env.globals.update({key: settings[key] for key in SITE_GLOBALS if key in settings})
    # What theme.sekali renders once, shared by the run's environments (one per generator);
    # settings are this run's own, so nothing outlives the site build.
    env.globals[keys.FRAGMENTS] = settings.setdefault(keys.FRAGMENTS, {})


def register():
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(site_globals)
