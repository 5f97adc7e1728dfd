"""`show REF`: one record in full, with its related records, slip history and sources."""

from __future__ import annotations

from lunarfacts.cli import output
from lunarfacts.cli.params import parse_fields, resolve_format

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from lunarfacts.cli.session import Session
    from lunarfacts.cli.spec import Command


def run_show(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    out_format = resolve_format(values["fmt"], values["as_json"])
    record_id, _ = session.resolve_id(values["ref"])
    if values["fields"] is None and out_format == "json" and not output.stdout_is_terminal():
        row = session.row(record_id)  # a script's `show ID --json`: the cached row, no record unpacked
        if row is not None:
            output.write_bytes(row + b"\n")
            return
    record = session.base().by_id[record_id]
    columns = parse_fields(values["fields"], record.TYPE)
    if out_format == "table":
        if columns is None:
            from lunarfacts.query import related
            from lunarfacts.render import card

            base = session.base()
            session.show(card(base, record, related(base, record), session.as_of))
        else:
            from lunarfacts.render import list_table

            session.show(list_table([record], record.TYPE, columns))
        return
    from lunarfacts.jsonout import dump_json, format_rows, record_to_dict
    from lunarfacts.rules import all_field_names

    chosen = columns or all_field_names(record.TYPE)
    row_dict = record_to_dict(record, chosen)
    pretty = output.stdout_is_terminal()
    # JSON of `show` is one object, not a one-element array; the other formats are one row.
    text = (
        dump_json(row_dict, pretty) if out_format == "json" else format_rows([row_dict], chosen, out_format)
    )
    output.write(text)
