"""The build's "now", in WIB (UTC+7), which $KELURAHAN_TANGGAL fixes for tests and reproducible builds.

Sites and the portal read the same clock, so shards built apart agree on what is upcoming. The
one definition of WIB: content times are naive WIB, and every module that writes a time with an
offset (pages, JSON-LD, feeds, .ics, the portal) attaches it here.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import subprocess

from kelurahan.errors import UsageError

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
TODAY_ENV = "KELURAHAN_TANGGAL"  # YYYY-MM-DD, or YYYY-MM-DD HH:MM for an hour of that day
SOURCE_EPOCH_ENV = "SOURCE_DATE_EPOCH"  # seconds since 1970, as in reproducible builds


def _fixed() -> dt.datetime | None:
    """$KELURAHAN_TANGGAL as a naive WIB time (a bare date is its midnight), None if unset."""
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace(".", ":"))
    except ValueError:
        raise UsageError(f'{TODAY_ENV} "{value}" bukan tanggal — tulis TAHUN-BULAN-HARI, '
                         "misalnya 2025-03-01, atau kosongkan untuk tanggal hari ini") from None


def today() -> dt.date:
    """$KELURAHAN_TANGGAL if set, else today's date in WIB."""
    fixed = _fixed()
    return fixed.date() if fixed else dt.datetime.now(WIB).date()


def now() -> dt.datetime:
    """The current WIB time (naive, to the minute), or $KELURAHAN_TANGGAL when it is set (a bare
    date: its start). Scheduled items are due when this reaches their time."""
    fixed = _fixed()
    if fixed:
        return fixed.replace(tzinfo=None)
    return dt.datetime.now(WIB).replace(tzinfo=None, second=0, microsecond=0)


def as_wib(value: dt.datetime) -> dt.datetime:
    """A content time (naive, WIB) with its offset attached; an aware time unchanged."""
    return value.replace(tzinfo=WIB) if value.tzinfo is None else value


def iso(value) -> str:
    """ISO 8601 with the WIB offset, for <time datetime>, JSON-LD and feeds ('' for none)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = as_wib(value)
    return value.isoformat()


def source_time() -> dt.datetime:
    """The time of the sources, never the build's clock: $SOURCE_DATE_EPOCH, else the time of
    the checkout's last commit (what the publishing workflow exports), else — outside a git
    checkout — the start of the build's day in WIB (``today()``, which the portal depends on
    already). What a feed without entries, a sitemap's <lastmod> and an .ics DTSTAMP state,
    so that shards merged equal one full build byte for byte."""
    epoch = os.environ.get(SOURCE_EPOCH_ENV, "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    committed = _commit_time(os.getcwd())
    if committed is not None:
        return committed
    return dt.datetime.combine(today(), dt.time(), WIB).astimezone(dt.timezone.utc)


@functools.lru_cache(maxsize=8)
def _commit_time(folder: str) -> dt.datetime | None:
    """The committer time of HEAD in the git checkout around ``folder`` (None outside one)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=folder, capture_output=True,
                             text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return dt.datetime.fromtimestamp(int(out), dt.timezone.utc) if out.isdigit() else None
