"""`compare REF REF [REF...]`: records side by side, fields as rows, differing rows marked.

In a table and in csv/tsv alike, fields are rows and records columns, with a column that marks the
rows that differ; json and jsonl are the whole records, in the order given (SPEC §4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lunarfacts.cli import output
from lunarfacts.cli.emit import emit_records
from lunarfacts.cli.params import parse_fields, resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command
from lunarfacts.errors import UsageError
from lunarfacts.jsonout import format_rows, record_to_dict
from lunarfacts.model import Record
from lunarfacts.query import CompareRow, compare
from lunarfacts.rules import all_field_names

# What is never alike and says little side by side: shown with --all (or named in --fields).
QUIET_FIELDS = frozenset(("id", "aliases", "summary", "sources", "changes"))


def run_compare(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    refs = values["refs"]
    if len(refs) < 2:
        raise UsageError("compare needs at least two REFs")
    out_format = resolve_format(values["fmt"], values["as_json"])
    base = session.base()
    records = [base.by_id[session.resolve(ref)[0]] for ref in refs]
    types = {r.TYPE for r in records}
    single = next(iter(types)) if len(types) == 1 else None
    columns = parse_fields(values["fields"], single, None if single else all_field_names(None))
    if out_format in ("json", "jsonl"):
        emit_records(session, records, single, columns, out_format)
        return
    every = compare(records, columns)
    rows = every if columns is not None or values["all_fields"] else telling(every)
    if out_format == "table":
        from lunarfacts.render import compare_table

        session.show(compare_table(records, rows, hidden=len(every) - len(rows)))
        return
    output.write(format_rows(*_fields_by_records(records, rows), out_format))


def telling(rows: Sequence[CompareRow]) -> list[CompareRow]:
    """The rows that say something: the name, then the fields that differ (not the quiet ones)."""
    return [r for r in rows if r.field == "name" or (r.differs and r.field not in QUIET_FIELDS)]


def _fields_by_records(
    records: Sequence[Record], rows: Sequence[CompareRow]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of `field`, one column per record (headed by its id; `id#2` for a repeat), `differs`."""
    headers: list[str] = []
    for record in records:
        header, n = record.id, 1
        while header in headers or header in ("field", "differs"):
            n += 1
            header = f"{record.id}#{n}"
        headers.append(header)
    as_json = [record_to_dict(record, None) for record in records]
    table = [
        {
            "field": row.field,
            **{h: values.get(row.field) for h, values in zip(headers, as_json, strict=True)},
            "differs": row.differs,
        }
        for row in rows
    ]
    return table, ["field", *headers, "differs"]
