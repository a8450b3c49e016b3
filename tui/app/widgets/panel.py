"""A titled panel that redraws from a view of the run."""

from __future__ import annotations

from rich.console import RenderableType
from textual.widgets import Static

from tui.app.widgets.view import View


class Panel(Static):
    """Base of the debugger's text panels: `show` redraws the panel for a view."""

    TITLE = ""
    """The panel's border title."""
    _shown: RenderableType | None = None
    """What the panel last drew."""
    _asked: View | None = None
    """What `show` was last asked to draw: drawn again when the panel's width changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = self.TITLE

    def show(self, view: View) -> None:
        """Redraw for `view`."""
        self._asked = view
        shown = self.render_view(view)
        if shown != self._shown:  # an unchanged panel costs no repaint
            self._shown = shown
            # Every panel has a fixed height in the stylesheet, so no layout pass is needed.
            self.update(shown, layout=False)

    def render_view(self, view: View) -> RenderableType:
        raise NotImplementedError

    def on_resize(self) -> None:
        if self._asked is not None:  # lines are written to fit the width: write them again
            self.show(self._asked)

    @property
    def width(self) -> int:
        """Columns inside the border and padding: what each line must fit in (unbounded before the first layout)."""
        return self.content_region.width or 10_000
