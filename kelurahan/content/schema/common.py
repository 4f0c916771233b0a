"""Fields every content type shares (design.md: "All types")."""

from __future__ import annotations

from kelurahan.content.schema.fields import Field
from kelurahan.content.schema.pilar import PILAR_KEYS, PILAR_NAMES

STATUS = ("terbit", "draf")


def common_fields(pilar_default: str | None, pilar_required: bool = False) -> tuple[Field, ...]:
    """The shared fields, with this type's pillar default."""
    return (
        Field("judul", "text", "Judul", "Judul yang tampil di halaman dan di hasil pencarian.",
              required=True, aliases=("title",), max_length=120, example="Rapat Koordinasi RT/RW"),
        Field("ringkasan", "text", "Ringkasan",
              "Satu atau dua kalimat; bila kosong, paragraf pertama yang dipakai.",
              aliases=("summary",), max_length=300),
        Field("gambar", "image", "Gambar utama",
              "Berkas di folder gambar/, misalnya gambar/rapat.jpg.", aliases=("image",)),
        Field("gambar_alt", "text", "Keterangan gambar",
              "Apa yang tampak di gambar, untuk pembaca tunanetra. Wajib bila ada gambar.",
              max_length=200),
        Field("pilar", "enum", "Pilar Kelurahan Pintar",
              "Salah satu dari enam pilar program Kelurahan Pintar: kuncinya (living), nama "
              "programnya (Smart Living), atau nama Indonesianya (Kualitas Hidup), huruf besar "
              "atau kecil; yang disimpan kuncinya.", required=pilar_required,
              default=pilar_default, choices=PILAR_KEYS, choice_names=PILAR_NAMES,
              example="governance"),
        Field("status", "enum", "Status", "terbit (tampil di situs) atau draf (belum tampil).",
              default="terbit", choices=STATUS),
        Field("slug", "text", "Alamat halaman",
              "Bagian akhir alamat halaman: huruf, angka, titik, garis bawah, dan tanda hubung, "
              "paling banyak 100 karakter; bila kosong diambil dari nama berkas.", rule="slug"),
        Field("tag", "list", "Tag", "Kata kunci, satu per baris, masing-masing paling banyak "
              "100 karakter.", aliases=("tags",), rule="tag"),
        Field("contoh", "bool", "Contoh",
              "true bila isi ini hanya contoh, bukan usaha atau kegiatan nyata.", default=False),
    )


def galeri_field() -> Field:
    """A photo gallery: list of images, each with its alt text."""
    return Field("galeri", "objects", "Galeri", "Foto tambahan, masing-masing dengan keterangan.",
                 fields=(Field("gambar", "image", "Gambar", "Berkas di folder gambar/.", required=True),
                         Field("alt", "text", "Keterangan", "Apa yang tampak di foto.",
                               aliases=("gambar_alt",))))
