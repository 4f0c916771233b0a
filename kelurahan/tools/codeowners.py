""".github/CODEOWNERS from the registry: each kelurahan's folder belongs to its own team.

`content/<slug>/` is owned by the `tim` of that kelurahan.toml; everything else (code, theme,
content/kota.toml) by the `tim` of kota.toml. With branch protection ("Require review from Code
Owners") a kelurahan can only change its own folder, and nothing reaches main without review.
Regenerate with `python -m kelurahan codeowners` (or `make codeowners`).
"""

from __future__ import annotations

from pathlib import Path

from kelurahan.content.registry import load_city
from kelurahan.errors import ContentError, Problem

HEADER = """\
# Dibuat otomatis oleh `python -m kelurahan codeowners` dari content/kota.toml dan
# content/<slug>/kelurahan.toml (kunci `tim`). Jangan diubah dengan tangan: ubah `tim` lalu
# jalankan ulang perintah itu. Aturan yang lebih bawah menang (GitHub CODEOWNERS).
"""


def render(content: Path | str = "content") -> str:
    """The CODEOWNERS text for the city under ``content``; raises if a team is missing."""
    content = Path(content)
    city = load_city(content, str(content))
    prefix = content.as_posix().strip("/")
    city_team = city.data.get("tim")
    problems = []
    if not city_team:
        problems.append(Problem(f"{city.shown}/kota.toml", "tim kota belum diisi",
                                'tambahkan tim = "@organisasi/tim-kota" (tim GitHub pengelola kode)'))
    lines = [HEADER, "# Kode, tema, dan pengaturan bersama: tim kota.", f"* {city_team}", ""]
    lines.append("# Setiap kelurahan hanya folder kontennya sendiri (tim kota ikut meninjau).")
    for site in city.sites:
        team = site.data.get("tim")
        if not team:
            problems.append(Problem(f"{site.shown}/kelurahan.toml", "tim kelurahan belum diisi",
                                    f'tambahkan tim = "@organisasi/{site.slug}"'))
            continue
        lines.append(f"/{prefix}/{site.slug}/ {team} {city_team}")
    lines += ["", "# Identitas kota hanya oleh tim kota.", f"/{prefix}/kota.toml {city_team}", ""]
    if problems:
        raise ContentError(problems)
    return "\n".join(lines)


def write(content: Path | str = "content", target: Path | str = ".github/CODEOWNERS") -> Path:
    """Write the generated file (creating .github/) and return its path."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(content), encoding="utf-8")
    return target
