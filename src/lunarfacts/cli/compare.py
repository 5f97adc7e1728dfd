"""`compare REF REF [REF...]`: records side by side, fields as rows, differing rows marked."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli import output
from lunarfacts.cli.emit import emit_records
from lunarfacts.cli.options import (
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    complete_any_ref,
    parse_fields,
    resolve_format,
)
from lunarfacts.cli.session import Session
from lunarfacts.errors import UsageError
from lunarfacts.query import all_field_names
from lunarfacts.query import compare as compare_records


def compare(
    ctx: typer.Context,
    refs: Annotated[
        list[str],
        typer.Argument(
            help="Two or more ids, names or aliases.",
            autocompletion=complete_any_ref,
            show_default=False,
        ),
    ],
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Compare records side by side: fields as rows, records as columns, differences marked."""
    session: Session = ctx.obj
    if len(refs) < 2:
        raise UsageError("compare needs at least two REFs")
    out_format = resolve_format(fmt, as_json)
    index = session.index()
    records = [index.resolve(ref) for ref in refs]
    types = {r.TYPE for r in records}
    single = next(iter(types)) if len(types) == 1 else None
    columns = parse_fields(fields, single, None if single else all_field_names(None))
    if out_format == "table":
        from lunarfacts.render import compare_table

        output.show(compare_table(records, compare_records(records, columns)), session.no_color)
        return
    emit_records(session, records, single, columns, out_format)
