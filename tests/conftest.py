"""Shared fixtures: tiny content trees on disk and the real command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under root; text is dedented."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


def run(*args, cwd=ROOT, env=None, check=False) -> subprocess.CompletedProcess:
    """Run `python -m kelurahan …` as a user would, capturing its output."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("KELURAHAN_SITE", None)
    proc = subprocess.run([sys.executable, "-m", "kelurahan", *map(str, args)], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(proc.stdout + proc.stderr)
    return proc


@pytest.fixture
def mini(tmp_path) -> Path:
    """A copy of the two-site fixture city (tests/fixtures/mini), safe to modify."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def lengkap_output(tmp_path_factory) -> Path:
    """tests/fixtures/lengkap (every field and page type filled) built once per test session."""
    root = tmp_path_factory.mktemp("lengkap")
    shutil.copytree(FIXTURES / "lengkap", root / "content")
    proc = run("build", "--content", root / "content", "--output", root / "output")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "output"
