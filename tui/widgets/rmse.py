"""The full-data RMSE after every sample-step, as a sparkline with its key figures."""

from __future__ import annotations

import math
import statistics

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from model import Moment, Run
from tui.fmt import num

MAX_POINTS = 2048
"""Longer histories are pooled into this many medians before the sparkline buckets them again."""


def series(rmse: np.ndarray, log_scale: bool) -> list[float]:
    """What the sparkline draws: RMSE (or log10 RMSE), pooled by median when long."""
    values = np.log10(np.maximum(rmse, 1e-300)) if log_scale else rmse
    if len(values) > MAX_POINTS:
        size = math.ceil(len(values) / MAX_POINTS)
        cut = len(values) // size * size
        pooled = np.median(values[:cut].reshape(-1, size), axis=1)
        values = np.concatenate([pooled, values[cut:]])
    return values.tolist()


class Rmse(Vertical):
    """Sparkline of RMSE since the start, current and best values, and every epoch's end."""

    _drawn: tuple[int, int, bool] | None = None
    """Run, history length and scale the sparkline last drew."""
    _figures: Text | None = None
    """The figures last shown under the sparkline."""

    def compose(self) -> ComposeResult:
        # Median per bar: the default (max) would show each bar's worst sample and hide the descent.
        yield Sparkline([], summary_function=statistics.median, id="spark")
        yield Static(id="rmse-figures")

    def on_mount(self) -> None:
        self.border_title = "RMSE over all samples"

    def show(self, run: Run, moment: Moment, log_scale: bool) -> None:
        """Redraw for `moment`: the history up to the last completed sample-step."""
        history = run.rmse[: moment.completed + 1]
        # Within a sample the history is unchanged: skip re-bucketing the sparkline.
        drawn = (id(run), len(history), log_scale)
        if drawn != self._drawn:
            self._drawn = drawn
            self.query_one(Sparkline).data = series(history, log_scale)
        best = int(np.argmin(history))
        ends = run.epoch_rmse()[: moment.completed // len(run.data)]
        figures = Text.assemble(
            ("RMSE ", "bold"),
            (num(moment.rmse), "bold"),
            f"   best {num(float(history[best]))} (step {best})",
        )
        if ends:
            shown = ends[-4:]
            first = len(ends) - len(shown) + 1
            figures.append("\nepoch ends: " + " · ".join(f"{first + i}: {num(v)}" for i, v in enumerate(shown)))
        title = "RMSE over all samples" + (" (log scale)" if log_scale else "")
        if self.border_title != title:  # setting a title repaints the whole panel
            self.border_title = title
        if figures != self._figures:
            self._figures = figures
            self.query_one("#rmse-figures", Static).update(figures, layout=False)
