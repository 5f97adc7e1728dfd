"""The JSON of every command validates against what `schema` prints, for the whole bundled base."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from lunarfacts.model import RecordType

from .conftest import Runner


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    from lunarfacts.jsonout import schema_document

    schema = schema_document()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(validator: Draft202012Validator, record: Any) -> list[str]:
    return [f"{record.get('id')}: {e.message}" for e in validator.iter_errors(record)]


@pytest.mark.parametrize("command", [t.plural for t in RecordType])
def test_every_listed_record_validates(run: Runner, validator: Draft202012Validator, command: str) -> None:
    records = json.loads(run(command, "--json").out)
    assert records
    assert [e for r in records for e in _errors(validator, r)] == []


def test_show_compare_and_search_validate(run: Runner, validator: Draft202012Validator) -> None:
    outputs = [
        [json.loads(run("show", "Chang'e 5", "--json").out)],
        json.loads(run("compare", "Gateway", "ILRS", "--json").out),
        json.loads(run("search", "sample return", "--json").out),
        json.loads(run("--as-of", "2021-03-09", "agreements", "--json").out),
    ]
    assert [e for records in outputs for r in records for e in _errors(validator, r)] == []


@pytest.mark.parametrize("record_type", list(RecordType))
def test_each_type_schema_is_valid_and_printed_by_schema_type(run: Runner, record_type: RecordType) -> None:
    schema = json.loads(run("schema", record_type.value).out)
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["type"] == {"const": record_type.value}
