"""`sources REF`: the citations behind one record."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli import run
from lunarfacts.cli.options import FormatOpt, JsonOpt, complete_any_ref, format_value


def sources(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(help="An id, name or alias.", autocompletion=complete_any_ref, show_default=False)
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List the sources one record was checked against, with their URLs."""
    run.run_sources(ctx.obj, ref, fmt=format_value(fmt), as_json=as_json)
