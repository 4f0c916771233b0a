"""Transparansi anggaran: the pages of a kelurahan's budgets (content/<slug>/anggaran/).

Reads every budget file of the site (kelurahan/content/anggaran.py), reports its problems with
the build's (a broken budget file fails its own site only), and writes ``anggaran/`` (the years)
and ``anggaran/<tahun>/`` (the table, totals per pillar and per source of funds, and a bar chart
of pagu and realisasi per pillar drawn here as SVG: no script, no library). A site without budget
files gets no anggaran page; its PPID page says the budget is not published yet. The budgets
also go into the site's manifest (plugins/manifest.py), for the open data and the city portal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from kelurahan import keys
from kelurahan.content import anggaran
from kelurahan.site.format import tanggal
from kelurahan.site.reader import report

FOLDER = anggaran.FOLDER
# Rows of the table on one page: 100 rows keep a year's first page (facts, chart, totals and
# the rows) under the 60 KB page budget; page 2 is at anggaran/<tahun>/hal/2/.
ROWS_PER_PAGE = 100


def year_url(tahun: int) -> str:
    return f"{FOLDER}/{tahun}/"


def view(budget: anggaran.Budget) -> dict:
    """One year as the pages, the manifest and the portal use it (plain JSON-ready data)."""
    rows = [{k: v for k, v in row.items() if k != "baris"} | {"nomor": number}
            for number, row in enumerate(budget.rows, start=1)]
    when = budget.per_tanggal
    # Dates in open data are YYYY-MM-DDTHH:MM (WIB), as every other date there.
    return {"tahun": budget.tahun, "url": year_url(budget.tahun), "sumber": budget.sumber,
            "per_tanggal": dt.datetime.combine(when, dt.time()).isoformat(timespec="minutes")
            if when else "", "per_tanggal_teks": tanggal(when, "sedang") if when else "",
            "contoh": budget.contoh, "format": budget.format, "kegiatan": rows,
            "jumlah": anggaran.totals(budget.rows)}


def chart(groups: list[dict], realisasi: bool = True, width: int = 360) -> dict:
    """Geometry of a horizontal bar chart: per group (a pillar, or a year's kelurahan) a label,
    a pagu bar and, when there are figures, a realisasi bar, on one scale (the largest amount).
    Drawn by _partials/grafik_anggaran.html; every figure is also in the page's tables."""
    pad, legend, label, bar, gap, space = 4, 30, 22, 14, 3, 14
    peak = max([g["pagu"] for g in groups] + [g["realisasi"] or 0 for g in groups] + [1])
    span = width - 2 * pad
    bars, y = [], legend
    for g in groups:
        top = y + label
        item = {**g, "ty": y + label - 6, "py": top,
                "pw": round(span * g["pagu"] / peak, 1) if g["pagu"] else 0}
        if realisasi:
            item.update(ry=top + bar + gap,
                        rw=round(span * g["realisasi"] / peak, 1) if g["realisasi"] else 0)
        bars.append(item)
        y = top + (2 * bar + gap if realisasi else bar) + space
    return {"width": width, "height": y, "x": pad, "end": width - pad, "bar": bar,
            "bars": bars, "realisasi": realisasi}


class AnggaranPages(Generator):
    """Reads the budgets (context) and writes their pages (output)."""

    def generate_context(self):
        shown = self.settings.get(keys.SHOWN_PATH, self.path)
        budgets, problems = anggaran.load_site(Path(self.path), shown)
        report(self.settings, problems)
        years = [view(b) for b in budgets]
        for year in years:
            year["grafik"] = chart(year["jumlah"]["pilar"], year["jumlah"]["ada_realisasi"])
        self.context[keys.ANGGARAN] = years

    def _write(self, writer, save_as: str, template: str, **extra) -> None:
        writer.write_file(save_as, self.get_template(template), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url=save_as[:-10],
                          page_name=save_as[:-11], **extra)

    def generate_output(self, writer):
        years = self.context.get(keys.ANGGARAN) or []
        if not years:
            return
        self._write(writer, f"{FOLDER}/index.html", "anggaran")
        for year in years:
            rows = year["kegiatan"]
            chunks = [rows[i:i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)]
            for number, chunk in enumerate(chunks, start=1):
                save_as = year["url"] + (f"hal/{number}/" if number > 1 else "") + "index.html"
                self._write(writer, save_as, "anggaran_tahun", anggaran=year, rincian=chunk,
                            halaman={"nomor": number, "jumlah": len(chunks)})


def get_generators(pelican):
    return AnggaranPages


def register():
    signals.get_generators.connect(get_generators)
