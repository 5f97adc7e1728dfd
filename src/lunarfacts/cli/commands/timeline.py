"""`timeline`: every dated event the fact base knows, in order; `--chart` draws it instead."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lunarfacts.cli import output
from lunarfacts.cli.params import flag, parse_fields, parse_values, resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command
from lunarfacts.errors import UsageError
from lunarfacts.jsonout import format_rows
from lunarfacts.timeinfo import EVENT_FIELDS, Event, TimelineQuery, event_to_dict, timeline

TABLE_COLUMNS = ("date", "planned", "event", "id", "detail")  # name is in the detail; --fields shows it


def run_timeline(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    if values["chart"]:
        _check_chart_options(command, values)
    out_format = "table" if values["chart"] else resolve_format(values["fmt"], values["as_json"])
    chosen = parse_fields(values["fields"], None, EVENT_FIELDS)
    columns = chosen or list(TABLE_COLUMNS if out_format == "table" else EVENT_FIELDS)
    query = query_of(session, command, values)
    if values["chart"]:
        _draw_chart(session, query)
        return
    emit_events(session, timeline(session.base(), query, session.as_of), columns, out_format)


def query_of(session: Session, command: Command, values: Mapping[str, Any]) -> TimelineQuery:
    """The events asked for, from the command's options (a bad value is a usage error naming it)."""
    parsed = parse_values(session, command, values)
    parsed["events"] = tuple(parsed.get("events") or ())
    return TimelineQuery(**{name: parsed[name] for name in TimelineQuery._fields if name in parsed})


def emit_events(session: Session, events: Sequence[Event], columns: Sequence[str], out_format: str) -> None:
    """Events in the asked format: a table (planned ones marked ○) or rows of EVENT_FIELDS."""
    if not events and output.stderr_is_terminal():
        output.note("no events match")
    rows = [{k: v for k, v in event_to_dict(e).items() if k in columns} for e in events]
    if out_format == "table":
        from lunarfacts.render import rows_table

        planned = sum(1 for e in events if e.planned)
        caption = f"{len(rows)} event{'s' if len(rows) != 1 else ''}"
        if planned and "planned" in columns:
            caption += f" · ○ planned ({planned})"
        session.show(rows_table(rows, columns, caption))
        return
    output.write(format_rows([{c: row[c] for c in columns} for row in rows], columns, out_format))


def _check_chart_options(command: Command, values: Mapping[str, Any]) -> None:
    """`--chart` is a picture: a machine format or a list-only option with it is a usage error."""
    fmt = values["fmt"]
    chart = flag("chart", command)
    if values["as_json"] or (fmt is not None and fmt != "table"):
        asked = "json" if values["as_json"] else fmt
        raise UsageError(f"{chart} draws a picture; it cannot be written as {asked} (drop {chart})")
    list_only = ("events", "fields", "reverse", "limit")
    given = [flag(dest, command) for dest in list_only if values[dest] not in (None, False, [])]
    if given:
        options = ", ".join(given[:-1]) + (" or " if len(given) > 1 else "") + given[-1]
        raise UsageError(f"{chart} does not take {options}: they choose rows of the event list")


def _draw_chart(session: Session, query: TimelineQuery) -> None:
    from lunarfacts.chart import timeline_chart

    picture = timeline_chart(session.base(), query, session.as_of)
    if not picture.rows:
        if output.stderr_is_terminal():
            output.note("no programmes or launches to draw")
        return
    session.show(picture)
