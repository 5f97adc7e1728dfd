"""`show REF`: one record in full, with its related records, slip history and sources."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli import run
from lunarfacts.cli.options import FieldsOpt, FormatOpt, JsonOpt, complete_any_ref, format_value


def show(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(help="An id, name or alias.", autocompletion=complete_any_ref, show_default=False)
    ],
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one record in full: every field, related records, slip history and sources."""
    run.run_show(ctx.obj, ref, fields=fields, fmt=format_value(fmt), as_json=as_json)
