"""The data as a table, the current sample's row highlighted."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.strip import Strip
from textual.widgets import DataTable

from model import Dataset
from tui.app.widgets.view import View
from tui.wording.fmt import Digits, short

WINDOW = 2_000
"""Most rows the table holds at once: a window around the current sample, moved when the run leaves it,
so a million rows cost no more to show than two thousand."""


class RowLines(LRUCache[Any, Strip]):
    """The table's drawn lines, keyed by whether a line's row holds the cursor rather than by where the cursor is.

    Textual's DataTable keys each drawn line on the cursor's coordinate, so each move of the cursor draws every
    visible line again; with a row cursor, a line changes only when its row gains or loses the cursor (or the
    mouse). A key of another shape than Textual 8's (y, x1, x2, width, cursor, hover, ...) is kept as it is.
    """

    def __init__(self, table: Samples) -> None:
        super().__init__(1000)  # as many lines as Textual's own cache holds
        self.table = table
        """The table whose lines these are."""

    def _mark(self, key: Any) -> Any:
        shaped = isinstance(key, tuple) and len(key) > 5 and isinstance(key[4], Coordinate) and isinstance(key[5], Coordinate)
        if not shaped or self.table.cursor_type != "row":
            return key
        row = self.table.row_on_line(key[0])
        return (*key[:4], row == key[4].row, row == key[5].row, *key[6:])

    def __contains__(self, key: Any) -> bool:
        return super().__contains__(self._mark(key))

    def __getitem__(self, key: Any) -> Strip:
        return super().__getitem__(self._mark(key))

    def __setitem__(self, key: Any, value: Strip) -> None:
        self.set(self._mark(key), value)


class Samples(DataTable[str]):
    """One row per sample: j, then the inputs and the targets (the notebook's X1, X2, y). It follows the run and never
    takes the keys."""

    can_focus = False
    _samples: Dataset | None = None
    """The samples shown."""
    _first = 0
    """The data row in the table's first row."""
    _digits = Digits()
    """How the numbers are written: as the network's."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._line_cache = RowLines(self)

    def row_on_line(self, y: int) -> int | None:
        """The row drawn on line `y` of the table (the header's is None)."""
        try:
            key, _ = self._get_offsets(y)
        except LookupError:
            return None
        return self._row_locations.get(key)

    def on_mount(self) -> None:
        self.border_title = "Data"
        self.cursor_type = "row"
        self.zebra_stripes = True

    def on_resize(self) -> None:
        """A new height: the table shows the current row as a table just opened at this height would, whatever
        heights it had meanwhile (a frame while the layout settles can make it shorter than it ends up). A resumed
        session's table is one just opened: it scrolls only as far as the current row needs, as when it was saved."""
        if not self.row_count or (visible := self._visible()) <= 0:
            return
        self.scroll_to(y=max(0, self.cursor_row - visible + 1), animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Textual moves a scrollbar's thumb only while the scrollbar shows: one that shows after a scroll (a resumed
        # session's table, scrolled as it opens) would keep its thumb at the top.
        self.vertical_scrollbar.position = new_value

    def _visible(self) -> int:
        """Rows the table shows at once, below its header."""
        return self.scrollable_content_region.height - (self.header_height if self.show_header else 0)

    def _follow_cursor(self) -> None:
        """Scroll only as far as the current row needs, now: Textual's own scroll waits for the next refresh, and a
        resize meanwhile made it go further than the table's final height needs."""
        visible, row = self._visible(), self.cursor_row
        if visible > 0:
            self.scroll_to(y=min(max(self.scroll_y, row - visible + 1), row), animate=False, immediate=True)

    def load(self, data: Dataset, digits: Digits | None = None) -> None:
        """Show `data`, from its first row, its numbers written as `digits` says (the notebook's way by default)."""
        self._samples, self._digits = data, digits or Digits()
        self.clear(columns=True)
        # Names no wider than a number (-308.5712): four columns fit the narrowest data panel, 42 columns inside.
        self.add_columns(*(Text(name) for name in ("j", *(short(name, 9) for name in data.names))))
        self._fill(0)

    def _fill(self, first: int) -> None:
        """Hold rows first .. first + WINDOW − 1 of the data."""
        d = self._samples
        assert d is not None
        self.clear()
        self._first = first
        stop = min(first + WINDOW, len(d))
        columns = (*d.inputs, *d.targets)
        written = self._digits.num
        self.add_rows((str(j), *(written(column[j], given=True) for column in columns)) for j in range(first, stop))
        self.border_subtitle = f"rows {first:,}–{stop - 1:,} of {len(d):,}" if len(d) > WINDOW else ""

    @property
    def top(self) -> int:
        """The data row at the top of the table's view."""
        return self._first + round(self.scroll_y)

    def show(self, view: View) -> None:
        """Move the highlight to the current sample's row (the first row at the start), scrolling either way."""
        if self._samples is None:
            return
        step = view.moment.step
        row = step.sample if step is not None else 0
        if not self._first <= row < self._first + self.row_count:
            self._fill(max(0, min(row - WINDOW // 2, len(self._samples) - WINDOW)))
        if self.row_count and self.cursor_row != row - self._first:
            self.move_cursor(row=row - self._first, animate=False, scroll=False)
            self._follow_cursor()
