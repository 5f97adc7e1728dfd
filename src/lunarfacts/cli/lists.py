"""The five list commands: programs, missions, organizations, countries, agreements."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import typer

from lunarfacts.cli import run
from lunarfacts.cli.options import (
    CountryOpt,
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    LimitOpt,
    OrganizationOpt,
    ProgramOpt,
    ReverseOpt,
    SinceOpt,
    SortOpt,
    UntilOpt,
    format_value,
)
from lunarfacts.cli.session import Session
from lunarfacts.model import (
    AgreementKind,
    MissionKind,
    MissionStatus,
    OrganizationKind,
    ProgramKind,
    ProgramStatus,
    RecordType,
)


def run_list(
    ctx: typer.Context, record_type: RecordType, *, fmt: enum.Enum | None = None, **options: Any
) -> None:
    session: Session = ctx.obj
    run.run_list(session, record_type, fmt=format_value(fmt), **options)


def _value(choice: object) -> str | None:
    return None if choice is None else str(getattr(choice, "value", choice))


def programs(
    ctx: typer.Context,
    status: Annotated[
        ProgramStatus | None,
        typer.Option(help="Only programmes with this status.", show_default=False),
    ] = None,
    kind: Annotated[
        ProgramKind | None, typer.Option(help="Only programmes of this kind.", show_default=False)
    ] = None,
    organization: OrganizationOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    sort: SortOpt = None,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List lunar programmes (dated by start_date)."""
    run_list(
        ctx,
        RecordType.PROGRAM,
        status=_value(status),
        kind=_value(kind),
        organization=organization,
        country=country,
        since=since,
        until=until,
        sort=sort,
        reverse=reverse,
        limit=limit,
        fields=fields,
        fmt=fmt,
        as_json=as_json,
    )


def missions(
    ctx: typer.Context,
    status: Annotated[
        MissionStatus | None,
        typer.Option(help="Only missions with this status.", show_default=False),
    ] = None,
    kind: Annotated[
        MissionKind | None, typer.Option(help="Only missions of this kind.", show_default=False)
    ] = None,
    organization: OrganizationOpt = None,
    country: CountryOpt = None,
    program: ProgramOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    sort: SortOpt = None,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List missions (dated by launch_date)."""
    run_list(
        ctx,
        RecordType.MISSION,
        status=_value(status),
        kind=_value(kind),
        organization=organization,
        country=country,
        program=program,
        since=since,
        until=until,
        sort=sort,
        reverse=reverse,
        limit=limit,
        fields=fields,
        fmt=fmt,
        as_json=as_json,
    )


def organizations(
    ctx: typer.Context,
    kind: Annotated[
        OrganizationKind | None,
        typer.Option(help="Only organizations of this kind.", show_default=False),
    ] = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    sort: SortOpt = None,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List space agencies, companies and other organizations (dated by founded)."""
    run_list(
        ctx,
        RecordType.ORGANIZATION,
        kind=_value(kind),
        country=country,
        since=since,
        until=until,
        sort=sort,
        reverse=reverse,
        limit=limit,
        fields=fields,
        fmt=fmt,
        as_json=as_json,
    )


def countries(
    ctx: typer.Context,
    sort: SortOpt = None,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List countries (sorted by name)."""
    run_list(
        ctx,
        RecordType.COUNTRY,
        sort=sort,
        reverse=reverse,
        limit=limit,
        fields=fields,
        fmt=fmt,
        as_json=as_json,
    )


def agreements(
    ctx: typer.Context,
    kind: Annotated[
        AgreementKind | None, typer.Option(help="Only agreements of this kind.", show_default=False)
    ] = None,
    organization: OrganizationOpt = None,
    country: CountryOpt = None,
    program: ProgramOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    sort: SortOpt = None,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List agreements, accords and contracts (dated by signed_date)."""
    run_list(
        ctx,
        RecordType.AGREEMENT,
        kind=_value(kind),
        organization=organization,
        country=country,
        program=program,
        since=since,
        until=until,
        sort=sort,
        reverse=reverse,
        limit=limit,
        fields=fields,
        fmt=fmt,
        as_json=as_json,
    )


LIST_COMMANDS = (programs, missions, organizations, countries, agreements)
