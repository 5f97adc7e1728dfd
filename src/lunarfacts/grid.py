"""A fast Rich renderable for long tables: fixed layout, word-wrapped cells, one pass over the text.

Rich's own Table measures and wraps every cell through its generic machinery, which took ~50 ms for
the hundred missions of the bundled base (more than all of lunarfacts' start-up). Lists only need
columns of plain text, so this lays them out directly, in the style of Rich's SIMPLE_HEAD box, and
fits them to the console's width at render time. Cells must already be safe text (see render.safe).
Imported lazily, from render, only when a table is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

_GAP = 3  # a cell's padding on each side plus the divider between columns
_EDGE = 1  # the box edge on each side
_MIN_WIDTH = 4  # no column gets narrower than this unless the terminal leaves no choice


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells: words kept whole where they fit, longer ones folded."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, used, first = "", 0, True
        for whole_word in paragraph.split(" "):
            word, size = whole_word, cell_len(whole_word)
            if not first and used + 1 + size <= width:
                current, used = f"{current} {word}", used + 1 + size
                continue
            if not first:
                lines.append(current)
            first = False
            while size > width:  # a word longer than the column is folded
                piece, piece_size = "", 0
                for char in word:
                    char_size = cell_len(char)
                    if piece and piece_size + char_size > width:
                        break
                    piece, piece_size = piece + char, piece_size + char_size
                lines.append(piece)
                word, size = word[len(piece) :], size - piece_size
            current, used = word, size
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


class Grid:
    """Rows of text under a bold header, a rule, and a caption, fitted to the width it is drawn at."""

    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        caption: str | None = None,
        keep_whole: Sequence[str] = (),
    ) -> None:
        self.headers = list(headers)
        self.rows = [list(row) for row in rows]
        self.caption = caption
        self.keep_whole = {i for i, header in enumerate(self.headers) if header in keep_whole}

    def _measure(self) -> tuple[list[int], list[int]]:
        """Per column: the natural width (longest line) and the longest word, the least it needs."""
        widths = [cell_len(h) for h in self.headers]
        words = [max((cell_len(w) for w in h.split()), default=0) for h in self.headers]
        for row in self.rows:
            for index, cell in enumerate(row):
                for line in cell.split("\n"):
                    widths[index] = max(widths[index], cell_len(line))
                    words[index] = max(words[index], max((cell_len(w) for w in line.split(" ")), default=0))
        return widths, words

    def _chrome(self) -> int:
        return 2 * _EDGE + _GAP * len(self.headers) - 1

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        natural = sum(self._measure()[0]) + self._chrome()
        return Measurement(min(natural, self._chrome() + len(self.headers)), natural)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        natural, longest_word = self._measure()
        # No column is narrower than its longest word (ids, dates and enum values stay whole), as long
        # as that word takes at most a third of the width; longer words are folded.
        limit = max(_MIN_WIDTH, options.max_width // 3)
        minimum = [
            min(n, limit if i in self.keep_whole else min(limit, max(_MIN_WIDTH, word)))
            for i, (n, word) in enumerate(zip(natural, longest_word, strict=True))
        ]
        available = max(len(natural), options.max_width - self._chrome())
        if sum(minimum) > available:  # even the least is too wide: give each column an equal share
            share = max(1, available // len(natural))
            minimum = [min(m, share) for m in minimum]
        widths = fit(natural, minimum, available)
        total = sum(widths) + self._chrome()
        header_style = console.get_style("table.header", default="bold")
        caption_style = console.get_style("table.caption", default="dim italic")
        blank = Segment(" " * total)
        yield blank
        yield Segment.line()
        yield from self._line(
            [wrap(h, w) for h, w in zip(self.headers, widths, strict=True)], widths, header_style
        )
        yield Segment(" " + "─" * (total - 2 * _EDGE) + " ")
        yield Segment.line()
        for row in self.rows:
            yield from self._line([wrap(c, w) for c, w in zip(row, widths, strict=True)], widths, None)
        yield blank
        yield Segment.line()
        if self.caption:
            for line in wrap(self.caption, total):
                pad = max(0, total - cell_len(line))
                yield Segment(" " * (pad // 2))
                yield Segment(line, caption_style)
                yield Segment(" " * (pad - pad // 2))
                yield Segment.line()

    def _line(self, cells: list[list[str]], widths: list[int], style: Style | None) -> Iterator[Segment]:
        for depth in range(max(len(c) for c in cells)):
            yield Segment(" " * _EDGE)
            for index, (lines, width) in enumerate(zip(cells, widths, strict=True)):
                text = lines[depth] if depth < len(lines) else ""
                yield Segment(" " if index == 0 else "   ")
                yield Segment(text, style)
                yield Segment(" " * (width - cell_len(text)))
            yield Segment(" " + " " * _EDGE)
            yield Segment.line()
