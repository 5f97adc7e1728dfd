"""Options shared by several commands, declared once, with their parsing and TAB completion."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from lunarfacts import completion
from lunarfacts.cli.output import stdout_is_terminal
from lunarfacts.errors import DataError, UsageError
from lunarfacts.jsonout import FORMATS
from lunarfacts.loader import FactBase, data_paths, load_facts
from lunarfacts.model import PartialDate, RecordType
from lunarfacts.query import check_field

OutputFormat = enum.Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]

_TYPE_BY_COMMAND = {t.plural: t for t in RecordType}


def command_type(ctx: typer.Context) -> RecordType | None:
    return _TYPE_BY_COMMAND.get(ctx.info_name or "")


def parse_date(value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _completion_base(ctx: typer.Context) -> FactBase | None:
    """The records completion offers: the bundled base plus any --data already on the line."""
    overlays = [str(p) for p in ctx.find_root().params.get("data") or []]
    try:
        return load_facts(data_paths(overlays)).base
    except DataError:
        return None


def _refs(ctx: typer.Context, incomplete: str, *types: RecordType) -> list[tuple[str, str]]:
    base = _completion_base(ctx)
    return [] if base is None else completion.ref_candidates(base, incomplete, types)


def complete_any_ref(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _refs(ctx, incomplete)


def complete_organization(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _refs(ctx, incomplete, RecordType.ORGANIZATION)


def complete_country(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _refs(ctx, incomplete, RecordType.COUNTRY)


def complete_program(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _refs(ctx, incomplete, RecordType.PROGRAM)


def complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    return completion.field_candidates(command_type(ctx), incomplete, multiple=True)


def complete_sort(ctx: typer.Context, incomplete: str) -> list[str]:
    return completion.field_candidates(command_type(ctx), incomplete, multiple=False)


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


def resolve_format(fmt: enum.Enum | None, as_json: bool) -> str:
    """--json wins; then --format; then a table on a terminal and tsv in a pipe."""
    if as_json:
        if fmt is not None and fmt.value != "json":
            raise UsageError(f"--json and --format {fmt.value} ask for different formats; give one")
        return "json"
    if fmt is not None:
        return str(fmt.value)
    return "table" if stdout_is_terminal() else "tsv"


FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (default: table on a terminal, tsv otherwise).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        help="Comma-separated fields to show, in order.",
        autocompletion=complete_fields,
        show_default=False,
    ),
]
SortOpt = Annotated[
    str | None,
    typer.Option(
        "--sort",
        help="Field to sort by (default: the record's date, then name).",
        autocompletion=complete_sort,
        show_default=False,
    ),
]
ReverseOpt = Annotated[bool, typer.Option("--reverse", help="Reverse the order.")]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", min=0, help="Show at most N records.", show_default=False)
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Only records dated in or after DATE (YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD).",
        show_default=False,
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", help="Only records dated in or before DATE.", show_default=False),
]
OrganizationOpt = Annotated[
    str | None,
    typer.Option(
        "--organization",
        help="Only records involving this organization (REF).",
        autocompletion=complete_organization,
        show_default=False,
    ),
]
CountryOpt = Annotated[
    str | None,
    typer.Option(
        "--country",
        help="Only records involving this country (REF).",
        autocompletion=complete_country,
        show_default=False,
    ),
]
ProgramOpt = Annotated[
    str | None,
    typer.Option(
        "--program",
        help="Only records of this programme (REF).",
        autocompletion=complete_program,
        show_default=False,
    ),
]
