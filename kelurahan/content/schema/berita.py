"""berita: news, announcements and articles (Pelican articles)."""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.common import common_fields
from kelurahan.content.schema.fields import Field

KATEGORI = ("Berita", "Pengumuman", "Kegiatan", "Artikel")

SCHEMA = Schema(
    name="berita", label="Berita", label_plural="Berita", folder="berita",
    url="berita/{slug}/", template="article",
    description="Kabar, pengumuman, dan kegiatan kelurahan.",
    fields=common_fields(None, pilar_required=True) + (
        Field("tanggal", "datetime", "Tanggal terbit",
              "TAHUN-BULAN-HARI atau TAHUN-BULAN-HARI JAM:MENIT, dalam WIB.", required=True,
              aliases=("date",), example="2025-02-25 09:00"),
        Field("diperbarui", "datetime", "Tanggal diperbarui",
              "Diisi bila berita diubah setelah terbit.", aliases=("modified",)),
        Field("penulis", "text", "Penulis", "Nama penulis atau Admin Kelurahan.",
              aliases=("author",)),
        Field("kategori", "enum", "Kategori", "Berita, Pengumuman, Kegiatan, atau Artikel.",
              default="Berita", choices=KATEGORI, aliases=("category",)),
    ),
)
