"""layanan: public services, one file per service, all with the same sections.

The published part of a service standard (PermenPANRB 15/2014) has six components; each has its
field here but the last, complaints, which every layanan page builds from the kelurahan's own
channels (kelurahan.toml) and the city's (kota.toml's pengaduan_url, SP4N-LAPOR!).
"""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.common import common_fields
from kelurahan.content.schema.fields import Field

SCHEMA = Schema(
    name="layanan", label="Layanan", label_plural="Layanan Publik", folder="layanan",
    url="layanan/{slug}/", template="layanan",
    description="Standar pelayanan (PermenPANRB 15/2014): persyaratan; sistem, mekanisme, dan "
                "prosedur; jangka waktu penyelesaian; biaya/tarif; produk pelayanan; dan "
                "penanganan pengaduan (disusun otomatis dari kontak kelurahan dan SP4N-LAPOR!). "
                "Setiap layanan juga punya versi cetak A4 dengan kode QR di <alamat layanan>/cetak/.",
    fields=common_fields("governance") + (
        Field("persyaratan", "list", "Persyaratan", "Dokumen yang harus dibawa, satu per baris.",
              required=True, example="[Surat pengantar RT/RW, Fotokopi KTP-el]"),
        Field("prosedur", "list", "Sistem, mekanisme, dan prosedur",
              "Langkah-langkah pelayanan, berurutan."),
        Field("waktu", "text", "Jangka waktu penyelesaian", "Misalnya 1 hari kerja."),
        Field("biaya", "text", "Biaya/tarif", "Tarif layanan; kosong berarti Gratis.",
              default="Gratis"),
        Field("produk", "text", "Produk pelayanan",
              "Apa yang diterima warga, misalnya surat keterangan."),
        Field("jam_pelayanan", "text", "Jam pelayanan",
              "Jam layanan ini bila berbeda dari jam pelayanan kantor, misalnya Senin–Kamis "
              "08.00–12.00 WIB; kosong berarti jam_pelayanan di kelurahan.toml.", max_length=200),
        Field("dasar_hukum", "list", "Dasar hukum", "Peraturan yang mendasari layanan, satu per baris."),
        Field("ditinjau", "date", "Terakhir ditinjau",
              "Tanggal isi layanan ini terakhir diperiksa masih benar (TAHUN-BULAN-HARI); "
              "pemeriksaan mengingatkan bila sudah lebih dari 12 bulan.", example="2026-12-01"),
    ),
)
