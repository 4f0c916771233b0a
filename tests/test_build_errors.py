"""Bad input as clerks produce it: every problem reported with file and line, healthy sites built."""

from conftest import run, write_tree


def build(content, out, *extra):
    return run("build", "--content", content, "--output", out, *extra)


def test_every_planted_mistake_is_reported_in_one_run(mini, tmp_path):
    write_tree(mini, {
        "alpha/berita/a-kosong.md": "",
        "alpha/berita/b-biner.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "alpha/berita/c-latin1.md": "---\njudul: Caf\u00e9\n---\n".encode("latin-1"),
        "alpha/berita/d-yaml.md": "---\njudul: A\ntanggal: [2025\n---\nIsi\n",
        "alpha/berita/e-tanggal.md": "---\njudul: A\ntanggal: 25-02-2025\npilar: living\n---\nIsi\n",
        "alpha/umkm/f-wa.md": "---\njudul: A\nwhatsapp: 12345\n---\nIsi\n",
    })
    proc = build(mini, tmp_path / "out")
    assert proc.returncode == 1
    out = proc.stdout
    prefix = f"{mini}/alpha"
    for expected in [
        f"{prefix}/berita/a-kosong.md:1: berkas kosong",
        f"{prefix}/berita/b-biner.md: berkas ini bukan teks (berkas biner)",
        f"{prefix}/berita/c-latin1.md:2: berkas tidak tersimpan sebagai UTF-8",
        f"{prefix}/berita/d-yaml.md:3: front matter tidak bisa dibaca (YAML salah)",
        f'{prefix}/berita/e-tanggal.md:3: tanggal "25-02-2025" tidak ditulis sebagai '
        "TAHUN-BULAN-HARI — maksudnya 2025-02-25?",
        f'{prefix}/umkm/f-wa.md:3: nomor whatsapp "12345" tidak dikenali',
    ]:
        assert any(line.startswith(expected) for line in out.splitlines()), expected
    assert "Traceback" not in out + proc.stderr
    assert "2 situs: 1 dibangun, 0 dilewati, 1 gagal" in out
    assert out.rstrip().splitlines()[-1].startswith("6 galat")


def test_broken_kota_toml_stops_the_build_with_a_clear_line(mini, tmp_path):
    (mini / "kota.toml").write_text('nama = "Kota Contoh\n', encoding="utf-8")
    proc = build(mini, tmp_path / "out")
    assert proc.returncode == 1
    assert f"{mini}/kota.toml:1: berkas TOML tidak bisa dibaca" in proc.stdout
    assert not (tmp_path / "out" / "alpha").exists()


def test_unknown_keys_warn_but_the_site_builds(mini, tmp_path):
    write_tree(mini, {"alpha/agenda/rapat.md": "---\njudul: Rapat\nmulai: 2030-01-01 09:00\n"
                                              "tempt: Balai\n---\nIsi\n"})
    proc = build(mini, tmp_path / "out")
    assert proc.returncode == 0
    assert (f'{mini}/alpha/agenda/rapat.md:4: peringatan: kunci "tempt" tidak dikenal dan diabaikan'
            " — maksudnya tempat?") in proc.stdout
    # reported again when the file comes from Pelican's cache
    (mini / "alpha/halaman/profil.md").write_text("---\ntitle: Profil\n---\nBaru.\n", encoding="utf-8")
    again = build(mini, tmp_path / "out")
    assert 'kunci "tempt" tidak dikenal' in again.stdout


def test_content_written_by_other_tools_builds(tmp_path):
    """CRLF line ends, a UTF-8 BOM, quoted dates, Pelican's English keys, a Hugo-style list."""
    content = write_tree(tmp_path / "lain", {
        "kota.toml": 'nama = "Kota Lain"\nurl = "https://lain.example.id"\n',
        "desa-satu/kelurahan.toml": 'nama = "Satu"\nkecamatan = "Tengah"\n',
        "desa-satu/berita/kabar.md": "\ufeff---\r\ntitle: \"Kabar: baru\"\r\ndate: '2025-01-02 10:00'"
                                     "\r\npilar: Society\r\ntags:\r\n- warga\r\n---\r\nIsi kabar.\r\n",
        "desa-satu/layanan/ktp.md": "---\njudul: Pengantar KTP\npersyaratan: Fotokopi KK\n---\n",
    })
    proc = build(content, tmp_path / "out")
    assert proc.returncode == 0, proc.stdout
    page = (tmp_path / "out/desa-satu/berita/kabar/index.html").read_text(encoding="utf-8")
    assert "Kabar: baru" in page and "2 Januari 2025" in page
    assert (tmp_path / "out/index.html").is_file()



def test_pelican_says_nothing_of_its_own_about_a_missing_image_or_an_author_of_markup(mini, tmp_path):
    write_tree(mini, {"alpha/berita/2025-01-02-y.md": "---\njudul: Y\ntanggal: 2025-01-02\n"
                      'pilar: living\npenulis: "<img src=x onerror&#x3d;alert(1)>"\n---\n'
                      '## Judul <img src=x alt="a">\n\nIsi.\n'})
    proc = build(mini, tmp_path / "out")
    lines = proc.stdout.splitlines()
    assert f'{mini}/alpha/berita/2025-01-02-y.md:7: gambar "gambar/x" tidak ditemukan — periksa ' \
        "ejaan nama berkas (huruf besar/kecil berpengaruh) dan pastikan berkasnya ada di folder " \
        "gambar/" in lines
    assert not [line for line in lines if "Pelican" in line or line.startswith("\t")], lines
