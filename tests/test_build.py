"""The multi-site build, run as a user runs it: real Pelican, real files, the real CLI."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT, run, write_tree


def build(content, out, *extra, **kw):
    return run("build", "--content", content, "--output", out, *extra, **kw)


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_fixture_city_builds_every_site_and_the_portal(mini, tmp_path):
    out = tmp_path / "out"
    proc = build(mini, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for page in ["index.html", "berita/2025-02-25-rapat/index.html", "profil/index.html",
                 "layanan/domisili/index.html", "umkm/batik-contoh/index.html",
                 "umkm/kategori/batik/index.html", "wisata/taman/index.html",
                 "agenda/kerja-bakti/index.html", "pilar/governance/index.html", "404.html"]:
        assert (out / "alpha" / page).is_file(), page
    portal = soup(out / "index.html")
    assert {a["href"] for a in portal.select("a")} >= {"./alpha/", "./beta/"}
    assert "2 situs: 2 dibangun, 0 dilewati, 0 gagal; portal dibangun" in proc.stdout


def test_drafts_are_never_published(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out, check=True)
    assert not list(out.rglob("*draf*"))
    assert "belum terbit" not in (out / "alpha" / "berita" / "index.html").read_text()


def test_inline_images_point_at_the_published_copy(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out, check=True)
    img = soup(out / "alpha/berita/2025-02-25-rapat/index.html").select_one("article img")
    # issue 5: a processed derivative (upright, metadata-free), never the original
    assert img["src"].startswith("../../gambar/rapat-40.") and img["src"].endswith(".jpg")
    assert (out / "alpha/berita/2025-02-25-rapat" / img["src"]).is_file()


def test_manifest_lists_what_was_published(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out, check=True)
    manifest = json.loads((out / "alpha/manifest.json").read_text())
    assert manifest["versi"] == 1 and manifest["kecamatan"] == "Utara"
    assert manifest["jumlah"] == {"berita": 1, "halaman": 1, "layanan": 1, "umkm": 1,
                                  "wisata": 1, "agenda": 1, "dokumen": 0}
    assert manifest["pilar"]["governance"] == 3  # berita, profil (default), layanan (default)
    assert {i["url"] for i in manifest["item"]} >= {"berita/2025-02-25-rapat/", "umkm/batik-contoh/"}


def test_one_broken_site_fails_alone_with_exact_messages(mini, tmp_path):
    out = tmp_path / "out"
    write_tree(mini, {"beta/berita/2025-01-01-salah.md": """
        ---
        judul: Salah
        tanggal: 2025-01-01
        pilar: ekonomi digital
        gambar: ../alpha/gambar/rapat.png
        gambar_alt: x
        ---
        Isi.
        """})
    proc = build(mini, out)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    prefix = f"{mini}/beta/berita/2025-01-01-salah.md"
    assert f'{prefix}:4: pilar "ekonomi digital" tidak dikenal — pilih salah satu: governance, ' \
           "economy, living, society, branding, environment" in lines
    assert any(line.startswith(f'{prefix}:5: gambar "../alpha/gambar/rapat.png" berada di luar folder')
               for line in lines)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert (out / "alpha/index.html").is_file() and not (out / "beta").exists()
    assert "2 situs: 1 dibangun, 0 dilewati, 1 gagal" in proc.stdout


def test_missing_image_fails_its_site_with_the_line(mini, tmp_path):
    (mini / "alpha/gambar/rapat.png").unlink()
    proc = build(mini, tmp_path / "out")
    assert proc.returncode == 1
    assert f'{mini}/alpha/berita/2025-02-25-rapat.md:7: gambar "gambar/rapat.png" tidak ditemukan' \
        in proc.stdout


def test_failed_site_keeps_its_previous_output(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out, check=True)
    before = (out / "alpha/index.html").read_text()
    (mini / "alpha/layanan/domisili.md").write_text("---\njudul: Domisili\n---\n", encoding="utf-8")
    proc = build(mini, out)
    assert proc.returncode == 1 and "persyaratan wajib diisi" in proc.stdout
    assert (out / "alpha/index.html").read_text() == before
    assert (out / "alpha/layanan/domisili/index.html").is_file()
    assert not [p for p in out.iterdir() if p.name.startswith(".baru")]


def test_unchanged_sites_are_skipped_and_an_edit_rebuilds_only_its_site(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out, check=True)
    second = build(mini, out, check=True)
    assert "2 situs: 0 dibangun, 2 dilewati, 0 gagal; portal tidak berubah" in second.stdout
    time.sleep(0.01)
    page = mini / "alpha/berita/2025-02-25-rapat.md"
    page.write_text(page.read_text().replace("program kerja", "rencana kerja"), encoding="utf-8")
    third = build(mini, out, check=True)
    assert "1 dibangun, 1 dilewati" in third.stdout
    assert "rencana kerja" in (out / "alpha/berita/2025-02-25-rapat/index.html").read_text()
    assert "2 situs: 2 dibangun, 0 dilewati" in build(mini, out, "--force", check=True).stdout


def test_a_replaced_site_is_deleted_by_a_later_build_and_never_left_in_the_output(mini, tmp_path):
    """An edit's build leaves the tree it replaced in the trash, and the portal folders it
    replaced too; a build two minutes or more later deletes them (deleting them at once would
    slow the edit's build: on ext4, and for the city search index's thousands of files)."""
    out, trash = tmp_path / "out", tmp_path / ".cache" / "trash"
    build(mini, out, check=True)
    page = mini / "alpha/berita/2025-02-25-rapat.md"
    for count, word in enumerate(("rencana", "agenda"), start=1):
        time.sleep(0.01)
        page.write_text(page.read_text().replace("program kerja", f"{word} kerja")
                        .replace("rencana kerja", f"{word} kerja"), encoding="utf-8")
        build(mini, out, check=True)
        trashed = [p.name.rsplit("-", 1)[0] for p in trash.iterdir()]
        assert trashed.count("lama-alpha") == count and "lama-beta" not in trashed
        # the city search index the edit replaced (this city is so small that its one part is
        # indexed again rather than given a susulan: tests/test_cari_susulan.py)
        assert "lama-pagefind" in trashed
        assert sorted(p.name for p in out.iterdir() if p.name.startswith(".lama")) == []
    assert "agenda kerja" in (out / "alpha/berita/2025-02-25-rapat/index.html").read_text()
    # three minutes later (the time is in the name), the next edit deletes the older trees
    for tree in trash.iterdir():
        stem, when = tree.name.rsplit("-", 1)
        tree.rename(trash / f"{stem}-{int(when) - 180 * 10**9}")
    page.write_text(page.read_text().replace("agenda kerja", "rencana kerja"), encoding="utf-8")
    build(mini, out, check=True)
    assert {p.name.rsplit("-", 1)[0] for p in trash.iterdir()} >= {"lama-alpha", "lama-pagefind"}
    assert len(list(trash.iterdir())) == len({p.name.rsplit("-", 1)[0] for p in trash.iterdir()})
    # a build of several sites deletes what it replaces itself, and the earlier trash
    build(mini, out, "--force", check=True)
    assert list(trash.iterdir()) == []


def test_the_ledger_of_an_edited_site_holds_the_hash_of_every_file_it_published(mini, tmp_path):
    """Hashes the build did not compute from the output (pages hashed as written, images with
    the digest noted in the cache) must still be the files' own."""
    from kelurahan.output import sha256

    out = tmp_path / "out"
    build(mini, out, check=True)
    page = mini / "alpha/berita/2025-02-25-rapat.md"
    page.write_text(page.read_text().replace("program kerja", "rencana kerja"), encoding="utf-8")
    build(mini, out, check=True)
    ledger = json.loads((out / "alpha/.kp-build.json").read_text())["files"]
    actual = {p.relative_to(out / "alpha").as_posix(): sha256(p)
              for p in (out / "alpha").rglob("*") if p.is_file() and p.name != ".kp-build.json"}
    assert ledger == actual
    assert any(rel.startswith("gambar/") for rel in ledger)


def test_a_cold_build_vouches_for_cached_images_with_their_own_hashes(mini, tmp_path):
    """Cached derivatives and social cards are linked into a fresh output with the digest noted
    beside them in the cache; a note that no longer matches its file is not believed."""
    from kelurahan.output import sha256

    out = tmp_path / "out"
    build(mini, out, check=True)
    notes = sorted((tmp_path / ".cache").rglob("*.sha256"))
    assert any("gambar" in n.parts for n in notes) and any("kartu" in n.parts for n in notes)
    # A cached derivative replaced by other bytes (same name): its old note must not count.
    stale = next(n for n in notes if "gambar" in n.parts).with_suffix("")
    stale.write_bytes(stale.read_bytes() + b"\0")
    build(mini, out, "--force", check=True)
    ledger = json.loads((out / "alpha/.kp-build.json").read_text())["files"]
    actual = {p.relative_to(out / "alpha").as_posix(): sha256(p)
              for p in (out / "alpha").rglob("*") if p.is_file() and p.name != ".kp-build.json"}
    assert ledger == actual
    assert any(rel.startswith("kartu/") for rel in ledger)
    assert not list(out.rglob("*.sha256"))


def test_every_relative_link_of_every_page_resolves_from_where_the_page_is(mini, tmp_path):
    """Pages are rendered with the site root as a mark, resolved per page as it is written
    (plugins/writer.py), so a card or footer rendered once serves pages at every depth."""
    out = tmp_path / "out"
    build(mini, out, check=True)
    checked = 0
    for page in (out / "alpha").rglob("*.html"):
        if "admin" in page.relative_to(out / "alpha").parts:
            continue
        text = page.read_text(encoding="utf-8")
        assert "@@kp-akar@@" not in text, page
        doc = BeautifulSoup(text, "html.parser")
        refs = [a["href"] for a in doc.select("a[href]")] + [i["src"] for i in doc.select("img[src]")]
        refs += [c.split()[0] for s in doc.select("source[srcset]") for c in s["srcset"].split(",")]
        for ref in refs:
            if ref.startswith(("http", "mailto:", "tel:", "#", "/", "data:")) or "/../" in ref \
                    or page.name == "404.html":
                continue  # other sites, the portal; 404.html is served at any depth
            target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            assert (target / "index.html").is_file() or target.is_file(), (page, ref)
            checked += 1
    assert checked > 150
    for path in (out / "alpha").rglob("*"):
        if path.suffix in (".xml", ".json", ".atom", ".rss", ".ics", ".csv"):
            assert "@@kp-akar@@" not in path.read_text(encoding="utf-8"), path


def test_workers_start_with_the_compiled_templates_a_build_left(mini, tmp_path):
    """speed.preload loads the theme's compiled templates into memory before forking; they
    must be found under the keys Pelican's own loader gives them."""
    from pelican.settings import read_settings

    from kelurahan.site.settings import default_config
    from kelurahan.site.speed import warm_templates

    build(mini, tmp_path / "out", check=True)
    (folder,) = [p for p in (tmp_path / ".cache").rglob("jinja") if p.is_dir()]
    theme = read_settings(str(default_config()))["THEME"]
    assert warm_templates(theme, folder) == len(list(folder.iterdir())) >= 15
    # What one folder's environment compiled is never handed to another's (other options).
    import jinja2

    from kelurahan.site.speed import SharedBytecodeCache

    other = tmp_path / "lain"
    other.mkdir()
    source = (Path(theme) / "templates/base.html").read_text(encoding="utf-8")
    bucket = SharedBytecodeCache(str(other)).get_bucket(
        jinja2.Environment(), "base.html", str(Path(theme) / "templates/base.html"), source)
    assert bucket.code is None


def test_no_warning_about_the_markdown_package_a_fresh_install_does_not_have(mini, tmp_path):
    """`make build` installs no Python-Markdown (cmark-gfm renders); Pelican used to warn, in
    English, once per .md file of every site that its own Markdown reader was unavailable."""
    script = ("import sys; sys.modules['markdown'] = None  # as in a fresh install\n"
              "from kelurahan.cli import main; sys.exit(main())")
    proc = subprocess.run([sys.executable, "-c", script, "build", "--content", str(mini),
                           "--output", str(tmp_path / "out")], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "dibangun" in proc.stdout
    assert "markdown" not in (proc.stdout + proc.stderr).lower()


def test_every_page_marked_for_search_is_in_the_site_index(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out, check=True)
    marked = {p.parent.relative_to(out / "alpha").as_posix() for p in (out / "alpha").rglob("*.html")
              if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    assert {"berita/2025-02-25-rapat", "layanan/domisili", "umkm/batik-contoh"} <= marked
    assert any("/" not in rel for rel in marked)  # a halaman page, one folder deep
    assert len(list((out / "alpha/pagefind/fragment").iterdir())) == len(marked)


def test_site_option_builds_only_that_site_and_unknown_site_is_usage_error(mini, tmp_path):
    out = tmp_path / "out"
    proc = build(mini, out, "--site", "beta", check=True)
    assert "1 situs: 1 dibangun" in proc.stdout
    assert not (out / "alpha").exists()
    # The sites not in this run are named once, with how to build them; no warning per site.
    assert "belum pernah berhasil dibangun" not in proc.stdout
    assert (f"{out}: info: 1 situs tidak dibangun dalam proses ini dan belum ada di {out}, jadi "
            "belum tampil di portal: alpha — bangun semua situs dengan kelurahan build, atau situs "
            "tertentu dengan kelurahan build --site alpha") in proc.stdout.splitlines()
    proc = build(mini, out, "--site", "gamma")
    assert proc.returncode == 2 and "kelurahan tidak dikenal: gamma" in proc.stderr


def test_usage_errors_exit_2_with_an_indonesian_line(tmp_path):
    wrong = run("bangun")
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[-1] == (
        "kelurahan: perintah tidak lengkap atau salah: 'bangun' tidak dikenal — pilih salah satu: "
        "'build', 'check', 'new', 'codeowners', 'merge', 'verify', 'publish', 'serve'")
    missing = run("new", "berita")
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1].endswith("--site, --judul wajib diisi")
    assert run("build", "--jobs", "dua").stderr.splitlines()[-1].endswith(
        "--jobs harus berupa angka, bukan 'dua'")
    assert run("build", "--content", tmp_path / "tidak-ada").returncode == 1


def test_sources_are_never_modified(mini, tmp_path):
    before = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()}
    build(mini, tmp_path / "out", check=True)
    assert before == {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()}


def test_plain_pelican_builds_one_site_from_pelicanconf(mini, tmp_path):
    out = tmp_path / "plain"
    env = {**os.environ, "KELURAHAN_SITE": "alpha", "KELURAHAN_CONTENT": str(mini)}
    proc = subprocess.run([sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-o", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "layanan/domisili/index.html").is_file()


def test_publish_settings_use_absolute_urls_from_kota_toml(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out, "--publish", check=True)
    html = (out / "alpha/berita/2025-02-25-rapat/index.html").read_text()
    assert 'href="https://contoh.github.io/kota/alpha/theme/css/situs.css"' in html
    assert (out / "alpha/feeds/semua.atom.xml").is_file()


def test_feeds_resolve_the_image_root_as_they_are_written(mini, tmp_path):
    """Content images carry the root mark until a file is written (plugins/writer.py). Pelican's
    category feeds (publishconf.py) and our own feeds resolve it as they are written: to the
    site's address, or, published without one, relative to the feed."""
    kota = mini / "kota.toml"
    kota.write_text(kota.read_text().replace('url = "https://contoh.github.io/kota"\n', ""))
    out = tmp_path / "out"
    build(mini, out, "--publish", check=True)
    feeds = {p.relative_to(out / "alpha").as_posix(): p.read_text(encoding="utf-8")
             for p in (out / "alpha").rglob("*.xml")}
    assert not [rel for rel, text in feeds.items() if "@@kp-akar@@" in text]
    with_image = [rel for rel, text in feeds.items() if "gambar/" in text]
    assert {"feeds/semua.atom.xml", "feeds/kegiatan.atom.xml"} <= set(with_image)
    assert 'src="../gambar/' in feeds["feeds/kegiatan.atom.xml"]  # Pelican's category feed
    assert 'src="../../gambar/' in feeds["feeds/pilar/governance.atom.xml"]  # ours


def test_a_site_with_agenda_is_rebuilt_when_the_day_changes(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out, check=True, env={"KELURAHAN_TANGGAL": "2030-01-01"})
    agenda = (out / "alpha/agenda/index.html").read_text()
    assert "Belum ada agenda yang akan datang" not in agenda and "Sudah berlangsung" not in agenda
    same_day = build(mini, out, check=True, env={"KELURAHAN_TANGGAL": "2030-01-01"})
    assert "0 dibangun, 2 dilewati" in same_day.stdout
    next_week = build(mini, out, check=True, env={"KELURAHAN_TANGGAL": "2030-01-08"})
    assert "1 dibangun, 1 dilewati" in next_week.stdout  # alpha has agenda, beta has none
    agenda = (out / "alpha/agenda/index.html").read_text()
    assert "Belum ada agenda yang akan datang" in agenda and "Sudah berlangsung" in agenda


def test_a_site_removed_from_content_leaves_the_output_and_the_portal(mini, tmp_path):
    import shutil

    out = tmp_path / "out"
    build(mini, out, check=True)
    shutil.rmtree(mini / "beta")
    proc = build(mini, out, check=True)
    assert f"{mini}/beta: info: situs beta dihapus dari hasil bangun karena foldernya tidak ada lagi" \
        in proc.stdout
    assert not (out / "beta").exists() and (out / "alpha/index.html").is_file()
    assert "./beta/" not in (out / "index.html").read_text()
    # a partial build (--site) never removes what it was not asked to build
    (out / "gamma").mkdir()
    (out / "gamma" / ".kp-build.json").write_text("{}")
    build(mini, out, "--site", "alpha", check=True)
    assert (out / "gamma").exists()


NOOP_MODULES = """
import sys
from kelurahan.city.build import build
report = build(sys.argv[1], sys.argv[2])
print(report.summary())
print(sorted({name.split(".")[0] for name in sys.modules} & {"pelican", "docutils", "babel"}))
"""


def test_a_build_with_nothing_to_do_never_imports_pelican(mini, tmp_path):
    """A no-op reads stamps and fingerprints only: Pelican, docutils and Babel were a third of
    its CPU time (docs/performance.md, "Latency of a no-op and of one edit")."""
    out = tmp_path / "out"
    build(mini, out, check=True)
    proc = subprocess.run([sys.executable, "-c", NOOP_MODULES, str(mini), str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    summary, modules = proc.stdout.strip().splitlines()[-2:]
    assert "0 dibangun, 2 dilewati" in summary and "portal tidak berubah" in summary
    assert modules == "[]"


def test_the_theme_is_read_again_when_the_config_changes(tmp_path):
    """The config's THEME is kept in the cache beside the config's stamp: an edited config is
    run again."""
    from kelurahan.city.build import THEME_MEMO, _theme_path

    theme = tmp_path / "tema-lain"
    shutil.copytree(ROOT / "themes" / "kelurahan", theme)
    config, cache = tmp_path / "pelicanconf.py", tmp_path / ".cache"
    base = (f"exec(open({str(ROOT / 'pelicanconf.py')!r}, encoding='utf-8').read())\n"
            f"THEME = {str(ROOT / 'themes' / 'kelurahan')!r}\n")
    config.write_text(base, encoding="utf-8")
    assert _theme_path(config, cache) == ROOT / "themes" / "kelurahan"
    assert (cache / THEME_MEMO).is_file()
    assert _theme_path(config, cache) == ROOT / "themes" / "kelurahan"  # from the memo
    time.sleep(0.01)
    config.write_text(base + f"THEME = {str(theme)!r}\n", encoding="utf-8")
    assert _theme_path(config, cache) == theme
