"""A kelurahan's folder may not reach outside itself: symlinks and special files, checked
before anything reads the tree.

Pelican walks content with ``os.walk(followlinks=True)`` and opens what it finds, so a link to
another kelurahan, to a file holding a NIK, to /dev/zero, or a loop would be published, eat
memory or hang. The scan here never follows a link: it looks at each entry with ``lstat`` and
refuses every link that does not resolve to a file or folder inside the same kelurahan's folder,
and every entry that is neither a regular file nor a folder (FIFO, device, socket).
"""

from __future__ import annotations

import os
import re
import stat
from fnmatch import translate
from pathlib import Path

from kelurahan.errors import Problem

MAX_DEPTH = 32  # folders inside a kelurahan's folder; deeper is refused (and never walked)
# Names Pelican never reads (pelicanconf.py's IGNORE_FILES): an editor's lock link (Emacs's
# dangling .#berkas.md) or swap file there is no reason to refuse a site.
IGNORED = (".*", "_*", "*~", "*.swp", "*.bak")

_OUTSIDE = ("tautan simbolik ini menunjuk ke luar folder kelurahan",
            "ganti tautan ini dengan berkas aslinya")
_DANGLING = ("tautan simbolik ini rusak: tujuannya tidak ada",
             "hapus tautan ini atau ganti dengan berkas aslinya")
_LOOP = ("tautan simbolik ini berputar (menunjuk ke dirinya sendiri, ke folder di atasnya, atau ke "
         "folder yang berisi tautan folder lain)",
         "hapus tautan ini")
_SPECIAL = ("ini bukan berkas biasa (FIFO, perangkat, atau soket)",
            "hapus berkas ini; simpan tulisan sebagai .md dan gambar di folder gambar/")
_DEEP = (f"folder bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)",
         "pindahkan berkasnya ke folder yang lebih dangkal")
_FOLDER_LINK = ("folder kelurahan ini adalah tautan simbolik",
                "ganti tautan ini dengan folder aslinya")


def _problem(shown: str, what: tuple[str, str]) -> Problem:
    return Problem(shown, what[0], what[1], field="berkas")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def link_problem(link: Path, root: Path, shown: str) -> Problem | None:
    """Why the symlink ``link`` under ``root`` may not be used, or None if it may."""
    real_root = os.path.realpath(root)
    try:
        target = Path(link).resolve(strict=True)
    except FileNotFoundError:
        return _problem(shown, _DANGLING)
    except (RuntimeError, OSError):  # a loop of links (ELOOP), or a name too long
        return _problem(shown, _LOOP)
    if not _inside(str(target), real_root):
        return _problem(shown, _OUTSIDE)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return _problem(shown, _DANGLING)
    if stat.S_ISDIR(mode):
        # Pelican's os.walk(followlinks=True) goes round a link to a folder above itself, and
        # through links that lead to each other (a/x -> b, b/y -> a) until the path is too long.
        here = os.path.realpath(os.path.dirname(os.path.abspath(link)))
        if _inside(here, str(target)) or _has_folder_link(str(target)):
            return _problem(shown, _LOOP)
        return None
    return None if stat.S_ISREG(mode) else _problem(shown, _SPECIAL)


def _has_folder_link(folder: str) -> bool:
    """Whether a link to a folder is anywhere under ``folder`` (never followed)."""
    for root, dirs, _ in os.walk(folder):
        if any(os.path.islink(os.path.join(root, name)) for name in dirs):
            return True
    return False


def scan(folder: Path, shown: str, ignored=IGNORED, stamp: list[str] | None = None) -> list[Problem]:
    """Every entry under a kelurahan's folder that reaches outside it or is not a plain file
    or folder; never follows a link, never opens a file.

    With ``stamp`` (a list), the same walk appends one line per file (relative path, size and
    modification time; a link's target's): what
    kelurahan/fingerprint.py hashes into the site's content stamp, without a second walk."""
    folder = Path(folder)
    if folder.is_symlink():
        return [_problem(shown, _FOLDER_LINK)]
    problems: list[Problem] = []
    skip = re.compile("|".join(translate(pattern) for pattern in ignored) or "(?!)")
    _scan(str(folder), "", folder, shown, 0, skip, problems, stamp)
    return problems


def _scan(path: str, rel: str, root: Path, shown: str, depth: int, ignored: re.Pattern,
          problems: list[Problem], stamp: list[str] | None) -> None:
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        entry_rel = rel + entry.name
        if ignored.match(entry.name):
            if stamp is not None and entry.is_file(follow_symlinks=False):
                st = entry.stat(follow_symlinks=False)  # unread, but stamped: err on rebuilding
                stamp.append(f"{entry_rel}\0{st.st_size}\0{st.st_mtime_ns}\n")
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        mode = st.st_mode
        if stat.S_ISLNK(mode):
            problem = link_problem(Path(entry.path), root, f"{shown}/{entry_rel}")
            if problem:
                problems.append(problem)
            elif stamp is not None:  # a link inside the folder: its target's own line is there too
                try:
                    target = os.stat(entry.path)
                except OSError:
                    continue
                stamp.append(f"{entry_rel}\0{target.st_size}\0{target.st_mtime_ns}\n")
        elif stat.S_ISDIR(mode):
            if depth >= MAX_DEPTH:
                problems.append(_problem(f"{shown}/{entry_rel}", _DEEP))
            else:
                _scan(entry.path, entry_rel + "/", root, shown, depth + 1, ignored, problems,
                      stamp)
        elif not stat.S_ISREG(mode):
            problems.append(_problem(f"{shown}/{entry_rel}", _SPECIAL))
        elif stamp is not None:
            stamp.append(f"{entry_rel}\0{st.st_size}\0{st.st_mtime_ns}\n")


def allowed(root: Path, path: Path) -> bool:
    """Whether ``path`` is a regular file inside ``root`` once every link is resolved."""
    try:
        target = os.path.realpath(path, strict=True)
        return _inside(target, os.path.realpath(root)) and stat.S_ISREG(os.stat(target).st_mode)
    except (OSError, RuntimeError, ValueError):
        return False


def content_files(folder: Path, sub: str, suffix: str = ".md") -> list[Path]:
    """Files under ``folder/sub`` that the build reads: no hidden ones, never through a link
    that leaves the kelurahan's folder (kelurahan/content/tree.py refuses those), none a FIFO."""
    found = []
    for root, dirs, files in os.walk(folder / sub):  # followlinks=False
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        found += [Path(root) / name for name in sorted(files)
                  if name.endswith(suffix) and not name.startswith((".", "_"))
                  and allowed(folder, Path(root) / name)]
    return found
