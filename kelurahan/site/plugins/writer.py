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
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from kelurahan import keys
from kelurahan.site import inkremental


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
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        # Which pages may be taken from the previous tree (kelurahan/site/inkremental.py); the
        # build reads what this run rendered and linked from KP_RENDERS once Pelican is done.
        self.renders = inkremental.start(self.settings)
        if self.renders is not None:
            self.settings[keys.RENDERS] = self.renders

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
        if self.renders is None or args:
            return super().write_file(name, template, context, relative_urls, *args, **kwargs)
        return self._write_pages(name, template, context, relative_urls, **kwargs)

    def _write_pages(self, name, template, context, relative_urls=False, paginated=None,
                     template_name=None, override_output=False, url=None, **kwargs):
        """Pelican's Writer.write_file (4.12), each page first looked up in the previous
        tree by its render key (kelurahan/site/inkremental.py) and rendered only if not found."""
        if not name:
            return
        renders = self.renders

        def write_one(localcontext, page_name, extra):
            if localcontext["localsiteurl"]:
                context["localsiteurl"] = localcontext["localsiteurl"]
            path = sanitised_join(self.output_path, page_name)
            rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.output_path))
            rel = rel.replace(os.sep, "/")
            # What the page alone is given: every keyword argument (a list handed to the page
            # is part of its key even when it is also in the context, as Pelican's index and
            # archives get theirs), and what the copy of the context changed.
            own = {k: v for k, v in localcontext.items()
                   if k in extra or k not in context or context[k] is not v}
            key = renders.key(getattr(template, "name", str(template)), rel, context, own)
            written = self.settings.setdefault(keys.WRITTEN, {})
            old = renders.reusable(rel, key)
            if old is not None and self._claim(path, override_output):
                entry = renders.link(old, path)
                if entry is not None:
                    self._linked.add(path)
                    written[rel] = entry
                    renders.note(rel, key, entry)
                    signals.content_written.send(path, context=localcontext)
                    return
                self._written_files.discard(path)  # not linked: rendered below, through _open_w
                self._overridden_files.discard(path)
            # What rendering does besides the page: a problem reported, an image published on
            # demand. Such a page is rendered on every build (its key is not recorded).
            problems = len(self.settings.get(keys.PROBLEMS) or [])
            images = self.context_images(context)
            output = template.render(localcontext)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with self._open_w(path, "utf-8", override=override_output) as f:
                f.write(output)
            renders.rendered += 1
            clean = problems == len(self.settings.get(keys.PROBLEMS) or []) and \
                images == self.context_images(context)
            renders.note(rel, key if clean else None, written.get(rel))
            signals.content_written.send(path, context=localcontext)

        def local(page_name, extra):
            localcontext = context.copy()
            localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
            if relative_urls:
                relative_url = path_to_url(get_relative_path(page_name))
                localcontext["SITEURL"] = relative_url
                localcontext["localsiteurl"] = relative_url
            localcontext["output_file"] = page_name
            localcontext.update(extra)
            return localcontext

        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = self.settings["PAGINATED_TEMPLATES"][template_name] \
                or self.settings["DEFAULT_PAGINATION"]
            paginators = {key: Paginator(name, url, val, self.settings, per_page)
                          for key, val in paginated.items()}
            for page_num in range(next(iter(paginators.values())).num_pages):
                paginated_kwargs = kwargs.copy()
                for key, paginator in paginators.items():
                    previous_page = paginator.page(page_num) if page_num > 0 else None
                    page = paginator.page(page_num + 1)
                    next_page = paginator.page(page_num + 2) \
                        if page_num + 1 < paginator.num_pages else None
                    paginated_kwargs.update({f"{key}_paginator": paginator, f"{key}_page": page,
                                             f"{key}_previous_page": previous_page,
                                             f"{key}_next_page": next_page})
                write_one(local(page.save_as, paginated_kwargs), page.save_as, paginated_kwargs)
        else:
            write_one(local(name, kwargs), name, kwargs)

    @staticmethod
    def context_images(context) -> int:
        """How many images this site's pipeline has published so far (plugins/images.py)."""
        state = context.get(keys.IMAGES)
        return len(getattr(state, "results", ()) or ())

    @property
    def _linked(self) -> set:
        return self.__dict__.setdefault("_kp_linked", set())

    def _claim(self, filename, override=False) -> bool:
        """Pelican's bookkeeping of _open_w for a file that is linked, not opened: False if
        Pelican would not write it (kept from an earlier override)."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            return False
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True

    def _add_item_to_the_feed(self, feed, item):
        """Pelican's feed entry, with the title as typed: titles are plain text (the feed
        escapes them), and Pelican's ``striptags`` would cut a title that looks like markup."""
        super()._add_item_to_the_feed(feed, item)
        feed.items[-1]["title"] = str(item.title)

    def _open_w(self, filename, encoding, override=False):
        if filename in self._linked:  # a hard link to the previous tree: never written through
            self._linked.discard(filename)
            os.unlink(filename)
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
