"""Shards: the sites split over several machines (`build --shard i/n`), then merged.

Assignment is rendezvous hashing: a site goes to the shard whose hash of (shard, slug) is
highest. It depends on the slug alone, so adding or removing a kelurahan never moves another
one, and going from n to n+1 shards moves only the sites the new shard wins (about 1/(n+1)).
Each shard's cache therefore stays warm from one run to the next.

`kelurahan merge` collects the site folders that shard builds produced (with their manifests
and ledgers), checks that every registered site is there exactly once and built with the same
settings, and builds the portal from the manifests: the result is byte for byte the output of
one full build (given the same content, code and settings in every shard).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import sys
from pathlib import Path

from kelurahan.content.registry import City
from kelurahan.errors import Problem, UsageError
from kelurahan.output import PORTAL_LEDGER, SITE_STAMP, read_json, write_ledger


# Sites per CI shard, from measurements (docs/deploy.md, "Shards"): the generated 27-site city
# (benchmarks/kota_besar.py, 1,925 items and 162 photos) costs 74 s of CPU cold, ~2.8 s a site,
# so a shard of 27 builds cold in about a minute on a 2-core runner after its ~1 minute of
# set-up; 270 kelurahan make 10 shards, and a free plan runs 20 jobs at once.
SITES_PER_SHARD = 27
MAX_SHARDS = 20


def shard_count(sites: int, per_shard: int = SITES_PER_SHARD) -> int:
    """How many shards a city of ``sites`` kelurahan is built in on CI."""
    return max(1, min(MAX_SHARDS, math.ceil(sites / per_shard)))


def parse_shard(text: str) -> tuple[int, int]:
    """ "2/4" → (2, 4); shards count from 1."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(f'--shard "{text}" tidak dikenali — tulis i/n, misalnya 1/4') from None
    if count < 1 or not 1 <= index <= count:
        raise UsageError(f'--shard "{text}" di luar jangkauan — i harus antara 1 dan n, '
                         "misalnya 1/4 sampai 4/4")
    return index, count


def shard_of(slug: str, count: int) -> int:
    """The shard (1…count) that builds ``slug``."""
    def weight(index: int) -> bytes:
        return hashlib.sha256(f"{index}\0{slug}".encode()).digest()
    return max(range(1, count + 1), key=weight)


def in_shard(slug: str, shard: tuple[int, int] | None) -> bool:
    return shard is None or shard_of(slug, shard[1]) == shard[0]


def plan(slugs: list[str], count: int) -> dict[int, list[str]]:
    """{shard: [slugs]} for every shard, for people and for the workflow's summary."""
    out: dict[int, list[str]] = {i: [] for i in range(1, count + 1)}
    for slug in slugs:
        out[shard_of(slug, count)].append(slug)
    return out


def collect(city: City, inputs: list[Path], output: Path) -> list[Problem]:
    """Move (or copy) every site folder of the shard outputs into ``output``.

    Errors: a site in two shards, a registered site in none, something in a shard output that
    is not a built site.
    """
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    inputs = list(inputs) or [output]
    slugs = {s.slug for s in city.sites}
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    shared: dict[str, tuple[str, Path]] = {}
    for folder in inputs:
        folder = Path(folder)
        if not folder.is_dir():
            raise UsageError(f"keluaran shard {folder} tidak ada — unduh dulu hasil setiap shard")
        vouched = read_json(folder / PORTAL_LEDGER).get("shared", {})
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith("."):  # ledgers, stamps, unfinished builds
                continue
            if entry.name not in slugs:
                files = [entry] if entry.is_file() else sorted(p for p in entry.rglob("*") if p.is_file())
                for path in files:
                    rel = path.relative_to(folder).as_posix()
                    if rel not in vouched:
                        problems.append(Problem(str(path), "bukan hasil bangun shard",
                                                "keluaran shard hanya berisi folder situs dan berkas "
                                                "bersama yang tercatat; hapus yang lain"))
                    elif rel in shared and shared[rel][0] != vouched[rel]:
                        problems.append(Problem(str(path), f"berbeda dengan {shared[rel][1]}",
                                                "bangun semua shard dari commit yang sama"))
                    else:
                        shared[rel] = (vouched[rel], path)
            elif not (entry / SITE_STAMP).is_file():
                problems.append(Problem(str(entry), "situs ini tidak lengkap di keluaran shard",
                                        "jalankan ulang shard-nya"))
            elif entry.name in found and found[entry.name].resolve() != entry.resolve():
                problems.append(Problem(str(entry), f"situs {entry.name} juga ada di "
                                        f"{found[entry.name]}", "setiap situs dibangun oleh satu "
                                        "shard saja: pakai n yang sama di semua shard"))
            else:
                found[entry.name] = entry
    for site in city.sites:
        if site.slug not in found:
            problems.append(Problem(site.shown, "situs ini tidak ada di keluaran shard mana pun",
                                    "periksa apakah shard-nya gagal, lalu jalankan ulang"))
    if any(p.is_error for p in problems):
        return problems
    for slug, source in found.items():
        target = output / slug
        if source.resolve() == target.resolve():
            continue
        if target.exists():
            shutil.rmtree(target)
        try:
            os.rename(source, target)
        except OSError:  # another file system: copy
            shutil.copytree(source, target, symlinks=False)
    for rel, (digest, source) in shared.items():
        target = output / rel
        if source.resolve() != target.resolve():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    if shared:
        ledger = read_json(output / PORTAL_LEDGER)
        ledger["shared"] = dict(sorted({**ledger.get("shared", {}),
                                        **{rel: d for rel, (d, _) in shared.items()}}.items()))
        write_ledger(output, ledger)
    return problems


def main(argv=None) -> int:
    """`python -m kelurahan.city.shard [CONTENT]`: the CI matrix for this city, as
    GitHub Actions outputs (terbit.yml): shards=N and matrix=[1, …, N]."""
    from kelurahan.content.registry import load_city

    args = sys.argv[1:] if argv is None else argv
    city = load_city(Path(args[0] if args else "content"))
    count = shard_count(len(city.sites) + len(city.broken))
    print(f"shards={count}")
    print(f"matrix={json.dumps(list(range(1, count + 1)))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
