"""Command line: `kelurahan build|check|serve …` → messages in Bahasa Indonesia and exit codes.

Exit status: 0 all well, 1 content errors (the sites that could be built are built), 2 wrong
usage. Content problems are printed one per line; a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from kelurahan.content.schema.pilar import PILAR_KEYS
from kelurahan.errors import ContentError, KelurahanError, UsageError, summarize


# argparse speaks English; the messages a clerk can trigger are said again in Indonesian.
_ARGPARSE = (
    (r"argument (\S+): invalid choice: (.+) \(choose from (.+)\)",
     r"\2 tidak dikenal — pilih salah satu: \3"),
    (r"the following arguments are required: (.+)", r"\1 wajib diisi"),
    (r"unrecognized arguments: (.+)", r"pilihan tidak dikenal: \1 — lihat kelurahan --help"),
    (r"argument (\S+): invalid int value: (.+)", r"\1 harus berupa angka, bukan \2"),
    (r"argument (\S+): expected one argument", r"\1 perlu diikuti sebuah nilai"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        for pattern, replacement in _ARGPARSE:
            message = re.sub(f"^{pattern}$", replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: perintah tidak lengkap atau salah: {message}\n")


# Options shared by several commands, described once: (flags, argparse keywords).
OPTIONS = {
    "content": (("--content",), {"default": "content", "help": "folder konten (bawaan: content)"}),
    "output": (("--output",), {"default": "output", "help": "folder hasil (bawaan: output)"}),
    "site": (("--site",), {"action": "append", "default": [], "metavar": "SLUG",
                           "help": "hanya kelurahan ini (boleh diulang)"}),
    "publish": (("--publish",), {"action": "store_true",
                                 "help": "pakai pengaturan terbit (publishconf.py)"}),
    "jobs": (("--jobs",), {"type": int, "default": None,
                           "help": "jumlah proses (bawaan: jumlah CPU + 1)"}),
    "cache": (("--cache",), {"default": None,
                             "help": "folder cache (bawaan: .cache di samping output)"}),
    "debug": (("--debug",), {"action": "store_true", "help": "tampilkan detail teknis galat"}),
}


def _options(parser: argparse.ArgumentParser, *names: str, **overrides) -> None:
    """Add the shared options ``names`` to a command, with per-command keyword overrides."""
    for name in names:
        flags, keywords = OPTIONS[name]
        parser.add_argument(*flags, **{**keywords, **overrides.get(name, {})})


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kelurahan", description="Situs web kelurahan dari berkas Markdown.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build = sub.add_parser("build", help="bangun situs semua kelurahan dan portal kota")
    _options(build, "content", "site", "debug", "output", "jobs")
    build.add_argument("--force", action="store_true", help="bangun ulang semua situs")
    _options(build, "publish", "cache")
    build.add_argument("--shard", default=None, metavar="I/N",
                       help="hanya situs bagian I dari N (tanpa portal; gabungkan dengan merge)")
    check = sub.add_parser("check", help="periksa isi tanpa menerbitkan")
    _options(check, "content", "site", "debug")
    check.add_argument("--strict", action="store_true", help="peringatan juga dianggap gagal")
    check.add_argument("--format", choices=("teks", "text", "json", "github"), default="teks",
                       help="bentuk keluaran: teks (bawaan), json, atau github (anotasi CI)")
    new = sub.add_parser("new", help="buat berkas isi baru berisi semua kolom dan petunjuknya")
    new.add_argument("type", metavar="JENIS", choices=("berita", "halaman", "layanan", "umkm",
                                                       "wisata", "agenda"),
                     help="berita, halaman, layanan, umkm, wisata, atau agenda")
    new.add_argument("--site", required=True, metavar="SLUG", help="kelurahan, misalnya kauman")
    new.add_argument("--judul", required=True, help="judul tulisan")
    new.add_argument("--pilar", default=None, choices=PILAR_KEYS,
                     help="pilar Kelurahan Pintar (bawaan: sesuai jenis)")
    _options(new, "content", "debug")
    owners = sub.add_parser("codeowners", help="buat ulang .github/CODEOWNERS dari kolom tim")
    _options(owners, "content", "output", output={"default": ".github/CODEOWNERS",
                                                  "help": "berkas tujuan"})
    owners.add_argument("--check", action="store_true", help="hanya periksa apakah berkas masih sesuai")
    _options(owners, "debug")
    merge = sub.add_parser("merge", help="gabungkan keluaran shard lalu bangun portal kota")
    merge.add_argument("shards", nargs="*", metavar="KELUARAN_SHARD",
                       help="folder keluaran tiap shard (bawaan: sudah ada di --output)")
    _options(merge, "content", "output", "publish", "debug")
    verify = sub.add_parser("verify", help="verifikasi keluaran sebelum terbit (asal berkas, draf, tautan)")
    _options(verify, "content", "output", "publish", "debug", publish={
        "help": "periksa tautan terhadap alamat terbit (url di kota.toml / $KELURAHAN_URL)"})
    publish = sub.add_parser("publish", help="periksa, bangun, verifikasi, lalu terbitkan")
    _options(publish, "content", "output")
    publish.add_argument("--target", default="gh-pages",
                         help="gh-pages (bawaan), dir:FOLDER, atau rsync:[PENGGUNA@SERVER:]/JALUR")
    publish.add_argument("--remote", default="origin",
                         help="remote git untuk gh-pages: nama (bawaan: origin) atau alamat")
    publish.add_argument("--branch", default="gh-pages", help="cabang tujuan (bawaan: gh-pages)")
    publish.add_argument("--cname", default=None,
                         help="domain khusus untuk berkas CNAME (bawaan: dari url bila bukan github.io; "
                              "kosongkan dengan --cname '')")
    publish.add_argument("--message", default=None, help="pesan commit terbit")
    publish.add_argument("--dry-run", action="store_true",
                         help="jangan ubah apa pun di tujuan; tampilkan yang akan berubah")
    publish.add_argument("--pratinjau", metavar="N", default=None,
                         help="terbitkan sebagai pratinjau pull request N di pratinjau/pr-N/ "
                              "(noindex, dengan pita Pratinjau); situs yang terbit tidak berubah")
    publish.add_argument("--tanpa-bangun", action="store_true",
                         help="jangan periksa dan bangun ulang: terbitkan keluaran yang sudah "
                              "dibangun (misalnya hasil merge), setelah diverifikasi")
    publish.add_argument("--hapus-pratinjau", metavar="N", default=None,
                         help="hapus pratinjau pull request N dari cabang; tanpa membangun")
    publish.add_argument("--remote-situs", metavar="POLA", default=None,
                         help="kota di atas batas 1 GB GitHub Pages: setiap kelurahan ke "
                              "repositorinya sendiri, misalnya git@github.com:org/{slug}.git; "
                              "--remote memegang portal; kosong: tidak dipecah (docs/deploy.md)")
    _options(publish, "jobs", "cache", "debug")
    serve = sub.add_parser("serve", help="pratinjau situs di komputer sendiri")
    _options(serve, "content", "site", "debug", "output")
    serve.add_argument("--port", type=int, default=8000, help="port lokal (bawaan: 8000)")
    serve.add_argument("--editor", action="store_true",
                       help="nyalakan juga editor web di <situs>/admin/ untuk berkas di komputer ini")
    return parser


def _print_problems(problems, stream=sys.stdout) -> None:
    for problem in problems:
        print(problem.format(), file=stream)


def cmd_build(args) -> int:
    from kelurahan.city.build import build

    def show(result):
        _print_problems(result.problems)
        print(result.line(), flush=True)

    from kelurahan.city.shard import parse_shard
    shard = parse_shard(args.shard) if args.shard else None
    report = build(args.content, args.output, args.site, args.jobs, args.force, args.publish,
                   args.cache, debug=args.debug, on_result=show, shard=shard, portal=not shard)
    _print_problems(report.problems)
    print(report.summary())
    problems = report.all_problems
    if problems:
        print(summarize(problems))
    if any(r.status == "built" for r in report.results) or report.portal == "built":
        from kelurahan.publish.budget import report_lines  # walking every published file costs a no-op build 0.5 s
        print("\n".join(report_lines(Path(args.output), known=report.sizes,
                                     portal_known=report.portal_sizes)),
              file=sys.stderr)  # stdout: problems only
    return 1 if report.failed else 0


def cmd_check(args) -> int:
    from kelurahan.tools.check import check

    report = check(args.content, args.site, debug=args.debug)
    if args.format == "json":
        print(report.as_json(args.strict))
    else:
        if args.format == "github" and report.problems:
            print(report.github())
        else:
            _print_problems(report.problems)
        print(report.summary())
    return 1 if report.failed(args.strict) else 0


def cmd_new(args) -> int:
    from kelurahan.tools.new import new

    path = new(args.type, args.site, args.judul, args.content, args.pilar)
    print(path)
    print(f"Lengkapi berkas itu, lalu periksa: kelurahan check --site {args.site}", file=sys.stderr)
    return 0


def cmd_codeowners(args) -> int:
    from kelurahan.tools import codeowners

    if args.check:
        current = Path(args.output).read_text(encoding="utf-8") if Path(args.output).is_file() else ""
        if current != codeowners.render(args.content):
            print(f"{args.output}: tidak sesuai dengan kolom tim — jalankan: python -m kelurahan "
                  "codeowners", file=sys.stderr)
            return 1
        return 0
    print(codeowners.write(args.content, args.output))
    return 0


def cmd_serve(args) -> int:
    from kelurahan.tools.serve import serve

    return serve(args.content, args.output, args.site, args.port, editor=args.editor)


def cmd_merge(args) -> int:
    from kelurahan.city.build import build
    from kelurahan.content.registry import load_city
    from kelurahan.city.shard import collect

    problems = collect(load_city(args.content, args.content), [Path(p) for p in args.shards],
                       Path(args.output))
    _print_problems(problems)
    if any(p.is_error for p in problems):
        print(f"Penggabungan dibatalkan: {summarize(problems)}")
        return 1
    report = build(args.content, args.output, publish=args.publish, sites_too=False)
    _print_problems(report.problems)
    print(report.summary())
    return 1 if report.failed else 0


def cmd_verify(args) -> int:
    from kelurahan.content.registry import load_city
    from kelurahan.publish.verify import verify
    from kelurahan.site.addresses import publishing_base

    city = load_city(args.content, args.content)
    result = verify(args.output, city, publishing_base(city.data) if args.publish else "")
    _print_problems(result.problems)
    print(f"Verifikasi {len(result.files)} berkas: {summarize(result.problems)}")
    return 0 if result.ok else 1


def cmd_publish(args) -> int:
    from kelurahan.publish.targets import Refused, publish, remove_preview
    from kelurahan.site.addresses import PREVIEW_ENV, preview_number

    if args.hapus_pratinjau is not None:
        remove_preview(args.hapus_pratinjau, args.remote, args.branch)
        return 0
    if args.pratinjau is not None:
        os.environ[PREVIEW_ENV] = args.pratinjau  # the build's workers and the base read it
        preview_number()  # a number, or a usage error now
    try:
        publish(args.content, args.output, args.target, args.remote, args.branch, args.cname,
                args.dry_run, args.jobs, args.cache, args.message, built=args.tanpa_bangun,
                site_remote=args.remote_situs or None)  # "" (an unset CI variable): no split
    except Refused as exc:
        print(f"TIDAK DITERBITKAN: {exc}")
        return 1
    return 0


COMMANDS = {"build": cmd_build, "check": cmd_check, "new": cmd_new,
            "codeowners": cmd_codeowners, "serve": cmd_serve, "merge": cmd_merge,
            "verify": cmd_verify, "publish": cmd_publish}


def main(argv=None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"kelurahan: {exc}", file=sys.stderr)
        return 2
    except ContentError as exc:
        _print_problems(exc.problems, sys.stderr)
        return 1
    except KelurahanError as exc:
        print(f"kelurahan: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 — never a traceback
        if getattr(args, "debug", False):
            raise
        print(f"kelurahan: galat tak terduga ({type(exc).__name__}: {str(exc)[:200]}) — jalankan "
              "ulang dengan --debug dan laporkan ke tim kota", file=sys.stderr)
        return 1
