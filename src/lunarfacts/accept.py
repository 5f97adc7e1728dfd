"""The loader's fast path: accept a well-formed record without a word, or say nothing and step aside.

Validation explains every problem with its file, record and field, and that care costs ~40 µs a record:
on a 10,000-mission base, a third of what a first run added to the TOML parse. Nearly every record is well formed, so the loader first
offers it here: plain type checks and cached dates, no messages, no bookkeeping. Anything unusual (a
wrong type, a blank text, an unknown field, a nested table other than a source) gets None, and the
explaining path looks at it from scratch, so what a user reads about a bad file never comes from here.
A test holds this to giving exactly what the explaining path gives, record by record.

Stdlib and the model only.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from lunarfacts.model import (
    COUNTRY_ID_PATTERN,
    FIELDS,
    ID_PATTERN,
    RECORD_CLASSES,
    URL_PATTERN,
    PartialDate,
    Record,
    RecordType,
    Shape,
    Source,
)

_NO = object()  # "not sure": the explaining path decides
_SOURCE_KEYS = frozenset(("url", "title", "publisher", "date"))
_new = tuple.__new__

# Dates recur across thousands of records: each distinct one is read once a run.
_DAYS: dict[dt.date, PartialDate] = {}
_TEXT_DATES: dict[str, PartialDate] = {}


def _text(raw: object) -> Any:
    # `raw and not raw.isspace()` is `raw.strip()` (the same whitespace) without copying the text.
    return raw if type(raw) is str and raw and not raw.isspace() else _NO


def _url(raw: object) -> Any:
    return raw if type(raw) is str and URL_PATTERN.match(raw) else _NO


def _ref(raw: object) -> Any:
    return raw if type(raw) is str and ID_PATTERN.fullmatch(raw) else _NO


def _date(raw: object) -> Any:
    if type(raw) is dt.date:  # not a datetime, which is a date too
        found = _DAYS.get(raw)
        if found is None:
            found = _DAYS[raw] = PartialDate.from_date(raw)
        return found
    if type(raw) is str:
        found = _TEXT_DATES.get(raw)
        if found is None:
            try:
                found = _TEXT_DATES[raw] = PartialDate.parse(raw)
            except ValueError:
                return _NO
        return found
    return _NO


def _number(raw: object) -> Any:
    # Exact types only: a bool is an int, and TOML gives no other numbers. NaN fails the comparison.
    return float(raw) if (type(raw) is float or type(raw) is int) and 0 <= raw <= 1e15 else _NO


def _integer(raw: object) -> Any:
    return raw if type(raw) is int and 1900 <= raw <= 2200 else _NO


# Loops, not all() over a generator: most lists hold one or two items, and a generator costs more.
def _text_list(raw: object) -> Any:
    if type(raw) is not list:
        return _NO
    for x in raw:
        if type(x) is not str or not x or x.isspace():
            return _NO
    return tuple(raw)


def _ref_list(raw: object) -> Any:
    if type(raw) is not list:
        return _NO
    fullmatch = ID_PATTERN.fullmatch
    for x in raw:
        if type(x) is not str or not fullmatch(x):
            return _NO
    return tuple(raw)


def _source(raw: object) -> Any:
    if type(raw) is not dict or not raw.keys() <= _SOURCE_KEYS:
        return _NO
    url, title = _url(raw.get("url")), _text(raw.get("title"))
    publisher = raw.get("publisher")
    date = raw.get("date")
    if url is _NO or title is _NO:
        return _NO
    if publisher is not None and _text(publisher) is _NO:
        return _NO
    if date is not None:
        date = _date(date)
        if date is _NO:
            return _NO
    return _new(Source, (url, title, publisher, date))


def _sources(raw: object) -> Any:
    if type(raw) is not list or not raw:
        return _NO
    items = [_source(item) for item in raw]
    return _NO if _NO in items else tuple(items)


def _empty_only(raw: object) -> Any:
    """Targets, partners, signatories: rare, so only an empty list is accepted here."""
    return () if type(raw) is list and not raw else _NO


def _enum(choices: Any) -> Callable[[object], Any]:
    members = {member._value_: member for member in choices}

    def convert(raw: object) -> Any:
        member = members.get(raw) if type(raw) is str else None
        return _NO if member is None else member

    return convert


_BY_SHAPE: dict[Shape, Callable[[object], Any]] = {
    Shape.TEXT: _text,
    Shape.URL: _url,
    Shape.REF: _ref,
    Shape.DATE: _date,
    Shape.NUMBER: _number,
    Shape.INTEGER: _integer,
    Shape.TEXT_LIST: _text_list,
    Shape.REF_LIST: _ref_list,
    Shape.SOURCES: _sources,
    Shape.TARGETS: _empty_only,
    Shape.PARTNERS: _empty_only,
    Shape.SIGNATORIES: _empty_only,
}


class _Plan(NamedTuple):
    """Per record type: each field's tuple index and check, and the tuple of defaults to fill in.

    Records are built as tuples, not by keyword: a NamedTuple's generated __new__ takes ~7 µs for
    twenty keywords, as long as checking the whole record."""

    fields: dict[str, tuple[int, Callable[[object], Any]]]
    defaults: list[Any]


def _plan(record_type: RecordType) -> _Plan:
    cls = RECORD_CLASSES[record_type]
    index = {name: position for position, name in enumerate(cls._fields)}
    fields = {
        spec.name: (
            index[spec.name],
            _enum(spec.choices) if spec.shape is Shape.ENUM else _BY_SHAPE[spec.shape],
        )
        for spec in FIELDS[record_type]
    }
    # Required fields have no default; `accept` checks they are all there before using this.
    defaults = [cls._field_defaults.get(name) for name in cls._fields]
    return _Plan(fields, defaults)


_PLANS = {record_type: _plan(record_type) for record_type in RecordType}
_REQUIRED = {
    record_type: frozenset(spec.name for spec in FIELDS[record_type] if spec.required)
    for record_type in RecordType
}


def accept(record_type: RecordType, item: Mapping[str, object]) -> Record | None:
    """The record `item` describes when it is plainly well formed; None when it needs a closer look."""
    if type(item) is not dict or not item.keys() >= _REQUIRED[record_type]:
        return None
    fields, defaults = _PLANS[record_type]
    values = defaults.copy()
    for key, raw in item.items():
        field = fields.get(key)
        if field is None:
            return None
        value = field[1](raw)
        if value is _NO:
            return None
        values[field[0]] = value
    pattern = COUNTRY_ID_PATTERN if record_type is RecordType.COUNTRY else ID_PATTERN
    if not pattern.fullmatch(item["id"]):  # text: checked with the other fields
        return None
    record: Record = _new(RECORD_CLASSES[record_type], values)
    return record
