"""`sources REF`: the citations behind one record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lunarfacts.cli import output
from lunarfacts.cli.params import resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command
from lunarfacts.jsonout import format_rows, nested_to_dict
from lunarfacts.rules import SOURCE


def run_sources(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    out_format = resolve_format(values["fmt"], values["as_json"])
    record = session.record(values["ref"])
    if out_format == "table":
        from lunarfacts.render import sources_view

        session.show(sources_view(record))
        return
    rows = [nested_to_dict(source, SOURCE.fields) for source in record.sources]
    columns = [f.name for f in SOURCE.fields]
    output.write(format_rows(rows, columns, out_format, pretty=output.stdout_is_terminal()))
