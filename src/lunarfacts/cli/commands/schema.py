"""`schema [TYPE]`: the JSON Schema of what `--json` prints."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lunarfacts.cli import output
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command
from lunarfacts.jsonout import dump_json
from lunarfacts.schema import schema_document


def run_schema(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    output.write(dump_json(schema_document(values["record_type"])))
