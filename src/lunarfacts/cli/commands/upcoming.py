"""`upcoming`: what is planned next, soonest first, after today or after --as-of."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lunarfacts.cli.commands.timeline import TABLE_COLUMNS, emit_events, query_of
from lunarfacts.cli.params import parse_fields, resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command
from lunarfacts.timeinfo import EVENT_FIELDS, today, upcoming


def run_upcoming(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    out_format = resolve_format(values["fmt"], values["as_json"])
    chosen = parse_fields(values["fields"], None, EVENT_FIELDS)
    columns = chosen or [
        c for c in (TABLE_COLUMNS if out_format == "table" else EVENT_FIELDS) if c != "planned"
    ]
    after = session.as_of or today()
    events = upcoming(session.base(), after, query_of(session, command, values))
    emit_events(session, events, columns, out_format)
