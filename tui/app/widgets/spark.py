"""A sparkline that can carry a ghost: a second series on the same scale, drawn dimmed where it is higher."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from textual.app import RenderResult as WidgetRender
from textual.color import Color
from textual.reactive import reactive
from textual.widgets import Sparkline

BARS = "▁▂▃▄▅▆▇█"
"""A cell filled by one to eight eighths."""


class Overlay:
    """Two series of the same length on one scale, one bar per value.

    A cell shows the run's bar, coloured from `low` to `high` by its height as
    Textual's sparkline colours it; above it, a higher ghost's bar shows in
    `dim`, and where the run's bar rises above the ghost's, it is in `above`. A NaN in the ghost means it has no value there. Fewer values
    than columns are stretched across the width, as Textual's sparkline does.
    """

    def __init__(
        self, run: Sequence[float], ghost: Sequence[float], scale: tuple[float, float], size: tuple[int, int], colors: dict[str, Color]
    ) -> None:
        width, self.height = size
        self.columns = [i * len(run) // width for i in range(width)] if len(run) < width else range(len(run))
        self.run, self.ghost, self.scale, self.colors = run, ghost, scale, colors

    def _levels(self, values: Sequence[float], low: float, extent: float) -> list[int]:
        """Eighths filled from the bottom: 1 for the lowest value, 8·height for the highest, 0 for none."""
        top = 8 * self.height - 1
        return [0 if math.isnan(v) else 1 + int((v - low) / extent * top) for v in values]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        low, high = self.scale
        run, ghost = self._levels(self.run, low, high - low or 1), self._levels(self.ghost, low, high - low or 1)
        c = self.colors
        top = 8 * self.height
        shade = [Style(color=c["low"].blend(c["high"], level / top).rich_color) for level in run]
        dim, above = Style(color=c["dim"].rich_color), Style(color=c["above"].rich_color)
        for row in reversed(range(self.height)):
            for column in self.columns:
                mine, theirs = run[column], ghost[column]
                a, g = (min(max(level - 8 * row, 0), 8) for level in (mine, theirs))
                if g and not a:  # above the run's bar
                    yield Segment(BARS[g - 1], dim)
                else:
                    yield Segment(BARS[a - 1] if a else " ", above if theirs and a > g else shade[column])
            if row:
                yield Segment.line()


class Spark(Sparkline):
    """Textual's sparkline, or, given a ghost, both series on one scale."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*Sparkline.COMPONENT_CLASSES, "spark--ghost", "spark--above"}

    ghost = reactive[Sequence[float] | None](None)
    """The ghost's values, one per value of `data` (NaN where it has none); None draws the plain sparkline."""

    @property
    def scale(self) -> tuple[float, float]:
        """The values the lowest and the highest bar stand for: the sparkline is drawn from one to the other."""
        known = [v for v in (*(self.data or ()), *(self.ghost or ())) if not math.isnan(v)]
        return (min(known), max(known)) if known else (0.0, 0.0)

    def render(self) -> WidgetRender:
        if self.ghost is None or not self.data:
            return super().render()
        _, base = self.background_colors
        names = {"low": "sparkline--min-color", "high": "sparkline--max-color", "dim": "spark--ghost", "above": "spark--above"}
        colors = {key: base + self.get_component_styles(name).color for key, name in names.items()}
        return Overlay(self.data, self.ghost, self.scale, (self.size.width, self.size.height), colors)
