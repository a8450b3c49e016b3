"""The data as a table, the current sample's row highlighted."""

from __future__ import annotations

from textual.widgets import DataTable

from model import Moment, Run
from tui.fmt import num


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
        self.add_columns("j", *run.data.names)
        d = run.data
        self.add_rows((str(j), num(a), num(b), num(c)) for j, (a, b, c) in enumerate(zip(d.x1, d.x2, d.y)))

    def show(self, moment: Moment) -> None:
        """Move the highlight to the current sample's row."""
        if moment.step is not None and self.row_count and self.cursor_row != moment.step.sample:
            self.move_cursor(row=moment.step.sample, animate=False)
