"""agenda: events with a start (and end) time."""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.common import common_fields
from kelurahan.content.schema.fields import Field

SCHEMA = Schema(
    name="agenda", label="Agenda", label_plural="Agenda", folder="agenda",
    url="agenda/{slug}/", template="agenda",
    description="Kegiatan yang akan datang: waktu, tempat, dan penyelenggara.",
    fields=common_fields("society") + (
        Field("mulai", "datetime", "Mulai", "TAHUN-BULAN-HARI JAM:MENIT, dalam WIB.", required=True,
              example="2025-03-10 08:00"),
        Field("selesai", "datetime", "Selesai", "TAHUN-BULAN-HARI JAM:MENIT, dalam WIB."),
        Field("tempat", "text", "Tempat", "Misalnya Aula Kantor Kelurahan."),
        Field("penyelenggara", "text", "Penyelenggara", "Siapa yang menyelenggarakan."),
        Field("tanggal", "datetime", "Tanggal terbit",
              "Kapan agenda ini mulai tampil di situs (WIB); kosong berarti langsung tampil.",
              example="2025-03-01 07:00"),
    ),
)
