"""Budget files: content/<slug>/anggaran/<tahun>.yaml|.yml|.csv, read forgivingly, every
problem with its file, line and fix (kelurahan/content/schema/anggaran.py describes the fields).

A YAML file is either a list of rows, or a mapping with the file-level fields (tahun, sumber,
per_tanggal, contoh) and the rows under ``kegiatan`` (or ``rows``). A CSV file is what a
spreadsheet exports: comma or semicolon (Indonesian Excel), with or without a UTF-8 byte order
mark, UTF-8 or Windows-1252; its header row names the columns, and rows above the header may
hold ``kunci;nilai`` pairs of the file-level fields. Column and key names are compared loosely
("Sumber Dana" = "sumber_dana", "Pagu (Rp)" = "pagu"); amounts may be written 125000000,
125.000.000, Rp 125.000.000 or 125.000.000,00; a pillar by its key or either of its names.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kelurahan.content.frontmatter import (MAX_BYTES, _bounded, _Loader, _node_lines,
                                           bad_characters, read_bytes)
from kelurahan.content.schema.anggaran import FILE_FIELDS, FOLDER, ROW_FIELDS, SUFFIXES
from kelurahan.content.schema.fields import Field, Invalid, YEARS
from kelurahan.content.schema.pilar import PILAR, PILAR_BY_KEY
from kelurahan.content.tree import allowed
from kelurahan.errors import ContentError, Problem

TANPA_PILAR = "Tanpa pilar"
TANPA_SUMBER = "Tidak disebutkan"
MAX_ROWS = 2000  # rows of one year; a longer table is not a kelurahan's budget but a mistake


class _BudgetLoader(_Loader):
    """The content loader, leaving numbers with a point or comma as text: ``pagu: 125.000``
    is a hundred and twenty-five thousand rupiah to a clerk, and 125.0 to YAML."""


_BudgetLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:float"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


@dataclass
class Budget:
    """One year's budget of one kelurahan, validated."""

    tahun: int
    path: str  # as a clerk sees it: content/<slug>/anggaran/2026.csv
    format: str  # "yaml" or "csv"
    rows: list[dict] = field(default_factory=list)
    sumber: str = ""
    per_tanggal: dt.date | None = None
    contoh: bool = False


def key_name(text) -> str:
    """A column or key name compared loosely: 'Sumber Dana' → sumber_dana, 'Pagu (Rp)' → pagu."""
    text = re.sub(r"\((?:rp|idr|rupiah)\.?\)|\b(?:rp|idr)\.?$", "", str(text).strip().lower())
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


def _names(fields) -> dict[str, Field]:
    out = {}
    for f in fields:
        for name in (f.name, *f.aliases):
            out[key_name(name)] = f
    return out


ROW_NAMES = _names(ROW_FIELDS)
FILE_NAMES = _names(FILE_FIELDS)
IGNORED_COLUMNS = {"no", "nomor", "no_urut", "kode", "kode_rekening"}  # a spreadsheet's own columns
_TOTAL = re.compile(r"^(?:jumlah|total|sub\s*-?\s*total|grand\s*total)\b", re.I)


def rupiah_text(value: int) -> str:
    """'Rp125.000.000', for messages (the pages use kelurahan/site/format.py)."""
    return "Rp" + f"{value:,}".replace(",", ".")


def amount(value, name: str) -> int:
    """A rupiah amount as a clerk or a spreadsheet writes it, or Invalid."""
    if isinstance(value, bool):
        raise Invalid(f'{name} "{value}" bukan angka rupiah', _amount_fix(name))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise Invalid(f"{name} tidak boleh negatif ({value})", _amount_fix(name))
        return value
    raw = str(value).strip()
    text = re.sub(r"[\s\u00a0\u202f]+", "", raw)
    text = re.sub(r"^(?:rp\.?|idr)", "", text, flags=re.I)
    text = re.sub(r",-+$|\.-+$", "", text)  # "Rp 125.000,-"
    if text.startswith(("-", "(", "−")):
        raise Invalid(f'{name} tidak boleh negatif ("{raw}")', _amount_fix(name))
    cents = ""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", text):  # 125.000.000,00
        whole, _, cents = text.partition(",")
        whole = whole.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", text):  # 125,000,000.00 (English)
        whole, _, cents = text.partition(".")
        whole = whole.replace(",", "")
    elif re.fullmatch(r"\d+(?:[.,]\d{1,2})?", text):  # 125000000 or 125000000,00
        whole, _, cents = text.replace(",", ".").partition(".")
    else:
        raise Invalid(f'{name} "{raw}" bukan angka rupiah', _amount_fix(name))
    if cents.strip("0"):
        raise Invalid(f'{name} "{raw}" memuat sen', "tulis rupiah bulat, tanpa angka di belakang "
                      "koma, misalnya 125.000.000")
    return int(whole)


def _amount_fix(name: str) -> str:
    return f"tulis {name} sebagai angka rupiah saja, misalnya 125000000 atau 125.000.000"


def _pilar(value) -> str:
    """A pillar's key from its key or a name (any case); Invalid with a suggestion otherwise."""
    f = next(f for f in ROW_FIELDS if f.name == "pilar")
    try:
        return f.coerce(value, "pilar")
    except Invalid:
        text = str(value).strip()
        names = {p.key: p.key for p in PILAR}
        names.update({name.lower(): key for name, key in f.choice_names})
        guess = difflib.get_close_matches(text.lower(), list(names), n=1, cutoff=0.6)
        choices = ", ".join(f"{p.key} ({p.label})" for p in PILAR)
        fix = (f"maksudnya {PILAR_BY_KEY[names[guess[0]]].name} ({names[guess[0]]})? "
               if guess else "") + f"pilih salah satu: {choices}, atau kosongkan"
        raise Invalid(f'pilar "{text}" tidak dikenal', fix) from None


# --- one row, one file -------------------------------------------------------------------------

def _row(raw: dict, lines: dict[str, int], line: int, shown: str, where: str,
         csv_file: bool) -> tuple[dict | None, list[Problem]]:
    """One validated row (with its line), or None if it has an error; its problems.
    ``raw`` maps the names as written to values; ``lines`` the names to their lines."""
    problems: list[Problem] = []
    values: dict = {}
    ok = True

    def problem(message, fix, key="", level="error"):
        nonlocal ok
        ok = ok and level != "error"
        problems.append(Problem(shown, f"{where}: {message}" if where else message, fix, lines.get(key, line), level,
                                "kegiatan"))

    for key, value in raw.items():
        f = ROW_NAMES.get(key_name(key))
        if f is None:
            if key_name(key) not in IGNORED_COLUMNS and not csv_file:
                guess = difflib.get_close_matches(key_name(key), list(ROW_NAMES), n=1, cutoff=0.6)
                problem(f'kunci "{key}" tidak dikenal dan diabaikan',
                        f"maksudnya {ROW_NAMES[guess[0]].name}?" if guess else
                        "kunci yang dikenal: " + ", ".join(f.name for f in ROW_FIELDS), key,
                        "warning")
            continue
        if f.name in values:
            problem(f'{f.name} ditulis dua kali', f"hapus salah satu {f.name}", key)
            continue
        if value is None or str(value).strip() == "":
            continue
        try:
            if f.name in ("pagu", "realisasi"):
                values[f.name] = amount(value, f.name)
            elif f.name == "pilar":
                values[f.name] = _pilar(value)
            else:
                values[f.name] = " ".join(f.coerce(value, f.name).split())
        except Invalid as exc:
            problem(exc.message, exc.fix, key)
            values[f.name] = None
            continue
        if f.max_length and len(values[f.name]) > f.max_length:
            problem(f"{f.name} terlalu panjang ({len(values[f.name])} karakter, paling banyak "
                    f"{f.max_length})", "persingkat; rinciannya cukup di dokumen anggaran", key,
                    "warning")
    for f in ROW_FIELDS:
        if f.required and f.name not in values:
            problem(f"{f.name} wajib diisi",
                    (f"isi kolom {f.name}" if csv_file else f"tambahkan {f.name}: … pada "
                     "kegiatan ini") + f", misalnya {f.example}")
    pagu, realisasi = values.get("pagu"), values.get("realisasi")
    if pagu is not None and realisasi is not None and realisasi > pagu:
        problem(f"realisasi ({rupiah_text(realisasi)}) melebihi pagu ({rupiah_text(pagu)})",
                "periksa kedua angka: realisasi biasanya tidak melebihi pagu", "realisasi",
                "warning")
    if not ok:
        return None, problems
    return {k: v for k, v in values.items() if v is not None} | {"baris": line}, problems


def _file_values(raw: dict, lines: dict[str, int], shown: str) -> tuple[dict, list[Problem]]:
    """The file-level fields (tahun, sumber, per_tanggal, contoh)."""
    values, problems = {}, []
    for key, value in raw.items():
        f = FILE_NAMES.get(key_name(key))
        line = lines.get(key, 1)
        if f is None:
            guess = difflib.get_close_matches(key_name(key), list(FILE_NAMES) + ["kegiatan"], n=1,
                                              cutoff=0.6)
            problems.append(Problem(shown, f'kunci "{key}" tidak dikenal dan diabaikan',
                                    f"maksudnya {FILE_NAMES[guess[0]].name if guess[0] in FILE_NAMES else guess[0]}?"
                                    if guess else "kunci yang dikenal: " + ", ".join(
                                        f.name for f in FILE_FIELDS) + ", kegiatan", line,
                                    "warning", key))
            continue
        if value is None or str(value).strip() == "":
            continue
        try:
            values[f.name] = f.coerce(value, f.name)
            if f.kind == "text":
                values[f.name] = " ".join(values[f.name].split())
        except Invalid as exc:
            problems.append(Problem(shown, exc.message, exc.fix, line, "error", f.name))
    return values, problems


def year_of(path: Path) -> int | None:
    """The year a file's name gives: 2026.yaml, anggaran-2026.csv, APBD 2026.csv."""
    found = re.findall(r"(?<!\d)(\d{4})(?!\d)", path.stem)
    years = [int(y) for y in found if YEARS[0] <= int(y) <= YEARS[1]]
    return years[0] if len(years) == 1 else None


def _decode(data: bytes, shown: str) -> tuple[str, list[Problem]]:
    """UTF-8 (with or without BOM); else Windows-1252, as Excel saves "CSV" on Windows."""
    if not data.strip():
        raise ContentError([Problem(shown, "berkas anggaran kosong",
                                    "isi dengan baris-baris anggaran (lihat contoh di panduan "
                                    "docs/panduan/anggaran.md) atau hapus berkas ini", 1)])
    if b"\x00" in data[:8192]:
        raise ContentError([Problem(shown, "berkas ini bukan teks (mungkin berkas .xlsx yang "
                                    "diganti namanya)", "di spreadsheet pilih Simpan Sebagai → "
                                    "CSV, lalu simpan di folder anggaran/")])
    try:
        text, problems = data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        problems = [Problem(shown, "berkas tidak tersimpan sebagai UTF-8; dibaca sebagai "
                            "Windows-1252", "simpan ulang sebagai \"CSV UTF-8\" agar huruf khusus "
                            "tidak berubah", line, "warning")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = bad_characters(text, shown)
    if found:
        raise ContentError(found)
    return text, problems


def read_yaml(text: str, shown: str):
    """(file-level raw values, [(row, lines of its keys, its line, where)], problems, lines of
    the file-level keys)."""
    try:
        _bounded(text, shown)
        loader = _BudgetLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        raise ContentError([Problem(shown, "berkas anggaran tidak bisa dibaca (YAML salah)",
                                    "periksa titik dua setelah setiap kunci, tanda - di awal "
                                    "setiap kegiatan, dan indentasi dengan spasi",
                                    mark.line + 1 if mark else 1)]) from None
    lines: dict[str, int] = {}
    twice: list[Problem] = []
    if node is not None:
        _node_lines(node, "", lines, shown, twice)
    if twice:
        raise ContentError(twice)
    head, prefix = {}, ""
    if isinstance(data, dict):
        key = next((k for k in data if key_name(k) in ("kegiatan", "rows", "baris", "rincian")),
                   None)
        rows = data.get(key) if key is not None else None
        head = {k: v for k, v in data.items() if k != key}
        prefix = f"{key}." if key is not None else ""
        if key is None or rows is None:
            raise ContentError([Problem(shown, "daftar kegiatan tidak ditemukan",
                                        "tulis kegiatan: lalu setiap kegiatan pada baris "
                                        "berikutnya, diawali - kegiatan: …", 1)])
    else:
        rows = data
    if not isinstance(rows, list):
        raise ContentError([Problem(shown, "kegiatan harus berupa daftar",
                                    "tulis setiap kegiatan pada barisnya sendiri, diawali "
                                    "- kegiatan: …", lines.get(prefix.rstrip("."), 1))])
    out, problems = [], []
    for index, row in enumerate(rows):
        line = lines.get(f"{prefix}{index}", 1)
        where = f"kegiatan ke-{index + 1}"
        if not isinstance(row, dict):
            problems.append(Problem(shown, f"{where} harus berisi kunci kegiatan, pilar, "
                                    "sumber_dana, pagu, realisasi", "tulis misalnya - kegiatan: "
                                    "Kerja bakti, lalu pagu: 1500000 di baris berikutnya", line))
            continue
        row_lines = {str(k): lines.get(f"{prefix}{index}.{k}", line) for k in row}
        out.append(({str(k): v for k, v in row.items()}, row_lines, line, where))
    return {str(k): v for k, v in head.items()}, out, problems, lines


def read_csv(text: str, shown: str):
    """(file-level raw values, [(row, lines, line, where)], problems, lines of the values)."""
    for delimiter in (";", ",", "\t"):
        records = _records(text, delimiter)
        header = next((i for i, (_, cells) in enumerate(records) if _is_header(cells)), None)
        if header is not None:
            break
    else:
        raise ContentError([Problem(shown, "baris judul kolom tidak ditemukan",
                                    "baris pertama tabel harus berisi nama kolom, paling sedikit "
                                    "kegiatan dan pagu, misalnya kegiatan;pilar;sumber_dana;pagu;"
                                    "realisasi", 1)])
    head, head_lines, problems = {}, {}, []
    for line, cells in records[:header]:  # tahun;2026 above the table; a title row is ignored
        cells = [c.strip() for c in cells]
        if cells and key_name(cells[0]) in FILE_NAMES and len(cells) > 1:
            head[cells[0]] = next((c for c in cells[1:] if c), "")
            head_lines[cells[0]] = line
    header_line, names = records[header]
    columns = []
    for index, name in enumerate(names):
        f = ROW_NAMES.get(key_name(name))
        if f is None and name.strip() and key_name(name) not in IGNORED_COLUMNS:
            guess = difflib.get_close_matches(key_name(name), list(ROW_NAMES), n=1, cutoff=0.6)
            problems.append(Problem(shown, f'kolom "{name.strip()}" tidak dikenal dan diabaikan',
                                    f"maksudnya {ROW_NAMES[guess[0]].name}?" if guess else
                                    "kolom yang dikenal: " + ", ".join(f.name for f in ROW_FIELDS),
                                    header_line, "warning"))
        columns.append(name.strip() if f else None)
    out = []
    for line, cells in records[header + 1:]:
        if not any(c.strip() for c in cells):
            continue
        first = next(c.strip() for c in cells if c.strip())
        if _TOTAL.match(first):
            problems.append(Problem(shown, f'baris "{first}" dianggap baris jumlah dan diabaikan',
                                    "situs menjumlahkan sendiri; hapus baris ini agar tidak "
                                    "terhitung dua kali", line, "info"))
            continue
        row = {name: cell for name, cell in zip(columns, cells) if name}
        out.append((row, {}, line, ""))
    return head, out, problems, head_lines


def _records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Every CSV record with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out, start = [], 1
    try:
        for cells in reader:
            out.append((start, cells))
            start = reader.line_num + 1
    except csv.Error:
        pass  # a broken quote: the rows up to it are used, the header search decides
    return out


def _is_header(cells: list[str]) -> bool:
    found = {ROW_NAMES[key_name(c)].name for c in cells if key_name(c) in ROW_NAMES}
    return {"kegiatan", "pagu"} <= found


def read_file(path: Path, shown: str) -> tuple[Budget | None, list[Problem]]:
    """One budget file: the Budget (None if it has an error) and every problem."""
    try:
        text, problems = _decode(read_bytes(path, shown, MAX_BYTES), shown)
        is_csv = path.suffix.lower() == ".csv"
        head, rows, found, head_lines = (read_csv if is_csv else read_yaml)(text, shown)
    except ContentError as exc:
        return None, exc.problems
    problems += found
    values, found = _file_values(head, head_lines, shown)
    problems += found
    named = year_of(path)
    tahun = values.get("tahun") or named
    if tahun is None:
        problems.append(Problem(shown, "tahun anggaran tidak diketahui",
                                "beri nama berkas tahunnya, misalnya anggaran/2026.csv, atau "
                                "tulis tahun: 2026", 1))
    elif named and values.get("tahun") and values["tahun"] != named:
        line = next((head_lines[k] for k in head if key_name(k) == "tahun"), 1)
        problems.append(Problem(shown, f"tahun {values['tahun']} berbeda dengan nama berkas "
                                f"({path.name})", f"samakan keduanya, misalnya ganti nama berkas "
                                f"menjadi {values['tahun']}{path.suffix.lower()}", line))
    elif not YEARS[0] <= tahun <= YEARS[1]:
        problems.append(Problem(shown, f"tahun {tahun} di luar rentang {YEARS[0]}–{YEARS[1]}",
                                "periksa tahunnya, misalnya tahun: 2026", 1))
    budget_rows = []
    for row, lines, line, where in rows[:MAX_ROWS]:
        checked, found = _row(row, lines, line, shown, where, is_csv)
        problems += found
        if checked is not None:
            budget_rows.append(checked)
    if len(rows) > MAX_ROWS:
        problems.append(Problem(shown, f"terlalu banyak kegiatan ({len(rows)}, paling banyak "
                                f"{MAX_ROWS})", "ringkas rinciannya per kegiatan", 1))
    if not rows:
        problems.append(Problem(shown, "berkas anggaran tidak berisi kegiatan",
                                "tambahkan paling sedikit satu baris kegiatan dengan pagunya", 1))
    if any(p.is_error for p in problems):
        return None, problems
    when = values.get("per_tanggal")
    return Budget(tahun, shown, "csv" if is_csv else "yaml", budget_rows,
                  values.get("sumber", ""), when.date() if when else None,
                  bool(values.get("contoh", False))), problems


def files(folder: Path) -> list[Path]:
    """The budget files of one kelurahan folder, by name."""
    root = Path(folder) / FOLDER
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir()
                  if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "_"))
                  and allowed(Path(folder), p))


def load_site(folder: Path, shown: str) -> tuple[list[Budget], list[Problem]]:
    """Every budget of one kelurahan, newest year first, and every problem (a year written in
    two files is an error of both)."""
    budgets, problems = [], []
    for path in files(folder):
        budget, found = read_file(path, f"{shown}/{FOLDER}/{path.name}")
        problems += found
        if budget is not None:
            budgets.append(budget)
    by_year: dict[int, list[Budget]] = {}
    for budget in budgets:
        by_year.setdefault(budget.tahun, []).append(budget)
    for tahun, same in by_year.items():
        if len(same) > 1:
            for budget in same:
                others = ", ".join(b.path.rsplit("/", 2)[-2] + "/" + b.path.rsplit("/", 1)[-1]
                                   for b in same if b is not budget)
                problems.append(Problem(budget.path, f"anggaran tahun {tahun} juga ditulis di "
                                        f"{others}", "simpan satu berkas per tahun: gabungkan "
                                        "isinya lalu hapus berkas yang lain", 1))
    good = [b for b in budgets if len(by_year[b.tahun]) == 1]
    return sorted(good, key=lambda b: b.tahun, reverse=True), problems


# --- totals ----------------------------------------------------------------------------------

def _sum(rows: list[dict]) -> dict:
    pagu = sum(r["pagu"] for r in rows)
    known = [r["realisasi"] for r in rows if "realisasi" in r]
    realisasi = sum(known) if known else None  # no figure yet: shown as "–", not Rp0
    return {"pagu": pagu, "realisasi": realisasi, "kegiatan": len(rows),
            "persen": round(100 * realisasi / pagu, 1) if pagu and known else None}


def totals(rows: list[dict]) -> dict:
    """Grand total, per pillar (in the programme's order, rows without one last) and per
    source of funds (first spelling kept, compared without case): pagu, realisasi, persen."""
    by_pilar = []
    for p in PILAR:
        mine = [r for r in rows if r.get("pilar") == p.key]
        if mine:
            by_pilar.append({"pilar": p.key, "label": p.label, **_sum(mine)})
    rest = [r for r in rows if not r.get("pilar")]
    if rest:
        by_pilar.append({"pilar": None, "label": TANPA_PILAR, **_sum(rest)})
    groups: dict[str, list] = {}
    names: dict[str, str] = {}
    for r in rows:
        name = r.get("sumber_dana") or TANPA_SUMBER
        names.setdefault(name.lower(), name)
        groups.setdefault(name.lower(), []).append(r)
    by_source = [{"sumber_dana": names[k], **_sum(v)} for k, v in groups.items()]
    by_source.sort(key=lambda s: (s["sumber_dana"] == TANPA_SUMBER, -s["pagu"], s["sumber_dana"]))
    return {**_sum(rows), "ada_realisasi": any("realisasi" in r for r in rows),
            "pilar": by_pilar, "sumber_dana": by_source}
