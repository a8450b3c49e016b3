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

    def show(self, breakpoints: Sequence[Breakpoint], speed: int | None) -> None:
        """List `breakpoints`; `speed` is the play speed, or None when paused."""
        play = f"playing at {speed}/s" if speed else "paused"
        listed = " · ".join(f"{i}. {point}" for i, point in enumerate(breakpoints[:LISTED], 1)) or "none"
        if len(breakpoints) > LISTED:
            listed += f" · and {len(breakpoints) - LISTED} more"
        # The panel grows with its list (the narration above gives way), so this update lays out again.
        self.update(Text(f"B adds, C clears; divergence always stops · {play}\n{listed}"))
