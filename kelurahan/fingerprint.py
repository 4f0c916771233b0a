"""Fingerprints of a build's inputs: unchanged inputs mean a site need not be rebuilt.

File stamps (path, size, modification time) keep a no-op check fast even for sites with
hundreds of photos; Pelican's own cache then re-reads only files whose content hash changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).resolve().parent


def tree_stamp(root: Path, suffixes: tuple[str, ...] = ()) -> str:
    """Hash of every file's relative path, size and mtime under ``root``."""
    digest = hashlib.sha256()
    root = Path(root)
    if root.is_file():
        stat = root.stat()
        digest.update(f"{root.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        return digest.hexdigest()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if suffixes and not name.endswith(suffixes):
                continue
            path = Path(folder, name)
            stat = path.stat()
            rel = path.relative_to(root).as_posix()
            digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def code_stamp(theme: Path, config: Path) -> str:
    """The code every site shares: our package, the theme, the Pelican config files."""
    parts = [__version__, tree_stamp(PACKAGE, (".py",)), tree_stamp(theme)]
    parts += [tree_stamp(p) for p in (config, config.parent / "publishconf.py") if p.exists()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def combine(**parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
