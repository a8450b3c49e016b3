"""The full-data RMSE after every sample-step, as a sparkline with its key figures."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from itertools import pairwise

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.app.widgets.spark import Spark
from tui.app.widgets.view import View
from tui.wording.fmt import Digits, fit


def series(rmse: np.ndarray, log_scale: bool, bars: int) -> list[float]:
    """One value per sparkline bar: the median RMSE (or log10 RMSE) of the sample-steps it covers.

    A median shows the descent through the noise of single samples; the last bar
    is the latest value itself, so a climb at the end (a run diverging) shows
    however long the history before it.
    """
    values = np.log10(np.maximum(rmse, 1e-300)) if log_scale else rmse
    if bars < 2 or len(values) <= bars:
        return [float(value) for value in values]  # a few: at most one per bar
    edges = np.linspace(0, len(values), bars + 1).astype(int)
    pooled = [float(np.median(values[a:b])) for a, b in pairwise(edges[:-1])]
    return [*pooled, float(values[-1])]


def _padded(values: np.ndarray, length: int) -> np.ndarray:
    """The first `length` values, NaN where there are fewer."""
    padded = np.full(length, np.nan)
    padded[: min(length, len(values))] = values[:length]
    return padded


BAR = 20
"""Cells of the training bar on the panel's lower border."""


def trained_bar(fraction: float) -> str:
    """`trained ██████░░░░░░░░░░░░░░ 31%`: how much of the run the sparkline can show so far."""
    done = int(BAR * fraction)
    return f"trained {'█' * done}{'░' * (BAR - done)} {int(100 * fraction)}%"


def _epoch_ends(ends: list[float], width: int, num: Callable[[float], str]) -> str:
    """Every epoch's end RMSE, or as many of the latest as fit in `width`, each number beside its value. Written from
    the latest back, as far as the width goes: a run of 10,000 one-sample epochs costs no more than one of five."""
    items: list[str] = []
    for i in range(len(ends), 0, -1):
        items.insert(0, f"{i}: {num(ends[i - 1])}")
        if len(" · ".join(items)) > width:
            break
    forms = [" · ".join(items[k:]) for k in range(len(items))]
    whole = [f"epoch ends: {forms[0]}"] if len(items) == len(ends) else []
    return fit(width, *whole, *(f"epoch ends: … {form}" for form in forms[1 if whole else 0 :]), f"epoch {len(ends)}: {num(ends[-1])}")


def _scale(scale: tuple[float, float], log_scale: bool, num: Callable[[float], str]) -> str:
    """What the lowest and highest bars stand for: a small drop drawn full height reads as small."""
    low, high = (10**value for value in scale) if log_scale else scale
    return f"bars from {num(low)} to {num(high)}"


class Rmse(Vertical):
    """Sparkline of RMSE since the start, current and best values, and every epoch's end."""

    _drawn: tuple[int, int, bool, int, int, int] | None = None
    """Run, history length, scale, width, ghost and its length the sparkline last drew."""
    _last: View | None = None
    """What `show` was last asked to draw, drawn again when the width changes."""
    _figures: Text | None = None
    """The figures last shown under the sparkline."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Kept, not queried: a redraw put off until after a refresh may come once the app has begun to close.
        self._spark = Spark([], summary_function=statistics.median, id="spark")
        self._figures_line = Static(id="rmse-figures")

    def compose(self) -> ComposeResult:
        # `series` gives one value per bar; the median only matters while the history is shorter than the bar count.
        yield self._spark
        yield self._figures_line

    def on_mount(self) -> None:
        self.border_title = "RMSE over all samples"

    def show(self, view: View) -> None:
        """Redraw for `view`: the history up to the last completed sample-step."""
        self._last = view
        run, moment, log_scale = view.run, view.moment, view.log_scale
        history = run.rmse[: moment.completed + 1]
        ghost = view.ghost
        spark = self._spark
        # Within a sample the history is unchanged: skip re-bucketing the sparkline.
        drawn = (id(run), len(history), log_scale, spark.size.width, id(ghost), ghost.steps if ghost else 0)
        if drawn != self._drawn:
            self._drawn = drawn
            spark.data = series(history, log_scale, spark.size.width)
            # The ghost over the same steps, so that both series are bucketed alike.
            spark.ghost = None if ghost is None else series(_padded(ghost.rmse, len(history)), log_scale, spark.size.width)
        best = int(np.argmin(history))
        width = self._figures_line.size.width or 1000  # before the first layout: a width nothing needs
        num = Digits.of(run.description).num  # the network's decimals
        now, least = num(moment.rmse), num(float(history[best]))
        figures = Text.assemble(
            ("RMSE ", "bold"),
            (now, "bold"),
            fit(width - 5 - len(now), f"   best {least} (step {best})", f"  best {least} @{best}", f"  best {least}", ""),
        )
        if ends := run.epoch_rmse()[: moment.completed // len(run.data)]:
            figures.append("\n" + _epoch_ends(ends, width, num))
        title = "RMSE over all samples" + (" (log scale)" if log_scale else "") + (" · ghost dimmed" if ghost else "")
        if self.border_title != title:  # setting a title repaints the whole panel
            self.border_title = title
        bar = trained_bar(run.progress) if not run.finished else _scale(spark.scale, log_scale, num) if len(spark.data or ()) > 1 else ""
        if self.border_subtitle != bar:
            self.border_subtitle = bar
        if figures != self._figures:
            self._figures = figures
            self._figures_line.update(figures, layout=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_again)  # once the sparkline has its new width

    def _show_again(self) -> None:
        # The view last shown by then, not when the resize came: a move may have been drawn in between.
        if self._last is not None:
            self.show(self._last)
