"""Command-line values shared by every command: dates, field lists, the output format.

A bad value is a UsageError (exit 2) whose message names the option and what is allowed, the same
whichever path read the command line. Light at import: the record machinery loads only when a value
needs it.
"""

from __future__ import annotations

from lunarfacts.cli.output import stdout_is_terminal
from lunarfacts.cli.spec import FIELDS, FORMAT, JSON, Kind, flag
from lunarfacts.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    from lunarfacts.cli.session import Session
    from lunarfacts.cli.spec import Command
    from lunarfacts.dates import PartialDate


def parse_date(value: str | None, option: str) -> PartialDate | None:
    if value is None:
        return None
    from lunarfacts.dates import PartialDate

    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


ALL_FIELDS = "all"  # --fields all: every field, in csv and tsv too


def parse_fields(
    value: str | None, record_type: str | None, valid: Sequence[str] | None = None
) -> list[str] | None:
    """`--fields a,b,c` as a list, each checked against `valid` (or the type's fields); `all` for every
    one of them; None when not given."""
    if value is None:
        return None
    option = FIELDS.names[0]
    names = [part.strip() for part in value.split(",") if part.strip()]
    if names == [ALL_FIELDS]:
        if valid is not None:
            return list(valid)
        from lunarfacts.rules import all_field_names

        return all_field_names(record_type)
    if not names:
        raise UsageError(f"{option}: give one or more field names, separated by commas")
    if valid is not None:
        for name in names:
            if name not in valid:
                raise UsageError(f"{option}: unknown field {name!r}; valid fields: {', '.join(valid)}")
        return names
    from lunarfacts.query import check_field

    return [check_field(record_type, name, option) for name in names]


def resolve_format(fmt: str | None, as_json: bool) -> str:
    """--json wins; then --format; then a table on a terminal and tsv in a pipe."""
    if as_json:
        if fmt is not None and fmt != "json":
            raise UsageError(
                f"{JSON.names[0]} and {FORMAT.names[0]} {fmt} ask for different formats; give one"
            )
        return "json"
    if fmt is not None:
        return fmt
    return "table" if stdout_is_terminal() else "tsv"


def parse_values(session: Session, command: Command, values: Mapping[str, Any]) -> dict[str, Any]:
    """Every option's value as the command uses it: a REF resolved to an id, a DATE to a PartialDate,
    a FIELD checked; the rest as given. A bad value is a usage error naming its option."""
    parsed = dict(values)
    for option in command.options:
        value = values.get(option.dest)
        if value is None:
            continue
        name = option.names[0]
        if option.kind == Kind.DATE:
            parsed[option.dest] = parse_date(value, name)
        elif option.kind == Kind.REF:
            parsed[option.dest] = session.resolve(value, option.types)[0]
        elif option.kind == Kind.FIELD:
            from lunarfacts.query import check_field

            parsed[option.dest] = check_field(
                command.fields if command.fields != "any" else None, value, name
            )
    return parsed


__all__ = ["flag", "parse_date", "parse_fields", "parse_values", "resolve_format"]
