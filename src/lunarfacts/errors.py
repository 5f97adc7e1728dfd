"""The error classes: one base with an exit code, and the located problems a fact file can have.

Imports nothing: every run loads this module, a warm `missions --json` included.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~10 ms); mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Iterable

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


class OutputError(LunarfactsError):
    """What a command was asked to write and cannot: a file that exists, a directory not writable,
    an optional extra not installed."""


class Severity:
    """How much a problem matters: an error makes the files unusable; a lint makes `check` fail but
    lets every other command run; a warning is only reported."""

    ERROR = "error"
    LINT = "lint"
    WARNING = "warning"


class Problem:
    """One thing wrong in a fact file, located as precisely as it can be."""

    __slots__ = ("field", "file", "line", "message", "record", "severity")

    def __init__(
        self,
        file: str,
        message: str,
        record: str | None = None,  # "programs[3]" or "programs[3] (artemis)"
        field: str | None = None,  # "sources[1].url"
        line: int | None = None,
        severity: str = Severity.ERROR,
    ) -> None:
        self.file = file
        self.message = message
        self.record = record
        self.field = field
        self.line = line
        self.severity = severity

    def _key(self) -> tuple[object, ...]:
        return (self.file, self.message, self.record, self.field, self.line, self.severity)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Problem{self._key()!r}"

    def __str__(self) -> str:
        from lunarfacts.escape import path_shown  # (a newline in a path would split the message)

        file = path_shown(self.file)
        where = file if self.line is None else f"{file}:{self.line}"
        parts = [where]
        if self.record is not None:
            parts.append(self.record)
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        head = "" if self.severity == Severity.ERROR else f"{self.severity}: "
        return f"{': '.join(parts)}: {head}{self.message}"


class DataError(LunarfactsError):
    """Fact files that cannot be used: every error found, not just the first (`problems`), and the
    lints and warnings found with them (`notes`, which `check` lists too)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        found = tuple(problems)
        self.problems = tuple(p for p in found if p.severity == Severity.ERROR)
        self.notes = tuple(p for p in found if p.severity != Severity.ERROR)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the fact files"
        lines = [head, *(f"  {p}" for p in self.problems)]
        lints = sum(1 for p in self.notes if p.severity == Severity.LINT)
        if lints:  # (warnings, which every base may have, are for `check` alone)
            lines.append(f"  (and {lints} lint{'s' if lints != 1 else ''}: `lunarfacts check` lists them)")
        super().__init__("\n".join(lines))
