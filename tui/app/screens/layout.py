"""Which layout fits the terminal, and which optional panels it shows."""

from __future__ import annotations

from tui.app.screens.host import Host
from tui.app.sizes import Heights
from tui.records.panels import OPTIONAL_PANELS

SIZED = ("network", "forward", "derivatives", "changes")
"""The panels whose heights a network from a file sets (the notebook's are the stylesheet's)."""


class Layout(Host):
    """The main screen's layout: full or compact by the terminal's size, the optional panels by what was asked."""

    def watch_compact(self) -> None:
        self._show_panels()
        self.redraw()

    def _show_panels(self) -> None:
        """Set the layout's classes, restyling the screen once: each change alone restyles every widget on it."""
        shown = self.panels.shown(self.compact)
        wanted = {"-compact": self.compact, "-detail": self.compact and bool(shown)}
        wanted |= {f"-hide-{panel}": panel not in shown for panel in OPTIONAL_PANELS}
        if any(self.has_class(name) != on for name, on in wanted.items()):
            for name, on in wanted.items():
                self.set_class(on, name, update=False)
            self.update_node_styles()
        if self.trained.notebook is None:  # in the compact layout the stylesheet's heights hold, the diagram's apart
            for panel in SIZED:
                height = getattr(self.heights, panel)
                self.query_one(f"#{panel}").styles.height = None if self.compact and panel != "network" else height

    def _toggle(self, panel: str) -> None:
        self.panels = self.panels.toggle(panel, self.compact)
        self._show_panels()

    @property
    def heights(self) -> Heights:
        """The fixed panels' heights for this screen's network (which never changes)."""
        network = self.trained.notebook
        return Heights.of(self.trained.description, None if network is None else network.bias)

    def _is_compact(self, width: int, height: int) -> bool:
        """Whether the full layout does not fit: it needs 100 columns and the rows of `Heights.full` (34 for the
        notebook's network, more with biases or a larger network), a line more for a divergence banner."""
        return width < 100 or height < self.heights.full + (self.trained.divergence is not None)

    def on_resize(self) -> None:
        # The terminal's size, which the app has already taken from the driver. Not the event's: the screen
        # is also told of its own region while a layout is under way, which may be a size it is leaving.
        self.compact = self._is_compact(*self.app.size)
        self._banner.show(self.trained.divergence, self.app.size.width)

    def action_data(self) -> None:
        self._toggle("data")

    def action_network(self) -> None:
        self._toggle("network")

    def action_narration(self) -> None:
        self._toggle("narration")
