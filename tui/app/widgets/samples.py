"""The data as a table, the current sample's row highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from model import Dataset
from tui.app.widgets.view import View
from tui.wording.fmt import num, short

WINDOW = 2_000
"""Most rows the table holds at once: a window around the current sample, moved when the run leaves it,
so a million rows cost no more to show than two thousand."""


class Samples(DataTable[str]):
    """One row per sample: j, X1, X2, y. It follows the run and never takes the keys."""

    can_focus = False
    _samples: Dataset | None = None
    """The samples shown."""
    _first = 0
    """The data row in the table's first row."""

    def on_mount(self) -> None:
        self.border_title = "Data"
        self.cursor_type = "row"
        self.zebra_stripes = True

    def on_resize(self) -> None:
        """A new height: the scroll that showed the current row may not show it now."""
        if self.row_count:
            self.move_cursor(row=self.cursor_row, animate=False, scroll=True)

    def load(self, data: Dataset) -> None:
        """Show `data`, from its first row."""
        self._samples = data
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
        self.add_rows((str(j), num(d.x1[j]), num(d.x2[j]), num(d.y[j])) for j in range(first, stop))
        self.border_subtitle = f"rows {first:,}–{stop - 1:,} of {len(d):,}" if len(d) > WINDOW else ""

    @property
    def top(self) -> int:
        """The data row at the top of the table's view."""
        return self._first + round(self.scroll_y)

    def scroll_top(self, row: int) -> None:
        """Scroll so that data row `row` is at the top, as far as the rows held allow."""
        self.scroll_to(y=max(0, row - self._first), animate=False, immediate=True)

    def show(self, view: View) -> None:
        """Move the highlight to the current sample's row (the first row at the start), scrolling either way."""
        if self._samples is None:
            return
        step = view.moment.step
        row = step.sample if step is not None else 0
        if not self._first <= row < self._first + self.row_count:
            self._fill(max(0, min(row - WINDOW // 2, len(self._samples) - WINDOW)))
        if self.row_count and self.cursor_row != row - self._first:
            self.move_cursor(row=row - self._first, animate=False, scroll=True)
