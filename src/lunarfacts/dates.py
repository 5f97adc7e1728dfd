"""PartialDate: a date at the precision its source gave, as the span of days it names.

Stdlib only. `"2027"` is the whole of 2027, never 2027-01-01; `"2027-Q2"`, `"2027-06"` and
`"2027-06-15"` are narrower spans. A date known only as a bound is written as in EDTF (ISO 8601-2):
`"..2025-04-29"`, on or before that day; people read it as "by 2025-04-29".
"""

# No `from __future__ import annotations`: NamedTuple would turn every string annotation into a
# ForwardRef and compile it, a cost on every run. PartialDate's own methods name it in quotes.

import datetime as dt
import re
from typing import NamedTuple


class Precision:
    """How much of a date a source gave."""

    YEAR = 1
    QUARTER = 2
    MONTH = 3
    DAY = 4


def _days_in_month(year: int, month: int) -> int:
    # Not calendar.monthrange: importing calendar costs more than the whole of this module.
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


# ASCII digits only ([0-9], not \d, which takes any script's digits).
_PATTERN = re.compile(r"(\.\.)?([0-9]{4})(?:-(?:Q([1-4])|([0-9]{2})(?:-([0-9]{2}))?))?")
# The same grammar as JSON Schema states it.
DATE_PATTERN = r"^(\.\.)?[0-9]{4}(-Q[1-4]|-[0-9]{2}(-[0-9]{2})?)?$"
DATE_FORMS = "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, or ..DATE for 'on or before'"


class PartialDate(NamedTuple):
    """A span of days; `before` marks a bound ("..2025-04-29": on that day or earlier).

    Dates sort by first day, then last, and `--since`/`--until` test overlap with the span. A bound is
    placed at the date it names, for sorting and filtering alike (it may be earlier, but nothing says
    how much), and `--as-of` counts a date only once it is certainly past: a bound from its date on.
    """

    start: dt.date
    end: dt.date
    precision: int
    before: bool = False

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read one of DATE_FORMS; ValueError says what was wrong."""
        match = _PATTERN.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not a date ({DATE_FORMS})")
        bound, year_text, quarter, month_text, day_text = match.groups()
        before = bound is not None
        year = int(year_text)
        if year < 1:
            raise ValueError(f"{text!r} has year 0, which does not exist")
        if quarter is not None:
            first_month = (int(quarter) - 1) * 3 + 1
            last_month = first_month + 2
            return cls(
                dt.date(year, first_month, 1),
                dt.date(year, last_month, _days_in_month(year, last_month)),
                Precision.QUARTER,
                before,
            )
        if month_text is None:
            return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, before)
        month = int(month_text)
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} has month {month}, which does not exist")
        if day_text is None:
            last_day = _days_in_month(year, month)
            return cls(dt.date(year, month, 1), dt.date(year, month, last_day), Precision.MONTH, before)
        try:
            day = dt.date(year, month, int(day_text))
        except ValueError:
            raise ValueError(f"{text!r} is not a day of the calendar") from None
        return cls(day, day, Precision.DAY, before)

    @classmethod
    def from_date(cls, day: dt.date) -> "PartialDate":
        return cls(day, day, Precision.DAY)

    @property
    def exact(self) -> str:
        """The date it names, without the bound marker."""
        if self.precision == Precision.YEAR:
            return f"{self.start.year:04d}"
        if self.precision == Precision.QUARTER:
            return f"{self.start.year:04d}-Q{(self.start.month - 1) // 3 + 1}"
        if self.precision == Precision.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()

    def __str__(self) -> str:
        """The ISO / EDTF text, as fact files and JSON write it."""
        return f"..{self.exact}" if self.before else self.exact

    @property
    def shown(self) -> str:
        """As people read it: "2027-Q2", "by 2025-04-29"."""
        return f"by {self.exact}" if self.before else self.exact

    def known_by(self, moment: "PartialDate") -> bool:
        """True when this date is certainly no later than the end of `moment` (used by `--as-of`)."""
        return self.end <= moment.end

    def contains(self, other: "PartialDate") -> bool:
        """`other` names part of this span: 2028-09 lies within 2028 (a refinement, not a move)."""
        return not self.before and not other.before and self.start <= other.start and other.end <= self.end
