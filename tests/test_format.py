"""Indonesian dates: the fast path gives exactly what Babel's format_date gives."""

import datetime as dt

import pytest
from babel.dates import format_date

from kelurahan.site.format import _PATTERNS, tanggal


@pytest.mark.parametrize("style", sorted(_PATTERNS))
def test_every_day_of_four_years_reads_as_babel_writes_it(style):
    day, end = dt.date(2024, 1, 1), dt.date(2028, 1, 1)
    while day < end:
        assert tanggal(day, style) == format_date(day, _PATTERNS[style], locale="id")
        moment = dt.datetime.combine(day, dt.time(23, 59), dt.timezone(dt.timedelta(hours=7)))
        assert tanggal(moment, style) == format_date(moment, _PATTERNS[style], locale="id")
        day += dt.timedelta(days=1)


def test_examples():
    assert tanggal(dt.date(2025, 2, 25)) == "Selasa, 25 Februari 2025"
    assert tanggal(dt.date(2025, 8, 5), "pendek") == "5 Agu 2025"
    assert tanggal(None) == ""
