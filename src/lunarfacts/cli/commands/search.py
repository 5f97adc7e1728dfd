"""`search TEXT...`: records whose names, aliases, summary or other text match, best first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lunarfacts.cli.emit import emit_records
from lunarfacts.cli.params import parse_fields, resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command
from lunarfacts.rules import all_field_names
from lunarfacts.search import search

SEARCH_COLUMNS = ["type", "id", "name", "summary"]


def run_search(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    out_format = resolve_format(values["fmt"], values["as_json"])
    wanted = values["record_type"]
    columns = parse_fields(values["fields"], wanted, None if wanted else all_field_names(None))
    found = search(session.base(), " ".join(values["text"]), (wanted,) if wanted else ())
    if values["limit"] is not None:
        found = found[: values["limit"]]
    if out_format == "table" and columns is None:
        columns = SEARCH_COLUMNS
    emit_records(session, found, wanted, columns, out_format)
