"""invoke tasks: the same commands as the Makefile, for those who prefer `invoke build`."""

import sys

from invoke import task

PY = sys.executable


def _sites(site):
    return f" --site {site}" if site else ""


@task(help={"site": "hanya kelurahan ini", "force": "bangun ulang semua"})
def build(c, site="", force=False):
    """Bangun semua situs kelurahan dan portal kota."""
    c.run(f"{PY} -m kelurahan build{_sites(site)}{' --force' if force else ''}", pty=False)


@task
def publishbuild(c, site=""):
    """Bangun dengan pengaturan terbit (publishconf.py)."""
    c.run(f"{PY} -m kelurahan build --publish{_sites(site)}")


@task(help={"target": "gh-pages (bawaan), dir:FOLDER atau rsync:[PENGGUNA@SERVER:]/JALUR",
            "remote": "remote git untuk gh-pages", "dry_run": "jangan ubah apa pun di tujuan"})
def publish(c, target="gh-pages", remote="origin", dry_run=False):
    """Periksa, bangun, verifikasi, lalu terbitkan."""
    c.run(f"{PY} -m kelurahan publish --target {target} --remote {remote}"
          f"{' --dry-run' if dry_run else ''}")


@task
def check(c, site=""):
    """Periksa isi tanpa menerbitkan."""
    c.run(f"{PY} -m kelurahan check{_sites(site)}")


@task
def serve(c, site="", port=8000):
    """Pratinjau situs di komputer sendiri."""
    c.run(f"{PY} -m kelurahan serve{_sites(site)} --port {port}")


@task
def test(c):
    """Jalankan seluruh pengujian."""
    c.run(f"{PY} -m pytest -n 2")


@task
def gambar_contoh(c):
    """Buat ulang gambar ilustrasi contoh di content/*/gambar/."""
    c.run(f"{PY} -m kelurahan.tools.sample_images content")


@task
def clean(c):
    """Hapus hasil bangun dan cache."""
    c.run("rm -rf output .cache")
