"""The machine-readable contract: records as JSON rows, and json/jsonl/csv/tsv text.

Stdlib, the model and the rules only (no Rich, no Typer): the `--json` path runs through here alone.
One row builder serves every format: a record becomes a dict of `"type"` and its fields in class
order, dates as their ISO/EDTF text and nested tables as dicts; lists stay tuples, which the encoder
writes as arrays.
"""

from __future__ import annotations

import io
import json
import json.encoder
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lunarfacts.dates import PartialDate
from lunarfacts.model import FactBase, Record
from lunarfacts.rules import TYPES, Field, Shape, plain

_DATE_TEXT: dict[PartialDate, str] = {}  # the same few dates recur across thousands of records


def date_text(value: PartialDate | None) -> str | None:
    if value is None:
        return None
    text = _DATE_TEXT.get(value)
    if text is None:
        text = _DATE_TEXT[value] = str(value)
    return text


class _RowPlan:
    """How a tuple of some fields becomes a row: its keys, and what to convert where."""

    __slots__ = ("convert", "keys")

    def __init__(self, fields: Sequence[Field], head: tuple[str, ...] = ()) -> None:
        self.keys = (*head, *(f.name for f in fields))
        offset = len(head)
        self.convert: list[tuple[int, Callable[[Any], Any]]] = []
        for i, field in enumerate(fields, offset):
            if field.shape == Shape.DATE:
                self.convert.append((i, date_text))
            elif field.shape == Shape.TABLES:
                assert field.table is not None
                self.convert.append((i, _tables(_RowPlan(field.table.fields))))
            elif field.shape == Shape.TABLE:
                assert field.table is not None
                self.convert.append((i, _RowPlan(field.table.fields).row))
            elif field.shape == Shape.VALUE:
                self.convert.append((i, plain))

    def row(self, value: Sequence[Any], head: Sequence[Any] = ()) -> dict[str, Any]:
        values = [*head, *value]
        for i, convert in self.convert:
            if values[i]:  # None and empty lists need no converting (most lists are empty)
                values[i] = convert(values[i])
        return dict(zip(self.keys, values))  # noqa: B905 - the plan's keys are the tuple's fields


def _tables(plan: _RowPlan) -> Callable[[Any], Any]:
    row = plan.row

    def convert(items: Sequence[Any]) -> tuple[dict[str, Any], ...]:
        return tuple([row(item) for item in items])

    return convert


_PLANS = {name: _RowPlan(rule.fields, ("type",)) for name, rule in TYPES.items()}


def record_to_dict(record: Record, fields: Sequence[str] | None = None) -> dict[str, Any]:
    """Every field of the record's type, in order, after `"type"`; or just `fields`, in that order
    (a field the record's type lacks is null)."""
    row = _PLANS[record.TYPE].row(record, (record.TYPE,))
    if fields is None:
        return row
    return {name: row.get(name) for name in fields}


def nested_to_dict(value: Any, fields: Sequence[Field]) -> dict[str, Any]:
    """One nested table (a source, a target) as its JSON object."""
    return _RowPlan(fields).row(value)


# JSON allows U+2028 and U+2029 raw, but line-splitting readers (str.splitlines, JavaScript) break
# JSON Lines there; written as escapes they are the same JSON.
def _escape_line_separators(text: str) -> str:
    # str.replace, not str.translate: translate maps character by character in Python, 50x slower.
    if "\u2028" in text or "\u2029" in text:
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text


def _compact_encoder() -> Callable[[Any], str]:
    """Compact JSON text of a value, from one C encoder made once.

    JSONEncoder.encode makes a new C encoder on every call, which a 10,000-row listing would pay
    10,000 times. Made by hand it skips the cycle check too (rows hold no cycles). The C parts are
    undocumented, so a Python without them gets the ordinary encoder.
    """
    compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
    c_encode_basestring = getattr(json.encoder, "c_encode_basestring", None)
    if c_make_encoder is None or c_encode_basestring is None:  # pragma: no cover - CPython has them
        return compact.encode
    chunks = c_make_encoder(None, compact.default, c_encode_basestring, None, ":", ",", False, False, True)
    return lambda value: "".join(chunks(value, 0))


_encode_compact = _compact_encoder()


def compact_json(value: Any) -> str:
    return _escape_line_separators(_encode_compact(value))


def jsonl_of(records: Iterable[Record]) -> str:
    """Whole records as JSON Lines."""
    encode = _encode_compact
    rows = [encode(_PLANS[r.TYPE].row(r, (r.TYPE,))) + "\n" for r in records]
    return _escape_line_separators("".join(rows))


def default_rows(base: FactBase) -> dict[str, tuple[bytes, list[str]]]:
    """Per type, every record as compact JSON Lines (UTF-8) and the ids in the same order, the order a
    plain list command gives them: what the cache keeps so a plain `missions --json` builds no record."""
    from lunarfacts.query import ListQuery, select

    found = {}
    for name in TYPES:
        records = select(base, name, ListQuery())
        found[name] = (jsonl_of(records).encode(), [r.id for r in records])
    return found


def dump_json(value: Any, pretty: bool = True) -> str:
    """Indented for people; compact (and several times faster, in C) for a pipe."""
    if pretty:
        return _escape_line_separators(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"
    return compact_json(value) + "\n"


def dump_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(compact_json(row) + "\n" for row in rows)


def flat_cell(value: Any) -> str:
    """One csv/tsv cell: scalars as text, lists of scalars joined with '; ', anything nested as JSON."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        if all(not isinstance(v, dict | list | tuple) for v in value):
            return "; ".join(flat_cell(v) for v in value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def dump_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """RFC 4180 CSV: CRLF line ends, and cells with commas, quotes, CR or LF quoted (Python's csv
    quotes only the characters of its line terminator, so a bare CR needs CRLF as the terminator)."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([flat_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Every C0 and C1 control, and DEL: raw in a pipe they would retitle or recolour a terminal that shows it.
_TSV_UNSAFE = re.compile(r"[\\\x00-\x1f\x7f-\x9f]")


def _tsv_escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _TSV_ESCAPES.get(ch) or f"\\x{ord(ch):02x}"


def _tsv_cell(text: str) -> str:
    """Backslash first (one pass), so the escapes it adds are not escaped again."""
    return _TSV_UNSAFE.sub(_tsv_escape, text) if _TSV_UNSAFE.search(text) else text


def dump_tsv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Tab-separated, one record a line, never quoted: tabs, newlines and backslashes are escaped
    (\\t \\n \\r \\\\), so `cut -f` and `awk -F'\\t'` always see whole cells."""
    lines = ["\t".join(columns)]
    for row in rows:
        lines.append("\t".join(_tsv_cell(flat_cell(row.get(column))) for column in columns))
    return "\n".join(lines) + "\n"


def format_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, pretty: bool = True) -> str:
    """Rows (already cut to `columns`) in a machine format: json, jsonl, csv or tsv."""
    if fmt == "json":
        return dump_json(list(rows), pretty)
    if fmt == "jsonl":
        return dump_jsonl(rows)
    return dump_csv(rows, columns) if fmt == "csv" else dump_tsv(rows, columns)
