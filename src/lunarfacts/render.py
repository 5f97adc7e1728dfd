"""Rich renderables for the terminal: list tables, `show` cards, comparisons, sources, search hits.

Returned, never printed. Text from the data goes through `safe`: never read as markup, and control
characters shown escaped so they cannot act on the terminal. Tables are `grid.Grid`s, whose columns
say how they may break; which kind a field is comes from its shape in the rules, once (`column_of`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from lunarfacts.chart import slip_chart
from lunarfacts.dates import PartialDate
from lunarfacts.escape import safe
from lunarfacts.grid import ITEMS, WHOLE, WORDS, Column, Grid, wrap
from lunarfacts.model import (
    Budget,
    Change,
    Claim,
    FactBase,
    HistoryEntry,
    Money,
    Partner,
    Record,
    Signatory,
    Source,
    Target,
)
from lunarfacts.query import CompareRow, Related, newest_as_of
from lunarfacts.rules import TYPES, URL_PATTERN, Field, Shape
from lunarfacts.timeinfo import SlipHistory, slip_histories

_MAX_LIST_ITEMS = 6  # a cell lists this many ids, then "+N more"
_WHOLE_SHAPES = frozenset((Shape.CHOICE, Shape.DATE, Shape.NUMBER, Shape.YEAR, Shape.REF, Shape.URL))
_LIST_SHAPES = frozenset((Shape.TEXT_LIST, Shape.REF_LIST, Shape.TABLES))
# Colour adds to what the word says, never replaces it (NO_COLOR leaves bold and dim only).
STATUS_STYLES = {
    "success": "green",
    "active": "green",
    "completed": "blue",
    "partial-success": "yellow",
    "in-flight": "yellow",
    "suspended": "yellow",
    "planned": "cyan",
    "proposed": "cyan",
    "in-development": "cyan",
    "failure": "red",
    "cancelled": "red",
    "retired": "dim",
    # verdicts
    "true": "green",
    "mostly-true": "green",
    "misleading": "yellow",
    "outdated": "yellow",
    "false": "red",
    "unproven": "dim",
}
_MEMBERS = frozenset(("partners", "parties", "signatories", "about"))  # tables of names, not codes
_CLAIMED = frozenset(("statement", "published", "published_date", "verdict"))  # a claim's head
_OWN_SECTIONS = frozenset(("id", "name", "summary", "sources", "targets")) | _MEMBERS | _CLAIMED


def safe_text(text: str, style: str = "", keep_newlines: bool = False) -> Text:
    return Text(safe(text, keep_newlines), style=style)


def display(value: Any, short: bool = False) -> str:
    """One value as a table shows it; `short` lists only the first few items of a long list."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.shown
    if isinstance(value, float):
        return f"{int(value):,}" if value.is_integer() else f"{value:,}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Source):
        return value.title
    if isinstance(value, Partner):
        extra = ", ".join(display(v) for v in (value.role, value.joined) if v is not None)
        return f"{value.id} ({extra})" if extra else value.id
    if isinstance(value, Signatory):
        return f"{value.id} ({value.date.shown})" if value.date else value.id
    if isinstance(value, Target):
        note = f" ({value.note})" if value.note else ""
        return f"{value.milestone}: {value.date.shown}{note}"
    if isinstance(value, Money):
        return f"{display(value.amount)} {value.currency}"
    if isinstance(value, Budget):
        basis = f", {value.basis}" if value.basis else ""
        return f"{value.year}: {display(value.usd)} USD{basis}"
    if isinstance(value, HistoryEntry):
        return f"{value.date.shown} {value.event}: {value.name}"
    if isinstance(value, Change):
        return f"{value.date.shown}: {value.field} → {display(value.value)}"
    if isinstance(value, tuple):
        if short and value and isinstance(value[0], Source):
            return f"{len(value)} source{'s' if len(value) != 1 else ''}"
        items = [display(v) for v in value]
        if short and len(items) > _MAX_LIST_ITEMS:
            items = [*items[: _MAX_LIST_ITEMS - 1], f"+{len(items) - _MAX_LIST_ITEMS + 1} more"]
        return "; ".join(items)
    return str(value)


def _field_of(record_type: str | None, name: str) -> Field | None:
    for rule in TYPES.values() if record_type is None else (TYPES[record_type],):
        field = rule.field(name)
        if field is not None:
            return field
    return None


def column_of(record_type: str | None, name: str) -> Column:
    """How a field's column may break: ids, vocabulary values, dates and numbers never; lists only
    between items; prose at spaces. The status is coloured."""
    if name in ("id", "type"):
        return Column(name, WHOLE, keep=name == "id")
    field = _field_of(record_type, name)
    shape = field.shape if field else Shape.TEXT
    breaks = WHOLE if shape in _WHOLE_SHAPES else ITEMS if shape in _LIST_SHAPES else WORDS
    return Column(name, breaks, STATUS_STYLES.get if name == "status" else None)


def _caption(records: Sequence[Record], noun: str) -> str:
    newest = newest_as_of(records)
    count = f"{len(records)} {noun if len(records) != 1 else noun.removesuffix('s')}"
    return count if newest is None else f"{count} · newest as_of {newest}"


def list_table(
    records: Sequence[Record], record_type: str | None, columns: Sequence[str] | None
) -> RenderableType:
    """Records as rows; `record_type` None for a mixed list (search, compare), which needs `columns`."""
    chosen = list(columns or TYPES[record_type or "program"].columns)
    noun = TYPES[record_type].plural if record_type else "records"
    rows = [
        [
            safe(display(record.TYPE if column == "type" else getattr(record, column, None), short=True))
            for column in chosen
        ]
        for record in records
    ]
    specs = [column_of(record_type, column) for column in chosen]
    return Grid(specs, rows, caption=_caption(records, noun))


def _label(record: Record) -> Text:
    text = safe_text(record.name, style="bold")
    text.append(f"  {record.TYPE} {safe(record.id)}", style="dim")
    return text


def _link_style(url: str) -> Style:
    """A terminal hyperlink to the URL (OSC 8, where the terminal supports it); none for a URL with
    anything unsafe or odd in it, which is shown escaped instead."""
    linkable = safe(url) == url and URL_PATTERN.match(url) is not None and url.isascii() and " " not in url
    return Style(color="cyan", link=url) if linkable else Style(color="cyan")


class SourceList:
    """Numbered sources: title and (publisher · kind · date) wrapped under a hanging indent, then
    the URL whole on a line of its own, never wrapped or cut (the terminal wraps it, so copying it
    gives it back whole), as a hyperlink where the terminal supports one."""

    def __init__(self, sources: Sequence[Source], heading: str | None) -> None:
        self.sources = sources
        self.heading = heading

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.heading:
            yield Segment(self.heading, Style(bold=True))
            yield Segment.line()
        width = len(str(len(self.sources)))
        indent = " " * (width + 2)
        for number, source in enumerate(self.sources, start=1):
            about = " · ".join(
                part for part in (source.publisher or "", source.kind or "", display(source.date)) if part
            )
            text = safe(source.title) + (f"  ({safe(about)})" if about else "")
            for index, line in enumerate(wrap(text, max(1, options.max_width - len(indent)))):
                yield Segment(f"{number:>{width}}  " if index == 0 else indent, Style(bold=index == 0))
                yield Segment(line)
                yield Segment.line()
            yield Segment(indent)
            yield Segment(safe(source.url), _link_style(source.url))
            yield Segment.line()


def sources_view(record: Record) -> RenderableType:
    return Group(_label(record), Text(""), SourceList(record.sources, f"Sources ({len(record.sources)})"))


def _slip_table(history: SlipHistory, numbers: dict[str, int]) -> Grid:
    """A milestone's targets, oldest announcement first; each source as its number in the card's list."""
    noted = any(step.target.note for step in history.steps)
    columns = [Column("announced", WHOLE), Column("target", WHOLE), Column("moved", WHOLE)]
    if noted:
        columns.append(Column("note"))
    columns.append(Column("source", ITEMS))
    rows = []
    for step in history.steps:
        row = [display(step.target.announced) or "?", display(step.target.date), step.moved]
        rows.append([*row, *([safe(step.target.note or "")] if noted else []), _cited(step.target, numbers)])
    return Grid(columns, rows, title=f"Target: {safe(history.milestone)}  ({history.movement})")


def _related_table(group: Related) -> Grid:
    columns = [Column("id", WHOLE, keep=True), Column("name"), *(Column(c) for c in group.columns)]
    rows = [
        [safe(other.id), safe(other.name), *(safe(cell) for cell in (group.cells[i] if group.cells else ()))]
        for i, other in enumerate(group.records)
    ]
    return Grid(columns, rows, title=f"{group.heading.capitalize()} ({len(group.records)})")


def _nested_table(name: str, items: Sequence[Any]) -> Grid:
    """A list of nested tables (changes, history, budgets) as a small table of its own fields."""
    fields = [f for f in TYPES_NESTED[name] if f.name != "sources"]
    columns = [column_of_nested(f) for f in fields]
    rows = [[safe(display(getattr(item, f.name))) for f in fields] for item in items]
    return Grid(columns, rows, title=f"{name.capitalize()} ({len(items)})")


def column_of_nested(field: Field) -> Column:
    shape = field.shape
    breaks = WHOLE if shape in _WHOLE_SHAPES else ITEMS if shape in _LIST_SHAPES else WORDS
    return Column(field.name, breaks)


def _nested_fields() -> dict[str, tuple[Field, ...]]:
    tables: dict[str, tuple[Field, ...]] = {}
    for rule in TYPES.values():
        for field in rule.fields:
            if field.shape == Shape.TABLES and field.table is not None:
                tables.setdefault(field.name, field.table.fields)
    return tables


TYPES_NESTED = _nested_fields()


def _value_cell(base: FactBase, field: Field, value: Any) -> str:
    """A card's value: references by name with their id, one a line."""
    if field.shape in (Shape.REF, Shape.REF_LIST):
        ids = value if isinstance(value, tuple) else (value,)
        return "\n".join(safe(f"{base.name_of(i)} ({i})" if base.name_of(i) != i else i) for i in ids)
    return safe(display(value))


def _once_table(histories: Sequence[SlipHistory], numbers: dict[str, int]) -> Grid:
    """Milestones with a single target: one table for all, not a slip table each."""
    columns = [
        Column("milestone"),
        Column("target", WHOLE),
        Column("announced", WHOLE),
        Column("source", ITEMS),
    ]
    rows = []
    for history in histories:
        target = history.current
        said = [target.note or "", f"dropped {target.dropped.shown}" if target.dropped else ""]
        extra = "; ".join(part for part in said if part)
        rows.append(
            [
                safe(target.milestone + (f" ({extra})" if extra else "")),
                display(target.date),
                display(target.announced) or "?",
                _cited(target, numbers),
            ]
        )
    return Grid(columns, rows, title=f"Targets announced once ({len(rows)})")


def _cited(target: Target, numbers: dict[str, int]) -> str:
    return "; ".join(f"[{numbers[s.url]}]" for s in target.sources if s.url in numbers)


def _claim_head(claim: Claim) -> list[RenderableType]:
    """The statement quoted, the report it appeared in (its URL whole), and the verdict."""
    quote = f"“{safe(claim.statement)}”"
    parts: list[RenderableType] = [Paragraph(quote, [(0, len(quote), Style(italic=True))])]
    report = claim.published
    if report is not None:
        title = f"“{report.title}”"
        said = ", ".join(part for part in (report.publisher or "", title, display(report.date)) if part)
        link = Text("  ", no_wrap=True, overflow="ignore")
        link.append(safe(report.url), style=_link_style(report.url))
        said = "— " + safe(said)
        parts += [Paragraph(said, [(0, len(said), Style(dim=True))]), link]
    verdict = Text("verdict: ", style="bold")
    verdict.append(claim.verdict.upper(), style=f"bold {STATUS_STYLES.get(claim.verdict, '')}".strip())
    return [*parts, Text(""), verdict]


def card(
    base: FactBase, record: Record, related: Iterable[Related], moment: PartialDate | None = None
) -> RenderableType:
    """The whole of one record: its fields, related records, slip history and numbered sources.

    Under --as-of (`moment`), a summary written later than the moment says so: it may know more."""
    lead = ""
    if moment is not None and record.as_of.end > moment.end:
        lead = f"(summary as written on {record.as_of}) "
    summary = Paragraph(lead + safe(record.summary, keep_newlines=True), [(0, len(lead), Style(dim=True))])
    parts: list[RenderableType] = [_label(record), summary]
    if isinstance(record, Claim):
        parts = [_label(record), *_claim_head(record), summary]
    rows: list[list[str]] = []
    styles: list[list[str | None]] = []
    nested: list[RenderableType] = []
    for field in TYPES[record.TYPE].fields:
        value = getattr(record, field.name)
        if field.name in _OWN_SECTIONS or value in (None, ()):
            continue
        if field.shape == Shape.TABLES:
            nested += [Text(""), _nested_table(field.name, value)]
            continue
        rows.append([field.name, _value_cell(base, field, value)])
        styles.append(["bold", STATUS_STYLES.get(value) if field.name == "status" else None])
    fields = Grid([Column("field", WHOLE, keep=True), Column("value")], rows, headers=False, styles=styles)
    parts += [Text(""), fields]
    sources = list(record.sources)
    known = {s.url for s in sources}
    for target in getattr(record, "targets", ()):
        for source in target.sources:
            if source.url not in known:
                sources.append(source)
                known.add(source.url)
    numbers: dict[str, int] = {}
    for number, source in enumerate(sources, start=1):
        numbers.setdefault(source.url, number)
    histories = slip_histories(getattr(record, "targets", ()))
    for history in histories:
        if len(history.steps) > 1:
            parts += [Text(""), _slip_table(history, numbers)]
            staircase = slip_chart(history)
            if staircase is not None:
                parts += [Text(""), staircase]
    once = [history for history in histories if len(history.steps) == 1]
    if once:
        parts += [Text(""), _once_table(once, numbers)]
    for group in related:
        parts += [Text(""), _related_table(group)]
    parts += nested
    heading = f"Sources ({len(record.sources)})"
    if len(sources) > len(record.sources):
        heading += f" and of its targets ({len(sources) - len(record.sources)})"
    parts += [Text(""), SourceList(sources, heading)]
    return Group(*parts)


def compare_table(records: Sequence[Record], rows: Sequence[CompareRow], hidden: int) -> Grid:
    """Fields as rows, records as columns (headed by id), ≠ on the rows that differ."""
    columns = [Column("", WHOLE, keep=True), Column("field", WHOLE, keep=True)]
    columns += [Column(safe(record.id), WORDS, keep=True) for record in records]
    cells = [
        ["≠" if row.differs else "", row.field, *(safe(display(value, short=True)) for value in row.values)]
        for row in rows
    ]
    caption = "≠ marks the fields that differ"
    if hidden:
        caption += f" · {hidden} more with --all"
    return Grid(columns, cells, caption=caption)


def rows_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], caption: str) -> RenderableType:
    """A table of plain rows (timeline events): the detail, which says what happened, drops last."""
    specs = [
        Column(c, WHOLE) if c in ("date", "event", "planned", "id", "type") else Column(c, keep=c == "detail")
        for c in columns
    ]
    cells = [[_cell(row, column) for column in columns] for row in rows]
    return Grid(specs, cells, caption=caption)


def _cell(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    if column == "planned":
        return "○" if value else ""
    if column == "date" and isinstance(value, str):
        return PartialDate.parse(value).shown  # "by 2025-04-29", not "..2025-04-29"
    return safe(display(value))


class Paragraph:
    """Prose wrapped at the width it is drawn at, words kept whole, no line ending in spaces (Rich's
    Text leaves them); `styles` are (start, end, style) spans of the text."""

    def __init__(self, text: str, styles: Sequence[tuple[int, int, Style]] = ()) -> None:
        self.text = text
        self.styles = styles

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _styled_lines(self.text, options.max_width, "", self.styles)


class SearchHits:
    """Each hit as a line (type, id, name) and, indented under it, the field and a snippet of the
    text that matched, each match in bold reverse (still marked with colour off)."""

    _INDENT = 4

    def __init__(self, hits: Sequence[tuple[Record, str, str, Sequence[tuple[int, int]]]]) -> None:
        self.hits = hits

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        dim, bold, mark = Style(dim=True), Style(bold=True), Style(bold=True, reverse=True)
        width = options.max_width
        for record, field, snippet, spans in self.hits:
            kind, ident = f"{record.TYPE:<12} ", safe(record.id)
            head = f"{kind}{ident}  {safe(record.name)}"
            styles = [(0, len(kind), dim), (len(kind), len(kind) + len(ident), bold)]
            yield from _styled_lines(head, width, "", styles)
            if snippet:
                label = f"{field}: "
                indent = " " * min(self._INDENT, width // 4)
                marks = [(0, len(label), dim), *((a + len(label), b + len(label), mark) for a, b in spans)]
                yield from _styled_lines(label + snippet, width - len(indent), indent, marks)
        count = len(self.hits)
        yield Segment(f"{count} record{'s' if count != 1 else ''}", Style(dim=True, italic=True))
        yield Segment.line()


def _styled_lines(
    text: str, width: int, indent: str, styles: Sequence[tuple[int, int, Style]]
) -> Iterator[Segment]:
    """The text wrapped at `width` (after `indent`), each stretch in its style; no line ends in spaces.
    (wrap breaks at single spaces, so each line starts one character after the last one ended.)"""
    offset = 0
    for whole in wrap(text, max(1, width)):
        line = whole.rstrip(" ")  # (a double space at a break would leave one)
        cuts = {0, len(line)}
        for start, end, _ in styles:
            cuts.update(max(0, min(len(line), x - offset)) for x in (start, end))
        yield Segment(indent)
        for a, b in itertools.pairwise(sorted(cuts)):
            at = offset + a
            style = next((s for start, end, s in styles if start <= at < end), None)
            yield Segment(line[a:b], style)
        yield Segment.line()
        offset += len(whole) + 1


def search_view(hits: Sequence[tuple[Record, str, str, Sequence[tuple[int, int]]]]) -> RenderableType:
    return SearchHits(hits)
