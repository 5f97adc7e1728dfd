"""`sources REF`: the citations behind one record."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli import output
from lunarfacts.cli.options import FormatOpt, JsonOpt, complete_any_ref, resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.jsonout import format_rows, to_json_value

SOURCE_COLUMNS = ["url", "title", "publisher", "date"]


def sources(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(help="An id, name or alias.", autocompletion=complete_any_ref, show_default=False),
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List the sources one record was checked against, with their URLs."""
    session: Session = ctx.obj
    out_format = resolve_format(fmt, as_json)
    record = session.index().resolve(ref)
    if out_format == "table":
        from lunarfacts.render import sources_view

        output.show(sources_view(record), session.no_color)
        return
    rows = [to_json_value(source) for source in record.sources]
    output.write(format_rows(rows, SOURCE_COLUMNS, out_format))
