"""The list commands (programs, missions, organizations, countries, agreements): filter, sort, print.

A script's plain `missions --json` is answered from the cache's rows: this module imports no record
machinery until a filter, a sort or a table asks for it.
"""

from __future__ import annotations

from lunarfacts.cli import output
from lunarfacts.cli.params import resolve_format

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from lunarfacts.cli.session import Session
    from lunarfacts.cli.spec import Command
    from lunarfacts.query import ListQuery

# Options that choose how records are written, not which ones: with only these, rows can be copied.
_OUTPUT_ONLY = frozenset(("fmt", "as_json", "limit"))


def ref_filter(session: Session, values: Mapping[str, Any], name: str, record_type: str) -> str | None:
    """The id a REF option names (`--country China` → `cn`), or None when not given."""
    text = values.get(name)
    return None if text is None else session.resolve(text, (record_type,))[0]


def list_query(session: Session, values: Mapping[str, Any], record_type: str | None) -> ListQuery:
    """The filters and order asked for, each value checked (a bad one is a usage error naming it)."""
    from lunarfacts.cli.params import parse_date
    from lunarfacts.query import ListQuery, check_field
    from lunarfacts.vocab import RecordType

    sort = values.get("sort")
    return ListQuery(
        status=values.get("status"),
        kind=values.get("kind"),
        organization=ref_filter(session, values, "organization", RecordType.ORGANIZATION),
        country=ref_filter(session, values, "country", RecordType.COUNTRY),
        program=ref_filter(session, values, "program", RecordType.PROGRAM),
        since=parse_date(values.get("since"), "--since"),
        until=parse_date(values.get("until"), "--until"),
        sort=None if sort is None else check_field(record_type, sort, "--sort"),
        reverse=bool(values.get("reverse")),
        limit=values.get("limit"),
    )


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
    query = list_query(session, values, record_type)
    emit_records(session, select(session.base(), record_type, query), record_type, columns, out_format)


def _plain_listing(session: Session, record_type: str, limit: int | None, out_format: str) -> bool:
    """Whole records, unfiltered, in compact JSON or JSON Lines: straight from the cache's rows.

    This is a script's `lunarfacts missions --json`; it builds no record at all. The output is the
    same text emit_records would write (tests compare them). False when the rows do not apply.
    """
    if out_format not in ("json", "jsonl") or output.stdout_is_terminal():
        return False  # a terminal gets indented JSON, escaped: the ordinary way
    rows = session.plain_rows(record_type)
    if rows is None:
        return False
    if limit is not None:
        rows = rows[:limit]
    if not rows and output.stderr_is_terminal():
        from lunarfacts.vocab import PLURALS

        output.note(f"no {PLURALS[record_type]} match")
    if out_format == "jsonl":
        output.write_bytes(b"\n".join(rows) + b"\n" if rows else b"")
    else:
        output.write_bytes(b"[" + b",".join(rows) + b"]\n")
    return True
