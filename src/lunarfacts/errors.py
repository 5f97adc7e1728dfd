"""The error classes: one base with an exit code, and the located problems a fact file can have.

Stdlib only.
"""

from collections.abc import Sequence
from typing import NamedTuple

EXIT_OK = 0
EXIT_FAILURE = 1  # a reference not found, `check` found problems, a fact file unreadable or invalid
EXIT_USAGE = 2  # a bad option or value
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT
EXIT_BROKEN_PIPE = 141  # stdout closed early, as a shell reports SIGPIPE


class LunarfactsError(Exception):
    """Every error the CLI turns into a message on stderr and an exit code."""

    exit_code = EXIT_FAILURE


class UsageError(LunarfactsError):
    """A bad option or value given on the command line."""

    exit_code = EXIT_USAGE


class RefError(LunarfactsError):
    """A REF that names no record, or more than one."""


class Problem(NamedTuple):
    """One thing wrong in a fact file, located as precisely as it can be."""

    file: str
    message: str
    record: str | None = None  # "programs[3]" or "programs[3] (artemis)"
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.record is not None:
            parts.append(self.record)
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        return f"{': '.join(parts)}: {self.message}"


class DataError(LunarfactsError):
    """A fact file that cannot be used: every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the fact files"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
