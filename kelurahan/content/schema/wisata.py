"""wisata: tourism and local pride (places and products), one file each."""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.common import common_fields, galeri_field
from kelurahan.content.schema.fields import Field

JENIS = ("budaya", "religi", "sejarah", "alam", "kuliner", "belanja", "edukasi")

SCHEMA = Schema(
    name="wisata", label="Wisata", label_plural="Wisata dan Kebanggaan Lokal", folder="wisata",
    url="wisata/{slug}/", template="wisata",
    description="Tempat wisata, budaya, dan kebanggaan lokal kelurahan.",
    fields=common_fields("branding") + (
        Field("jenis", "enum", "Jenis", ", ".join(JENIS) + ".", choices=JENIS),
        Field("alamat", "text", "Alamat", "Alamat atau lokasi."),
        Field("koordinat", "coords", "Koordinat", "[lintang, bujur], salin dari Google Maps."),
        Field("jam_buka", "text", "Jam buka", "Misalnya Setiap hari, 08.00–16.00 WIB."),
        Field("tiket", "text", "Tiket", "Harga tiket masuk, atau Gratis."),
        Field("fasilitas", "list", "Fasilitas", "Fasilitas yang tersedia, satu per baris."),
        Field("kontak", "text", "Kontak", "Nomor atau akun pengelola."),
        galeri_field(),
    ),
)
