"""Problems found in content, and the exceptions that carry them.

Every problem a clerk sees is one line in Bahasa Indonesia:
``content/<slug>/<file>:<line>: <what is wrong> — <how to fix>``.
"""

from __future__ import annotations

import re
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
        return visible(f"{text} — {self.fix}" if self.fix else text)

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command (an annotation on its file and line)."""
        kind = {"error": "error", "warning": "warning", "info": "notice"}[self.level]
        where = f"file={_property(visible(self.path))}" + (f",line={self.line}" if self.line else "")
        text = visible(self.message + (f" — {self.fix}" if self.fix else ""))
        return f"::{kind} {where}::{_data(text)}"

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def is_error(self) -> bool:
        return self.level == "error"


# Characters that would break a one-line message or change how a terminal or a log shows it:
# controls (CR starts a new line or a new workflow command), line and paragraph separators, and
# the bidi controls that reorder what follows them.
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


def visible(text: str) -> str:
    """Text with every control, line separator and bidi control spelled out (\\r, \\x01, \\u202e)."""
    if not _UNSEEN.search(text):
        return text
    return _UNSEEN.sub(lambda m: _NAMED.get(m.group(0)) or (
        f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}"),
        text)


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (file=…): its message escaping, and : and , too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


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
