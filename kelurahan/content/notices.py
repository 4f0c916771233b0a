"""City-wide notices: content/pengumuman/*.md beside kota.toml, shown on every site and the portal.

The same schema, sanitiser and schedule as a kelurahan's own pengumuman
(kelurahan/content/schema/pengumuman.py, kelurahan/content/schedule.py); they have no page of
their own: the banner shows the whole notice.
"""

from __future__ import annotations

from pathlib import Path

from kelurahan.content import frontmatter, markup, sanitise, schedule
from kelurahan.content.schema.pengumuman import SCHEMA, TINGKAT
from kelurahan.content.tree import scan
from kelurahan.errors import ContentError, Problem



class Body(str):
    """A notice's body after kelurahan/content/sanitise.py: the only string the theme's isi
    filter marks safe (made here, nowhere else)."""


FOLDER = SCHEMA.folder  # content/pengumuman/: never a kelurahan (registry.py skips it)


def load(content: Path, shown: str) -> tuple[list[dict], list[Problem]]:
    """Every valid city-wide notice (all of them, shown or not) and the problems found."""
    folder = Path(content) / FOLDER
    if not folder.is_dir():
        return [], []
    problems = scan(folder, f"{shown}/{FOLDER}")
    if problems:
        return [], problems
    notices = []
    for path in sorted(folder.glob("*.md")):
        item_shown = f"{shown}/{FOLDER}/{path.name}"
        try:
            doc = frontmatter.load(path, item_shown)
        except ContentError as exc:
            problems += exc.problems
            continue
        values, found = SCHEMA.validate(doc)
        body, more = sanitise.clean(markup.to_html(doc.body), doc)
        found += more
        problems += found
        if any(p.is_error for p in found):
            continue
        notices.append({"slug": values.get("slug") or path.stem, "judul": values["judul"],
                        "tingkat": values["tingkat"], "mulai": values.get("mulai"),
                        "berakhir": values.get("berakhir"), "status": values["status"],
                        "contoh": values.get("contoh", False), "isi": Body(body)})
    return notices, problems


def shown_now(notices: list[dict], now) -> list[dict]:
    """The notices to show at ``now``: the most urgent first, then the newest."""
    live = [n for n in notices if schedule.state("pengumuman", n, now) == "terbit"]
    live.sort(key=lambda n: str(n["mulai"] or ""), reverse=True)
    return sorted(live, key=lambda n: -TINGKAT.index(n["tingkat"]))
