"""The JSON of every command validates against what `schema` prints, for the whole bundled base."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from lunarfacts.rules import TYPES
from lunarfacts.vocab import RecordType

from .conftest import Runner


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    from lunarfacts.schema import schema_document

    schema = schema_document()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(validator: Draft202012Validator, record: Any) -> list[str]:
    return [f"{record.get('id')}: {e.message}" for e in validator.iter_errors(record)]


@pytest.mark.parametrize("command", [rule.plural for rule in TYPES.values()])
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


@pytest.mark.parametrize("record_type", list(RecordType.values()))
def test_each_type_schema_is_valid_and_printed_by_schema_type(run: Runner, record_type: str) -> None:
    schema = json.loads(run("schema", record_type).out)
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["type"] == {"const": record_type}


_AWKWARD = """
[[missions]]
id = "awkward"
name = "Line\\u2028separator\\u2029and \\"quotes\\" \\\\ tab\\t nul-free \\u001b[31m"
summary = "émoji 🚀, CJK 嫦娥, newline\\nin text"
aliases = ["a\\u2028b"]
kind = "lander"
status = "planned"
launch_date = "2027-Q3"
samples_g = 1731.0
targets = [{ milestone = "landing", date = "2028", announced = 2024-01-02, sources = [{ url = "https://e.org", title = "t", kind = "primary" }] }]
sources = [{ url = "https://e.org/x", title = "T", publisher = "P", date = "2024-05" }]
as_of = 2026-11-24
"""


@pytest.mark.parametrize("base", ["bundled", "mini", "chart", "awkward"])
def test_the_bulk_encoder_writes_what_record_to_dict_and_dump_jsonl_write(base: str, tmp_path: Any) -> None:
    """Whole-record JSON is written by a faster path (cache rows, plain listings); it must be the text
    the general one gives, byte for byte."""
    from lunarfacts.files import bundled_path
    from lunarfacts.jsonout import dump_jsonl, jsonl_of, record_to_dict
    from lunarfacts.loader import load_facts

    from .conftest import MINI

    if base == "awkward":
        path = tmp_path / "awkward.toml"
        path.write_text(_AWKWARD, encoding="utf-8")
        paths = [str(MINI), str(path)]
    else:
        paths = [
            {"bundled": bundled_path(), "mini": str(MINI), "chart": str(MINI.parent / "chart.toml")}[base]
        ]
    records = load_facts(paths).base.records
    assert jsonl_of(records) == dump_jsonl([record_to_dict(r) for r in records])
