"""The list commands (programs, missions, organizations, countries, agreements): filter, sort, print.

A script's plain `missions --json` is answered from the cache's rows: this module imports no record
machinery until a filter, a sort or a table asks for it.
"""

from __future__ import annotations

from lunarfacts.cli import output
from lunarfacts.cli.params import resolve_format
from lunarfacts.cli.spec import ANYWHERE

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from lunarfacts.cli.session import Session
    from lunarfacts.cli.spec import Command
    from lunarfacts.query import ListQuery

# Options that choose how records are written, not which ones: with only these, rows can be copied.
_OUTPUT_ONLY = frozenset(("fmt", "as_json", "limit", *(option.dest for option in ANYWHERE)))


def list_query(session: Session, command: Command, values: Mapping[str, Any]) -> ListQuery:
    """The filters and order asked for, each value checked (a bad one is a usage error naming it)."""
    from lunarfacts.cli.params import parse_values
    from lunarfacts.query import FILTERS, ListQuery

    parsed = parse_values(session, command, values)
    filters = tuple((dest, value) for dest, value in parsed.items() if dest in FILTERS and value is not None)
    return ListQuery(filters, parsed.get("sort"), bool(parsed.get("reverse")), parsed.get("limit"))


def run_list(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    record_type = command.record_type
    assert record_type is not None
    out_format = resolve_format(values["fmt"], values["as_json"])
    plain = values["fields"] is None and all(
        values[option.dest] == option.default for option in command.options if option.dest not in _OUTPUT_ONLY
    )
    if plain and _plain_listing(session, record_type, values["limit"], out_format):
        return
    from lunarfacts.cli.emit import emit_records
    from lunarfacts.cli.params import parse_fields
    from lunarfacts.query import select

    columns = parse_fields(values["fields"], record_type)
    query = list_query(session, command, values)
    emit_records(session, select(session.base(), record_type, query), record_type, columns, out_format)


def _plain_listing(session: Session, record_type: str, limit: int | None, out_format: str) -> bool:
    """Whole records, unfiltered, in compact JSON or JSON Lines: straight from the cache's rows.

    This is a script's `lunarfacts missions --json`; it builds no record at all. The output is the
    same text emit_records would write (tests compare them). False when the rows do not apply.
    """
    if out_format not in ("json", "jsonl") or output.stdout_is_terminal():
        return False  # a terminal gets indented JSON, escaped: the ordinary way
    body = session.plain_rows(record_type)  # JSON Lines: a compact JSON row holds no raw newline
    if body is None:
        return False
    if limit is not None:
        body = b"".join(line + b"\n" for line in body.split(b"\n", limit)[:limit] if line)
    if not body and output.stderr_is_terminal():
        from lunarfacts.vocab import PLURALS

        output.note(f"no {PLURALS[record_type]} match")
    if out_format == "jsonl":
        output.write_bytes(body)
    else:
        output.write_bytes(b"[", body[:-1].replace(b"\n", b","), b"]\n")
    return True
