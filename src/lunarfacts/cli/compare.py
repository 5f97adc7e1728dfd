"""`compare REF REF [REF...]`: records side by side, fields as rows, differing rows marked."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli import run
from lunarfacts.cli.options import FieldsOpt, FormatOpt, JsonOpt, complete_any_ref, format_value


def compare(
    ctx: typer.Context,
    refs: Annotated[
        list[str],
        typer.Argument(
            help="Two or more ids, names or aliases.", autocompletion=complete_any_ref, show_default=False
        ),
    ],
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Compare records side by side: fields as rows, records as columns, differences marked."""
    run.run_compare(ctx.obj, refs, fields=fields, fmt=format_value(fmt), as_json=as_json)
