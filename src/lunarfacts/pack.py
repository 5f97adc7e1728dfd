"""A loaded fact base as plain tuples for `marshal`: the records section of the cache, and back.

marshal takes exact builtins only, and reads and writes them in C: records travel as plain tuples in
their class's field order, with dates as indexes into one table of the distinct dates and nested
tables as tuples of their own. Packing and unpacking follow the one layout that `rules` gives each
type. Unpacking checks every value against that layout, so a damaged or planted section raises
ValueError and is never turned into records; unlike pickle, reading one cannot run code.

Stdlib, the model and the rules only.
"""

from __future__ import annotations

import datetime as dt
import marshal
from collections.abc import Callable, Sequence
from typing import Any

from lunarfacts.dates import PartialDate
from lunarfacts.errors import Problem
from lunarfacts.model import FactBase, Loaded, Record, Replacement
from lunarfacts.rules import INVALID, TYPES, Field, Shape, converter, plain

FORMAT = 2  # bump when the layout below changes
_TYPE_NAMES = tuple(TYPES)  # a run of records names its type by index here
_new = tuple.__new__  # builds a NamedTuple from a sequence in C, as its own _make does

# --- writing ----------------------------------------------------------------------------------


class _Packer:
    """Records to plain tuples, collecting each distinct date once."""

    def __init__(self) -> None:
        self.dates: dict[PartialDate, int] = {}
        self._converters: dict[int, Callable[[Any], tuple[Any, ...]]] = {}

    def date(self, value: PartialDate | None) -> int | None:
        if value is None:
            return None
        index = self.dates.get(value)
        if index is None:
            index = self.dates[value] = len(self.dates)
        return index

    def converter(self, fields: Sequence[Field]) -> Callable[[Any], tuple[Any, ...]]:
        """A tuple of these fields to its plain form, made once per kind of tuple: only dates and
        nested tables change (the rest is marshalled as it is)."""
        found = self._converters.get(id(fields))
        if found is not None:
            return found
        steps: list[tuple[int, Callable[[Any], Any]]] = []
        for i, field in enumerate(fields):
            if field.shape == Shape.DATE:
                steps.append((i, self.date))
            elif field.shape == Shape.VALUE:
                steps.append((i, plain))  # a change's value: as TOML holds it, read back by its field
            elif field.shape == Shape.TABLE:
                assert field.table is not None
                steps.append((i, self.converter(field.table.fields)))
            elif field.shape == Shape.TABLES:
                assert field.table is not None
                inner = self.converter(field.table.fields)
                steps.append((i, lambda items, inner=inner: tuple([inner(item) for item in items])))  # type: ignore[misc]

        def convert(value: Any) -> tuple[Any, ...]:
            if not steps:
                return tuple(value)
            values = list(value)
            for i, step in steps:
                if values[i] is not None:
                    values[i] = step(values[i])
            return tuple(values)

        self._converters[id(fields)] = convert
        return convert


def _runs(records: Sequence[Record]) -> list[tuple[str, list[Record]]]:
    """Consecutive records of one type, in file order."""
    runs: list[tuple[str, list[Record]]] = []
    for record in records:
        if not runs or runs[-1][0] != record.TYPE:
            runs.append((record.TYPE, []))
        runs[-1][1].append(record)
    return runs


def pack(loaded: Loaded) -> bytes:
    """The whole loaded base as one marshal payload."""
    packer = _Packer()
    runs = tuple(
        (_TYPE_NAMES.index(name), tuple(map(packer.converter(TYPES[name].fields), records)))
        for name, records in _runs(loaded.base.records)
    )
    dates = tuple((d.start.toordinal(), d.end.toordinal(), d.precision, d.before) for d in packer.dates)
    replacements = tuple(tuple(r) for r in loaded.replacements)
    notes = tuple((p.file, p.message, p.record, p.field, p.line, p.severity) for p in loaded.notes)
    return marshal.dumps((FORMAT, dates, runs, tuple(loaded.files), replacements, notes))


# --- reading: every value checked against the layout ------------------------------------------

Check = Callable[[Any], Any]  # the value as the record holds it; ValueError for anything else


def _fail(what: str, value: object) -> ValueError:
    return ValueError(f"expected {what}, found {type(value).__name__}")


def _text(required: bool) -> Check:
    def check(value: Any) -> Any:
        if type(value) is str or (value is None and not required):
            return value
        raise _fail("text", value)

    return check


def _texts(value: Any) -> Any:
    if type(value) is tuple and all(type(x) is str for x in value):
        return value
    raise _fail("a tuple of texts", value)


def _choice(allowed: frozenset[str]) -> Check:
    def check(value: Any) -> Any:
        if value is None or (type(value) is str and value in allowed):
            return value
        raise _fail("a vocabulary value", value)

    return check


def _number(value: Any) -> Any:
    if value is None or type(value) is float:
        return value
    raise _fail("a number", value)


def _integer(value: Any) -> Any:
    if value is None or type(value) is int:
        return value
    raise _fail("a whole number", value)


def _any(value: Any) -> Any:
    return value


def _changes_read(record: Record) -> Record:
    """A record whose changes hold their values as packed (plain), with each value read by the field
    it changes; ValueError when one does not fit."""
    rule = TYPES[record.TYPE]
    changes = []
    for change in record.changes:
        field = rule.field(change.field)
        value = INVALID if field is None else converter(field)(change.value)
        if value is INVALID:
            raise ValueError("a damaged change")
        changes.append(change._replace(value=value))
    done: Record = record._replace(changes=tuple(changes))
    return done


class _Unpacker:
    """Plain tuples back to records, sharing one PartialDate per distinct date."""

    def __init__(self, dates: Sequence[PartialDate]) -> None:
        self.dates = dates
        self._checks: dict[int, tuple[int, list[Check]]] = {}

    def date(self, required: bool) -> Check:
        dates, count = self.dates, len(self.dates)

        def check(value: Any) -> Any:
            if type(value) is int and 0 <= value < count:
                return dates[value]
            if value is None and not required:
                return None
            raise _fail("a date index", value)

        return check

    def checks(self, fields: Sequence[Field]) -> tuple[int, list[Check]]:
        key = id(fields)
        found = self._checks.get(key)
        if found is None:
            found = self._checks[key] = (len(fields), [self._check(field) for field in fields])
        return found

    def _check(self, field: Field) -> Check:
        shape = field.shape
        if shape in (Shape.TEXT, Shape.URL, Shape.REF):
            return _text(field.required)
        if shape == Shape.DATE:
            return self.date(field.required)
        if shape == Shape.CHOICE:
            assert field.choices is not None
            return _choice(frozenset(field.choices.values()))
        if shape == Shape.NUMBER:
            return _number
        if shape == Shape.YEAR:
            return _integer
        if shape in (Shape.TEXT_LIST, Shape.REF_LIST):
            return _texts
        if shape == Shape.VALUE:
            return _any  # converted by the field it changes, once the record is whole (see unpack)
        if shape == Shape.TABLE:
            assert field.table is not None
            one = field.table
            required = field.required

            def single(value: Any) -> Any:
                if value is None and not required:
                    return None
                return self.row(value, one.cls, one.fields)

            return single
        assert shape == Shape.TABLES and field.table is not None
        table = field.table

        def tables(value: Any) -> Any:
            if type(value) is not tuple:
                raise _fail("a tuple of tables", value)
            return tuple([self.row(item, table.cls, table.fields) for item in value])

        return tables

    def row(self, value: Any, cls: type[Any], fields: Sequence[Field]) -> Any:
        width, checks = self.checks(fields)
        if type(value) is not tuple or len(value) != width:
            raise ValueError(f"a {cls.__name__} of the wrong shape")
        return _new(cls, [check(item) for check, item in zip(checks, value, strict=True)])


def unpack(data: bytes) -> Loaded:
    """The base `pack` wrote; ValueError (or another exception) for anything else."""
    form, plain_dates, runs, files, replacements, notes = marshal.loads(data)
    if form != FORMAT:
        raise ValueError(f"records packed in format {form}, not {FORMAT}")
    fromordinal = dt.date.fromordinal
    dates = []
    for start, end, precision, before in plain_dates:
        if type(precision) is not int or not 1 <= precision <= 4 or type(before) is not bool:
            raise ValueError("a damaged date")
        dates.append(_new(PartialDate, (fromordinal(start), fromordinal(end), precision, before)))
    unpacker = _Unpacker(dates)
    records: list[Record] = []
    for type_index, rows in runs:
        rule = TYPES[_TYPE_NAMES[type_index]]
        for row in rows:
            record = unpacker.row(row, rule.cls, rule.fields)
            records.append(_changes_read(record) if record.changes else record)
    if not all(type(name) is str for name in files):
        raise ValueError("damaged file names")
    kept = [Replacement(*map(str, r)) for r in replacements if len(r) == 3]
    problems = [Problem(*note) for note in notes]
    return Loaded(FactBase(records), tuple(files), tuple(kept), tuple(problems))
