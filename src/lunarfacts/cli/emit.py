"""Turn selected records into the asked format and hand them to output (shared by every command)."""

from __future__ import annotations

from collections.abc import Sequence

from lunarfacts.cli import output
from lunarfacts.cli.session import Session
from lunarfacts.jsonout import format_rows, jsonl_of, record_to_dict
from lunarfacts.model import Record
from lunarfacts.rules import TYPES, all_field_names


def emit_records(
    session: Session,
    records: Sequence[Record],
    record_type: str | None,
    columns: Sequence[str] | None,
    fmt: str,
    table_columns: Sequence[str] | None = None,
) -> None:
    """A list of records: a Rich table on a terminal; json/jsonl of whole records; csv/tsv of the
    table's columns (as gh does) unless --fields says which (`--fields all`: every one)."""
    if not records and output.stderr_is_terminal():
        output.note(f"no {TYPES[record_type].plural if record_type else 'records'} match")
    if fmt == "table":
        from lunarfacts.render import list_table

        session.show(list_table(records, record_type, columns or table_columns))
        return
    if columns is None and fmt in ("json", "jsonl") and not output.stdout_is_terminal():
        # Whole records for a script: the bulk encoder, the text format_rows would give, faster.
        body = jsonl_of(records)
        output.write(body if fmt == "jsonl" else "[" + body.replace("\n", ",")[:-1] + "]\n")
        return
    # Without --fields each record carries its own type's fields (a mixed list in csv/tsv gets
    # the union of columns, blank where a type has no such field).
    rows = [record_to_dict(record, columns) for record in records]
    if columns is None and fmt in ("csv", "tsv"):
        columns = list(table_columns or TYPES[record_type or "program"].columns)
    if columns is None:
        columns = all_field_names(record_type)
    output.write(format_rows(rows, columns, fmt, pretty=output.stdout_is_terminal()))
