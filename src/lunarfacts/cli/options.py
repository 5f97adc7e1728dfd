"""Options shared by several commands, declared once, with their parsing and TAB completion."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from lunarfacts.cache import cache_disabled, load_with_cache
from lunarfacts.cli.params import parse_date as check_date
from lunarfacts.cli.params import parse_fields, resolve_format
from lunarfacts.errors import DataError
from lunarfacts.loader import FactBase, data_paths, load_facts
from lunarfacts.model import FORMATS, PartialDate, RecordType
from lunarfacts.query import ref_key

OutputFormat = enum.Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]

_TYPE_BY_COMMAND = {t.plural: t for t in RecordType}

__all__ = ["parse_fields", "resolve_format"]  # re-exported for the command modules


def parse_date(value: str | None, option: str = "--as-of") -> PartialDate | None:
    """For `--as-of`: a bad date is Typer's usage error, raised while parsing, naming the option."""
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None


def _check_date(param: typer.CallbackParam, value: str | None) -> str | None:
    """--since/--until checked as they are parsed, so that every command's error names the option
    (the commands parse the text again, with the same message on the fast path)."""
    check_date(value, param.opts[0])
    return value


def _check_ref(value: str | None) -> str | None:
    """A REF option with no letters or digits fails as it would in `show`, wherever it is given:
    a command that tests the option for truth must not read `--country ""` as no filter at all."""
    if value is not None:
        ref_key(value)
    return value


def format_value(fmt: enum.Enum | None) -> str | None:
    return None if fmt is None else str(fmt.value)


def command_type(ctx: typer.Context) -> RecordType | None:
    return _TYPE_BY_COMMAND.get(ctx.info_name or "")


def _completion_base(ctx: typer.Context) -> FactBase | None:
    """The records completion offers: the bundled base plus any --data already on the line."""
    overlays = [str(p) for p in ctx.find_root().params.get("data") or []]
    try:
        return load_with_cache(data_paths(overlays), load_facts, not cache_disabled()).base
    except DataError:
        return None


def _refs(ctx: typer.Context, incomplete: str, *types: RecordType) -> list[tuple[str, str]]:
    from lunarfacts import completion

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
    from lunarfacts import completion

    return completion.field_candidates(command_type(ctx), incomplete, multiple=True)


def complete_sort(ctx: typer.Context, incomplete: str) -> list[str]:
    from lunarfacts import completion

    return completion.field_candidates(command_type(ctx), incomplete, multiple=False)


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
        callback=_check_date,
        show_default=False,
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until", help="Only records dated in or before DATE.", callback=_check_date, show_default=False
    ),
]
OrganizationOpt = Annotated[
    str | None,
    typer.Option(
        "--organization",
        help="Only records involving this organization (REF).",
        autocompletion=complete_organization,
        callback=_check_ref,
        show_default=False,
    ),
]
CountryOpt = Annotated[
    str | None,
    typer.Option(
        "--country",
        help="Only records involving this country (REF).",
        autocompletion=complete_country,
        callback=_check_ref,
        show_default=False,
    ),
]
ProgramOpt = Annotated[
    str | None,
    typer.Option(
        "--program",
        help="Only records of this programme (REF).",
        autocompletion=complete_program,
        callback=_check_ref,
        show_default=False,
    ),
]
