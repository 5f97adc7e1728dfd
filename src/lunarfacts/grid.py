"""A fast Rich renderable for tables: fixed layout, word-wrapped cells, one pass over the text.

Rich's own Table measures and wraps every cell through its generic machinery, which took ~50 ms for
the hundred missions of the bundled base (more than all of lunarfacts' start-up). Tables here only
need columns of plain text, so this lays them out directly, in the style of Rich's SIMPLE_HEAD box,
and fits them to the console's width at render time:

- a WHOLE column (ids, enum values, dates, numbers) and every header are never broken;
- an ITEMS column (a list joined with "; ") breaks only between items;
- a WORDS column (prose) wraps at spaces, and gives up width first;
- when even that does not fit, the last columns drop out, and the caption says which.

Cells must already be safe text (see render.safe). Imported lazily, only when a table is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

_GAP = 2  # between two columns
_EDGE = 1  # at each side
_PROSE_MIN = 12  # a prose column is not squeezed below this (or its header) while others can drop
_PROSE_COMFORT = 16  # below this a few long ids give up their width (or the last columns drop) for prose
_WHOLE_CAP = 48  # a little over the longest real id (43): a longer "word" is hostile or broken, folded

WHOLE = "whole"
ITEMS = "items"
WORDS = "words"
_SEPARATORS = {WORDS: " ", ITEMS: "; "}


class Column(NamedTuple):
    header: str
    breaks: str = WORDS  # WHOLE, ITEMS or WORDS
    style: Callable[[str], str | None] | None = None  # a style name for a cell's text (status colours)
    keep: bool = False  # never dropped for width (the id, the first column)


def _fold(word: str, width: int) -> list[str]:
    """A word longer than the column, cut into pieces of the column's width."""
    pieces: list[str] = []
    while cell_len(word) > width:
        piece, size = "", 0
        for char in word:
            char_size = cell_len(char)
            if piece and size + char_size > width:
                break
            piece, size = piece + char, size + char_size
        pieces.append(piece)
        word = word[len(piece) :]
    return [*pieces, word]


def wrap(text: str, width: int, breaks: str = WORDS) -> list[str]:
    """Lines of at most `width` cells, broken only where the column's kind allows; a unit longer
    than the width is folded (it can only be hostile or broken data, or a terminal too narrow)."""
    width = max(1, width)
    if breaks == WHOLE:
        return [piece for line in text.split("\n") for piece in _fold(line, width)]
    separator = _SEPARATORS[breaks]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, used, first = "", 0, True
        for unit in paragraph.split(separator):
            size = cell_len(unit)
            if not first and used + len(separator) + size <= width:
                current, used = f"{current}{separator}{unit}", used + len(separator) + size
                continue
            if not first:  # (a list broken across lines loses the "; " there: the break says it)
                lines.append(current)
            first = False
            *folded, rest = _fold(unit, width)
            lines.extend(folded)
            current, used = rest, cell_len(rest)
        lines.append(current)
    return lines


def fit(natural: Sequence[int], minimum: Sequence[int], available: int) -> list[int]:
    """Column widths: the natural ones when they fit, else the widest capped at one common width."""
    if sum(natural) <= available:
        return list(natural)
    low, high = 0, max(natural)
    while low < high:  # the largest cap whose total still fits
        cap = (low + high + 1) // 2
        if sum(max(m, min(n, cap)) for n, m in zip(natural, minimum, strict=True)) <= available:
            low = cap
        else:
            high = cap - 1
    return [max(m, min(n, low)) for n, m in zip(natural, minimum, strict=True)]


def _units(cell: str, breaks: str) -> Iterator[str]:
    separator = _SEPARATORS.get(breaks)
    for line in cell.split("\n"):
        yield from (line.split(separator) if separator else (line,))


class Grid:
    """Rows of text under a bold header, a rule, and a caption, fitted to the width it is drawn at."""

    def __init__(
        self,
        columns: Sequence[Column | str],
        rows: Sequence[Sequence[str]],
        caption: str | None = None,
        title: str | None = None,
        headers: bool = True,
        styles: Sequence[Sequence[str | None]] | None = None,
    ) -> None:
        self.columns = [c if isinstance(c, Column) else Column(c) for c in columns]
        self.rows = [list(row) for row in rows]
        self.caption = caption
        self.title = title
        self.headers = headers  # False: a key-value grid (a card's fields), no header and no rule
        self.styles = styles  # a style name per cell, where a column's own style cannot say it

    def _measure(self) -> tuple[list[int], list[int]]:
        """Per column: the natural width (longest line) and the least it needs (header, longest unit)."""
        natural = [cell_len(c.header) if self.headers else 0 for c in self.columns]
        least = list(natural)
        for index, column in enumerate(self.columns):
            unit = max(
                (cell_len(u) for row in self.rows for u in _units(row[index], column.breaks)), default=0
            )
            unit = min(unit, _WHOLE_CAP)
            if column.breaks == WORDS:
                unit = min(unit, _PROSE_MIN)
            least[index] = max(least[index], unit)
            for row in self.rows:
                for line in row[index].split("\n"):
                    natural[index] = max(natural[index], cell_len(line))
        return natural, [min(n, m) for n, m in zip(natural, least, strict=True)]

    @staticmethod
    def _chrome(count: int) -> int:
        return 2 * _EDGE + _GAP * (count - 1)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        natural = sum(self._measure()[0]) + self._chrome(len(self.columns))
        return Measurement(min(natural, options.max_width), natural)

    def _spanning(self) -> int | None:
        """The column that may give up width for a few long cells: the widest of whole values (ids)."""
        whole = [i for i, c in enumerate(self.columns) if c.breaks == WHOLE]
        if not whole or not self.rows:
            return None
        return max(whole, key=lambda i: max(cell_len(row[i]) for row in self.rows))

    def layout(self, width: int) -> tuple[list[int], list[int], int | None]:
        """Which columns are shown (indexes), how wide, and which one has cells drawn on lines of
        their own, at this width.

        Each column needs at least its header and its longest whole value; prose wants a little more
        (_PROSE_COMFORT). The widest column of whole values (ids) may give up width first, if only one
        cell in five (or one cell) is then too long: each such cell is drawn whole on a line of its
        own, above the rest of its row. When that is not enough, columns drop from the end."""
        natural, least = self._measure()
        shown = list(range(len(self.columns)))
        span = self._spanning()
        best: tuple[list[int], list[int], int | None] | None = None
        while True:
            for spanned in (None, span) if span is not None and span in shown else (None,):
                tried = self._fit(shown, natural, least, width, spanned)
                if tried is not None:
                    widths, fits = tried
                    if best is None:  # the most columns that fit at all, cramped or not
                        best = (list(shown), widths, spanned)
                    if fits:
                        return list(shown), widths, spanned
            droppable = [i for i in shown[1:] if not self.columns[i].keep]
            if not droppable:
                break
            shown.remove(droppable[-1])
        if best is not None:  # nothing fits comfortably: the most columns that fit at all
            return best
        forced = self._fit(shown, natural, least, width, None, force=True)
        assert forced is not None
        return shown, forced[0], None

    def _fit(
        self,
        shown: list[int],
        natural: list[int],
        least: list[int],
        width: int,
        spanned: int | None,
        force: bool = False,
    ) -> tuple[list[int], bool] | None:
        """Widths for these columns (with `spanned` at its usual width), and whether they fit without
        cramping the prose; None when they cannot fit at all (unless `force`)."""
        natural, least = list(natural), list(least)
        if spanned is not None:
            usual = self._usual(spanned)
            if usual >= natural[spanned]:
                return None  # nothing to gain
            sizes = [cell_len(row[spanned]) for row in self.rows]
            if sum(1 for size in sizes if size > usual) > max(1, len(sizes) // 5):
                return None
            natural[spanned] = least[spanned] = usual
        available = max(len(shown), width - self._chrome(len(shown)))
        minimum = [least[i] for i in shown]
        if sum(minimum) > available:
            if not force:
                return None
            share = max(1, available // len(shown))  # narrower than the least: an equal share each
            minimum = [min(m, share) for m in minimum]
        widths = fit([natural[i] for i in shown], minimum, available)
        return widths, not self._cramped(shown, widths, natural)

    def _cramped(self, shown: list[int], widths: list[int], natural: list[int]) -> bool:
        """A prose column narrower than is comfortable, and than its text would be."""
        return any(
            self.columns[i].breaks == WORDS and w < min(_PROSE_COMFORT, natural[i])
            for i, w in zip(shown, widths, strict=True)
        )

    def _usual(self, column: int) -> int:
        """As wide as four cells in five of a column need (and its header)."""
        sizes = sorted(cell_len(row[column]) for row in self.rows)
        return max(cell_len(self.columns[column].header), sizes[max(0, (len(sizes) * 4) // 5 - 1)])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        shown, widths, spanned = self.layout(options.max_width)
        at = shown.index(spanned) if spanned is not None else None
        columns = [self.columns[i] for i in shown]
        total = sum(widths) + self._chrome(len(shown))
        header_style = console.get_style("table.header", default="bold")
        caption_style = console.get_style("table.caption", default="dim italic")
        if self.title:  # left-aligned, over the whole width: it may be longer than the table
            title_style = console.get_style("table.title", default="bold")
            for line in wrap(self.title, options.max_width):
                yield Segment(line, title_style)
                yield Segment.line()
        if self.headers:
            yield Segment.line()  # (no line ends in spaces: what is copied is what is seen)
            headers = [wrap(c.header, w, WHOLE) for c, w in zip(columns, widths, strict=True)]
            yield from self._line(headers, widths, [header_style] * len(widths))
            yield Segment(" " * _EDGE + "─" * (total - 2 * _EDGE))
            yield Segment.line()
        for number, row in enumerate(self.rows):
            cells = [row[i] for i in shown]
            names = [
                self.styles[number][i]
                if self.styles and self.styles[number][i]
                else c.style(cell)
                if c.style
                else None
                for i, c, cell in zip(shown, columns, cells, strict=True)
            ]
            styles = [console.get_style(name, default="none") if name else None for name in names]
            if at is not None and cell_len(cells[at]) > widths[at]:
                # a long id whole on a line of its own, from its column (or the left edge when it
                # would not fit from there; folded only past the edge), the rest of its row below
                start = _EDGE + sum(widths[:at]) + _GAP * at
                if start + cell_len(cells[at]) > total:
                    start = _EDGE
                for piece in wrap(cells[at], total - start, WHOLE):
                    yield Segment(" " * start + piece, styles[at])
                    yield Segment.line()
                cells[at] = ""
            lines = [wrap(cell, w, c.breaks) for cell, w, c in zip(cells, widths, columns, strict=True)]
            yield from self._line(lines, widths, styles)
        dropped = [c.header for i, c in enumerate(self.columns) if i not in shown]
        notes = [self.caption] if self.caption else []
        if dropped:
            notes.append(f"not shown at this width: {', '.join(dropped)}")
        if notes:
            yield Segment.line()
        for note in notes:
            yield from _centred(note, total, caption_style)

    def _line(
        self, cells: list[list[str]], widths: list[int], styles: Sequence[Style | None]
    ) -> Iterator[Segment]:
        for depth in range(max(len(c) for c in cells)):
            texts = [lines[depth] if depth < len(lines) else "" for lines in cells]
            last = max((i for i, text in enumerate(texts) if text), default=-1)
            yield Segment(" " * _EDGE)
            for index in range(last + 1):
                if index:
                    yield Segment(" " * _GAP)
                yield Segment(texts[index], styles[index])
                if index < last:
                    yield Segment(" " * (widths[index] - cell_len(texts[index])))
            yield Segment.line()


def _centred(text: str, total: int, style: Style) -> Iterator[Segment]:
    for line in wrap(text, total):
        pad = max(0, total - cell_len(line))
        yield Segment(" " * (pad // 2))
        yield Segment(line, style)
        yield Segment.line()
