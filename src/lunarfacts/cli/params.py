"""Command-line values shared by every command: dates, field lists, the output format.

A bad value is a UsageError (exit 2) whose message names the option and what is allowed, the same
whichever path read the command line. Light at import: the record machinery loads only when a value
needs it.
"""

from __future__ import annotations

from lunarfacts.cli.output import stdout_is_terminal
from lunarfacts.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Sequence

    from lunarfacts.dates import PartialDate


def parse_date(value: str | None, option: str) -> PartialDate | None:
    if value is None:
        return None
    from lunarfacts.dates import PartialDate

    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


def parse_fields(
    value: str | None, record_type: str | None, valid: Sequence[str] | None = None
) -> list[str] | None:
    """`--fields a,b,c` as a list, each checked against `valid` (or the type's fields); None when not given."""
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
    from lunarfacts.query import check_field

    return [check_field(record_type, name, "--fields") for name in names]


def resolve_format(fmt: str | None, as_json: bool) -> str:
    """--json wins; then --format; then a table on a terminal and tsv in a pipe."""
    if as_json:
        if fmt is not None and fmt != "json":
            raise UsageError(f"--json and --format {fmt} ask for different formats; give one")
        return "json"
    if fmt is not None:
        return fmt
    return "table" if stdout_is_terminal() else "tsv"
