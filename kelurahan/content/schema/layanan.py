"""layanan: public services, one file per service, all with the same sections."""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.common import common_fields
from kelurahan.content.schema.fields import Field

SCHEMA = Schema(
    name="layanan", label="Layanan", label_plural="Layanan Publik", folder="layanan",
    url="layanan/{slug}/", template="layanan",
    description="Standar pelayanan: persyaratan, prosedur, waktu, biaya, produk, dan dasar hukum.",
    fields=common_fields("governance") + (
        Field("persyaratan", "list", "Persyaratan", "Dokumen yang harus dibawa, satu per baris.",
              required=True, example="[Surat pengantar RT/RW, Fotokopi KTP-el]"),
        Field("prosedur", "list", "Prosedur", "Langkah-langkah pelayanan, berurutan."),
        Field("waktu", "text", "Jangka waktu", "Misalnya 1 hari kerja."),
        Field("biaya", "text", "Biaya", "Tarif layanan; kosong berarti Gratis.", default="Gratis"),
        Field("produk", "text", "Produk layanan", "Apa yang diterima warga, misalnya surat keterangan."),
        Field("dasar_hukum", "list", "Dasar hukum", "Peraturan yang mendasari layanan, satu per baris."),
        Field("ditinjau", "date", "Terakhir ditinjau",
              "Tanggal isi layanan ini terakhir diperiksa masih benar (TAHUN-BULAN-HARI); "
              "pemeriksaan mengingatkan bila sudah lebih dari 12 bulan.", example="2026-12-01"),
    ),
)
