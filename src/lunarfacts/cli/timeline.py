"""`timeline`: every dated event the fact base knows, in order."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from lunarfacts.cli import output
from lunarfacts.cli.options import (
    CountryOpt,
    FormatOpt,
    JsonOpt,
    LimitOpt,
    OrganizationOpt,
    ProgramOpt,
    ReverseOpt,
    SinceOpt,
    UntilOpt,
    parse_date,
    parse_fields,
    resolve_format,
)
from lunarfacts.cli.session import Session
from lunarfacts.jsonout import format_rows
from lunarfacts.model import RecordType
from lunarfacts.timeinfo import (
    EVENT_FIELDS,
    EVENT_KINDS,
    TimelineQuery,
    event_to_dict,
)
from lunarfacts.timeinfo import (
    timeline as build_timeline,
)

TABLE_COLUMNS = ("date", "event", "id", "detail")  # name is in the detail already; --fields shows it
EventKind = enum.Enum("EventKind", {k: k for k in EVENT_KINDS}, type=str)  # type: ignore[misc]


def timeline(
    ctx: typer.Context,
    since: SinceOpt = None,
    until: UntilOpt = None,
    event: Annotated[
        list[EventKind] | None,
        typer.Option("--type", help="Only events of this kind (repeatable).", show_default=False),
    ] = None,
    country: CountryOpt = None,
    organization: OrganizationOpt = None,
    program: ProgramOpt = None,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            help="Comma-separated columns: " + ",".join(EVENT_FIELDS),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List every dated event (launches, landings, signings, foundings, targets...) in order."""
    session: Session = ctx.obj
    out_format = resolve_format(fmt, as_json)
    chosen = parse_fields(fields, None, list(EVENT_FIELDS))
    columns = chosen or list(TABLE_COLUMNS if out_format == "table" else EVENT_FIELDS)
    index = session.index()
    query = TimelineQuery(
        since=parse_date(since),
        until=parse_date(until),
        events=tuple(str(e.value) for e in event or ()),
        country=index.resolve(country, (RecordType.COUNTRY,)).id if country else None,
        organization=index.resolve(organization, (RecordType.ORGANIZATION,)).id if organization else None,
        program=index.resolve(program, (RecordType.PROGRAM,)).id if program else None,
        reverse=reverse,
        limit=limit,
    )
    events = build_timeline(session.base(), query)
    if not events and output.stderr_is_terminal():
        output.note("no events match")
    rows = [{k: v for k, v in event_to_dict(e).items() if k in columns} for e in events]
    if out_format == "table":
        from lunarfacts.render import rows_table

        output.show(rows_table(rows, columns, f"{len(rows)} events"), session.no_color)
        return
    output.write(format_rows([{c: row[c] for c in columns} for row in rows], columns, out_format))
