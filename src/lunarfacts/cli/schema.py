"""`schema [TYPE]`: the JSON Schema of what `--json` prints."""

from __future__ import annotations

from typing import Annotated

import typer

from lunarfacts.cli import run
from lunarfacts.model import RecordType


def schema(
    record_type: Annotated[
        RecordType | None,
        typer.Argument(metavar="[TYPE]", help="One record type; all when omitted.", show_default=False),
    ] = None,
) -> None:
    """Print the JSON Schema (2020-12) of the records that --json prints."""
    run.run_schema(None if record_type is None else record_type.value)
