"""What the commands do once their arguments are parsed, with no Typer here.

The Typer commands (one module each) and the fast path both call these, so a command line behaves the
same whichever parsed it. Values arrive as plain strings (enum values, not members).
"""

from __future__ import annotations

from collections.abc import Sequence

from lunarfacts.cli import output
from lunarfacts.cli.emit import emit_records
from lunarfacts.cli.params import parse_date, parse_fields, resolve_format
from lunarfacts.cli.session import Session
from lunarfacts.errors import UsageError
from lunarfacts.jsonout import dump_json, format_rows, record_to_dict, schema_document, to_json_value
from lunarfacts.model import RecordType, field_names
from lunarfacts.query import ListQuery, all_field_names, check_field, related, select
from lunarfacts.query import compare as compare_records
from lunarfacts.query import search as search_records

SEARCH_COLUMNS = ["type", "id", "name", "summary"]
SOURCE_COLUMNS = ["url", "title", "publisher", "date"]


def _ref(session: Session, text: str | None, record_type: RecordType) -> str | None:
    return None if text is None else session.index().resolve(text, (record_type,)).id


def run_list(
    session: Session,
    record_type: RecordType,
    *,
    status: str | None = None,
    kind: str | None = None,
    organization: str | None = None,
    country: str | None = None,
    program: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sort: str | None = None,
    reverse: bool = False,
    limit: int | None = None,
    fields: str | None = None,
    fmt: str | None = None,
    as_json: bool = False,
) -> None:
    """programs, missions, organizations, countries, agreements."""
    out_format = resolve_format(fmt, as_json)
    columns = parse_fields(fields, record_type)
    query = ListQuery(
        status=status,
        kind=kind,
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
        sort=None if sort is None else check_field(record_type, sort, "--sort"),
        reverse=reverse,
        limit=limit,
        organization=_ref(session, organization, RecordType.ORGANIZATION),
        country=_ref(session, country, RecordType.COUNTRY),
        program=_ref(session, program, RecordType.PROGRAM),
    )
    if columns is None and _plain_listing(session, record_type, query, out_format):
        return
    emit_records(session, select(session.base(), record_type, query), record_type, columns, out_format)


def _plain_listing(session: Session, record_type: RecordType, query: ListQuery, out_format: str) -> bool:
    """Whole records, unfiltered, in compact JSON or JSON Lines: straight from the cache's rows.

    This is a script's `lunarfacts missions --json`; it builds no record at all. The output is the
    same text emit_records would write (tests compare them). False when the rows do not apply.
    """
    if out_format not in ("json", "jsonl") or query._replace(limit=None) != ListQuery():
        return False
    if out_format == "json" and output.stdout_is_terminal():
        return False  # indented for people: the ordinary way
    body = session.plain_rows(record_type.value)
    if body is None or output.stdout_is_terminal():  # a terminal gets text escaped: the ordinary way
        return False
    if query.limit is not None:
        body = b"".join(line + b"\n" for line in body.split(b"\n", query.limit)[: query.limit] if line)
    if not body and output.stderr_is_terminal():
        output.note(f"no {record_type.plural} match")
    if out_format == "jsonl":
        output.write_bytes(body)
    else:  # compact JSON rows hold no raw newline, so each newline ends a row
        joined = memoryview(body.replace(b"\n", b","))[:-1] if body else b""
        output.write_bytes(b"[", joined, b"]\n")
    return True


def run_show(
    session: Session, ref: str, *, fields: str | None = None, fmt: str | None = None, as_json: bool = False
) -> None:
    out_format = resolve_format(fmt, as_json)
    record = session.index().resolve(ref)
    columns = parse_fields(fields, record.TYPE)
    if out_format == "table":
        if columns is None:
            from lunarfacts.render import card

            base = session.base()
            output.show(card(base, record, related(base, record)), session.no_color)
        else:
            from lunarfacts.render import list_table

            output.show(list_table([record], record.TYPE, columns), session.no_color)
        return
    chosen = columns or ["type", *field_names(record.TYPE)]
    row = record_to_dict(record, chosen)
    pretty = output.stdout_is_terminal()
    # JSON of `show` is one object, not a one-element array; the other formats are one row.
    output.write(dump_json(row, pretty) if out_format == "json" else format_rows([row], chosen, out_format))


def run_compare(
    session: Session,
    refs: Sequence[str],
    *,
    fields: str | None = None,
    fmt: str | None = None,
    as_json: bool = False,
) -> None:
    if len(refs) < 2:
        raise UsageError("compare needs at least two REFs")
    out_format = resolve_format(fmt, as_json)
    index = session.index()
    records = [index.resolve(ref) for ref in refs]
    types = {r.TYPE for r in records}
    single = next(iter(types)) if len(types) == 1 else None
    columns = parse_fields(fields, single, None if single else all_field_names(None))
    if out_format == "table":
        from lunarfacts.render import compare_table

        output.show(compare_table(records, compare_records(records, columns)), session.no_color)
        return
    emit_records(session, records, single, columns, out_format)


def run_search(
    session: Session,
    words: Sequence[str],
    *,
    record_type: str | None = None,
    limit: int | None = None,
    fields: str | None = None,
    fmt: str | None = None,
    as_json: bool = False,
) -> None:
    out_format = resolve_format(fmt, as_json)
    wanted = RecordType(record_type) if record_type else None
    columns = parse_fields(fields, wanted, None if wanted else all_field_names(None))
    found = search_records(session.base(), " ".join(words), (wanted,) if wanted else ())
    if limit is not None:
        found = found[:limit]
    if out_format == "table" and columns is None:
        columns = SEARCH_COLUMNS
    emit_records(session, found, wanted, columns, out_format)


def run_sources(session: Session, ref: str, *, fmt: str | None = None, as_json: bool = False) -> None:
    out_format = resolve_format(fmt, as_json)
    record = session.index().resolve(ref)
    if out_format == "table":
        from lunarfacts.render import sources_view

        output.show(sources_view(record), session.no_color)
        return
    rows = [to_json_value(source) for source in record.sources]
    output.write(format_rows(rows, SOURCE_COLUMNS, out_format, pretty=output.stdout_is_terminal()))


def run_schema(record_type: str | None = None) -> None:
    output.write(dump_json(schema_document(RecordType(record_type) if record_type else None)))
