"""kota.toml and kelurahan.toml: the identity of the city and of each kelurahan."""

from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.fields import NETWORKS, Field

_SOSMED = tuple(Field(name, "url", network.label, f'Nama akun, misalnya "@{network.example}", '
                      f"atau alamat lengkapnya, misalnya {network.address.format(network.example)}; "
                      "nama akun disimpan sebagai alamat lengkapnya.", rule=name)
                for name, network in ((n, NETWORKS[n])
                                      for n in ("instagram", "facebook", "youtube", "tiktok")))

KELURAHAN = Schema(
    name="kelurahan", label="Identitas kelurahan", label_plural="Identitas kelurahan",
    description="kelurahan.toml: nama, kecamatan, kontak, dan warna situs kelurahan.",
    fields=(
        Field("nama", "text", "Nama kelurahan", "Nama resmi kelurahan.", required=True,
              example='"Kauman"', max_length=100),
        Field("kecamatan", "text", "Kecamatan", "Nama kecamatan.", required=True,
              example='"Pekalongan Timur"', max_length=100),
        Field("kode_wilayah", "text", "Kode wilayah", "Kode wilayah Kemendagri.", max_length=20),
        Field("tagline", "text", "Tagline", "Satu kalimat pendek di beranda.", max_length=140),
        Field("alamat", "text", "Alamat kantor", "Alamat kantor kelurahan.", max_length=300),
        Field("telepon", "phone", "Telepon", "Nomor telepon kantor."),
        Field("whatsapp", "whatsapp", "WhatsApp", "Nomor WhatsApp layanan (ponsel, +62…)."),
        Field("email", "email", "Surel", "Alamat surel resmi."),
        Field("jam_pelayanan", "text", "Jam pelayanan", "Misalnya Senin–Jumat 08.00–15.00 WIB.",
              max_length=200),
        Field("koordinat", "coords", "Koordinat kantor", "[lintang, bujur]."),
        Field("warna", "color", "Warna aksen",
              "Kode warna, cukup gelap untuk teks putih (kontras minimal 4.5:1).",
              default="#1d4f91"),
        Field("logo", "image", "Logo", "Berkas di folder gambar/."),
        Field("pilot", "bool", "Kelurahan percontohan", "true untuk kelurahan percontohan.",
              default=False),
        Field("tim", "text", "Tim GitHub", "Tim yang boleh mengubah folder ini, misalnya "
              "@dinkominfo-kota/kauman.", max_length=100),
        Field("lurah", "table", "Lurah", "Tabel [lurah] berisi nama dan foto.",
              fields=(Field("nama", "text", "Nama lurah", "Nama lengkap lurah.", max_length=100),
                      Field("foto", "image", "Foto lurah", "Berkas di folder gambar/."))),
        Field("media_sosial", "table", "Media sosial", "Tabel [media_sosial].", fields=_SOSMED),
    ),
)

KOTA = Schema(
    name="kota", label="Identitas kota", label_plural="Identitas kota",
    description="kota.toml: pemerintah kota, judul portal, alamat terbit, dan kanal pengaduan.",
    fields=(
        Field("nama", "text", "Nama kota", "Misalnya Kota Pekalongan.", required=True,
              example='"Kota Pekalongan"', max_length=100),
        Field("pemerintah", "text", "Pemerintah", "Misalnya Pemerintah Kota Pekalongan.",
              max_length=150),
        Field("pengelola", "text", "Pengelola portal", "Dinas yang mengelola portal.",
              max_length=150),
        Field("judul_portal", "text", "Judul portal", "Judul portal kota.", max_length=120),
        Field("tagline", "text", "Tagline", "Satu kalimat pendek di portal.", max_length=140),
        Field("provinsi", "text", "Provinsi", "Provinsi tempat kota berada, misalnya Jawa Tengah; "
              "dipakai di alamat data terstruktur (JSON-LD).", max_length=100),
        Field("url", "url", "Alamat terbit", "Alamat dasar situs; kelurahan ada di <url>/<slug>/."),
        Field("pengaduan_url", "url", "Kanal pengaduan", "Bawaan: SP4N-LAPOR!.",
              default="https://www.lapor.go.id/"),
        Field("ppid_url", "url", "PPID kota",
              "Alamat situs PPID (Pejabat Pengelola Informasi dan Dokumentasi) pemerintah kota; "
              "halaman PPID setiap kelurahan menautkannya."),
        Field("kode_wilayah", "text", "Kode wilayah", "Kode wilayah Kemendagri kota.", max_length=20),
        Field("tim", "text", "Tim GitHub kota", "Tim yang mengelola kode bersama.", max_length=100),
        Field("warna", "color", "Warna aksen portal", "Kode warna portal.", default="#1d4f91"),
        Field("kontak", "table", "Kontak", "Tabel [kontak].",
              fields=(Field("alamat", "text", "Alamat", "Alamat kantor pengelola.", max_length=300),
                      Field("telepon", "phone", "Telepon", "Nomor telepon."),
                      Field("whatsapp", "whatsapp", "WhatsApp", "Nomor WhatsApp."),
                      Field("email", "email", "Surel", "Alamat surel."),
                      Field("situs", "url", "Situs", "Situs resmi."))),
        Field("editor", "table", "Editor web", "Tabel [editor]: cara masuk editor di <situs>/admin/.",
              fields=(
                  Field("repo", "text", "Repositori", "pemilik/nama repositori GitHub; bawaan: "
                        "dari url bila berbentuk https://<pemilik>.github.io/<repo>."),
                  Field("branch", "text", "Cabang", "Cabang yang diterbitkan; tulisan baru "
                        "menjadi pull request ke cabang ini.", default="main"),
                  Field("auth_methods", "list", "Cara masuk", "token (token akses GitHub, tanpa "
                        "server) dan/atau oauth (tombol Masuk dengan GitHub, perlu base_url).",
                        default=["token"], choices=("token", "oauth")),
                  Field("base_url", "url", "Layanan OAuth", "Alamat layanan OAuth kota, "
                        "misalnya https://oauth.kota.go.id; wajib untuk oauth."),
                  Field("auth_endpoint", "text", "Jalur OAuth", "Jalur masuk di layanan OAuth.",
                        default="auth"),
                  Field("open_authoring", "bool", "Usulan relawan", "true: orang tanpa hak tulis "
                        "(relawan) boleh mengusulkan tulisan lewat fork dan pull request.",
                        default=True))),
    ),
)
