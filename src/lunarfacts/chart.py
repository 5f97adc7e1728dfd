"""Pictures for the terminal: programmes over the years (`timeline --chart`) and slip staircases (`show`).

Rich renderables that lay themselves out at the width the console gives them; returned, never
printed. Like `render`, this module is imported only from inside functions, so `--json` and TAB
completion never pay for Rich. Every glyph carries its meaning without colour; colour only adds to it.
"""

from __future__ import annotations

import datetime as dt
import enum
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from lunarfacts.dates import PartialDate
from lunarfacts.escape import safe
from lunarfacts.model import FactBase, Mission, Program, Record
from lunarfacts.query import country_ids_of, organizations_of
from lunarfacts.timeinfo import SlipHistory, TimelineQuery, launch_plan, timeline
from lunarfacts.vocab import MissionStatus, RecordType

# --- scale and axis ---------------------------------------------------------------------------

_TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
_AXIS_STYLE = "dim"


@dataclass(frozen=True, slots=True)
class _Scale:
    """Whole years from `first` to `last`, spread over `width` columns."""

    first: int
    last: int
    width: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 1, 1)

    @property
    def days(self) -> int:
        return (dt.date(self.last, 12, 31) - self.start).days + 1

    def column(self, day: dt.date) -> int:
        offset = (day - self.start).days
        # The middle of the day decides its column, so that every year gets its fair share of them.
        return max(0, min(self.width - 1, (2 * offset + 1) * self.width // (2 * self.days)))

    def middle(self, date: PartialDate) -> int:
        """Where a date of any precision is drawn as one mark: the middle of the span it names."""
        return self.column(date.start + (date.end - date.start) / 2)

    def ticks(self) -> list[tuple[int, str]]:
        """Year ticks as (column, label), as many as fit with a space between labels."""
        years = self.last - self.first + 1
        step = next(
            (s for s in _TICK_STEPS if s * self.width >= 5 * years),
            _TICK_STEPS[-1],
        )
        first = -(-self.first // step) * step
        return [(self.column(dt.date(year, 1, 1)), str(year)) for year in range(first, self.last + 1, step)]


def _scale_for(days: Iterable[dt.date], width: int) -> _Scale:
    spread = list(days)
    return _Scale(min(spread).year, max(spread).year, max(1, width))


def _axis(scale: _Scale, indent: int, now: dt.date | None = None) -> tuple[Text, Text]:
    """A base line with a tick at each labelled year, and the year labels under it."""
    ticks = scale.ticks()
    line = ["─"] * scale.width
    labels = [" "] * scale.width
    free_from = 0
    for column, label in ticks:
        line[column] = "┴"
        if column >= free_from and column + len(label) <= scale.width:
            labels[column : column + len(label)] = label
            free_from = column + len(label) + 1
    if now is not None and scale.start <= now <= dt.date(scale.last, 12, 31):
        line[scale.column(now)] = "▲"
    pad = " " * indent
    return (
        Text(pad + "".join(line), style=_AXIS_STYLE, no_wrap=True, end=""),
        Text(pad + "".join(labels).rstrip(), style=_AXIS_STYLE, no_wrap=True, end=""),
    )


def _wrapped(entries: Sequence[Text], width: int) -> list[Text]:
    """Legend entries on as few lines as fit, never split inside an entry."""
    lines: list[Text] = []
    current = Text(no_wrap=True, end="")
    for entry in entries:
        if current.cell_len and current.cell_len + 2 + entry.cell_len > width:
            lines.append(current)
            current = Text(no_wrap=True, end="")
        if current.cell_len:
            current.append("  ")
        current.append_text(entry)
    if current.cell_len:
        lines.append(current)
    return lines


def _fitted(lines: Iterable[Text], width: int) -> Iterator[Text]:
    """Each line cropped to the width, so a narrow terminal never wraps a picture."""
    for line in lines:
        line.no_wrap = True
        line.end = "\n"
        if line.cell_len > width:
            line.truncate(width, overflow="crop")
        line.rstrip()
        yield line


def _entry(glyph: str, words: str, style: str = "") -> Text:
    text = Text(glyph, style=style, end="")
    text.append(" " + words)
    return text


# --- timeline chart: the data -----------------------------------------------------------------


class Mark(enum.Enum):
    """What a launch looks like on a programme's bar; the value is the glyph."""

    SUCCESS = "●"
    PARTIAL = "◐"
    FAILURE = "✕"
    FLYING = "◆"
    PLANNED = "○"


MARK_STYLES = {
    Mark.SUCCESS: "green",
    Mark.PARTIAL: "yellow",
    Mark.FAILURE: "red",
    Mark.FLYING: "cyan",
    Mark.PLANNED: "blue",
}
MARK_WORDS = {
    Mark.SUCCESS: "success",
    Mark.PARTIAL: "partial or mixed",
    Mark.FAILURE: "failure",
    Mark.FLYING: "in flight or no outcome",
    Mark.PLANNED: "planned",
}
_BAR, _BAR_UNSURE, _AHEAD, _GUIDE = "━", "─", "┈", "·"
OTHER_LABEL = "(no programme)"
_LABEL_MAX = 20  # a programme id is cut to this, or to a fifth of the width, whichever is less


def mark_of(mission: Mission, now: dt.date) -> Mark | None:
    """How a mission's launch is drawn; None for a cancelled mission, which never flew."""
    status = mission.status
    if status == MissionStatus.CANCELLED:
        return None
    if status is None:  # flown or not by `now` is all the record says
        launched = mission.launch_date is not None and mission.launch_date.end <= now
        return Mark.FLYING if launched else Mark.PLANNED
    return {
        MissionStatus.PLANNED: Mark.PLANNED,
        MissionStatus.IN_FLIGHT: Mark.FLYING,
        MissionStatus.SUCCESS: Mark.SUCCESS,
        MissionStatus.PARTIAL_SUCCESS: Mark.PARTIAL,
        MissionStatus.FAILURE: Mark.FAILURE,
    }[status]


def merged(marks: Iterable[Mark]) -> Mark:
    """One glyph for the launches that share a column: what flew outranks what is planned."""
    flown = set(marks) - {Mark.PLANNED}
    if not flown:
        return Mark.PLANNED
    if flown == {Mark.FAILURE}:
        return Mark.FAILURE
    if Mark.FAILURE in flown or Mark.PARTIAL in flown:
        return Mark.PARTIAL
    return Mark.SUCCESS if Mark.SUCCESS in flown else Mark.FLYING


@dataclass(frozen=True, slots=True)
class Launch:
    date: PartialDate
    mark: Mark
    mission: str  # id


@dataclass(frozen=True, slots=True)
class ProgrammeRow:
    """One row of the chart: a programme's span, its launches, and what lies ahead of `now`."""

    label: str
    span: tuple[dt.date, dt.date] | None  # drawn solid: start (or first event) to end (or now)
    start_known: bool  # False: the record has no start_date; the span begins at its first event
    ahead: tuple[dt.date, dt.date] | None  # drawn dotted: after now, to its end or last planned launch
    launches: tuple[Launch, ...]
    undrawn: int = 0  # missions with no launch date, or cancelled: nowhere to put them

    @property
    def first(self) -> dt.date:
        days = [d for d in (self.span and self.span[0], self.ahead and self.ahead[0]) if d]
        return min([*days, *(launch.date.start for launch in self.launches)])

    @property
    def last(self) -> dt.date:
        days = [d for d in (self.span and self.span[1], self.ahead and self.ahead[1]) if d]
        return max([*days, *(launch.date.end for launch in self.launches)])


def _involves(base: FactBase, record: Record, query: TimelineQuery) -> bool:
    if query.country is not None and query.country not in country_ids_of(base, record):
        return False
    return query.organization is None or query.organization in organizations_of(record)


def _launches(missions: Iterable[Mission], now: dt.date) -> tuple[Launch, ...]:
    found = []
    for mission in missions:
        mark = mark_of(mission, now)
        launch = launch_plan(mission)
        if launch is not None and mark is not None:
            found.append(Launch(launch, mark, mission.id))
    return tuple(sorted(found, key=lambda launch: (launch.date.start, launch.mission)))


def _programme_row(
    base: FactBase, program: Program, missions: Sequence[Mission], now: dt.date
) -> ProgrammeRow:
    launches = _launches(missions, now)
    start: dt.date | None = program.start_date.start if program.start_date else None
    start_known = start is not None
    if start is None:
        events = timeline(base, TimelineQuery(program=program.id))
        start = events[0].date.start if events else None
    end = program.end_date.end if program.end_date else None
    span = ahead = None
    if start is not None and start <= now:
        span = (start, min(end or now, now))
    if end is None or end > now:
        later = [launch.date.end for launch in launches if launch.date.end > now]
        if end is not None:
            later.append(end)
        if start is not None and start > now:
            later.append(start)
        if later:
            ahead = (max(now, start or now), max(later))
    return ProgrammeRow(safe(program.id), span, start_known, ahead, launches, len(missions) - len(launches))


def _clipped(row: ProgrammeRow, since: dt.date | None, until: dt.date | None) -> ProgrammeRow | None:
    """The row seen through the --since/--until window; None when nothing of it is inside."""
    low, high = since or dt.date.min, until or dt.date.max

    def cut(span: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
        if span is None or span[1] < low or span[0] > high:
            return None
        return (max(span[0], low), min(span[1], high))

    launches = tuple(x for x in row.launches if x.date.end >= low and x.date.start <= high)
    span, ahead = cut(row.span), cut(row.ahead)
    if span is None and ahead is None and not launches:
        return None
    return ProgrammeRow(row.label, span, row.start_known, ahead, launches, row.undrawn)


def programme_rows(base: FactBase, query: TimelineQuery, now: dt.date) -> list[ProgrammeRow]:
    """The rows of `timeline --chart`, oldest start first; missions of no programme last, as one row.

    A programme is drawn when it, or one of its missions, involves the --country/--organization
    asked for; it is then drawn whole. --since/--until cut every row to their window.
    """
    missions = [m for m in base.of_type(RecordType.MISSION) if isinstance(m, Mission)]
    programs = {p.id: p for p in base.of_type(RecordType.PROGRAM) if isinstance(p, Program)}
    by_program: dict[str, list[Mission]] = {}
    for mission in missions:
        by_program.setdefault(mission.program if mission.program in programs else "", []).append(mission)
    rows: list[ProgrammeRow] = []
    for program in programs.values():
        own = by_program.get(program.id, [])
        if query.program is not None and program.id != query.program:
            continue
        if not (_involves(base, program, query) or any(_involves(base, m, query) for m in own)):
            continue
        rows.append(_programme_row(base, program, own, now))
    if query.program is None:
        loose = [m for m in by_program.get("", []) if _involves(base, m, query)]
        launches = _launches(loose, now)
        undrawn = len(loose) - len(launches)
        other = ProgrammeRow(OTHER_LABEL, None, True, None, launches, undrawn) if launches else None
    else:
        other = None
    since = query.since.start if query.since else None
    until = query.until.end if query.until else None
    rows = [row for row in rows if row.span or row.ahead or row.launches]
    rows.sort(key=lambda row: (row.first, row.label))  # before the cut, so rows keep their true order
    kept = [clipped for clipped in (_clipped(row, since, until) for row in rows) if clipped]
    if other is not None and (clipped := _clipped(other, since, until)) is not None:
        kept.append(clipped)
    return kept


# --- timeline chart: the picture --------------------------------------------------------------


class TimelineChart:
    """Programmes as bars over the years, launches as marks on them, a year axis and a legend."""

    def __init__(
        self,
        rows: Sequence[ProgrammeRow],
        now: dt.date,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> None:
        self.rows = list(rows)
        self.now = now
        self.since = since
        self.until = until

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(options.max_width, 20), options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _fitted(self.lines(options.max_width), options.max_width)

    def lines(self, width: int) -> list[Text]:
        if not self.rows:
            return []
        longest = max(cell_len(row.label) for row in self.rows)
        label_width = max(1, min(longest, _LABEL_MAX, max(4, width // 5)))
        plot_width = max(1, width - label_width - 1)
        days = [d for row in self.rows for d in (row.first, row.last)]
        scale = _scale_for([*days, *(d for d in (self.since, self.until) if d)], plot_width)
        guides = {column for column, _ in scale.ticks()}
        tick_line, tick_labels = _axis(scale, label_width + 1, self.now)
        lines = [tick_labels.copy()]
        for row in self.rows:
            label = Text(row.label, no_wrap=True, end="")
            label.truncate(label_width, overflow="ellipsis", pad=True)
            lines.append(label + Text(" ") + self._plot(row, scale, guides))
        lines += [tick_line, tick_labels]
        marks = [_entry(m.value, MARK_WORDS[m], MARK_STYLES[m]) for m in Mark]
        bars = [_entry(_BAR, "start to end (or now)"), _entry(_BAR_UNSURE, "start not recorded")]
        bars += [_entry(_AHEAD, "ahead"), _entry("▲", f"now, as of {self.now.isoformat()}", _AXIS_STYLE)]
        lines += _wrapped(marks, width) + _wrapped(bars, width)
        launches = sum(len(row.launches) for row in self.rows)
        programmes = sum(1 for row in self.rows if row.label != OTHER_LABEL)
        caption = [f"{programmes} programme{'s' if programmes != 1 else ''}"]
        caption.append(f"{launches} launch{'es' if launches != 1 else ''}")
        undrawn = sum(row.undrawn for row in self.rows)
        if undrawn:
            caption.append(f"{undrawn} undated or cancelled mission{'s' if undrawn != 1 else ''} not drawn")
        wrapped = textwrap.wrap(" · ".join(caption), max(1, width), break_on_hyphens=False)
        lines += [Text(line, style="dim", end="") for line in wrapped]
        return lines

    def _plot(self, row: ProgrammeRow, scale: _Scale, guides: set[int]) -> Text:
        cells: list[tuple[str, str]] = [(" ", "")] * scale.width
        for column in guides:
            cells[column] = (_GUIDE, _AXIS_STYLE)
        for span, glyph, style in (
            (row.span, _BAR if row.start_known else _BAR_UNSURE, "" if row.start_known else "dim"),
            (row.ahead, _AHEAD, "dim"),
        ):
            if span is not None:
                for column in range(scale.column(span[0]), scale.column(span[1]) + 1):
                    cells[column] = (glyph, style)
        by_column: dict[int, list[Mark]] = {}
        for launch in row.launches:
            by_column.setdefault(scale.middle(launch.date), []).append(launch.mark)
        for column, marks in by_column.items():
            mark = merged(marks)
            cells[column] = (mark.value, MARK_STYLES[mark])
        plot = Text(no_wrap=True, end="")
        for glyph, style in cells:
            plot.append(glyph, style=style or None)
        return plot


def timeline_chart(
    base: FactBase, query: TimelineQuery, now: PartialDate | dt.date | None = None
) -> TimelineChart:
    """`timeline --chart`; `now` is the --as-of date, else the newest `as_of` in the data, never the clock."""
    if now is None:
        dates = [record.as_of for record in base.records]
        now = max(dates, key=lambda d: d.end).end if dates else dt.date(1, 1, 1)
    elif isinstance(now, PartialDate):
        now = now.end
    rows = programme_rows(base, query, now)
    since = query.since.start if query.since else None
    until = query.until.end if query.until else None
    return TimelineChart(rows, now, since, until)


# --- slip chart -------------------------------------------------------------------------------

_TARGET, _ANNOUNCED, _WAIT = "█", "├", "─"


class SlipChart:
    """A milestone's targets as a staircase: each announcement a row, from the day it was made
    (`├`) along to the span of the date it named (`█`); a slip is a step to the right."""

    def __init__(self, history: SlipHistory, indent: int = 2) -> None:
        self.history = history
        self.indent = indent

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(options.max_width, 20), options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _fitted(self.lines(options.max_width), options.max_width)

    def lines(self, width: int) -> list[Text]:
        targets = [step.target for step in self.history.steps]
        labels = [str(target.date) for target in targets]
        indent = min(self.indent, max(0, width - 12))
        label_width = max(len(label) for label in labels)
        plot_width = max(1, width - indent - label_width - 1)
        days = [d for t in targets for d in (t.date.start, t.date.end)]
        days += [t.announced.start for t in targets if t.announced is not None]
        scale = _scale_for(days, plot_width)
        lines = []
        for target, label in zip(targets, labels, strict=True):
            line = Text(" " * indent + label.ljust(label_width) + " ", no_wrap=True, end="")
            lines.append(line + self._plot(target.date, target.announced, scale))
        tick_line, tick_labels = _axis(scale, indent + label_width + 1)
        legend = [_entry(_ANNOUNCED, "announced"), _entry(_TARGET, "the date it named", "bold")]
        legend_lines = _wrapped(legend, max(1, width - indent))
        return [*lines, tick_line, tick_labels, *(Text(" " * indent, end="") + x for x in legend_lines)]

    @staticmethod
    def _plot(date: PartialDate, announced: PartialDate | None, scale: _Scale) -> Text:
        cells = [" "] * scale.width
        first, last = scale.column(date.start), scale.column(date.end)
        if announced is None:
            if first > 0:
                cells[first - 1] = "?"
        else:
            said = scale.column(announced.start)
            if said < first:
                cells[said] = _ANNOUNCED
                cells[said + 1 : first] = _WAIT * (first - said - 1)
        plot = Text("".join(cells[:first]), no_wrap=True, end="")
        plot.append(_TARGET * (last - first + 1), style="bold")
        plot.append(" " * (scale.width - last - 1))
        return plot


def slip_chart(history: SlipHistory) -> SlipChart | None:
    """The staircase under a slip table; None when the milestone had only one target (nothing slipped)."""
    return SlipChart(history) if len(history.steps) > 1 else None
