"""The build's speed tricks, behind one switch: KELURAHAN_PLAIN=1 turns them all off.

Each one saves time without changing a byte of the output (tests/test_speed.py builds a city
both ways and compares the trees):

- **compiled templates** kept on disk beside Pelican's cache and in memory for the process
  (``SharedBytecodeCache``, ``with_template_cache``), loaded once before forking
  (``warm_templates``), and compiled there when the cache does not have them
  (``compile_templates``: a first build);
- **preloading** Pelican, the plugins and the editor config in the parent, so that every forked
  worker inherits them (``preload``);
- **the early portal**: the parent renders the portal from the manifests the workers announce
  (``KP_ANNOUNCE``) while the last worker finishes (``EarlyPortal``);
- **trash ageing**: an edit's replaced tree is deleted by a later build, not on the edit's
  critical path (``trash_age``, kelurahan/output.py's trash).

It lives in site/ because the per-site settings use the template cache; the city's build passes
the portal's renderer to ``EarlyPortal`` instead of this module importing a later stage.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from kelurahan import keys
from kelurahan.output import TRASH_AGE

PLAIN_ENV = "KELURAHAN_PLAIN"  # "1": no speed trick (the reference the tricks are compared to)


def enabled() -> bool:
    """Whether the speed tricks are on (they are unless $KELURAHAN_PLAIN is 1)."""
    return os.environ.get(PLAIN_ENV, "").strip() != "1"


# --- compiled templates ------------------------------------------------------------------------

class SharedBytecodeCache(FileSystemBytecodeCache):
    """Jinja's FileSystemBytecodeCache, keeping what it loads or compiles in memory for the
    process and the workers forked from it. preload warms it (``warm_templates``), so
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


def _simple_templates() -> str:
    """Pelican's own theme's templates: its fallback for what a theme lacks."""
    import pelican.generators

    return os.path.join(os.path.dirname(os.path.abspath(pelican.generators.__file__)), "themes",
                        "simple", "templates")


def warm_templates(theme, folder: Path, missing: list[str] | None = None) -> int:
    """Load the theme's templates already compiled in ``folder`` into memory (before forking),
    under the key and checksum Pelican's loader gives them (<theme>/templates/<name>, its
    source). Nothing is compiled here. Returns how many were found; the names not found are
    added to ``missing`` if given (of Pelican's simple theme, only names the theme lacks)."""
    import posixpath

    from jinja2 import Environment

    if missing is None and not Path(folder).is_dir():
        return 0
    cache, env = SharedBytecodeCache(str(folder)), Environment()
    found, seen = 0, set()
    for searchpath in (os.path.expanduser(os.path.join(theme, "templates")), _simple_templates()):
        for path in sorted(Path(searchpath).rglob("*.html")):
            name = path.relative_to(searchpath).as_posix()
            filename = os.path.normpath(posixpath.join(searchpath, *name.split("/")))
            bucket = cache.get_bucket(env, name, filename, path.read_text(encoding="utf-8"))
            found += bucket.code is not None
            if bucket.code is None and missing is not None and name not in seen:
                missing.append(name)
            seen.add(name)
    return found


def compile_templates(settings: dict, cache: Path, names: list[str]) -> int:
    """Compile ``names`` once, before forking, with the environment every site's generators
    build (pelican.generators.Generator: its loaders, the settings' Jinja options, filters and
    tests), into the bytecode cache the workers use. On a first build every site is a fresh
    fork: the first sites each compiled the whole theme and the others unmarshalled it from
    disk; now each inherits the code in memory. A template that does not compile here is left
    for the worker to compile and report. Returns how many were compiled."""
    from functools import partial

    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
    from pelican.plugins._utils import plugin_enabled
    from pelican.utils import DateFormatter

    settings = with_template_cache({**settings, "CACHE_PATH": str(cache)})
    theme = os.path.expanduser(os.path.join(settings["THEME"], "templates"))
    simple = FileSystemLoader(_simple_templates())
    env = Environment(loader=ChoiceLoader([
        FileSystemLoader(list(settings["THEME_TEMPLATES_OVERRIDES"]) + [theme]), simple,
        PrefixLoader({"!simple": simple, "!theme": FileSystemLoader(theme)})]),
        **settings["JINJA_ENVIRONMENT"])
    env.filters.update({"strftime": DateFormatter(), **settings["JINJA_FILTERS"]})
    env.tests["plugin_enabled"] = partial(plugin_enabled, plugin_list=settings["PLUGINS"])
    env.tests.update(settings["JINJA_TESTS"])
    compiled = 0
    for name in names:
        try:
            env.get_template(name)
            compiled += 1
        except Exception:  # noqa: BLE001 — the worker compiles it again and reports the error
            pass
    return compiled


def with_template_cache(settings: dict) -> dict:
    """Keep the theme's compiled templates on disk beside Pelican's cache.

    Compiling the theme was a quarter of a site's build, repeated by every generator, every
    site and every build; now the first worker compiles and the rest load the bytecode (Jinja
    compares each template's source checksum, so an edited template is compiled again).
    Templates do not change during a build, so Jinja need not stat them on every include.
    Autoescape is always on (pelicanconf.py): a site's overrides cannot turn it off.
    """
    if not enabled():
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "autoescape": True}
        return settings
    folder = template_cache_folder(settings["CACHE_PATH"])
    folder.mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "auto_reload": False,
                                     "autoescape": True,
                                     "bytecode_cache": SharedBytecodeCache(str(folder))}
    return settings



# --- preloading before the fork ---------------------------------------------------------------

def preload(config: Path, cache: Path | None = None) -> None:
    """Import Pelican and the plugins once, before forking.

    Every forked worker then starts with them loaded instead of importing them again (about a
    third of a second of CPU per site). Only modules are loaded here: plugins register their
    signals in the worker, when Pelican starts. An import error is left for the worker to report.
    """
    import importlib

    if not enabled():
        return
    try:
        import pelican.cache  # noqa: F401
        import pelican.generators  # noqa: F401
        import pelican.writers  # noqa: F401
        from pelican.settings import read_settings

        settings = read_settings(str(config))
        if cache is not None:  # the theme's compiled templates, in memory for every worker
            missing: list[str] = []
            warm_templates(settings["THEME"], template_cache_folder(cache), missing)
            missing = [n for n in missing if not n.startswith("portal/")]  # the portal's own
            if missing:  # a first build, or a theme edited: compiled once, not per site
                compile_templates(settings, cache, missing)
        for plugin in settings.get("PLUGINS") or []:
            if isinstance(plugin, str):
                importlib.import_module(plugin)
        # Imported late by every worker otherwise (≈ 0.04 s a site): Pagefind's locator, and
        # the emoji table rich loads to render Pelican's closing "Done" line (the ledger's
        # module, kelurahan/output.py, is imported by this one).
        from kelurahan.site import search  # noqa: F401
        import pagefind_bin  # noqa: F401
        import rich._emoji_codes  # noqa: F401
        # Work every worker would repeat: the web editor's config (nearly all of it), and
        # rich's highlighter patterns, compiled at the first line it renders (Pelican's
        # "Done: …", rendered even when quiet: build_site), 20 and 5 ms a worker.
        from pelican.log import console

        from kelurahan.site.editor import collections_yaml
        collections_yaml()
        quiet, console.quiet = console.quiet, True
        console.print("Done: Processed 1 article in 0.01 seconds.")
        console.quiet = quiet
    except Exception:  # noqa: BLE001 — an optimisation only; the worker reports real errors
        pass



# --- the early portal ----------------------------------------------------------------------------

_early_queue = None  # in a worker only (set by worker_init): the parent's EarlyPortal queue


def worker_init(queue) -> None:
    global _early_queue
    _early_queue = queue


def announce(slug: str, data: bytes) -> None:
    """KP_ANNOUNCE of a worker's settings: the manifest, to the parent's early portal. A module
    function, not a closure: Pelican's content cache pickles the settings with each item."""
    _early_queue.put((slug, data))



def announce_to_parent(settings: dict) -> None:
    """In a worker: let the manifest plugin hand its manifest to the parent (KP_ANNOUNCE)."""
    if _early_queue is not None:
        settings[keys.ANNOUNCE] = announce


class EarlyPortal:
    """A site's manifest is written about 0.4 s before its worker is done (search index, ledger,
    swap). Once every site being built has announced its manifest, a thread of the otherwise
    idle parent renders the portal from them while the last worker finishes; build_portal puts
    it in place only if it matches what is then in the output (the sites built), else renders
    it again. A title edit of the scale corpus: 0.3 s less; a build of every site: the portal
    no longer waits for the last one."""

    def __init__(self, prepare, city, output, config, code, publish, force, compiled, expected):
        self.prepare = prepare  # city/portal.py's prepare_portal
        self.queue = multiprocessing.get_context("fork").SimpleQueue()
        self.prepared = None
        self.expected = set(expected)
        self.args = (city, output, config, code, publish, force, compiled)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        announced: dict[str, bytes] = {}
        while True:  # read until finish(): a worker must never wait on a full pipe
            item = self.queue.get()
            if item is None:
                return
            announced[item[0]] = item[1]
            if set(announced) == self.expected:
                try:
                    _, _, self.prepared = self.prepare(*self.args, override=announced)
                except Exception:  # noqa: BLE001 — an optimisation only: the portal is built again
                    self.prepared = None

    def finish(self):
        self.queue.put(None)  # wakes the thread if a site failed before announcing
        self.thread.join()
        return self.prepared




# --- trash ageing -------------------------------------------------------------------------------

def trash_age(jobs: int) -> float:
    """How old a replaced tree must be before this build deletes it. One site (an edit): its
    old tree waits in the trash, deleted by a build two minutes or more later. More: the build
    is long anyway, and the next one should not inherit the deletion of many trees."""
    return TRASH_AGE if enabled() and jobs == 1 else 0
