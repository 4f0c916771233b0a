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
