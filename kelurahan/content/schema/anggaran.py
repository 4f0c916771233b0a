"""anggaran: one year's budget of a kelurahan, in content/<slug>/anggaran/<tahun>.yaml or .csv.

Not a Markdown type: a table. The file-level fields and the fields of one row (``kegiatan``)
are described here once; they drive the budget reader (kelurahan/content/anggaran.py), the
anggaran pages, the open data and its JSON Schema, and the staff guide.
"""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.fields import Field
from kelurahan.content.schema.pilar import PILAR_KEYS, PILAR_NAMES

FOLDER = "anggaran"
SUFFIXES = (".yaml", ".yml", ".csv")

# One row of the budget: an activity and its money.
ROW_FIELDS = (
    Field("kegiatan", "text", "Kegiatan",
          "Nama kegiatan atau rincian belanja, seperti tertulis di dokumen anggaran.",
          required=True, aliases=("nama_kegiatan", "uraian", "uraian_kegiatan", "program",
                                  "rincian"),
          max_length=200, example="Pemeliharaan saluran drainase RW 03"),
    Field("pilar", "enum", "Pilar Kelurahan Pintar",
          "Pilar yang didukung kegiatan ini: kuncinya (environment), nama programnya (Smart "
          "Environment), atau nama Indonesianya (Lingkungan); boleh kosong (dijumlahkan sebagai "
          "\"tanpa pilar\").", choices=PILAR_KEYS, choice_names=PILAR_NAMES,
          example="environment"),
    Field("sumber_dana", "text", "Sumber dana",
          "Asal dananya, misalnya Dana Kelurahan, APBD Kota, atau Bantuan Provinsi; kegiatan "
          "dengan sumber dana yang sama dijumlahkan bersama.",
          aliases=("sumber_anggaran", "dana"), max_length=80, example="Dana Kelurahan"),
    Field("pagu", "int", "Pagu (Rp)",
          "Anggaran yang disediakan, dalam rupiah: angka bulat, boleh dengan titik ribuan "
          "(125.000.000) dan awalan Rp.",
          required=True, aliases=("anggaran", "pagu_anggaran", "nilai", "jumlah_anggaran"),
          example=125000000),
    Field("realisasi", "int", "Realisasi (Rp)",
          "Yang sudah dibelanjakan, dalam rupiah; kosongkan bila belum ada. Tidak melebihi pagu.",
          aliases=("realisasi_anggaran", "serapan"), example=98500000),
    Field("keterangan", "text", "Keterangan", "Catatan singkat, misalnya lokasi atau volume.",
          aliases=("catatan", "ket"), max_length=300),
)

SCHEMA = Schema(
    name="anggaran", label="Anggaran", label_plural="Transparansi Anggaran", folder=FOLDER,
    url="anggaran/{slug}/", template="anggaran_tahun",
    description="Rincian anggaran kelurahan satu tahun: setiap kegiatan dengan pilar, sumber "
                "dana, pagu, dan realisasinya. Satu berkas per tahun di folder anggaran/, "
                "bernama tahunnya: anggaran/2026.yaml atau anggaran/2026.csv (ekspor dari "
                "spreadsheet).",
    fields=(
        Field("tahun", "int", "Tahun anggaran",
              "Tahun anggaran; bila kosong diambil dari nama berkas (2026.yaml).", example=2026),
        Field("sumber", "text", "Sumber data",
              "Dokumen asal angka-angka ini, misalnya DPA Kelurahan Tahun 2026.",
              aliases=("dokumen", "dasar"), max_length=200,
              example="DPA Kelurahan Tahun Anggaran 2026"),
        Field("per_tanggal", "date", "Realisasi per tanggal",
              "Tanggal keadaan realisasi (TAHUN-BULAN-HARI).", aliases=("keadaan", "per"),
              example="2026-06-30"),
        Field("contoh", "bool", "Contoh",
              "true bila anggaran ini hanya contoh, bukan angka nyata.", default=False),
        Field("kegiatan", "objects", "Daftar kegiatan", "Baris-baris anggaran, satu per kegiatan.",
              required=True, aliases=("rows", "baris", "rincian"), fields=ROW_FIELDS),
    ),
)

FILE_FIELDS = tuple(f for f in SCHEMA.fields if f.name != "kegiatan")
