"""PartialDate keeps the precision a source gave, and a bound ("..DATE") stays a bound."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lunarfacts.dates import PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31), Precision.YEAR),
        ("2027-Q2", dt.date(2027, 4, 1), dt.date(2027, 6, 30), Precision.QUARTER),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), Precision.MONTH),
        ("2020-12-16", dt.date(2020, 12, 16), dt.date(2020, 12, 16), Precision.DAY),
    ],
)
def test_partial_date_is_the_span_it_names(text: str, start: dt.date, end: dt.date, precision: int) -> None:
    date = PartialDate.parse(text)
    assert (date.start, date.end, date.precision) == (start, end, precision)
    assert str(date) == text  # never shown as a day it does not name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-02-30", "not a day of the calendar"),
        ("2021-13", "month 13"),
        ("0000", "year 0"),
        ("2021-Q5", "is not a date"),
        ("21-01-01", "is not a date"),
        ("", "is not a date"),
        ("2021-1-1", "is not a date"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)


def test_dates_sort_by_their_first_day_then_their_last() -> None:
    dates = [PartialDate.parse(t) for t in ("2027-03-05", "2027", "2026-12", "2027-Q1", "2027-01-01")]
    assert [str(d) for d in sorted(dates)] == ["2026-12", "2027-01-01", "2027-Q1", "2027", "2027-03-05"]


def test_known_by_uses_the_end_of_the_span() -> None:
    moment = PartialDate.parse("2021-03-09")
    assert PartialDate.parse("2020-11").known_by(moment)
    assert not PartialDate.parse("2021").known_by(moment)
    assert PartialDate.parse("2021-03-09").known_by(moment)


_PRECISIONS = [Precision.YEAR, Precision.QUARTER, Precision.MONTH, Precision.DAY]


@given(st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(_PRECISIONS))
def test_every_precision_round_trips_through_text(day: dt.date, precision: int) -> None:
    text = {
        Precision.YEAR: f"{day.year:04d}",
        Precision.QUARTER: f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}",
        Precision.MONTH: f"{day.year:04d}-{day.month:02d}",
        Precision.DAY: day.isoformat(),
    }[precision]
    parsed = PartialDate.parse(text)
    assert str(parsed) == text
    assert parsed.start <= day <= parsed.end


def test_records_are_immutable() -> None:
    date = PartialDate.parse("2020")
    with pytest.raises(AttributeError):
        date.start = dt.date(2021, 1, 1)  # type: ignore[misc]
