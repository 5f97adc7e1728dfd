"""`search TEXT`: records whose names, aliases, summary or other text match, best first."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli.emit import emit_records
from lunarfacts.cli.options import (
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    LimitOpt,
    parse_fields,
    resolve_format,
)
from lunarfacts.cli.session import Session
from lunarfacts.model import RecordType
from lunarfacts.query import all_field_names
from lunarfacts.query import search as search_records

SEARCH_COLUMNS = ["type", "id", "name", "summary"]


def search(
    ctx: typer.Context,
    text: Annotated[
        list[str], typer.Argument(help="Words to look for (all must match).", show_default=False)
    ],
    record_type: Annotated[
        RecordType | None,
        typer.Option("--type", help="Only records of this type.", show_default=False),
    ] = None,
    limit: LimitOpt = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Search every record's names, aliases, summary and other text; best matches first."""
    session: Session = ctx.obj
    out_format = resolve_format(fmt, as_json)
    columns = parse_fields(fields, record_type, None if record_type else all_field_names(None))
    types = (record_type,) if record_type else ()
    found = search_records(session.base(), " ".join(text), types)
    if limit is not None:
        found = found[:limit]
    if out_format == "table" and columns is None:
        columns = SEARCH_COLUMNS
    emit_records(session, found, record_type, columns, out_format)
