"""Rich renderables for the terminal: list tables, `show` cards, comparisons, sources.

Returned, never printed. Text from the data goes through `safe_text`: never read as markup, and
control characters shown escaped so they cannot act on the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from lunarfacts.chart import slip_chart
from lunarfacts.dates import PartialDate
from lunarfacts.escape import safe
from lunarfacts.model import (
    Budget,
    Change,
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
from lunarfacts.rules import TYPES
from lunarfacts.timeinfo import SlipHistory, slip_histories

_MAX_LIST_ITEMS = 6  # a cell lists this many ids, then "+N more"
_KEEP = {"\n", "\t"}
_WHOLE_ID = 48  # a little over the longest real id (43): ids up to this stay on one line


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


def _caption(records: Sequence[Record], noun: str) -> str:
    newest = newest_as_of(records)
    count = f"{len(records)} {noun if len(records) != 1 else noun.removesuffix('s')}"
    return count if newest is None else f"{count} · newest as_of {newest}"


def _ids_fit(ids: Iterable[str]) -> bool:
    """Whether an id column may stay on one line: only while every id is of a sane length.

    A column that never wraps is never narrowed, so one very long id (broken or hostile data) would
    squeeze every other column out of the table: then the ids fold like any other text.
    """
    return all(len(i) <= _WHOLE_ID for i in ids)


def _new_table(title: str | None = None, caption: str | None = None) -> Table:
    return Table(box=box.SIMPLE_HEAD, title=title, caption=caption, header_style="bold", expand=False)


def list_table(
    records: Sequence[Record], record_type: str | None, columns: Sequence[str] | None
) -> RenderableType:
    """Records as rows; `record_type` None for a mixed list (search, compare), which needs `columns`."""
    from lunarfacts.grid import Grid  # Rich's Table is too slow for a hundred rows (see grid.py)

    chosen = list(columns or TYPES[record_type or "program"].columns)
    noun = TYPES[record_type].plural if record_type else "records"
    rows = [
        [
            safe(display(record.TYPE if column == "type" else getattr(record, column, None), short=True))
            for column in chosen
        ]
        for record in records
    ]
    whole = ("id",) if _ids_fit(r.id for r in records) else ()
    return Grid(chosen, rows, caption=_caption(records, noun), keep_whole=whole)


def _label(record: Record) -> Text:
    text = safe_text(record.name, style="bold")
    text.append(f"  {record.TYPE} {safe(record.id)}", style="dim")
    return text


def _sources_table(sources: Sequence[Source], title: str | None = "Sources") -> Table:
    table = _new_table(title=title)
    table.add_column("#", justify="right")
    table.add_column("title", overflow="fold")
    table.add_column("publisher", overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("url", overflow="fold")
    for number, source in enumerate(sources, start=1):
        table.add_row(
            str(number),
            safe_text(source.title),
            safe_text(source.publisher or ""),
            source.kind or "",
            display(source.date),
            safe_text(source.url, style="cyan"),
        )
    return table


def sources_view(record: Record) -> RenderableType:
    return Group(_label(record), _sources_table(record.sources, title=None))


def _slip_table(history: SlipHistory) -> Table:
    table = _new_table(title=f"Target: {safe(history.milestone)}  ({history.movement})")
    table.add_column("announced")
    table.add_column("target")
    table.add_column("moved")
    noted = any(step.target.note for step in history.steps)
    if noted:
        table.add_column("note")
    table.add_column("source", overflow="fold")
    for step in history.steps:
        source = step.target.sources[0].url if step.target.sources else ""
        table.add_row(
            display(step.target.announced) or "?",
            display(step.target.date),
            step.moved,
            *([safe_text(step.target.note or "")] if noted else []),
            safe_text(source, style="cyan"),
        )
    return table


def card(
    base: FactBase, record: Record, related: Iterable[Related], moment: PartialDate | None = None
) -> RenderableType:
    """The whole of one record: its fields, related records, slip history and numbered sources.

    Under --as-of (`moment`), a summary written later than the moment says so: it may know more."""
    summary = safe_text(record.summary, keep_newlines=True)
    if moment is not None and record.as_of.end > moment.end:
        summary = Text(f"(summary as written on {record.as_of}) ", style="dim") + summary
    parts: list[RenderableType] = [_label(record), summary]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    skip = {"id", "name", "summary", "sources", "targets"}
    for field in TYPES[record.TYPE].fields:
        value = getattr(record, field.name)
        if field.name in skip or value in (None, ()):
            continue
        grid.add_row(field.name, safe_text(display(value)))
    parts += [Text(""), grid]
    for history in slip_histories(getattr(record, "targets", ())):
        parts += [Text(""), _slip_table(history)]
        staircase = slip_chart(history)
        if staircase is not None:
            parts.append(staircase)
    for group in related:
        table = _new_table(title=f"{group.heading.capitalize()} ({len(group.records)})")
        if _ids_fit(r.id for r in group.records):
            table.add_column("id", no_wrap=True, overflow="ellipsis")
        else:
            table.add_column("id", overflow="fold")
        table.add_column("name", overflow="fold")
        if group.notes:
            table.add_column("first", overflow="fold")
        for index, other in enumerate(group.records):
            cells = [safe_text(other.id), safe_text(other.name)]
            if group.notes:
                cells.append(safe_text(group.notes[index]))
            table.add_row(*cells)
        parts += [Text(""), table]
    parts += [Text(""), _sources_table(record.sources)]
    return Group(*parts)


def compare_table(records: Sequence[Record], rows: Sequence[CompareRow]) -> Table:
    table = _new_table(caption="≠ marks the fields that differ")
    table.add_column("", no_wrap=True)
    table.add_column("field", style="bold", no_wrap=True)
    for record in records:
        table.add_column(safe(record.name), overflow="fold")
    for row in rows:
        style = "" if row.differs else "dim"
        cells = [safe_text(display(value, short=True), style=style) for value in row.values]
        table.add_row("≠" if row.differs else "", row.field, *cells)
    return table


def rows_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], caption: str) -> RenderableType:
    """A table of plain rows (timeline events)."""
    from lunarfacts.grid import Grid

    whole = ["date", "event", "planned"]
    if _ids_fit(str(row.get("id", "")) for row in rows):
        whole.append("id")
    cells = [[_cell(row, column) for column in columns] for row in rows]
    return Grid(columns, cells, caption=caption, keep_whole=whole)


def _cell(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    if column == "planned":
        return "○" if value else ""
    if column == "date" and isinstance(value, str):
        return PartialDate.parse(value).shown  # "by 2025-04-29", not "..2025-04-29"
    return safe(display(value))
