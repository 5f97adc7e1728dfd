"""The machine-readable contract: records as JSON-ready dicts, json/jsonl/csv/tsv text, JSON Schema.

Stdlib only (no Rich, no Typer): the `--json` path runs through here alone.
"""

from __future__ import annotations

import enum
import io
import json
import json.encoder
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from lunarfacts.loader import FactBase
from lunarfacts.model import FIELDS, PartialDate, Record, RecordType, Shape, Source

DATE_PATTERN = r"^[0-9]{4}(-Q[1-4]|-[0-9]{2}(-[0-9]{2})?)?$"


def to_json_value(value: Any) -> Any:
    """A field value in JSON terms: dates as their ISO text, enums as their value, tuples as lists."""
    if isinstance(value, enum.Enum):  # before str: the enums are str subclasses
        return value.value
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, PartialDate):  # before tuple: dates and nested tables are NamedTuples
        return str(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: to_json_value(item) for name, item in zip(value._fields, value, strict=True)}
    if isinstance(value, tuple | list):
        return [to_json_value(item) for item in value]
    raise TypeError(f"no JSON form for {type(value).__name__}")


def _converter(shape: Shape) -> Callable[[Any], Any] | None:
    """How one field's value becomes JSON (None: it already is), chosen once per field, not per value."""
    if shape in (Shape.TEXT, Shape.URL, Shape.NUMBER, Shape.INTEGER, Shape.REF):
        return None
    if shape is Shape.DATE:
        return _date
    if shape is Shape.ENUM:
        return _enum
    if shape in (Shape.TEXT_LIST, Shape.REF_LIST):
        return list
    if shape is Shape.SOURCES:
        return _sources
    return to_json_value  # targets, partners, signatories: rarer, converted generically


_DATE_TEXT: dict[PartialDate, str] = {}  # the same few dates recur across thousands of records


def _date(value: PartialDate | None) -> str | None:
    if value is None:
        return None
    text = _DATE_TEXT.get(value)
    if text is None:
        text = _DATE_TEXT[value] = str(value)
    return text


def _enum(value: enum.Enum | None) -> Any:
    return None if value is None else value._value_


def _sources(sources: Sequence[Source]) -> list[dict[str, Any]]:
    return [
        {"url": s.url, "title": s.title, "publisher": s.publisher, "date": _date(s.date)} for s in sources
    ]


class _Shape(NamedTuple):
    """Per record type: its field names in JSON order, a getter for all of them, and the conversions."""

    names: tuple[str, ...]
    values: Callable[[Any], tuple[Any, ...]]
    conversions: tuple[tuple[str, Callable[[Any], Any]], ...]


def _shape(record_type: RecordType) -> _Shape:
    names = tuple(spec.name for spec in FIELDS[record_type])
    conversions = tuple(
        (spec.name, convert)
        for spec in FIELDS[record_type]
        if (convert := _converter(spec.shape)) is not None
    )
    return _Shape(names, operator.attrgetter(*names), conversions)


_SHAPES = {record_type: _shape(record_type) for record_type in RecordType}


def record_to_dict(record: Record, fields: Sequence[str] | None = None) -> dict[str, Any]:
    """Every field of the record's type, in spec order, after `"type"`; or just `fields`, in that order."""
    if fields is None:
        shape = _SHAPES[record.TYPE]
        row: dict[str, Any] = {"type": record.TYPE._value_}
        row.update(zip(shape.names, shape.values(record), strict=True))
        for name, convert in shape.conversions:
            row[name] = convert(row[name])
        return row
    return {
        name: record.TYPE.value if name == "type" else to_json_value(getattr(record, name, None))
        for name in fields
    }


# JSON allows U+2028 and U+2029 raw, but line-splitting readers (str.splitlines, JavaScript) break
# JSON Lines there; written as escapes they are the same JSON.
def _escape_line_separators(text: str) -> str:
    # str.replace, not str.translate: translate maps character by character in Python, 50x slower.
    if "\u2028" in text or "\u2029" in text:
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text


def _compact_encoder() -> Callable[[Any], str]:
    """Compact JSON text of a value, from one C encoder made once.

    JSONEncoder.encode makes a new C encoder on every call, ~10 µs, which a 10,000-row listing pays
    10,000 times. Made by hand it skips the cycle check too (records hold no cycles). The C parts are
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


class _RowPlan(NamedTuple):
    """How a record becomes the dict the encoder takes, for a whole type's rows at once."""

    keys: tuple[str, ...]  # "type", then every field in JSON order
    values: Callable[[Any], tuple[Any, ...]]  # the fields, in that order
    dates: tuple[int, ...]  # where the dates are in the row
    nested: tuple[tuple[int, Callable[[Any], Any]], ...]  # where sources, targets... are, and how


def _row_plan(record_type: RecordType) -> _RowPlan:
    specs = FIELDS[record_type]
    nested: dict[Shape, Callable[[Any], Any]] = {
        Shape.SOURCES: _sources,
        Shape.TARGETS: to_json_value,  # rarer: converted generically
        Shape.PARTNERS: to_json_value,
        Shape.SIGNATORIES: to_json_value,
    }
    return _RowPlan(
        ("type", *(spec.name for spec in specs)),
        operator.attrgetter(*(spec.name for spec in specs)),
        tuple(i for i, spec in enumerate(specs, 1) if spec.shape is Shape.DATE),
        tuple((i, nested[spec.shape]) for i, spec in enumerate(specs, 1) if spec.shape in nested),
    )


_ROW_PLANS = {record_type: _row_plan(record_type) for record_type in RecordType}


def _encodable_row(record: Record) -> dict[str, Any]:
    """record_to_dict's row, left as the C encoder takes it: tuples for lists, the str enums as they
    are. Only dates and nested tables need converting, half the work of a JSON-ready row."""
    plan = _ROW_PLANS[record.TYPE]
    values: list[Any] = [record.TYPE._value_]
    values.extend(plan.values(record))
    for i in plan.dates:
        value = values[i]
        if value is not None:
            values[i] = _DATE_TEXT.get(value) or _date(value)
    for i, convert in plan.nested:
        if values[i]:
            values[i] = convert(values[i])
    return dict(zip(plan.keys, values, strict=True))


def jsonl_of(records: Iterable[Record]) -> str:
    """Whole records as JSON Lines: the same text as dump_jsonl of their record_to_dict rows."""
    encode = _encode_compact
    return _escape_line_separators("".join([encode(_encodable_row(r)) + "\n" for r in records]))


def default_jsonl(base: FactBase) -> dict[str, bytes]:
    """Every record as JSON Lines (UTF-8), per type, in the order a plain list command gives them."""
    from lunarfacts.query import ListQuery, select

    return {t.value: jsonl_of(select(base, t, ListQuery())).encode() for t in RecordType}


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
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
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


def _tsv_cell(text: str) -> str:
    """Backslash first, so the escapes it adds are not escaped again."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


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


# --- JSON Schema ------------------------------------------------------------------------------

_NULLABLE_TEXT = {"type": ["string", "null"]}
_DATE = {"type": "string", "pattern": DATE_PATTERN}
_NULLABLE_DATE = {"type": ["string", "null"], "pattern": DATE_PATTERN}


def _object(properties: dict[str, Any], required: Sequence[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties if required is None else required),
        "additionalProperties": False,
    }


_SOURCE = _object(
    {
        "url": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "publisher": _NULLABLE_TEXT,
        "date": _NULLABLE_DATE,
    }
)
_SHAPE_SCHEMAS: dict[Shape, dict[str, Any]] = {
    Shape.TEXT: _NULLABLE_TEXT,
    Shape.URL: {"type": ["string", "null"], "format": "uri"},
    Shape.TEXT_LIST: {"type": "array", "items": {"type": "string"}},
    Shape.DATE: _NULLABLE_DATE,
    Shape.NUMBER: {"type": ["number", "null"], "minimum": 0},
    Shape.INTEGER: {"type": ["integer", "null"]},
    Shape.REF: _NULLABLE_TEXT,
    Shape.REF_LIST: {"type": "array", "items": {"type": "string"}},
    Shape.SOURCES: {"type": "array", "items": _SOURCE},
    Shape.TARGETS: {
        "type": "array",
        "items": _object(
            {
                "milestone": {"type": "string"},
                "date": _DATE,
                "announced": _NULLABLE_DATE,
                "sources": {"type": "array", "items": _SOURCE},
            }
        ),
    },
    Shape.PARTNERS: {
        "type": "array",
        "items": _object({"id": {"type": "string"}, "joined": _NULLABLE_DATE, "role": _NULLABLE_TEXT}),
    },
    Shape.SIGNATORIES: {
        "type": "array",
        "items": _object({"id": {"type": "string"}, "date": _NULLABLE_DATE}),
    },
}


def record_schema(record_type: RecordType) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one record type as `--json` prints it."""
    properties: dict[str, Any] = {"type": {"const": record_type.value}}
    for spec in FIELDS[record_type]:
        if spec.shape is Shape.ENUM:
            assert spec.choices is not None
            schema: dict[str, Any] = {"enum": [*(m.value for m in spec.choices), None]}
        else:
            schema = dict(_SHAPE_SCHEMAS[spec.shape])
        if spec.required:
            schema["type"] = "string" if spec.shape in (Shape.TEXT, Shape.DATE) else schema["type"]
        if spec.name == "sources":
            schema = {**schema, "minItems": 1}
        properties[spec.name] = {**schema, "description": spec.help}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"lunarfacts {record_type.value}",
        **_object(properties),
    }


def schema_document(record_type: RecordType | None = None) -> dict[str, Any]:
    """One type's schema, or (no type) a schema any record satisfies, with each type under $defs."""
    if record_type is not None:
        return record_schema(record_type)
    defs = {t.value: {k: v for k, v in record_schema(t).items() if k != "$schema"} for t in RecordType}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "lunarfacts record",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in defs],
        "$defs": defs,
    }
