"""Problems found in content, and the exceptions that carry them.

Every problem a clerk sees is one line in Bahasa Indonesia:
``content/<slug>/<file>:<line>: <what is wrong> — <how to fix>``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

LEVELS = ("error", "warning", "info")
LEVEL_LABELS = {"error": "", "warning": "peringatan: ", "info": "info: "}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at one line if known."""

    path: str
    message: str
    fix: str = ""
    line: int | None = None
    level: str = "error"
    field: str = ""
    site: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {LEVEL_LABELS[self.level]}{self.message}"
        return f"{text} — {self.fix}" if self.fix else text

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def is_error(self) -> bool:
        return self.level == "error"


class KelurahanError(Exception):
    """Base of every error the command line turns into a message instead of a traceback."""


class ContentError(KelurahanError):
    """A content file (or several) cannot be used; carries the problems found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class UsageError(KelurahanError):
    """The command was called wrongly (exit status 2)."""


def summarize(problems: list[Problem]) -> str:
    """One Indonesian summary line: how many errors, warnings and notes."""
    counts = {level: sum(1 for p in problems if p.level == level) for level in LEVELS}
    return f"{counts['error']} galat, {counts['warning']} peringatan, {counts['info']} info"


def distinct(problems: list[Problem], key=None) -> list[Problem]:
    """Problems without repeats, in their first order; ``key`` says which are the same (default:
    equal in every field)."""
    seen, out = set(), []
    for problem in problems:
        mark = problem if key is None else key(problem)
        if mark not in seen:
            seen.add(mark)
            out.append(problem)
    return out
