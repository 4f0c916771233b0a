"""The speed tricks (kelurahan/site/speed.py) change how fast the output is made, never its bytes."""

import filecmp
import json

from conftest import run


def _files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _comparable(rel: str) -> bool:
    """Stamps carry the code's fingerprint and Pagefind's index is not byte-stable."""
    return "/pagefind/" not in f"/{rel}" and not rel.rsplit("/", 1)[-1].startswith(".kp-")


def test_plain_path_writes_the_same_bytes(mini, tmp_path):
    env = {"KELURAHAN_TANGGAL": "2026-12-07", "SOURCE_DATE_EPOCH": "0"}
    trees = {}
    for name, plain in (("fast", ""), ("plain", "1")):
        out = tmp_path / name
        proc = run("build", "--content", mini, "--output", out, "--cache", tmp_path / f"c-{name}",
                   "--jobs", "2", env={**env, "KELURAHAN_PLAIN": plain})
        assert proc.returncode == 0, proc.stdout + proc.stderr
        trees[name] = out
    fast, plain = trees["fast"], trees["plain"]
    assert {r for r in _files(fast) if _comparable(r)} == {r for r in _files(plain) if _comparable(r)}
    differ = [r for r in sorted(_files(fast)) if _comparable(r)
              and not filecmp.cmp(fast / r, plain / r, shallow=False)]
    assert differ == []
    for site in ("alpha", "beta"):
        a, b = (json.loads((t / site / ".kp-build.json").read_text()) for t in (fast, plain))
        assert {k: v for k, v in a["files"].items() if not k.startswith("pagefind/")} == \
            {k: v for k, v in b["files"].items() if not k.startswith("pagefind/")}
    # The plain path really is plain: no compiled template was kept.
    assert not list((tmp_path / "c-plain").rglob("jinja/*"))
    assert list((tmp_path / "c-fast").rglob("jinja/*"))


def test_preload_loads_what_the_workers_would_import(tmp_path):
    """speed.preload swallows every error (it is an optimisation): a stale module path in it
    would cost every worker its import silently. In a fresh interpreter, everything it names is
    loaded afterwards."""
    import subprocess
    import sys

    from conftest import ROOT

    code = ("import sys\nfrom pathlib import Path\nfrom kelurahan.site import speed\n"
            "from pelican.settings import read_settings\n"
            f"speed.preload(Path({str(ROOT / 'pelicanconf.py')!r}), Path({str(tmp_path)!r}))\n"
            "wanted = read_settings('pelicanconf.py')['PLUGINS'] + ['kelurahan.site.search', "
            "'kelurahan.site.editor', 'pagefind_bin', 'rich._emoji_codes', 'pelican.generators']\n"
            "print([m for m in wanted if m not in sys.modules])\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr


def test_a_card_coded_from_its_sites_base_is_the_card_coded_whole():
    """Cards without a photo re-code only the rows under their title (kelurahan/site/cards.py):
    the bytes must be those of the whole card coded at once, for any title a clerk may type."""
    from PIL import Image

    from kelurahan.site import cards

    titles = ["Rapat Koordinasi RT/RW", "A", "", "W" * 300, "g y p q j " * 30,
              "Ziarah ke Makam Sunan — jalan “baru” (qypg) … selesai",
              "Égalité Ğüşçö Ñandú Ÿ ÉÊ Ω ≠ 日本", "Pengumuman: jadwal posyandu balita bulan depan " * 3]
    for colour in ("#1d4f91", "#ffffff"):
        for title in titles:
            whole = cards.encode(cards.compose(title, "Berita", "Contoh · Kota", colour, None))
            spliced = cards._spliced(title, "Berita", "Contoh · Kota", colour)
            assert spliced == whole, title
            assert cards.render(title, "Berita", "Contoh · Kota", colour) == whole
    import io

    with Image.open(io.BytesIO(spliced)) as image:
        image.load()
        assert image.size == (1200, 630) and image.format == "JPEG"


def test_a_first_build_compiles_the_theme_once_before_forking(tmp_path):
    """On an empty cache speed.preload compiles the theme with the environment Pelican's
    generators build, into the cache every site's worker reads: what it leaves is found by
    the keys and checksums Pelican's own loader gives (warm_templates), nothing is missing."""
    from pelican.settings import read_settings

    from kelurahan.site import speed
    from kelurahan.site.settings import default_config

    cache = tmp_path / "cache" / "alpha"
    speed.preload(default_config(), cache)
    theme = read_settings(str(default_config()))["THEME"]
    folder = speed.template_cache_folder(cache)
    missing: list[str] = []
    found = speed.warm_templates(theme, folder, missing)
    assert found >= 30 and len(list(folder.iterdir())) == found
    assert all(name.startswith("portal/") for name in missing), missing
