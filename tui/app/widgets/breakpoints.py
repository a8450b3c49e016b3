"""The breakpoint list: on screen while there is one, or the narration is hidden; otherwise the room is the narration's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tui.wording.fmt import fit

if TYPE_CHECKING:
    from model.breakpoints import Breakpoint


class Breakpoints(Static):
    """How to add and clear breakpoints, or which one stopped the run; then as many breakpoints as fit on a line."""

    def on_mount(self) -> None:
        self.border_title = "Breakpoints"

    _shown: str = ""
    """The text shown last: the same text is not laid out again."""
    _asked: tuple[Sequence[Breakpoint], Breakpoint | None] = ((), None)
    """What `show` was last asked to list, listed again when the width changes."""

    def show(self, breakpoints: Sequence[Breakpoint], fired: Breakpoint | None = None) -> None:
        """List `breakpoints`; `fired` stopped the run here."""
        self._asked = (breakpoints, fired)
        self.set_class(not breakpoints, "-empty")
        first = "B adds, C clears; divergence always stops"
        if fired is not None and fired in breakpoints:
            first = f"stopped here by {breakpoints.index(fired) + 1}. {fired} · C clears"
        items = [f"{i}. {point}" + (" ◀" if point == fired else "") for i, point in enumerate(breakpoints, 1)]
        width = self.content_region.width or 10_000
        listed = "none"
        marked = breakpoints.index(fired) if fired is not None and fired in breakpoints else 0
        for count in range(len(items), 0, -1):  # whole breakpoints only, the one that fired among them, and a count of the rest
            start = max(0, marked - count + 1)
            more = len(items) - count
            listed = ("… " if start else "") + " · ".join(items[start : start + count]) + (f" · and {more} more" if more else "")
            if len(listed) <= width:
                break
        text = f"{fit(width, first, first.split(';')[0])}\n{listed}"
        if text != self._shown:
            self._shown = text
            self.update(Text(text))

    def on_resize(self) -> None:
        self.show(*self._asked)
