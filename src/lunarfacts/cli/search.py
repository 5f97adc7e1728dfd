"""`search TEXT`: records whose names, aliases, summary or other text match, best first."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli import run
from lunarfacts.cli.options import FieldsOpt, FormatOpt, JsonOpt, LimitOpt, format_value
from lunarfacts.model import RecordType


def search(
    ctx: typer.Context,
    text: Annotated[
        list[str], typer.Argument(help="Words to look for (all must match).", show_default=False)
    ],
    record_type: Annotated[
        RecordType | None, typer.Option("--type", help="Only records of this type.", show_default=False)
    ] = None,
    limit: LimitOpt = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Search every record's names, aliases, summary and other text; best matches first."""
    run.run_search(
        ctx.obj,
        text,
        record_type=None if record_type is None else record_type.value,
        limit=limit,
        fields=fields,
        fmt=format_value(fmt),
        as_json=as_json,
    )
