"""`kelurahan publish`: check → build with publish settings → verify → publish; or refuse, saying why.

Targets:

- ``gh-pages`` (default): the verified tree, plus ``.nojekyll`` and an optional ``CNAME``, is
  committed onto the ``gh-pages`` branch of a throwaway clone of ``--remote`` and pushed there.
  The project's own repository and working tree are never touched; every publication is one
  commit naming the source commit: the trail. A pull request's preview ($KELURAHAN_PRATINJAU,
  ``--pratinjau N``) is built for ``<base>/pratinjau/pr-<n>/``, verified under that base and
  committed into that folder only; the live publication keeps ``pratinjau/`` as it is.
- ``dir:PATH``: a folder served by the city's own web server. The new tree is written beside
  it, checked again, then swapped in with one atomic rename; a log line records each swap.
- ``rsync:[USER@HOST:]PATH``: the same over rsync/SSH. Each publication is a release folder
  ``PATH.rilis/<time>`` (unchanged files hard-linked to the previous release), and ``PATH`` is a
  symbolic link switched to the new release in one atomic rename; three releases are kept.

``--dry-run`` checks, builds and verifies as usual, then says what would change at the target
and changes nothing there.

**A city larger than one Pages site** (GitHub Pages: 1 GB published per site; 270 kelurahan
with photos publish ~3 GB, docs/deploy.md) is split at publication, never at build: with
``--remote-situs POLA`` (e.g. ``git@github.com:org/{slug}.git``) each kelurahan's folder goes
to the gh-pages branch of its own repository, named by its slug, and ``--remote`` keeps the
portal and the shared files at the root. GitHub serves a project repository at
``<owner's domain>/<repo>/``, so when the publishing base is the root of that domain
(``https://org.github.io`` or the org site's custom domain) every address, and every link the
build wrote and verify() checked on the whole tree, stays exactly as built. After pushing,
the published branches are read back and every link is resolved across them
(``check_split``). A city over the limit without ``--remote-situs`` is refused, saying so.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kelurahan.content.registry import load_city
from kelurahan.errors import KelurahanError, Problem, UsageError, summarize
from kelurahan.output import file_ledger, swap_in
from kelurahan.publish import budget
from kelurahan.publish.verify import broken_links, foreign_files, verify
from kelurahan.site.search import BUNDLE as SEARCH_BUNDLE
from kelurahan.site.addresses import (PREVIEW_ROOT as PREVIEWS, preview_number, preview_prefix,
                                      publishing_base)

KEEP_RELEASES = 3
_SEARCH_INDEX = f"/{SEARCH_BUNDLE}/"
SHOW_PATHS = 20


class Refused(KelurahanError):
    """Publishing was refused; the message says why."""


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def pages(self) -> Changes:
        """The changes outside the search indexes. Pagefind does not write the same bytes
        twice for the same pages: when no page changed, its index says the same, and a
        publication (the scheduled run's) would change nothing a visitor sees."""
        def keep(paths):
            return [p for p in paths if _SEARCH_INDEX not in f"/{p}"]
        return Changes(keep(self.added), keep(self.changed), keep(self.removed))

    @classmethod
    def between(cls, current: dict[str, str], wanted: dict[str, str]) -> Changes:
        return cls(sorted(set(wanted) - set(current)),
                   sorted(p for p in set(wanted) & set(current) if wanted[p] != current[p]),
                   sorted(set(current) - set(wanted)))

    def summary(self) -> str:
        return f"{len(self.added)} baru, {len(self.changed)} berubah, {len(self.removed)} dihapus"

    def lines(self) -> list[str]:
        out = []
        for sign, paths in (("+", self.added), ("~", self.changed), ("-", self.removed)):
            out += [f"  {sign} {p}" for p in paths[:SHOW_PATHS]]
            if len(paths) > SHOW_PATHS:
                out.append(f"  {sign} … dan {len(paths) - SHOW_PATHS} lainnya")
        return out


def _run(command: list[str], cwd=None, env=None, check=True, input=None) -> subprocess.CompletedProcess:
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, input=input)
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise Refused(f"{command[0]} {command[1] if len(command) > 1 else ''} gagal: "
                      f"{detail[-1] if detail else proc.returncode}")
    return proc


def _source_commit() -> str:
    """The project commit being published (and whether the working tree had changes)."""
    head = _run(["git", "rev-parse", "--short=12", "HEAD"], check=False)
    if head.returncode != 0:
        return "bukan repositori git"
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=no"], check=False).stdout
    return head.stdout.strip() + (" (dengan perubahan yang belum di-commit)" if dirty.strip() else "")


# --- targets ---------------------------------------------------------------------------------

class GhPages:
    """A branch (gh-pages) of a git remote, committed with git's plumbing in a throwaway clone.

    One branch holds the live tree and every preview: the live site at its root, a pull
    request's preview under ``pratinjau/pr-<n>/`` (``prefix``). Publishing the live site keeps
    ``pratinjau/`` as it is; publishing or removing a preview changes nothing outside its prefix.
    """

    def __init__(self, remote: str, branch: str, cname: str | None, prefix: str = ""):
        self.url, self.branch, self.cname = self._resolve(remote), branch, cname
        self.prefix = prefix.strip("/")
        where = f" (folder {self.prefix}/)" if self.prefix else ""
        self.name = f"cabang {branch} di {self.url}{where}"

    @staticmethod
    def _resolve(remote: str) -> str:
        if "/" in remote or ":" in remote or Path(remote).exists():
            return remote
        proc = _run(["git", "remote", "get-url", remote], check=False)
        if proc.returncode != 0:
            raise UsageError(f'remote "{remote}" tidak dikenal di repositori ini — tulis namanya '
                             "(git remote -v) atau alamat lengkapnya, misalnya "
                             "--remote git@github.com:org/repo.git")
        return proc.stdout.strip()

    def __enter__(self):
        self.work = Path(tempfile.mkdtemp(prefix="kelurahan-ghpages-"))
        _run(["git", "init", "-q"], cwd=self.work)
        _run(["git", "remote", "add", "origin", self.url], cwd=self.work)
        heads = _run(["git", "ls-remote", "--heads", "origin", self.branch], cwd=self.work)
        self.exists = bool(heads.stdout.strip())
        if self.exists:
            _run(["git", "fetch", "-q", "--depth=1", "origin",
                  f"+refs/heads/{self.branch}:refs/remotes/origin/{self.branch}"], cwd=self.work)
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.work, ignore_errors=True)

    def _current(self) -> dict[str, str]:
        """{path: blob} of the branch as it is (empty when it does not exist yet)."""
        current = {}
        if self.exists:
            listing = _run(["git", "ls-tree", "-r", "-z", f"origin/{self.branch}"], cwd=self.work)
            for entry in filter(None, listing.stdout.split("\0")):
                meta, path = entry.split("\t", 1)
                current[path] = meta.split()[2]
        return current

    def _mine(self, current: dict[str, str]) -> dict[str, str]:
        """The part of the branch this publication owns: its preview folder, or everything
        but the previews."""
        if self.prefix:
            cut = len(self.prefix) + 1
            return {p[cut:]: b for p, b in current.items() if p.startswith(self.prefix + "/")}
        return {p: b for p, b in current.items() if not p.startswith(PREVIEWS + "/")}

    def _extras(self) -> dict[str, str]:
        """The files of the branch's root beside the live tree: .nojekyll, CNAME."""
        return {".nojekyll": ""} | ({"CNAME": self.cname} if self.cname else {})

    def changes(self, stage: Path, files: list[str]) -> Changes:
        proc = _run(["git", "hash-object", "--no-filters", "--stdin-paths"], cwd=self.work,
                    input="\n".join(str(stage / f) for f in files))
        wanted = dict(zip(files, proc.stdout.split()))
        if not self.prefix:
            for name, text in self._extras().items():
                wanted[name] = _run(["git", "hash-object", "--stdin"], cwd=self.work,
                                    input=text).stdout.strip()
        return Changes.between(self._mine(self._current()), wanted)

    def _git(self, *args, index: str = "kp-index", cwd=None, input=None) -> str:
        env = {**os.environ, "GIT_INDEX_FILE": str(self.work / ".git" / index)}
        git = ["git", f"--git-dir={self.work / '.git'}"]
        return _run(git + list(args), cwd=cwd or self.work, env=env, input=input).stdout.strip()

    def _tree_of(self, stage: Path) -> str:
        """The git tree of a folder, through an index of its own."""
        self._git(f"--work-tree={stage}", "add", "-A", "-f", ".", index="kp-stage", cwd=stage)
        return self._git("write-tree", index="kp-stage")

    def publish(self, stage: Path, message: str) -> None:
        base = f"origin/{self.branch}"
        if self.prefix:  # the branch as it is, with this preview's folder replaced
            self._git("read-tree", *([base] if self.exists else ["--empty"]))
            self._git("rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", self.prefix)
            self._git("read-tree", f"--prefix={self.prefix}/", self._tree_of(stage))
            if ".nojekyll" not in self._current():
                blob = self._git("hash-object", "-w", "--stdin", input="")
                self._git("update-index", "--add", "--cacheinfo", f"100644,{blob},.nojekyll")
        else:  # the verified tree, its root files, and the previews kept as they are
            for name, text in self._extras().items():
                (stage / name).write_text(text, encoding="utf-8")
            self._git("read-tree", self._tree_of(stage))
            if self.exists and any(p.startswith(PREVIEWS + "/") for p in self._current()):
                self._git("read-tree", f"--prefix={PREVIEWS}/", f"{base}:{PREVIEWS}")
        self._commit(message)

    def remove(self, message: str) -> bool:
        """Remove this preview's folder; False when there was nothing to remove."""
        if not self.prefix:
            raise UsageError("hanya pratinjau yang bisa dihapus dengan cara ini")
        if not self._mine(self._current()):
            return False
        self._git("read-tree", f"origin/{self.branch}")
        self._git("rm", "-r", "-q", "--cached", "--", self.prefix)
        self._commit(message)
        return True

    def _commit(self, message: str) -> None:
        name = _run(["git", "config", "user.name"], check=False).stdout.strip()
        email = _run(["git", "config", "user.email"], check=False).stdout.strip()
        who = {"GIT_COMMITTER_NAME": name or "Kelurahan Pintar",
               "GIT_COMMITTER_EMAIL": email or "kelurahan-pintar@users.noreply.github.com"}
        who |= {"GIT_AUTHOR_NAME": who["GIT_COMMITTER_NAME"],
                "GIT_AUTHOR_EMAIL": who["GIT_COMMITTER_EMAIL"]}
        tree = self._git("write-tree")
        parent = ["-p", f"origin/{self.branch}"] if self.exists else []
        env = {**os.environ, **who}
        commit = _run(["git", "commit-tree", tree, *parent, "-F", "-"], cwd=self.work, env=env,
                      input=message).stdout.strip()
        # A plain push: if someone published meanwhile, it is refused rather than overwritten.
        _run(["git", "push", "-q", "origin", f"{commit}:refs/heads/{self.branch}"], cwd=self.work)


class Directory:
    """A folder on this machine, replaced whole by one atomic rename."""

    def __init__(self, path: str):
        self.path = Path(path).resolve()
        self.name = f"folder {self.path}"
        if self.path.parent == self.path:
            raise UsageError("folder tujuan tidak boleh akar sistem berkas")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def changes(self, stage: Path, files: list[str]) -> Changes:
        current = file_ledger(self.path) if self.path.is_dir() else {}
        return Changes.between(current, file_ledger(stage))

    def publish(self, stage: Path, message: str) -> None:
        new = self.path.with_name(f".{self.path.name}.baru")
        shutil.rmtree(new, ignore_errors=True)
        shutil.copytree(stage, new)
        if file_ledger(new) != file_ledger(stage):  # a full disk or a racing writer
            shutil.rmtree(new, ignore_errors=True)
            raise Refused(f"salinan di {new} tidak sama dengan hasil yang diverifikasi")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        swap_in(new, self.path)
        log = self.path.with_name(f".{self.path.name}.terbit.log")
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"waktu": _now(), "pesan": message}, ensure_ascii=False) + "\n")


class Rsync:
    """Releases on a server over rsync/SSH; PATH is a symlink switched atomically."""

    def __init__(self, dest: str):
        host, sep, path = dest.partition(":")
        if not sep or "/" in host:
            host, path = "", dest
        if not path.startswith("/"):
            raise UsageError(f'tujuan rsync "{dest}" harus memakai jalur mutlak, misalnya '
                             "rsync:web@server:/srv/www/kelurahan")
        self.host, self.path = host, path.rstrip("/")
        self.releases = f"{self.path}.rilis"
        self.name = f"rsync {dest}"

    def _sh(self, script: str, check=True) -> subprocess.CompletedProcess:
        command = ["ssh", self.host, script] if self.host else ["sh", "-c", script]
        return _run(command, check=check)

    def _remote(self, path: str) -> str:
        return f"{self.host}:{path}" if self.host else path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def changes(self, stage: Path, files: list[str]) -> Changes:
        current = self._sh(f"readlink -f {_q(self.path)} || true").stdout.strip() or self.path
        proc = _run(["rsync", "-a", "--delete", "--dry-run", "--checksum", "--itemize-changes",
                     "--out-format=%i %n", f"{stage}/", self._remote(current + "/")])
        result = Changes()
        for line in proc.stdout.splitlines():
            flags, _, name = line.partition(" ")
            if name.endswith("/") or not name:
                continue
            if flags.startswith("*deleting"):
                result.removed.append(name.strip())
            elif flags[1:2] == "f" and "+++++++" in flags:
                result.added.append(name)
            elif flags[1:2] == "f":
                result.changed.append(name)
        return result

    def publish(self, stage: Path, message: str) -> None:
        release = f"{self.releases}/{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%fZ}"
        check = self._sh(f"if [ -e {_q(self.path)} ] && [ ! -L {_q(self.path)} ]; then echo dir; "
                         f"fi; mkdir -p {_q(self.releases)} && readlink -f {_q(self.path)} || true")
        lines = check.stdout.split()
        if lines[:1] == ["dir"]:
            raise Refused(f"{self.path} di server adalah folder biasa, bukan tautan rilis — "
                          f"pindahkan sekali ke {self.releases}/awal lalu buat tautan: "
                          f"ln -s {self.releases}/awal {self.path}")
        previous = lines[-1] if lines and lines[-1].startswith(self.releases + "/") else ""
        link = [f"--link-dest={previous}"] if previous else []
        _run(["rsync", "-a", "--delete", *link, f"{stage}/", self._remote(release + "/")])
        self._sh(f"printf '%s\\n' {_q(message.splitlines()[0])} > {_q(release)}/../"
                 f"$(basename {_q(release)}).pesan && "
                 f"ln -sfn {_q(release)} {_q(self.path)}.baru && mv -Tf {_q(self.path)}.baru "
                 f"{_q(self.path)} && cd {_q(self.releases)} && "
                 f"ls -1d */ | sort | head -n -{KEEP_RELEASES} | xargs -r rm -rf && "
                 f"ls -1 *.pesan | sort | head -n -{KEEP_RELEASES} | xargs -r rm -f")


def _q(text: str) -> str:
    import shlex
    return shlex.quote(text)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def make_target(target: str, remote: str, branch: str, cname: str | None, prefix: str = ""):
    if target == "gh-pages":
        return GhPages(remote, branch, cname, prefix)
    if prefix:
        raise UsageError("pratinjau hanya bisa diterbitkan ke tujuan gh-pages")
    kind, sep, rest = target.partition(":")
    if sep and rest and kind == "dir":
        return Directory(rest)
    if sep and rest and kind == "rsync":
        return Rsync(rest)
    raise UsageError(f'tujuan "{target}" tidak dikenal — pilih gh-pages, dir:FOLDER atau '
                     "rsync:[PENGGUNA@SERVER:]/JALUR")


def default_cname(base: str) -> str | None:
    """A custom domain (not *.github.io, at the root of its host) needs a CNAME file."""
    parts = urlsplit(base)
    if parts.hostname and not parts.hostname.endswith(".github.io") and parts.path in ("", "/"):
        return parts.hostname
    return None


# --- a city split over several Pages sites -----------------------------------------------------

def split_base_problem(base: str) -> str | None:
    """Why the sites cannot be split off to their own repositories under ``base``, or None."""
    if urlsplit(base).path.strip("/"):
        return (f"alamat terbit {base}/ ada di bawah jalur; situs yang dipecah ke repositorinya "
                "sendiri tampil di <domain>/<slug>/, jadi alamat terbit harus akar domainnya — "
                'misalnya url = "https://org.github.io" (repositori org.github.io) atau domain '
                "sendiri situs organisasi itu")
    return None


def split_parts(stage: Path, files: list[str], slugs: list[str], site_remote: str,
                root_remote: str) -> list[tuple[str, str, Path, list[str]]]:
    """[(part, remote, folder, files)]: the root (portal and shared files) first, then one part
    per kelurahan; each site's folder is moved out of ``stage`` (a rename, nothing copied)."""
    sites = stage.parent / (stage.name + "-situs")
    sites.mkdir()
    by_site: dict[str, list[str]] = {slug: [] for slug in slugs}
    root: list[str] = []
    for rel in files:
        top, _, rest = rel.partition("/")
        (by_site[top].append(rest) if rest and top in by_site else root.append(rel))
    parts = [("", root_remote, stage, root)]
    for slug in slugs:
        if (stage / slug).is_dir():
            os.rename(stage / slug, sites / slug)
        parts.append((slug, site_remote.format(slug=slug), sites / slug, by_site[slug]))
    return parts


def check_split(published: dict[str, list[str]], stage_files: dict[str, Path], base: str,
                shown: str) -> list[Problem]:
    """Every link of the published pages, resolved across the split: ``published`` holds what
    each part's branch holds ({part: paths}, part "" the root), read back after pushing."""
    union: dict[str, Path] = {}
    for part, paths in published.items():
        for path in paths:
            rel = f"{part}/{path}" if part else path
            union[rel] = stage_files.get(rel, Path("/nonexistent"))
    problems = [Problem(f"{shown}/{rel}", "berkas ini tidak ada di repositori mana pun setelah "
                        "diterbitkan", "terbitkan ulang; periksa hak tulis ke setiap repositori")
                for rel in sorted(set(stage_files) - set(union))]
    pages = {rel: path for rel, path in stage_files.items() if rel in union}
    return problems + broken_links({**union, **pages}, base, shown)


def branch_files(remote: str, branch: str) -> list[str]:
    """The paths on ``branch`` of ``remote`` (the repository as visitors' Pages sees it)."""
    with GhPages(remote, branch, None) as target:
        return [p for p in target._current() if not p.startswith(PREVIEWS + "/")
                and p not in (".nojekyll", "CNAME")]


# --- the whole flow ---------------------------------------------------------------------------

def _stage(files: dict[str, Path], near: Path) -> Path:
    stage = Path(tempfile.mkdtemp(prefix=".kp-terbit-", dir=near.resolve()))
    for rel, source in files.items():
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
    return stage


def publish(content="content", output="output", target="gh-pages", remote="origin",
            branch="gh-pages", cname: str | None = None, dry_run=False, jobs=None, cache=None,
            message: str | None = None, say=print, built: bool = False,
            site_remote: str | None = None, limit: int = budget.LIMIT) -> Changes:
    """Check, build, verify and publish; raise Refused (why) when anything is wrong.
    ``built``: publish ``output`` as it was built (and merged), after the same verification.
    ``site_remote``: a pattern with {slug}: each kelurahan to its own repository (gh-pages)."""
    content, output = Path(content), Path(output)
    city = load_city(content, str(content))
    base = publishing_base(city.data)
    if not base:
        raise UsageError(f"{content}/kota.toml: url kosong — isi alamat terbit, misalnya "
                         'url = "https://org.github.io/repo", atau setel $KELURAHAN_URL')
    number = preview_number()
    prefix = preview_prefix(number)
    cname = None if prefix else default_cname(base) if cname is None else (cname or None)
    if site_remote is not None:
        if target != "gh-pages" or prefix:
            raise UsageError("--remote-situs hanya untuk tujuan gh-pages dan situs yang terbit "
                             "(bukan pratinjau)")
        if "{slug}" not in site_remote:
            raise UsageError(f'--remote-situs "{site_remote}" tidak memuat {{slug}} — misalnya '
                             "git@github.com:org/{slug}.git")
        why = split_base_problem(base)
        if why:
            raise UsageError(why)
    destination = make_target(target, remote, branch, cname, prefix)

    if built:  # shards built and merged elsewhere (terbit.yml): verified below, as they are
        say(f"[1/5] Pemeriksaan dan bangun dilewati (--tanpa-bangun): {output} diterbitkan "
            "apa adanya bila lolos verifikasi")
    else:
        say(f"[1/5] Memeriksa isi {content} …")
        check = subprocess.run([sys.executable, "-m", "kelurahan", "check", "--content", str(content)],
                               capture_output=True, text=True)
        sys.stdout.write(check.stdout)
        sys.stderr.write(check.stderr)
        if check.returncode != 0:
            raise Refused("pemeriksaan isi menemukan galat (lihat di atas) — perbaiki lalu ulangi")

        if output.is_dir():
            stray = foreign_files(output, city, str(output), partial=True)
            if stray:
                _show(stray, say)
                raise Refused(f"ada {len(stray)} berkas asing di {output} yang tidak dibuat oleh "
                              "proses bangun (lihat di atas)")

        say(f"[2/5] Membangun dengan pengaturan terbit untuk {base}/ …")
        from kelurahan.city.build import build
        report = build(content, output, jobs=jobs, publish=True, cache=cache,
                       on_result=lambda r: (_show(r.problems, say), say(r.line())))
        _show(report.problems, say)
        say(report.summary())
        if report.failed:
            failed = [r.slug for r in report.results if r.status == "failed"]
            raise Refused("bangun gagal" + (f" untuk {', '.join(failed)}" if failed else "")
                          + " — situs yang terbit harus lengkap; perbaiki galatnya lalu ulangi")

    say("[3/5] Memverifikasi keluaran: asal setiap berkas, draf, tautan dan aset …")
    verified = verify(output, city, base)
    _show(verified.problems, say)
    if not verified.ok:
        raise Refused(f"verifikasi keluaran menemukan {summarize(verified.problems)} "
                      "(lihat di atas)")

    files = sorted(verified.files)
    say(f"[4/5] {len(files)} berkas dari {len(city.sites)} situs dan portal lolos verifikasi")
    sites, portal, whole = budget.measure(output)
    if target == "gh-pages" and not prefix and site_remote is None and whole.total > limit:
        biggest = max(sites, key=lambda s: s.total) if sites else portal
        raise Refused(f"ukuran terbit {budget._mb(whole.total)} melebihi batas satu situs "
                      f"GitHub Pages ({limit / 1e9:g} GB) — pecah per kelurahan dengan "
                      "--remote-situs git@github.com:ORG/{slug}.git (docs/deploy.md), atau "
                      f"terbitkan ke rsync:… (situs terbesar: {biggest.name}, "
                      f"{budget._mb(biggest.total)})")
    if site_remote is not None:
        return _publish_split(verified.files, files, city, output, base, remote, site_remote,
                              branch, cname, dry_run, message, say, limit)
    stage = _stage(verified.files, output.parent)
    try:
        with destination:
            changes = destination.changes(stage, files)
            if dry_run:
                say(f"[5/5] Uji coba (--dry-run): tidak ada yang diubah. Bila diterbitkan ke "
                    f"{destination.name}: {changes.summary()}")
                for line in changes.lines():
                    say(line)
                say(f"Halaman dan data (di luar indeks pencarian): {changes.pages().summary()}")
                return changes
            if changes.pages().empty:
                say(f"[5/5] {destination.name} sudah sama persis; tidak ada yang diterbitkan")
                return changes
            what = (f"Pratinjau pull request #{number}: " if number else "Terbit ") + \
                f"{len(city.sites)} situs kelurahan dan portal"
            text = message or (f"{what} ({changes.summary()})\n\nSumber: {_source_commit()}\n"
                               f"Alamat: {base}/\nWaktu: {_now()}")
            destination.publish(stage, text)
            say(f"[5/5] Diterbitkan ke {destination.name}: {changes.summary()}")
            return changes
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _publish_split(verified: dict[str, Path], files: list[str], city, output: Path, base: str,
                   remote: str, site_remote: str, branch: str, cname: str | None, dry_run: bool,
                   message: str | None, say, limit: int) -> Changes:
    """Each kelurahan to its own repository, the portal and shared files to ``remote``; then
    every link checked across what the branches hold."""
    stage = _stage(verified, output.parent)
    slugs = [s.slug for s in city.sites]
    total = Changes()
    try:
        parts = split_parts(stage, files, slugs, site_remote, remote)
        for part, url, folder, part_files in parts:
            size = sum(os.stat(folder / f).st_size for f in part_files)
            if size > limit:
                raise Refused(f"bagian {part or 'portal'} saja sudah {budget._mb(size)}, melebihi "
                              f"batas {limit / 1e9:g} GB satu situs GitHub Pages")
        say(f"[5/5] Dipecah: portal ke {remote}, {len(parts) - 1} situs ke "
            f"{site_remote.format(slug='<slug>')}")
        published: dict[str, list[str]] = {}
        # The sites first, the root last: a site leaves the root's branch only once its own
        # repository serves it.
        for part, url, folder, part_files in parts[1:] + parts[:1]:
            with GhPages(url, branch, cname if not part else None) as destination:
                changes = destination.changes(folder, part_files)
                name = part or "portal"
                for field_ in ("added", "changed", "removed"):
                    getattr(total, field_).extend(
                        f"{part}/{p}" if part else p for p in getattr(changes, field_))
                if dry_run or changes.pages().empty:
                    say(f"  {name:<22} {'uji coba: ' if dry_run else 'sama, '}{changes.summary()}")
                else:
                    text = message or (f"Terbit {name} ({changes.summary()})\n\nSumber: "
                                       f"{_source_commit()}\nAlamat: {base}/{part}\nWaktu: {_now()}")
                    destination.publish(folder, text)
                    say(f"  {name:<22} diterbitkan: {changes.summary()}")
            if not dry_run:
                published[part] = branch_files(url, branch)
        if dry_run:
            say(f"Halaman dan data (di luar indeks pencarian): {total.pages().summary()}")
        else:
            problems = check_split(published, verified, base, str(output))
            _show(problems, say)
            if problems:
                raise Refused(f"setelah dipecah, {summarize(problems)} di antara repositori "
                              "(lihat di atas)")
            say(f"Tautan antarbagian diperiksa: {len(published)} repositori, semua tautan sampai")
        return total
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        shutil.rmtree(stage.parent / (stage.name + "-situs"), ignore_errors=True)


def remove_preview(number: str, remote="origin", branch="gh-pages", say=print) -> bool:
    """Remove pull request ``number``'s preview from the branch; nothing else changes."""
    if not str(number).isdigit():
        raise UsageError(f'"{number}" bukan nomor pull request — tulis angkanya, misalnya 12')
    prefix = preview_prefix(str(number))
    with GhPages(remote, branch, None, prefix) as destination:
        removed = destination.remove(f"Hapus pratinjau pull request #{number}\n\nWaktu: {_now()}")
    say(f"Pratinjau {prefix}/ dihapus dari {destination.name}" if removed
        else f"Tidak ada pratinjau {prefix}/ di {destination.name}; tidak ada yang diubah")
    return removed


def _show(problems: list[Problem], say) -> None:
    for problem in problems:
        say(problem.format())
