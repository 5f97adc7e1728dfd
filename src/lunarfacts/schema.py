"""The JSON Schema (2020-12) of what `--json` prints, generated from the rules.

Stdlib and the rules only. Every limit the loader enforces is stated here too, from the same
declaration: patterns, vocabularies, numeric ranges, the year range, required fields, nested tables.
"""

from __future__ import annotations

from typing import Any

from lunarfacts.dates import DATE_PATTERN
from lunarfacts.rules import ID_PATTERN, MAX_NUMBER, TYPES, URL_PATTERN, Field, Shape

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = {"type": "string", "pattern": r"\S"}
_ID = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}


def _nullable(schema: dict[str, Any], required: bool) -> dict[str, Any]:
    if required:
        return schema
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return {**schema, "type": [schema["type"], "null"]}


def _scalar(field: Field) -> dict[str, Any]:
    shape = field.shape
    if shape == Shape.TEXT and field.pattern is not None:
        return {"type": "string", "pattern": f"^{field.pattern.pattern}$"}
    if shape == Shape.TEXT:
        return dict(_TEXT)
    if shape == Shape.URL:
        return {"type": "string", "format": "uri", "pattern": f"^{URL_PATTERN.pattern}"}
    if shape == Shape.REF:
        return dict(_ID)
    if shape == Shape.DATE:
        return {"type": "string", "pattern": DATE_PATTERN}
    if shape == Shape.NUMBER:
        high = MAX_NUMBER if field.maximum is None else field.maximum
        return {"type": "number", "minimum": field.minimum or 0, "maximum": high}
    if shape == Shape.YEAR:
        return {"type": "integer", "minimum": field.minimum, "maximum": field.maximum}
    assert shape == Shape.CHOICE and field.choices is not None
    return {"enum": list(field.choices.values())}


def field_schema(field: Field) -> dict[str, Any]:
    if field.shape == Shape.TEXT_LIST:
        schema: dict[str, Any] = {"type": "array", "items": dict(_TEXT)}
    elif field.shape == Shape.REF_LIST:
        schema = {"type": "array", "items": dict(_ID)}
    elif field.shape == Shape.VALUE:
        schema = {}  # whatever the field it changes holds
    elif field.shape == Shape.TABLE:
        assert field.table is not None
        inner = object_schema(field.table.fields)
        schema = inner if field.required else {"oneOf": [inner, {"type": "null"}]}
    elif field.shape == Shape.TABLES:
        assert field.table is not None
        schema = {"type": "array", "items": object_schema(field.table.fields)}
        if field.min_items:
            schema["minItems"] = field.min_items
    else:
        schema = _nullable(_scalar(field), field.required)
    return {**schema, "description": field.help}


def object_schema(fields: tuple[Field, ...], head: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every key always present (null or [] when unknown), nothing else."""
    properties = {**(head or {}), **{f.name: field_schema(f) for f in fields}}
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def record_schema(record_type: str) -> dict[str, Any]:
    """The schema of one record type as `--json` prints it."""
    body = object_schema(TYPES[record_type].fields, {"type": {"const": record_type}})
    return {"$schema": _DIALECT, "title": f"lunarfacts {record_type}", **body}


def schema_document(record_type: str | None = None) -> dict[str, Any]:
    """One type's schema, or (no type) a schema any record satisfies, with each type under $defs."""
    if record_type is not None:
        return record_schema(record_type)
    defs = {name: {k: v for k, v in record_schema(name).items() if k != "$schema"} for name in TYPES}
    return {
        "$schema": _DIALECT,
        "title": "lunarfacts record",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in defs],
        "$defs": defs,
    }
