"""pengumuman: urgent notices shown at the top of every page they concern, from mulai to berakhir."""

from kelurahan.content.schema.base import Schema, _problem
from kelurahan.content.schema.common import common_fields
from kelurahan.content.schema.fields import Field

TINGKAT = ("info", "penting", "darurat")
# The word every banner starts with, its heading and its styling (themes/…/_partials/pengumuman.html).
TINGKAT_LABEL = {"info": "Info", "penting": "Penting", "darurat": "Darurat"}



def _rules(values: dict, doc) -> list:
    """A darurat notice must end (no emergency banner stays up forgotten); the end follows the start."""
    problems = []
    if values.get("tingkat") == "darurat" and not values.get("berakhir"):
        problems.append(_problem(doc, "tingkat", "pengumuman darurat wajib punya waktu berakhir",
                                 "tambahkan baris berakhir: 2026-12-15 18:00 (WIB)"))
    if values.get("mulai") and values.get("berakhir") and values["berakhir"] <= values["mulai"]:
        problems.append(_problem(doc, "berakhir", "berakhir harus sesudah mulai",
                                 "periksa tanggal dan jam berakhir"))
    return problems


SCHEMA = Schema(
    name="pengumuman", label="Pengumuman", label_plural="Pengumuman", folder="pengumuman",
    url="pengumuman/{slug}/", template="pengumuman",
    description="Pemberitahuan mendesak (banjir, rob, air mati, kantor tutup) yang tampil di atas "
                "setiap halaman dari mulai sampai berakhir. Isi tulisan adalah pemberitahuannya.",
    fields=common_fields("governance") + (
        Field("tingkat", "enum", "Tingkat",
              "info, penting, atau darurat (darurat wajib punya waktu berakhir).",
              default="info", choices=TINGKAT, example="penting"),
        Field("mulai", "datetime", "Mulai tampil",
              "TAHUN-BULAN-HARI JAM:MENIT, dalam WIB; kosong berarti langsung tampil.",
              example="2026-12-14 07:00"),
        Field("berakhir", "datetime", "Berakhir",
              "TAHUN-BULAN-HARI JAM:MENIT, dalam WIB: sesudahnya pengumuman tidak tampil lagi.",
              example="2026-12-15 18:00"),
    ),
    rules=_rules,
)
