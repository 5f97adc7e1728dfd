"""`show REF`: one record in full, with its related records, slip history and sources."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli import output
from lunarfacts.cli.options import (
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    complete_any_ref,
    parse_fields,
    resolve_format,
)
from lunarfacts.cli.session import Session
from lunarfacts.jsonout import dump_json, format_rows, record_to_dict
from lunarfacts.model import field_names
from lunarfacts.query import related


def show(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(help="An id, name or alias.", autocompletion=complete_any_ref, show_default=False),
    ],
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one record in full: every field, related records, slip history and sources."""
    session: Session = ctx.obj
    out_format = resolve_format(fmt, as_json)
    record = session.index().resolve(ref)
    columns = parse_fields(fields, record.TYPE)
    if out_format == "table" and columns is None:
        from lunarfacts.render import card

        base = session.base()
        output.show(card(base, record, related(base, record)), session.no_color)
        return
    if out_format == "table":
        from lunarfacts.render import list_table

        output.show(list_table([record], record.TYPE, columns), session.no_color)
        return
    chosen = columns or ["type", *field_names(record.TYPE)]
    row = record_to_dict(record, chosen)
    # JSON of `show` is one object, not a one-element array; the other formats are one row.
    output.write(dump_json(row) if out_format == "json" else format_rows([row], chosen, out_format))
