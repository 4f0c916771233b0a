"""The build's "now", in WIB (UTC+7), which $KELURAHAN_TANGGAL fixes for tests and reproducible builds.

Sites and the portal read the same clock, so shards built apart agree on what is upcoming.
"""

from __future__ import annotations

import datetime as dt
import os

from kelurahan.errors import UsageError

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
TODAY_ENV = "KELURAHAN_TANGGAL"  # YYYY-MM-DD


def today() -> dt.date:
    """$KELURAHAN_TANGGAL if set, else today's date in WIB."""
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return dt.datetime.now(WIB).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f'{TODAY_ENV} "{value}" bukan tanggal — tulis TAHUN-BULAN-HARI, '
                         "misalnya 2025-03-01, atau kosongkan untuk tanggal hari ini") from None


def now() -> dt.datetime:
    """The current WIB time (naive), or the start of $KELURAHAN_TANGGAL when it is set."""
    if os.environ.get(TODAY_ENV, "").strip():
        return dt.datetime.combine(today(), dt.time())
    return dt.datetime.now(WIB).replace(tzinfo=None)
