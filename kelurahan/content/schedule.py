"""Scheduled publishing: when a dated item may appear, and when a notice stops being shown.

One rule for every type: an item whose publication time (its ``tanggal``; a pengumuman's
``mulai``) is after the build's now (kelurahan/clock.py) is not published at all, and a
pengumuman whose ``berakhir`` has passed is not published any more. Drafts stay drafts.
"""

from __future__ import annotations

import datetime as dt

# The field that says when an item appears; every other dated type uses tanggal.
PUBLISH_FIELD = {"pengumuman": "mulai"}
END_FIELD = {"pengumuman": "berakhir"}


def publish_field(type_name: str) -> str:
    return PUBLISH_FIELD.get(type_name, "tanggal")


def fields(type_name: str) -> tuple[str, ...]:
    """The fields that decide when an item is shown."""
    return (publish_field(type_name),) + ((END_FIELD[type_name],) if type_name in END_FIELD else ())


def publish_at(type_name: str, values: dict) -> dt.datetime | None:
    """When the item may appear (None: at once)."""
    return values.get(publish_field(type_name)) or None


def ends_at(type_name: str, values: dict) -> dt.datetime | None:
    """When the item stops being shown (None: never)."""
    field = END_FIELD.get(type_name)
    return values.get(field) or None if field else None


def state(type_name: str, values: dict, now: dt.datetime) -> str:
    """'terbit' (shown now), 'terjadwal' (not yet), 'berakhir' (no longer), or 'draf'."""
    if values.get("status") == "draf":
        return "draf"
    start, end = publish_at(type_name, values), ends_at(type_name, values)
    if start and naive(start) > now:
        return "terjadwal"
    if end and naive(end) <= now:
        return "berakhir"
    return "terbit"


def next_change(type_name: str, values: dict, now: dt.datetime) -> dt.datetime | None:
    """The first moment after ``now`` at which this item's state changes (None: never)."""
    if values.get("status") == "draf":
        return None
    moments = [naive(m) for m in (publish_at(type_name, values), ends_at(type_name, values)) if m]
    later = [m for m in moments if m > now]
    return min(later) if later else None


def naive(value) -> dt.datetime:
    """A date or time as a naive WIB datetime (a date: its midnight)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=None)
