"""halaman: profile pages (profil, sejarah, visi-misi, struktur-organisasi, wilayah, kontak …)."""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.common import common_fields
from kelurahan.content.schema.fields import Field

SCHEMA = Schema(
    name="halaman", label="Halaman", label_plural="Halaman Profil", folder="halaman",
    url="{slug}/", template="page",
    description="Halaman profil kelurahan: profil, sejarah, visi-misi, struktur organisasi, kontak.",
    fields=common_fields("governance") + (
        Field("urutan", "int", "Urutan di menu", "Angka kecil tampil lebih dahulu.", default=50),
        Field("menu", "bool", "Tampil di menu", "true bila halaman ini tampil di menu profil.",
              default=True),
        Field("pejabat", "objects", "Pejabat",
              "Untuk struktur organisasi: nama, jabatan, dan foto setiap pejabat.",
              fields=(Field("nama", "text", "Nama", "Nama lengkap pejabat.", required=True),
                      Field("jabatan", "text", "Jabatan", "Misalnya Lurah atau Sekretaris Kelurahan.",
                            required=True),
                      Field("foto", "image", "Foto", "Berkas di folder gambar/."))),
    ),
)
