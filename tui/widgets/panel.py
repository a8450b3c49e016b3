"""A titled panel that redraws from the run and the current moment."""

from __future__ import annotations

from rich.console import RenderableType
from textual.widgets import Static

from model import Moment, Run


class Panel(Static):
    """Base of the debugger's panels: `show` redraws the panel for a moment."""

    TITLE = ""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = self.TITLE

    def show(self, run: Run, moment: Moment, compact: bool) -> None:
        """Redraw for `moment` of `run`."""
        self.update(self.render_moment(run, moment, compact))

    def render_moment(self, run: Run, moment: Moment, compact: bool) -> RenderableType:
        raise NotImplementedError
