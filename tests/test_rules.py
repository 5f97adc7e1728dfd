"""The one rule set: its converters take exactly what its explanations find no fault with, and the
record classes, the rules and the JSON Schema state the same fields.

`convert_record` is the fast, silent path every record of a fact file takes; `explain_record` is what
a curator reads when it declines one. A record must get one or the other, never both, never neither.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lunarfacts.files import bundled_path
from lunarfacts.loader import parse_document
from lunarfacts.rules import TYPE_BY_PLURAL, TYPES, TypeRule, convert_record, explain_record
from lunarfacts.schema import record_schema

from .conftest import MINI

CHART = MINI.parent / "chart.toml"


@functools.cache
def _document(path: str) -> dict[str, Any]:
    doc, problems = parse_document(Path(path).read_bytes(), path)
    assert doc is not None and not problems
    return doc


def _items(path: str) -> list[tuple[TypeRule, dict[str, Any]]]:
    return [(TYPE_BY_PLURAL[table], item) for table, items in _document(path).items() for item in items]


def _taken_exactly_when_faultless(rule: TypeRule, item: Any) -> bool:
    """True when the converter took the record; either way the explanation agrees with it."""
    record = convert_record(rule, item)
    said = explain_record(rule, item)
    if record is None:
        assert said, ("declined without a word", item)
        return False
    assert said == [], (item, said)
    return True


@pytest.mark.parametrize("path", [bundled_path(), str(MINI), str(CHART)], ids=["bundled", "mini", "chart"])
def test_every_real_record_is_taken_and_faultless(path: str) -> None:
    assert all(_taken_exactly_when_faultless(rule, item) for rule, item in _items(path))


# Values on the edges of what each shape allows: blank text, ids with a newline, dates in other
# digits, NaN and the limits of numbers, sources missing a key or carrying an extra one...
_EDGES: list[Any] = [
    "",
    " ",
    "\t\n",
    "x",
    " padded ",
    "probe-1",
    "probe-1\n",
    "Probe-1",
    "-probe",
    "xa",
    "XA",
    "lander",
    "Lander",
    "planned",
    "https://e.org/a",
    "http://e.org",
    "https://",
    "https:// e.org",
    "ftp://e.org",
    "2021",
    "2021-Q4",
    "2021-Q5",
    "2021-02-29",
    "2020-02-29",
    " 2021-07 ",
    "..2021-07",
    "...2021",
    "２０２１",
    "0000",
    dt.date(2021, 2, 28),
    dt.datetime(2021, 2, 28, 1, 2),
    dt.time(7, 0),
    True,
    False,
    0,
    1899,
    1900,
    2200,
    2201,
    -1,
    10**15,
    10**15 + 1,
    10**400,
    0.0,
    -0.0,
    1e15,
    1e16,
    float("nan"),
    float("inf"),
    [],
    ["x"],
    ["x", " "],
    ["xa", "xb"],
    ["probe-1\n"],
    [1],
    [[]],
    {},
    {"x": 1},
    [{"url": "https://e.org", "title": "t"}],
    [{"url": "https://e.org", "title": "t", "publisher": "p", "date": "2021-07"}],
    [{"url": "https://e.org", "title": "t", "publisher": " "}],
    [{"url": "https://e.org", "title": "t", "date": dt.datetime(2021, 1, 1)}],
    [{"url": "https://e.org"}],
    [{"url": "https://e.org", "title": "t", "extra": 1}],
    [{"url": "e.org", "title": "t"}],
    ["https://e.org"],
    [{"id": "xa"}],
    [{"id": "xa", "joined": "2021", "role": "partner"}],
    [{"id": "xa", "joined": "..2021-04-29"}],
    [{"milestone": "landing", "date": "2024"}],
    [{"milestone": "landing", "date": "2024", "announced": "2019"}],
]

_real_items = st.sampled_from(_items(bundled_path()) + _items(str(MINI)))


@settings(max_examples=400, deadline=None)
@given(choice=_real_items, data=st.data())
def test_a_record_with_any_edge_value_is_taken_exactly_when_faultless(
    choice: Any, data: st.DataObject
) -> None:
    rule, original = choice
    item = copy.deepcopy(original)
    names = [*rule.field_names, "bogus"]
    for _ in range(data.draw(st.integers(1, 3))):
        item[data.draw(st.sampled_from(names))] = copy.deepcopy(data.draw(st.sampled_from(_EDGES)))
    if data.draw(st.booleans()):
        item.pop(data.draw(st.sampled_from(names)), None)
    _taken_exactly_when_faultless(rule, item)


def test_what_is_not_a_table_is_declined_and_said_so() -> None:
    rule = TYPES["mission"]
    for item in (["id", "x"], {}, "mission", None):
        assert convert_record(rule, item) is None
        assert explain_record(rule, item)


@pytest.mark.parametrize("name", list(TYPES))
def test_classes_rules_and_schema_name_the_same_fields_in_the_same_order(name: str) -> None:
    rule = TYPES[name]
    assert tuple(f.name for f in rule.fields) == rule.cls._fields
    assert list(record_schema(name)["properties"]) == ["type", *rule.cls._fields]


def test_the_schema_carries_the_loaders_limits() -> None:
    mission = record_schema("mission")["properties"]
    assert mission["samples_g"]["minimum"] == 0 and mission["samples_g"]["maximum"] == 1e15
    country = record_schema("country")["properties"]
    assert (country["space_budget_year"]["minimum"], country["space_budget_year"]["maximum"]) == (1900, 2200)
    assert mission["status"]["enum"][-1] is None and "planned" in mission["status"]["enum"]
    assert mission["sources"]["minItems"] == 1
