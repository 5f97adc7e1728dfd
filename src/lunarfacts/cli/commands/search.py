"""`search TEXT...`: records whose names, aliases, summary or other text match, best first.

A script's `search X --json` is answered from the cache's search texts and rows: no record is built.
"""

from __future__ import annotations

from lunarfacts.cli import output
from lunarfacts.cli.params import parse_fields, resolve_format

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from lunarfacts.cli.session import Session
    from lunarfacts.cli.spec import Command

SEARCH_COLUMNS = ["type", "id", "name", "summary"]


def run_search(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    from lunarfacts.search import search_places

    out_format = resolve_format(values["fmt"], values["as_json"])
    wanted = values["record_type"]
    types = (wanted,) if wanted else ()
    found_at = search_places(session.search_texts(), " ".join(values["text"]), types)
    if values["limit"] is not None:
        found_at = found_at[: values["limit"]]
    if values["fields"] is None and out_format in ("json", "jsonl") and not output.stdout_is_terminal():
        rows = session.rows_at(found_at)
        if rows is not None:
            if not rows and output.stderr_is_terminal():
                output.note("no records match")
            if out_format == "jsonl":
                output.write_bytes(b"".join(row + b"\n" for row in rows))
            else:
                output.write_bytes(b"[" + b",".join(rows) + b"]\n")
            return
    from lunarfacts.cli.emit import emit_records
    from lunarfacts.rules import all_field_names

    columns = parse_fields(values["fields"], wanted, None if wanted else all_field_names(None))
    base = session.base()
    found = [base.records[i] for i in found_at]
    if out_format == "table" and columns is None:
        from lunarfacts.render import search_view
        from lunarfacts.search import snippet

        text = " ".join(values["text"])
        session.show(search_view([(record, *snippet(record, text)) for record in found]))
        return
    emit_records(session, found, wanted, columns, out_format, SEARCH_COLUMNS)
