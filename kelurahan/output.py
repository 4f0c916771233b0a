"""The output tree's one owner: stamps and ledgers, atomic swaps, the trash, pruning.

The build (city/build.py), the portal (city/portal.py), merge (city/shard.py), verify and publish
(publish/) all go through here; none of them names a stamp file or renames a tree itself.

- **Stamps**: each site folder holds ``.kp-build.json`` (its fingerprint, page count and file
  ledger); the output root holds ``.kp-portal.json`` (the portal's fingerprint and entries) and
  ``.kp-portal-files.json`` (the ledger of the portal's files and of files shared between sites).
- **Swaps**: a tree is built beside its target (``.baru-<name>``) and exchanged in one step; the
  old tree (``.lama-<name>``) goes to the cache's trash and is deleted by a later build.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kelurahan.errors import Problem

SITE_STAMP = ".kp-build.json"  # in output/<slug>/
PORTAL_STAMP = ".kp-portal.json"  # in output/
PORTAL_LEDGER = ".kp-portal-files.json"  # in output/
PORTAL_STATS = "stat"  # in the portal's ledger: [size, mtime_ns] of each of its "files"
STAMPS = {SITE_STAMP, PORTAL_STAMP, PORTAL_LEDGER}
MANIFEST = "manifest.json"  # in output/<slug>/: what the site published, for the portal
NEW_PREFIX = ".baru-"  # a tree being built beside its target
OLD_PREFIX = ".lama-"  # a replaced tree on its way to the trash


def staging(output: Path, name: str) -> Path:
    """Where the tree that will become ``output/name`` is built."""
    return output / f"{NEW_PREFIX}{name}"


def read_json(path: Path) -> dict:
    """A stamp or ledger; {} when missing or unreadable (the build then starts afresh)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def read_site_stamp(folder: Path) -> dict:
    return read_json(folder / SITE_STAMP)


def write_site_stamp(folder: Path, fingerprint: str, files: dict[str, str],
                     next_change: str | None = None) -> tuple[int, dict[str, int]]:
    """Record a freshly built site tree; the number of its pages and its published bytes by
    suffix. ``next_change`` (WIB, ISO to the minute) is when its output changes without any
    input changing: rebuilt from then on."""
    pages = sum(1 for rel in files if rel.endswith(".html"))
    sizes = published_bytes(folder, files)
    stamp = {"fingerprint": fingerprint, "pages": pages, "bytes": sizes, "files": files}
    if next_change:
        stamp["berubah"] = next_change
    (folder / SITE_STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    return pages, sizes


def published_bytes(folder: Path, files) -> dict[str, int]:
    """{suffix: bytes} of the files of ``folder`` that are published (no hidden ones): the
    budget (kelurahan/publish/budget.py) adds these up instead of walking every site's tree."""
    sizes: dict[str, int] = {}
    root = os.fspath(folder)
    for rel in files:
        if rel.startswith(".") or "/." in rel:
            continue
        suffix = os.path.splitext(rel)[1].lower()
        sizes[suffix] = sizes.get(suffix, 0) + os.stat(os.path.join(root, rel)).st_size
    return dict(sorted(sizes.items()))


def count_pages(folder: Path) -> int:
    stamp = read_site_stamp(folder)
    return stamp.get("pages") or sum(1 for _ in folder.rglob("*.html"))


def read_portal_stamp(output: Path) -> dict:
    return read_json(output / PORTAL_STAMP)


def write_portal_stamp(output: Path, stamp: dict) -> None:
    (output / PORTAL_STAMP).write_text(json.dumps(stamp), encoding="utf-8")


# --- atomic replacement ---------------------------------------------------------------

def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(new: Path, target: Path, keep_old: bool = False) -> Path | None:
    """Replace ``target`` by ``new`` atomically where the OS allows, then delete the old tree.

    With ``keep_old`` the old tree is left (hidden, beside the target) for the caller, who
    hands it to ``discard``: the site is live as soon as the swap is done.
    """
    if not target.exists():
        os.rename(new, target)
        return None
    old = target.with_name(f"{OLD_PREFIX}{target.name}")
    if _exchange(new, target):
        if not keep_old:
            shutil.rmtree(new)
            return None
        shutil.rmtree(old, ignore_errors=True)
        os.rename(new, old)
        return old
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)
    os.rename(new, target)
    if not keep_old:
        shutil.rmtree(old, ignore_errors=True)
        return None
    return old


TRASH = "trash"  # folder of the cache where replaced site trees wait to be deleted
OLD_TRASH = "sampah"  # its name before issue 17: emptied once, like the trash


def remove_trees(paths) -> threading.Thread:
    """Delete trees in a thread; join it before the build returns."""
    thread = threading.Thread(target=lambda: [shutil.rmtree(p, ignore_errors=True) for p in paths])
    thread.start()
    return thread


def discard(tree: Path, cache: Path) -> threading.Thread | None:
    """Move a replaced site tree into the cache's trash, to be deleted by the next build while
    its workers run (deleting a 1,600-file site takes 0.15-0.3 s here: on an edit's critical
    path if done at the end, in the idle parent if done at the start of the next build).
    Where the cache is on another file system the tree is deleted now, in a thread."""
    trash = cache / TRASH
    try:
        trash.mkdir(parents=True, exist_ok=True)
        os.rename(tree, trash / f"{tree.name.lstrip('.')}-{time.time_ns()}")
        return None
    except OSError:
        return remove_trees([tree])


TRASH_AGE = 120  # seconds: an edit's build leaves younger trash for a later build


def empty_trash(cache: Path, code: str, min_age: float = 0) -> threading.Thread | None:
    """Delete what earlier builds left in the trash, and Pelican's caches made by other versions
    of the code (a folder per version, never read again), in a thread joined before returning.

    With ``min_age`` only trees put there at least that long ago: on ext4 without a journal
    (this project's test machine) every inode created within a minute or so of a deletion is
    found by scanning past the freed ones, so an edit that deleted the tree the edit before it
    replaced paid 0.1-0.4 s for it; a clerk's preview rebuilds follow each other that fast."""
    trash, pelican = cache / TRASH, cache / "pelican"
    now = time.time_ns()
    old = sorted(p for p in trash.iterdir()
                 if now - _trashed_at(p) >= min_age * 1e9) if trash.is_dir() else []
    old += [cache / OLD_TRASH] if (cache / OLD_TRASH).is_dir() else []
    old += sorted(p for p in pelican.iterdir() if p.name != code[:12]  # never a folder not ours
                  and re.fullmatch(r"[0-9a-f]{12}", p.name)) if pelican.is_dir() else []
    return remove_trees(old) if old else None


def _trashed_at(tree: Path) -> int:
    """When ``discard`` put a tree in the trash (the time in its name; 0 when unreadable)."""
    try:
        return int(tree.name.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return 0


def prune(output: Path, known: set[str], content: Path) -> list[Problem]:
    """Remove the output of sites whose folder left the content tree (a full build only)."""
    removed = []
    for folder in sorted(p for p in output.iterdir()
                         if p.is_dir() and p.name not in known and not p.name.startswith(".")):
        if (folder / SITE_STAMP).is_file():
            shutil.rmtree(folder)
            removed.append(Problem(f"{content}/{folder.name}", f"situs {folder.name} dihapus dari "
                                   "hasil bangun karena foldernya tidak ada lagi", level="info"))
    return removed


def swap_entries(new: Path, output: Path, kept: list[str] = (),
                 dispose: Callable[[Path], None] | None = None) -> list[str]:
    """Move each top-level entry of the new portal into place; remove the portal's stale ones
    (``kept`` entries were not rebuilt and stay as they are).

    A replaced or stale folder goes to ``dispose`` when given (the build's trash: deleting the
    old city search index part, thousands of files, took 2-3 s of an edit at 270 kelurahan),
    else it is deleted now."""
    previous = set(read_portal_stamp(output).get("entries", []))
    current = sorted(p.name for p in new.iterdir())
    for name in current:
        target = output / name
        if target.is_dir() and (new / name).is_dir():
            old = swap_in(new / name, target, keep_old=dispose is not None)
            if old is not None:
                dispose(old)
        else:
            os.replace(new / name, target)
    for name in previous - set(current) - set(kept):
        stale = output / name
        if stale.is_dir():
            if dispose is not None:
                hidden = stale.with_name(f"{OLD_PREFIX}{name}")
                shutil.rmtree(hidden, ignore_errors=True)
                os.rename(stale, hidden)
                dispose(hidden)
            else:
                shutil.rmtree(stale, ignore_errors=True)
        elif stale.exists():
            stale.unlink()
    shutil.rmtree(new, ignore_errors=True)
    return sorted(set(current) | set(kept))


# --- ledgers: what the build wrote --------------------------------------------------------------

def sha256(path: Path | str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def file_ledger(root: Path, names: list[str] | None = None,
                known: dict[str, tuple[int, int, str]] | None = None,
                stats: dict[str, tuple[int, int]] | None = None) -> dict[str, str]:
    """{relative path: sha256} of every file under ``root`` (only under ``names`` if given).

    ``known`` holds {relative path: (size, mtime_ns, sha256)} of files whose hash the build
    already has: the pages, hashed as they were written (plugins/writer.py), and the files
    hard-linked from the image cache with the digest noted there (images.digest). A file whose
    size and modification time still match is not read again. ``stats``, when given, receives
    [size, mtime_ns] of every file (the portal's ledger keeps them for the next build).
    """
    known = known or {}
    ledger = {}
    for rel, path in sorted(_built_files(Path(root), names)):
        if rel in known or stats is not None:
            now = os.stat(path)
            if stats is not None:
                stats[rel] = [now.st_size, now.st_mtime_ns]
            if rel in known and (now.st_size, now.st_mtime_ns) == known[rel][:2]:
                ledger[rel] = known[rel][2]
                continue
        ledger[rel] = sha256(path)
    return ledger


def snapshot(output: Path, site_slugs: set[str]) -> dict[str, int]:
    """{relative path: mtime_ns} of the files outside the site folders and the portal's own
    entries (before a build): where a site build may write a file it shares with the others."""
    found = {}
    if not output.is_dir():
        return found
    root = os.fspath(output)
    # The portal's entries are its own (the portal build replaces them; their files are in its
    # ledger): not walked, twice on every build that builds a site (0.2 s of CPU at 270
    # kelurahan, 21,000 files). os.scandir and strings, not Path.rglob, for the rest.
    portal = set(read_portal_stamp(output).get("entries") or ())
    stack = [(entry, "") for entry in os.scandir(root) if entry.name not in site_slugs
             and entry.name not in portal and not entry.name.startswith(".")]
    while stack:
        entry, prefix = stack.pop()
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            stack.extend((child, rel + "/") for child in os.scandir(entry.path))
        elif entry.is_file():
            found[rel] = entry.stat().st_mtime_ns
    return dict(sorted(found.items()))


def record_shared(output: Path, site_slugs: set[str], before: dict[str, int],
                  write: bool = True) -> dict[str, str] | None:
    """Vouch for files the site builds wrote outside their own folders during this build.

    Some plugins share one copy between sites (the web editor's script in ``admin/``); what
    changed since ``before`` was written by this build, what did not keeps its earlier entry.
    Returns the ledger's new "shared" section (None: nothing to record); with ``write=False``
    it is left for record_portal to write with the portal's rows (one ledger write, not two).
    """
    ledger = read_json(output / PORTAL_LEDGER)
    now = snapshot(output, site_slugs)
    shared = {rel: digest for rel, digest in ledger.get("shared", {}).items() if rel in now}
    portal = ledger.get("files", {})
    for rel, mtime in now.items():
        if before.get(rel) != mtime and rel not in portal:
            shared[rel] = sha256(output / rel)
    if not shared and "shared" not in ledger:
        return None
    ledger["shared"] = dict(sorted(shared.items()))
    if write:
        write_ledger(output, ledger)
    return ledger["shared"]


def write_ledger(output: Path, ledger: dict) -> None:
    """One line per section, written by the C encoder (``indent`` falls back to the pure-Python
    one: 0.3 s for the 21,000 files of the portal at 270 kelurahan)."""
    lines = [f"{json.dumps(key)}: {json.dumps(ledger[key], sort_keys=True)}"
             for key in sorted(ledger)]
    (output / PORTAL_LEDGER).write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def portal_recorded(output: Path) -> bool:
    return "files" in read_json(output / PORTAL_LEDGER)


def record_portal(output: Path, site_slugs: set[str],
                  shared: dict[str, str] | None = None) -> dict[str, int]:
    """Write the portal's ledger right after the portal was (re)built into ``output``, with
    ``shared`` as its "shared" section when given (record_shared(write=False)). Returns the
    portal's published bytes by suffix, as a site's stamp has them (the budget's figure)."""
    stamp = read_portal_stamp(output)
    entries = stamp.get("entries")
    if entries is None:
        entries = [p.name for p in output.iterdir()
                   if p.name not in site_slugs and not p.name.startswith(".")]
    entries = [e for e in entries if e not in site_slugs and (output / e).exists()]
    ledger = read_json(output / PORTAL_LEDGER)
    if shared is not None:
        ledger["shared"] = shared
    # A file whose size and modification time are those recorded with its digest was not
    # written since (a kept section, open data or search index part is hard-linked from the
    # last build, inode and mtime included): its digest is not read again (0.8 s of an edit
    # at 270 kelurahan hashed 21,000 files, most of them kept).
    digests, stats = ledger.get("files", {}), ledger.get(PORTAL_STATS, {})
    known = {rel: (stat[0], stat[1], digests[rel]) for rel, stat in stats.items()
             if rel in digests and isinstance(stat, list) and len(stat) == 2}
    # An entry the portal build left in place (the stamp's "tetap": the city index's base
    # parts on an edit, 20,000 files at 270 kelurahan) keeps its rows without a stat of each
    # file (0.25-0.35 s of an edit at 270). Publishing verifies every file's digest anyway.
    kept = set(stamp.get("tetap") or ()) & set(entries)
    rows: dict[str, dict[str, str]] = {entry: {} for entry in kept}
    for rel, digest in digests.items():
        entry = rel.split("/", 1)[0]
        if entry in rows:
            rows[entry][rel] = digest
    files, seen = {}, {}
    walked = []
    for entry in sorted(entries):
        if rows.get(entry) and all(rel in stats for rel in rows[entry]):
            files.update(rows[entry])
            seen.update((rel, stats[rel]) for rel in rows[entry])
        else:
            walked.append(entry)
    files.update(file_ledger(output, walked, known, seen))
    ledger["files"] = dict(sorted(files.items()))
    ledger[PORTAL_STATS] = seen
    ledger["shared"] = {rel: digest for rel, digest in ledger.get("shared", {}).items()
                        if rel not in ledger["files"]}
    write_ledger(output, ledger)
    sizes: dict[str, int] = {}
    for rel, (size, _) in seen.items():
        if not rel.startswith(".") and "/." not in rel:
            suffix = os.path.splitext(rel)[1].lower()
            sizes[suffix] = sizes.get(suffix, 0) + size
    return dict(sorted(sizes.items()))


def ledgers(output: Path, site_slugs: list[str]) -> tuple[dict[str, str], set[str]]:
    """Every file the build vouches for (relative to ``output``), and which owners have a ledger.

    An owner is a site's slug, or "" for the portal (every file outside the site folders).
    """
    vouched: dict[str, str] = {}
    owners: set[str] = set()
    for slug in site_slugs:
        stamp = read_json(output / slug / SITE_STAMP)
        if "files" in stamp:
            owners.add(slug)
            vouched.update({f"{slug}/{rel}": digest for rel, digest in stamp["files"].items()})
    portal = read_json(output / PORTAL_LEDGER)
    if "files" in portal or "shared" in portal:
        owners.add("")
        vouched.update(portal.get("shared", {}))
        vouched.update(portal.get("files", {}))
    return vouched, owners


def walk(root: Path | str, start: Path | str | None = None):
    """(path relative to ``root``, path) of every file under ``start`` (default: ``root``),
    folders and files in name order. Strings, not pathlib: a site has ~1,600 files."""
    root = os.fspath(root)
    base = len(root) + 1
    for folder, dirs, files in os.walk(root if start is None else os.fspath(start)):
        dirs.sort()
        prefix = folder[base:].replace(os.sep, "/")
        for name in sorted(files):
            yield (f"{prefix}/{name}" if prefix else name), os.path.join(folder, name)


def _built_files(output: Path, names: list[str] | None = None):
    """walk() of ``output`` (only under ``names`` if given) without the build's own stamps."""
    for start in ([output / name for name in names] if names is not None else [output]):
        if start.is_file():
            yield start.relative_to(output).as_posix(), os.fspath(start)
            continue
        for rel, path in walk(output, start):
            if rel.count("/") <= 1 and rel.rsplit("/", 1)[-1] in STAMPS:
                continue
            yield rel, path


def scan(output: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Every file under ``output`` (only under ``names`` if given) except the build's own stamps."""
    return {rel: Path(path) for rel, path in _built_files(output, names)}
