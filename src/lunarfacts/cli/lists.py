"""The five list commands: programs, missions, organizations, countries, agreements."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli.emit import emit_records
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
    parse_date,
    parse_fields,
    resolve_format,
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
from lunarfacts.query import ListQuery, check_field, select


def _ref(session: Session, text: str | None, record_type: RecordType) -> str | None:
    return None if text is None else session.index().resolve(text, (record_type,)).id


def run_list(
    ctx: typer.Context,
    record_type: RecordType,
    *,
    status: str | None = None,
    kind: str | None = None,
    organization: str | None = None,
    country: str | None = None,
    program: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sort: str | None = None,
    reverse: bool = False,
    limit: int | None = None,
    fields: str | None = None,
    fmt: FormatOpt = None,
    as_json: bool = False,
) -> None:
    session: Session = ctx.obj
    out_format = resolve_format(fmt, as_json)
    columns = parse_fields(fields, record_type)
    sort_field = None if sort is None else check_field(record_type, sort, "--sort")
    query = ListQuery(
        status=status,
        kind=kind,
        organization=_ref(session, organization, RecordType.ORGANIZATION),
        country=_ref(session, country, RecordType.COUNTRY),
        program=_ref(session, program, RecordType.PROGRAM),
        since=parse_date(since),
        until=parse_date(until),
        sort=sort_field,
        reverse=reverse,
        limit=limit,
    )
    emit_records(session, select(session.base(), record_type, query), record_type, columns, out_format)


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
