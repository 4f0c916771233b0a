"""Scheduled publishing: hold back what is not due yet, drop notices that have ended.

Pelican caches what the reader returns, so the decision is taken here on every build, from
the cached metadata, against the build's now (kelurahan/clock.py). An item held back is given
Pelican's ``skip`` status: no page, no list, feed, sitemap, search entry, manifest or open data.
The first future moment that changes this site's output is kept in ``KP_NEXT_CHANGE``; the
build records it in the site's stamp and rebuilds the site once that moment has come.
"""

from __future__ import annotations

from pelican import signals

from kelurahan import clock, keys
from kelurahan.content import schedule
from kelurahan.errors import Problem
from kelurahan.site.format import saat
from kelurahan.site.reader import report


def _remember(settings: dict, moment) -> None:
    if moment is None:
        return
    text = moment.isoformat(timespec="minutes")
    current = settings.get(keys.NEXT_CHANGE)
    if not current or text < current:
        settings[keys.NEXT_CHANGE] = text


def hold(generator, metadata: dict) -> None:
    """Give an item that is not due yet, or has ended, the status skip; say so."""
    tipe = metadata.get("tipe")
    if tipe is None or metadata.get("status") != "published":
        return  # not ours, or a draft
    settings, now = generator.settings, clock.now()
    values = {key: metadata.get(key) for key in ("tanggal", "mulai", "berakhir")}
    _remember(settings, schedule.next_change(tipe, values, now))
    if tipe == "agenda":  # upcoming becomes past when it ends (plugins/types.py)
        end = schedule.naive(metadata.get("selesai") or metadata["mulai"])
        _remember(settings, end if end >= now else None)
    state = schedule.state(tipe, values, now)
    if state == "terbit":
        return
    metadata["status"] = "skip"
    shown, lines = metadata.get("kp_sumber", ""), metadata.get("kp_baris_jadwal") or {}
    if state == "terjadwal":
        key = schedule.publish_field(tipe)
        report(settings, [Problem(shown, f"akan terbit {saat(values[key])}",
                                  "sampai saat itu tidak tampil di situs", lines.get(key), "info",
                                  key)])
    else:
        key = schedule.END_FIELD[tipe]
        report(settings, [Problem(shown, f"sudah berakhir {saat(values[key])} dan tidak tampil lagi",
                                  "hapus berkasnya bila tidak diperlukan lagi", lines.get(key),
                                  "info", key)])


def register():
    signals.article_generator_context.connect(hold)
    signals.page_generator_context.connect(hold)
