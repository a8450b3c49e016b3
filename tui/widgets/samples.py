"""The data as a table, the current sample's row highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from model import Run
from tui.fmt import num, short
from tui.widgets.view import View


class Samples(DataTable):
    """One row per sample: j, X1, X2, y. It follows the run and never takes the keys."""

    can_focus = False

    def on_mount(self) -> None:
        self.border_title = "Data"
        self.cursor_type = "row"
        self.zebra_stripes = True

    def load(self, run: Run) -> None:
        """Fill the table with `run`'s data."""
        self.clear(columns=True)
        self.add_columns(*(Text(name) for name in ("j", *map(short, run.data.names))))
        d = run.data
        self.add_rows((str(j), num(a), num(b), num(c)) for j, (a, b, c) in enumerate(zip(d.x1, d.x2, d.y)))

    def show(self, view: View) -> None:
        """Move the highlight to the current sample's row (the first row at the start), scrolling either way."""
        step = view.moment.step
        row = step.sample if step is not None else 0
        if self.row_count and self.cursor_row != row:
            self.move_cursor(row=row, animate=False, scroll=True)
