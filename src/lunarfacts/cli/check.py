"""`check [FILE...]`: validate fact files and list every problem, located; exit 1 if any."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lunarfacts.cli import output
from lunarfacts.cli.options import FormatOpt, JsonOpt, resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.errors import EXIT_FAILURE, DataError, Problem
from lunarfacts.jsonout import format_rows
from lunarfacts.loader import Loaded, data_paths, load_facts
from lunarfacts.model import RecordType

PROBLEM_COLUMNS = ["file", "line", "record", "field", "message"]


def check(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Fact files to check on top of the bundled base (default: the bundled base and overlays).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Validate fact files: types, required fields, enums, ids, references, dates and sources."""
    session: Session = ctx.obj
    out_format = resolve_format(fmt, as_json)
    paths = data_paths([*session.overlays, *(files or [])])
    problems: tuple[Problem, ...] = ()
    loaded: Loaded | None = None
    try:
        loaded = load_facts(paths)
    except DataError as error:
        problems = error.problems
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
                "message": p.message,
            }
            for p in problems
        ]
        output.write(format_rows(rows, PROBLEM_COLUMNS, out_format, pretty=output.stdout_is_terminal()))
    if problems:
        raise typer.Exit(EXIT_FAILURE)


def _report_text(problems: tuple[Problem, ...], loaded: Loaded | None) -> None:
    if problems:
        output.write("".join(f"{problem}\n" for problem in problems))
        count = len(problems)
        output.note(f"{count} problem{'s' if count != 1 else ''} found")
        return
    assert loaded is not None
    counts = ", ".join(f"{len(loaded.base.of_type(t))} {t.plural}" for t in RecordType)
    files = len(loaded.files)
    output.write(
        f"ok: {len(loaded.base.records)} records ({counts}) in {files} file{'s' if files != 1 else ''}\n"
    )
