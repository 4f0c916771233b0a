"""dokumen: a public document (PDF, ODT/DOCX, XLSX/ODS/CSV) kept in dokumen/ with a .md describing it."""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.common import common_fields
from kelurahan.content.schema.fields import Field

JENIS = ("peraturan", "keputusan", "laporan", "sop", "standar-pelayanan", "maklumat",
         "rencana-kerja", "anggaran", "lainnya")
JENIS_LABEL = {"peraturan": "Peraturan", "keputusan": "Keputusan", "laporan": "Laporan",
               "sop": "SOP", "standar-pelayanan": "Standar Pelayanan", "maklumat": "Maklumat",
               "rencana-kerja": "Rencana Kerja", "anggaran": "Anggaran", "lainnya": "Lainnya"}
# The three categories of UU 14/2008 (Pasal 9, 10, 11), in the order the law gives them.
KATEGORI = ("berkala", "serta-merta", "setiap-saat")
KATEGORI_LABEL = {"berkala": "Informasi yang wajib disediakan dan diumumkan secara berkala",
                  "serta-merta": "Informasi yang wajib diumumkan secara serta-merta",
                  "setiap-saat": "Informasi yang wajib tersedia setiap saat"}

SCHEMA = Schema(
    name="dokumen", label="Dokumen", label_plural="Dokumen Publik", folder="dokumen",
    url="dokumen/{slug}/", template="dokumen",
    description="Dokumen publik (peraturan, keputusan, laporan, SOP, maklumat, anggaran) yang "
                "disimpan di folder dokumen/ bersama satu berkas .md yang menjelaskannya. "
                "Dokumen ini masuk Daftar Informasi Publik di halaman PPID.",
    fields=common_fields("governance") + (
        Field("berkas", "text", "Berkas",
              "Berkas dokumen di folder dokumen/ (PDF, ODT, DOCX, XLSX, ODS, atau CSV), misalnya "
              "dokumen/maklumat.pdf; nama berkas saja dicari di dokumen/.", required=True,
              rule="berkas", example="dokumen/maklumat-pelayanan.pdf"),
        Field("nomor", "text", "Nomor", "Nomor dokumen, misalnya 01/SK/KEL/2026.", max_length=120),
        Field("tanggal", "date", "Tanggal", "Tanggal dokumen (TAHUN-BULAN-HARI).",
              example="2026-01-05"),
        Field("jenis", "enum", "Jenis",
              "peraturan, keputusan, laporan, sop, standar-pelayanan, maklumat, rencana-kerja, "
              "anggaran, atau lainnya.", default="lainnya", choices=JENIS, example="maklumat"),
        Field("kategori_informasi", "enum", "Kategori informasi",
              "Menurut UU 14/2008: berkala, serta-merta, atau setiap-saat.",
              default="setiap-saat", choices=KATEGORI, example="berkala"),
    ),
)
