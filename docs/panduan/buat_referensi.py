"""Write docs/panduan/referensi-kolom.md from the schemas (kelurahan/content/schema/): never by hand.

Run `python docs/panduan/buat_referensi.py` (or `make panduan`); tests/test_docs.py fails when
the committed file differs from what this script writes, or when a field is missing from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kelurahan.content.schema import KELURAHAN, KOTA, PILAR, TYPES  # noqa: E402
from kelurahan.content.schema.anggaran import FILE_FIELDS, ROW_FIELDS  # noqa: E402
from kelurahan.content.schema.anggaran import SCHEMA as ANGGARAN  # noqa: E402
from kelurahan.content.schema.fields import NETWORKS, SLUG_MAX, YEARS, Field  # noqa: E402
from kelurahan.content.schema.screen import BODY_SCHEMES, WEB_SCHEMES  # noqa: E402

TARGET = Path(__file__).with_name("referensi-kolom.md")
KIND = {
    "text": "teks", "markdown": "teks (Markdown)", "int": "angka", "bool": "true / false",
    "date": "tanggal TAHUN-BULAN-HARI", "datetime": "tanggal dan jam (WIB)", "enum": "pilihan",
    "list": "daftar", "phone": "nomor telepon", "whatsapp": "nomor WhatsApp", "url": "alamat web",
    "email": "alamat surel", "coords": "[lintang, bujur]", "image": "gambar di folder gambar/",
    "color": "kode warna", "objects": "daftar butir", "table": "tabel",
}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _rows(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    rows = []
    for f in fields:
        notes = [f.help]
        if f.choices:
            notes.append("Pilihan: " + ", ".join(f"`{c}`" for c in f.choices) + ".")
        if f.default not in (None, "", False) or f.kind == "bool" and f.default is not None:
            notes.append(f"Bila kosong: `{str(f.default).lower() if isinstance(f.default, bool) else f.default}`.")
        if f.aliases:
            notes.append("Boleh juga ditulis: " + ", ".join(f"`{a}`" for a in f.aliases) + ".")
        if f.max_length:
            notes.append(f"Paling banyak {f.max_length} karakter.")
        rows.append(f"| `{prefix}{f.name}` | {_cell(f.label)} | {'ya' if f.required else ''} | "
                    f"{KIND[f.kind]} | {_cell(' '.join(notes))} |")
        rows += _rows(f.fields, f"{prefix}{f.name}.")
    return rows


def _table(fields) -> list[str]:
    return ["| kunci | nama | wajib | jenis isi | keterangan |", "| --- | --- | --- | --- | --- |",
            *_rows(fields), ""]


def render() -> str:
    """The whole reference page."""
    out = ["# Referensi kolom", "",
           "<!-- Dibuat otomatis oleh docs/panduan/buat_referensi.py dari kelurahan/content/schema/. "
           "Jangan diubah dengan tangan. -->", "",
           "Setiap berkas isi diawali *front matter*: baris `---`, lalu satu kunci per baris "
           "(`judul: Rapat Koordinasi`), lalu `---` lagi, lalu isi tulisan. Tabel di bawah ini "
           "memuat semua kunci yang dikenal. Kunci `a.b` berarti kunci `b` di dalam setiap butir "
           "`a`. Kolom yang tidak wajib boleh dihapus atau dibiarkan kosong; situs lalu tidak "
           "menampilkannya.", "",
           "Lihat juga: [menulis berita](menulis-berita.md), [UMKM, layanan, dan "
           "wisata](umkm-layanan-wisata.md), [foto](foto.md).", ""]
    for schema in TYPES.values():
        out += [f"## {schema.label_plural} (`{schema.folder}/`)", "", schema.description, "",
                *_table(schema.fields)]
    out += [f"## {ANGGARAN.label_plural} (`{ANGGARAN.folder}/`)", "", ANGGARAN.description, "",
            "Cara menulisnya, dengan contoh YAML dan CSV: [anggaran](anggaran.md).", "",
            "Keterangan berkas: kunci di awal berkas YAML, atau baris `kunci;nilai` di atas tabel "
            "CSV.", "", *_table(FILE_FIELDS),
            "Setiap kegiatan: kunci di bawah `kegiatan:` (YAML), atau judul kolom (CSV). Nama "
            "kunci dan kolom boleh ditulis dengan huruf besar, spasi, atau `(Rp)`: `Sumber Dana` "
            "sama dengan `sumber_dana`.", "", *_table(ROW_FIELDS)]
    out += ["## Pilar Kelurahan Pintar", "", "Nilai kunci `pilar`:", "",
            "| nilai | nama | arti |", "| --- | --- | --- |",
            *[f"| `{p.key}` | {p.name} — {p.label} | {_cell(p.description)} |" for p in PILAR], ""]
    for schema in (KELURAHAN, KOTA):
        out += [f"## {schema.label}", "", schema.description, "", *_table(schema.fields)]
    return "\n".join(out + _rules())


def _rules() -> list[str]:
    """The rules every value of a kind follows, from the constants that enforce them."""
    web = " atau ".join(f"`{s}://`" for s in WEB_SCHEMES)
    body = ", ".join(f"`{s}:`" for s in BODY_SCHEMES)
    return [
        "## Aturan untuk semua kolom", "",
        f"- **Alamat web** diawali {web} lalu nama situsnya, persis seperti di bilah alamat "
        "peramban. Alamat lain (misalnya `javascript:` atau `data:`, dalam bentuk apa pun) ditolak, "
        "begitu pula alamat yang memuat spasi, tanda kutip, `<`, `>`, `` ` `` atau garis miring "
        "terbalik.",
        "- **Alamat surel** ditulis `nama@contoh.go.id` (boleh diawali `mailto:`); **nomor telepon** "
        "boleh diawali `tel:`, dan **WhatsApp** boleh berupa tautan `https://wa.me/62…`.",
        f"- **Tautan di isi tulisan** hanya boleh diawali {body}, atau menuju halaman situs ini. "
        "**Gambar di isi tulisan** harus berkas di folder kelurahan: gambar dari situs lain "
        "ditolak, karena halaman situs tidak memuat apa pun dari situs lain.",
        "- **Kolom teks** tampil apa adanya: kode HTML (`<b>`, `<script>`) atau kode templat "
        "(`{{ }}`) tidak dijalankan, melainkan tampil sebagai teks, dan pemeriksaan memberi "
        "peringatan.",
        f"- **`slug` dan tag** masing-masing menjadi nama folder situs: paling banyak {SLUG_MAX} "
        "karakter, tanpa garis miring dan tanpa karakter tak terlihat.",
        f"- **Tanggal** ditulis `TAHUN-BULAN-HARI` (boleh dengan jam `JAM:MENIT`, WIB) dan berada "
        f"di antara tahun {YEARS[0]} dan {YEARS[1]}. Tanggal yang ditulis hari dahulu "
        "(`07/12/2026`, `7-12-2026`, `7 Desember 2026`) ditolak dengan usulan yang benar "
        "(\"maksudnya 2026-12-07?\").",
        "- **Pilihan** boleh ditulis dengan huruf besar atau kecil; `pilar` boleh juga ditulis "
        "dengan nama programnya (`Smart Living`) atau nama Indonesianya (`Kualitas Hidup`).",
        "- **Akun media sosial** (" + ", ".join(f"`{n}`" for n in NETWORKS) + " di "
        "`[media_sosial]`, dan `instagram` UMKM) boleh ditulis sebagai nama akun (`@kelurahankauman` "
        "atau `kel.airhitam`) atau alamat lengkapnya. Di `[media_sosial]` nama akun disimpan "
        "sebagai alamat lengkap jaringan itu, misalnya " + ", ".join(
            f"`{NETWORKS[n].address.format('kelurahankauman')}`" for n in NETWORKS) + ".", ""]


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(TARGET.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
