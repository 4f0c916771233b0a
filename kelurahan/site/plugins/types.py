"""Content types beyond Pelican's articles and pages: collections, list pages and pillars.

Every page of a type (layanan, umkm, wisata, agenda, halaman) is written by Pelican's page
generator with the type's template; this plugin gathers them into ``KP`` (available to every
template) and writes the list pages: per type, per UMKM kategori, per pillar.
"""

from __future__ import annotations

import hashlib
import shutil
from operator import attrgetter
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from kelurahan import clock, keys
from kelurahan.content.schema import PILAR, TYPES
from kelurahan.content.schema.dokumen import JENIS, KATEGORI
from kelurahan.content.schema.pengumuman import TINGKAT
from kelurahan.content.schema.umkm import KATEGORI as UMKM_KATEGORI
from kelurahan.site import format


def _collections(articles, pages) -> dict:
    by_type = {name: [] for name in TYPES if name != "berita"}
    for page in pages:
        by_type.setdefault(getattr(page, "tipe", "halaman"), []).append(page)
    by_type["halaman"].sort(key=lambda p: (p.urutan, p.title))
    for name in ("layanan", "umkm", "wisata"):
        by_type[name].sort(key=attrgetter("title"))
    by_type["agenda"].sort(key=attrgetter("mulai"))
    # Only notices shown now reach here (plugins/schedule.py): the most urgent first.
    by_type["pengumuman"].sort(key=lambda p: (-TINGKAT.index(p.tingkat), p.title))
    # Newest first; an undated document after the dated ones.
    by_type["dokumen"].sort(key=lambda d: (str(getattr(d, "tanggal", "") or ""), d.title),
                            reverse=True)
    by_type["dokumen_jenis"] = {j: [d for d in by_type["dokumen"] if d.jenis == j] for j in JENIS}
    by_type["dokumen_kategori"] = {k: [d for d in by_type["dokumen"]
                                       if d.kategori_informasi == k] for k in KATEGORI}
    by_type["dip"] = [dip_row(d) for d in by_type["dokumen"]]
    by_type["dokumen_tahun"] = {}
    for item in by_type["dokumen"]:
        if getattr(item, "tanggal", None):
            by_type["dokumen_tahun"].setdefault(item.tanggal.year, []).append(item)
    by_type["berita"] = list(articles)
    # Pelican's articles are newest first: "sebelumnya" is the older one, "berikutnya" the newer.
    news = by_type["berita"]
    for index, article in enumerate(news):
        article.kp_sebelumnya = news[index + 1] if index + 1 < len(news) else None
        article.kp_berikutnya = news[index - 1] if index else None
    now = clock.now()
    by_type["sekarang"] = now
    by_type["agenda_mendatang"] = [a for a in by_type["agenda"] if _ends(a) >= now]
    by_type["agenda_lalu"] = [a for a in reversed(by_type["agenda"]) if _ends(a) < now]
    by_type["menu"] = [p for p in by_type["halaman"] if p.menu]
    by_type["pilar"] = {p.key: [] for p in PILAR}
    for name in ("berita", "layanan", "umkm", "wisata", "agenda", "halaman", "dokumen"):
        for item in by_type[name]:
            by_type["pilar"][item.pilar].append(item)
    return by_type


def dip_row(item) -> dict:
    """A document as one row of the Daftar Informasi Publik (the page, the manifest, the portal)."""
    tanggal = getattr(item, "tanggal", None)
    return {"judul": item.title, "url": item.url, "nomor": getattr(item, "nomor", "") or "",
            "tanggal": tanggal.date().isoformat() if tanggal else "",
            "tanggal_teks": format.tanggal(tanggal, "pendek") if tanggal else "", "jenis": item.jenis,
            "kategori_informasi": item.kategori_informasi, "format": item.kp_berkas["format"],
            "ukuran": item.kp_berkas["ukuran"], "berkas": item.kp_berkas["path"],
            "contoh": bool(getattr(item, "contoh", False))}


def _ends(agenda):
    return getattr(agenda, "selesai", None) or agenda.mulai


def gather(generators) -> None:
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    articles.context[keys.COLLECTIONS] = _collections(articles.articles, pages.pages)


class ListPages(Generator):
    """Writes the list page of each type, UMKM per kategori, and one page per pillar."""

    def generate_context(self):
        pass

    def _write(self, writer, save_as, template, **extra):
        """Render one page; a list in ``items`` is split by Pelican's paginator when the
        template is in PAGINATED_TEMPLATES (page 2 at <list>/hal/2/, PAGINATION_PATTERNS)."""
        if "items" in extra:
            extra["paginated"] = {"items": extra["items"]}
            extra["template_name"] = template
        writer.write_file(save_as, self.get_template(template), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url=save_as[:-10],
                          page_name=save_as[:-11], **extra)

    def generate_output(self, writer):
        kp = self.context[keys.COLLECTIONS]
        for name in ("layanan", "umkm", "wisata"):
            self._write(writer, f"{name}/index.html", f"daftar_{name}", items=kp[name])
        # Upcoming first, then past: the template splits each page's share in two headings.
        self._write(writer, "agenda/index.html", "daftar_agenda",
                    items=kp["agenda_mendatang"] + kp["agenda_lalu"])
        for kategori in UMKM_KATEGORI:
            items = [u for u in kp["umkm"] if u.kategori == kategori]
            if items:
                self._write(writer, f"umkm/kategori/{kategori}/index.html", "daftar_umkm",
                            items=items, kategori=kategori)
        self._documents(writer, kp)
        for pilar in PILAR:
            self._write(writer, f"pilar/{pilar.key}/index.html", "pilar",
                        items=kp["pilar"][pilar.key], pilar=pilar)
        self._write(writer, "404.html", "404")


    def _documents(self, writer, kp) -> None:
        """The document lists (all, by jenis, by year), the PPID page, and each file published
        as a byte-for-byte copy of the original (content/<slug>/dokumen/ is never written)."""
        self._write(writer, "dokumen/index.html", "daftar_dokumen", dokumen=kp["dokumen"])
        for jenis, items in kp["dokumen_jenis"].items():
            if items:
                self._write(writer, f"dokumen/jenis/{jenis}/index.html", "daftar_dokumen",
                            dokumen=items, jenis=jenis)
        for tahun, items in kp["dokumen_tahun"].items():
            self._write(writer, f"dokumen/tahun/{tahun}/index.html", "daftar_dokumen",
                        dokumen=items, tahun=tahun)
        self._write(writer, "ppid/index.html", "ppid")
        written = self.settings.setdefault(keys.WRITTEN, {})
        for item in kp["dokumen"]:
            name = item.kp_berkas["path"]
            target = Path(self.output_path) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(self.path) / name, target)
            stat = target.stat()
            written[name] = (stat.st_size, stat.st_mtime_ns,
                             hashlib.sha256(target.read_bytes()).hexdigest())


def get_generators(pelican):
    return ListPages


def register():
    signals.all_generators_finalized.connect(gather)
    signals.get_generators.connect(get_generators)
