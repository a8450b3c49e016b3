"""The breakpoint list, and whether the run is playing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from model.breakpoints import Breakpoint

LISTED = 4
"""Breakpoints listed by number; more are counted."""


class Breakpoints(Static):
    """How to add and clear breakpoints, the play state, then the first few breakpoints."""

    def on_mount(self) -> None:
        self.border_title = "Breakpoints"

    _shown: str = ""
    """The text shown last: the same text is not laid out again."""

    def show(self, breakpoints: Sequence[Breakpoint], speed: int | None, fired: Breakpoint | None = None) -> None:
        """List `breakpoints`; `speed` is the play speed, or None when paused; `fired` stopped the run here."""
        play = f"playing at {speed}/s" if speed else "paused"
        if fired is not None and fired in breakpoints:
            play = f"stopped here by {breakpoints.index(fired) + 1}. {fired}"
        items = [f"{i}. {point}" + (" ◀" if point == fired else "") for i, point in enumerate(breakpoints[:LISTED], 1)]
        listed = " · ".join(items) or "none"
        if len(breakpoints) > LISTED:
            listed += f" · and {len(breakpoints) - LISTED} more"
        text = f"B adds, C clears; divergence always stops · {play}\n{listed}"
        if text != self._shown:  # the panel grows with its list (the narration gives way), so an update lays out again
            self._shown = text
            self.update(Text(text))
