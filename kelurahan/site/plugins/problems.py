"""Report problems of cached files again, and check that every referenced image exists.

The reader's output is cached by Pelican; its warnings travel in the metadata so that every
build reports them, and file checks run here because a file can vanish without the Markdown
changing.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.contents import Static

from kelurahan import keys
from kelurahan.content.tree import scan
from kelurahan.errors import ContentError
from kelurahan.site.images import missing_image
from kelurahan.site.reader import report, shown_path


def check_content(instance) -> None:
    if isinstance(instance, Static) or not hasattr(instance, "kp_data"):
        return
    settings = instance.settings
    problems = [p for p in instance.metadata.get("kp_masalah", []) if not p.is_error]
    site = settings["PATH"]
    for key, path, line in instance.metadata.get("kp_gambar", []):
        if not os.path.isfile(os.path.join(site, path)):
            problems.append(missing_image(shown_path(settings, instance.source_path), path, line,
                                          key))
    if problems:
        report(settings, problems)


def refuse_links_out(pelican) -> None:
    """Pelican walks content following links: a plain `pelican` run gets the build's rule too
    (kelurahan/content/tree.py), before anything is read."""
    settings = pelican.settings
    refused = scan(settings["PATH"], settings.get(keys.SHOWN_PATH, settings["PATH"]),
                   settings.get("IGNORE_FILES") or ())
    if refused:
        report(settings, refused)
        raise ContentError(refused)


def forget_shadowed_readers(generator) -> None:
    """Pelican warns "Could not import 'markdown.Markdown'" for every .md file when the
    Markdown package is absent (it is not needed: KelurahanReader reads .md, READERS in
    pelicanconf.py), because it keeps its disabled reader for the extension anyway. A clerk
    would see one such line, in English, per file and build: forget those readers."""
    readers = getattr(generator, "readers", None)
    disabled = getattr(readers, "disabled_readers", None)
    if disabled:
        for ext in [ext for ext in disabled if ext in readers.readers]:
            del disabled[ext]


def register():
    signals.initialized.connect(refuse_links_out)
    signals.content_object_init.connect(check_content)
    signals.generator_init.connect(forget_shadowed_readers)
