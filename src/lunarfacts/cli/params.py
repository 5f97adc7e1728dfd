"""Command-line values shared by the Typer commands and the fast path: no Typer here.

A bad value is a UsageError (exit 2) whose message names the option and what is allowed.
"""

from __future__ import annotations

import enum

from lunarfacts.cli.output import stdout_is_terminal
from lunarfacts.errors import UsageError
from lunarfacts.model import FORMATS, PartialDate, RecordType
from lunarfacts.query import check_field

__all__ = ["FORMATS", "parse_date", "parse_fields", "resolve_format"]


def parse_date(value: str | None, option: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


def parse_fields(
    value: str | None, record_type: RecordType | None, valid: list[str] | None = None
) -> list[str] | None:
    """`--fields a,b,c` as a list, each checked; None when not given."""
    if value is None:
        return None
    names = [part.strip() for part in value.split(",") if part.strip()]
    if not names:
        raise UsageError("--fields: give one or more field names, separated by commas")
    if valid is not None:
        for name in names:
            if name not in valid:
                raise UsageError(f"--fields: unknown field {name!r}; valid fields: {', '.join(valid)}")
        return names
    return [check_field(record_type, name, "--fields") for name in names]


def resolve_format(fmt: str | enum.Enum | None, as_json: bool) -> str:
    """--json wins; then --format; then a table on a terminal and tsv in a pipe."""
    fmt = None if fmt is None else str(getattr(fmt, "value", fmt))
    if as_json:
        if fmt is not None and fmt != "json":
            raise UsageError(f"--json and --format {fmt} ask for different formats; give one")
        return "json"
    if fmt is not None:
        return fmt
    return "table" if stdout_is_terminal() else "tsv"
