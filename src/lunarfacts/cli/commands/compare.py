"""`compare REF REF [REF...]`: records side by side, fields as rows, differing rows marked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lunarfacts.cli import output
from lunarfacts.cli.emit import emit_records
from lunarfacts.cli.params import parse_fields, resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command
from lunarfacts.errors import UsageError
from lunarfacts.rules import all_field_names


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
    if out_format == "table":
        from lunarfacts.query import compare
        from lunarfacts.render import compare_table

        output.show(compare_table(records, compare(records, columns)), session.no_color)
        return
    emit_records(session, records, single, columns, out_format)
