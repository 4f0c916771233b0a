"""umkm: small businesses, one file per business."""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.common import common_fields, galeri_field
from kelurahan.content.schema.fields import Field

KATEGORI = ("kuliner", "batik", "fesyen", "kerajinan", "jasa", "pertanian", "perikanan", "lainnya")

SCHEMA = Schema(
    name="umkm", label="UMKM", label_plural="UMKM", folder="umkm",
    url="umkm/{slug}/", template="umkm",
    description="Usaha mikro, kecil, dan menengah warga: produk, harga, dan cara memesan.",
    fields=common_fields("economy") + (
        Field("pemilik", "text", "Pemilik", "Nama pemilik usaha (dengan izinnya)."),
        Field("kategori", "enum", "Kategori", ", ".join(KATEGORI) + ".", default="lainnya",
              choices=KATEGORI),
        Field("produk", "objects", "Produk", "Daftar produk dengan harga dalam Rupiah.",
              fields=(Field("nama", "text", "Nama produk", "Nama produk.", required=True),
                      Field("harga", "int", "Harga (Rp)", "Angka saja, misalnya 35000."),
                      Field("gambar", "image", "Gambar", "Berkas di folder gambar/."))),
        Field("harga", "text", "Kisaran harga", "Misalnya Rp15.000–Rp50.000."),
        Field("whatsapp", "whatsapp", "WhatsApp", "Nomor ponsel untuk pesanan, misalnya 0812-3456-7890."),
        Field("telepon", "phone", "Telepon", "Nomor telepon usaha."),
        Field("alamat", "text", "Alamat", "Alamat usaha."),
        Field("koordinat", "coords", "Koordinat", "[lintang, bujur], salin dari Google Maps."),
        Field("jam_buka", "text", "Jam buka", "Misalnya Setiap hari, 08.00–17.00 WIB."),
        Field("instagram", "text", "Instagram", "Nama akun, misalnya @batikcontoh (alamat "
              "https://www.instagram.com/batikcontoh/ juga diterima).", rule="akun"),
        Field("tautan", "objects", "Tautan toko daring", "Marketplace atau situs usaha.",
              fields=(Field("label", "text", "Nama tautan", "Misalnya Tokopedia.", required=True),
                      Field("url", "url", "Alamat", "Alamat lengkap diawali https://.",
                            required=True))),
        galeri_field(),
    ),
)
