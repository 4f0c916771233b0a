"""Fingerprints of a build's inputs: unchanged inputs mean a site need not be rebuilt.

File stamps (path, size, modification time) keep a no-op check fast even for sites with
hundreds of photos; Pelican's own cache then re-reads only files whose content hash changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from kelurahan import PACKAGE, __version__


def tree_stamp(root: Path, suffixes: tuple[str, ...] = ()) -> str:
    """Hash of every file's relative path, size and mtime under ``root``."""
    digest = hashlib.sha256()
    root = Path(root)
    if root.is_file():
        stat = root.stat()
        digest.update(f"{root.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        return digest.hexdigest()
    lines: list[str] = []
    _walk(str(root), "", suffixes, lines)  # os.scandir: one stat per file, no Path objects
    digest.update("".join(lines).encode())
    return digest.hexdigest()


def _walk(folder: str, rel: str, suffixes: tuple[str, ...], lines: list[str]) -> None:
    """Files before sub-folders, each sorted by name (the order os.walk gave)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        if entry.is_dir():
            if entry.name != "__pycache__" and not entry.name.startswith(".") \
                    and not entry.is_symlink():  # os.walk did not follow linked folders either
                folders.append(entry)
        elif not suffixes or entry.name.endswith(suffixes):
            try:
                stat = entry.stat()
            except OSError:  # a dangling link: the tree scan (kelurahan/content/tree.py) refuses it
                continue
            lines.append(f"{rel}{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n")
    for entry in folders:
        _walk(entry.path, f"{rel}{entry.name}/", suffixes, lines)


def stamp_of(lines: list[str]) -> str:
    """The content stamp of a tree from its file lines (kelurahan/content/tree.py's scan
    writes them while it checks the tree: one walk of a kelurahan's folder, not two)."""
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def code_stamp(theme: Path, config: Path) -> str:
    """The code every site shares: our package, the theme, the Pelican config files."""
    parts = [__version__, tree_stamp(PACKAGE, (".py",)), tree_stamp(theme)]
    parts += [tree_stamp(p) for p in (config, config.parent / "publishconf.py") if p.exists()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def combine(**parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
