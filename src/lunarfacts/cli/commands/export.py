"""`export FORMAT PATH`: the fact base written whole in another form (sqlite: see lunarfacts.export)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lunarfacts.cli import output
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command


def run_export(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    from lunarfacts.export import export_sqlite

    counts = export_sqlite(session.base(), values["path"], replace=values["force"])
    records = counts.get("records", 0)
    tables = len(counts)
    output.note(f"wrote {values['path']}: {records} records in {tables} tables")
