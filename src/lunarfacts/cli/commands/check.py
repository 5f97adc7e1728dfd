"""`check [FILE...]`: validate fact files and list every problem, located; exit 1 if any."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lunarfacts.cli import output
from lunarfacts.cli.params import resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command
from lunarfacts.errors import EXIT_FAILURE, DataError, Problem, Severity
from lunarfacts.files import data_paths
from lunarfacts.jsonout import format_rows
from lunarfacts.loader import load_facts
from lunarfacts.model import Loaded
from lunarfacts.rules import TYPES

PROBLEM_COLUMNS = ["file", "line", "record", "field", "severity", "message"]


def run_check(session: Session, command: Command, values: Mapping[str, Any]) -> int:
    """Exit 1 when anything but a warning is found: errors and lints fail `check`."""
    fmt, as_json = values["fmt"], values["as_json"]
    out_format = resolve_format(fmt, as_json)
    paths = data_paths([*session.overlays, *values["files"]])
    problems: tuple[Problem, ...] = ()
    loaded: Loaded | None = None
    try:
        loaded = load_facts(paths)
        problems = loaded.notes
    except DataError as error:
        problems = (*error.problems, *error.notes)
    if values["files"]:  # files named to check: their lints and warnings, not the base's under them
        named = {str(path) for path in values["files"]}
        problems = tuple(p for p in problems if p.severity == Severity.ERROR or p.file in named)
    for replacement in loaded.replacements if loaded else ():  # a note, in every format
        output.note(
            f"{replacement.new_file}: {replacement.id!r} replaces the record from {replacement.old_file}"
        )
    # Lines for people unless a machine format was asked for by name.
    if out_format == "table" or (fmt is None and not as_json):
        _report_text(problems, loaded)
    else:
        rows = [
            {
                "file": p.file,
                "line": p.line,
                "record": p.record,
                "field": p.field,
                "severity": p.severity,
                "message": p.message,
            }
            for p in problems
        ]
        output.write(format_rows(rows, PROBLEM_COLUMNS, out_format, pretty=output.stdout_is_terminal()))
    failing = [p for p in problems if p.severity != Severity.WARNING]
    return EXIT_FAILURE if failing else 0


def _report_text(problems: Sequence[Problem], loaded: Loaded | None) -> None:
    if problems:
        output.write("".join(f"{problem}\n" for problem in problems))
        output.note(_tally(problems))
    if loaded is None:
        return
    numbers = {name: len(loaded.base.of_type(name)) for name in TYPES}
    counts = ", ".join(f"{n} {TYPES[name].plural if n != 1 else name}" for name, n in numbers.items())
    files = len(loaded.files)
    summary = f"{len(loaded.base.records)} records ({counts}) in {files} file{'s' if files != 1 else ''}"
    failing = any(p.severity != Severity.WARNING for p in problems)
    output.write(f"{'loaded' if failing else 'ok'}: {summary}\n")


def _tally(problems: Sequence[Problem]) -> str:
    """Each severity counted, in the order they matter: "2 errors, 28 warnings found"."""
    counts = dict.fromkeys((Severity.ERROR, Severity.LINT, Severity.WARNING), 0)
    for problem in problems:
        counts[problem.severity] = counts.get(problem.severity, 0) + 1
    said = [f"{n} {severity}{'s' if n != 1 else ''}" for severity, n in counts.items() if n]
    return f"{', '.join(said)} found"
