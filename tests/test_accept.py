"""The loader's fast path, `accept`: it may decline anything, but what it accepts must be exactly the
record the explaining path builds from the same table, with no problem noted (compared by repr: a str
enum equals its value, so == would miss an enum left as text).
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

from lunarfacts.accept import accept
from lunarfacts.loader import _Checker, bundled_path, parse_document
from lunarfacts.model import FIELDS, RecordType

from .conftest import MINI

TABLES = {t.plural: t for t in RecordType}
CHART = MINI.parent / "chart.toml"


@functools.cache
def _document(path: str) -> dict[str, Any]:
    doc, problems = parse_document(Path(path).read_bytes(), path)
    assert doc is not None and not problems
    return doc


def _items(path: str) -> list[tuple[RecordType, dict[str, Any]]]:
    return [(TABLES[table], item) for table, items in _document(path).items() for item in items]


def _explained(record_type: RecordType, item: object) -> tuple[str | None, list[object]]:
    checker = _Checker("x.toml")
    record = checker.explained_record(record_type, item)
    return (None if record is None else repr(record)), list(checker.problems)


def _assert_same_as_explained(record_type: RecordType, item: Any) -> bool:
    """True when accept took the record; then it is exactly what the explaining path builds."""
    accepted = accept(record_type, item)
    if accepted is None:
        return False
    record, problems = _explained(record_type, item)
    assert problems == [], (item, problems)
    assert repr(accepted) == record
    return True


@pytest.mark.parametrize("path", [bundled_path(), str(MINI), str(CHART)], ids=["bundled", "mini", "chart"])
def test_every_real_record_accepted_is_the_explained_record(path: str) -> None:
    taken = [_assert_same_as_explained(t, item) for t, item in _items(path)]
    # The fast path must be the common path: only records with targets, partners or signatories
    # (rare nested tables) are left to the explaining path.
    rare = ("targets", "partners", "signatories")
    plain = [took for (t, item), took in zip(_items(path), taken, strict=True) if not set(rare) & set(item)]
    assert all(plain)


# Values that sit on the edges of what each shape allows: blank text, ids with a newline, dates in
# other digits, NaN and the limits of numbers, sources missing a key or carrying an extra one...
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
    [{"milestone": "landing", "date": "2024"}],
]

_real_items = st.sampled_from(_items(bundled_path()) + _items(str(MINI)))


@settings(max_examples=400, deadline=None)
@given(choice=_real_items, data=st.data())
def test_a_record_with_any_edge_value_is_accepted_only_as_explained(choice: Any, data: st.DataObject) -> None:
    record_type, original = choice
    item = copy.deepcopy(original)
    names = [spec.name for spec in FIELDS[record_type]] + ["bogus"]
    for _ in range(data.draw(st.integers(1, 3))):
        item[data.draw(st.sampled_from(names))] = copy.deepcopy(data.draw(st.sampled_from(_EDGES)))
    if data.draw(st.booleans()):
        item.pop(data.draw(st.sampled_from(names)), None)
    _assert_same_as_explained(record_type, item)


def test_accept_declines_what_is_not_a_table() -> None:
    assert accept(RecordType.MISSION, ["id", "x"]) is None  # type: ignore[arg-type]
    assert accept(RecordType.MISSION, {}) is None
