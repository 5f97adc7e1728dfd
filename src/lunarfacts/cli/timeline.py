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
from lunarfacts.errors import UsageError
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
    chart: Annotated[
        bool,
        typer.Option(
            "--chart",
            help="Draw programmes as bars over the years and launches as marks, fitted to the "
            "terminal width; a picture, drawn even in a pipe. --since/--until narrow the axis, "
            "--country/--organization/--program pick programmes. A usage error with a --format "
            "other than table, --json, --type, --fields, --reverse or --limit.",
        ),
    ] = False,
) -> None:
    """List every dated event (launches, landings, signings, foundings, targets...) in order.

    --chart draws the programmes over the years instead, with their launches on them.
    """
    session: Session = ctx.obj
    if chart:
        _check_chart_options(fmt, as_json, event, fields, reverse, limit)
    out_format = "table" if chart else resolve_format(fmt, as_json)
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
    if chart:
        _draw_chart(session, query)
        return
    events = build_timeline(session.base(), query)
    if not events and output.stderr_is_terminal():
        output.note("no events match")
    rows = [{k: v for k, v in event_to_dict(e).items() if k in columns} for e in events]
    if out_format == "table":
        from lunarfacts.render import rows_table

        output.show(rows_table(rows, columns, f"{len(rows)} events"), session.no_color)
        return
    output.write(format_rows([{c: row[c] for c in columns} for row in rows], columns, out_format))


def _check_chart_options(
    fmt: enum.Enum | None,
    as_json: bool,
    event: list[EventKind] | None,
    fields: str | None,
    reverse: bool,
    limit: int | None,
) -> None:
    """`--chart` is a picture: a machine format or a list-only option with it is a usage error."""
    if as_json or (fmt is not None and fmt.value != "table"):
        asked = "json" if as_json else fmt.value if fmt is not None else ""
        raise UsageError(f"--chart draws a picture; it cannot be written as {asked} (drop --chart)")
    given = [
        name
        for name, value in (
            ("--type", event),
            ("--fields", fields),
            ("--reverse", reverse),
            ("--limit", limit),
        )
        if value not in (None, False, [])
    ]
    if given:
        options = ", ".join(given[:-1]) + (" or " if len(given) > 1 else "") + given[-1]
        raise UsageError(f"--chart does not take {options}: they choose rows of the event list")


def _draw_chart(session: Session, query: TimelineQuery) -> None:
    from lunarfacts.chart import timeline_chart

    picture = timeline_chart(session.base(), query, session.as_of)
    if not picture.rows:
        if output.stderr_is_terminal():
            output.note("no programmes or launches to draw")
        return
    output.show(picture, session.no_color)
