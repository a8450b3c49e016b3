"""How the screen looks: full or compact by the terminal's size, which optional panels it shows, and how they draw."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from tui.app.screens.stage import Stage
from tui.app.sizes import Heights
from tui.records.panels import OPTIONAL_PANELS, Panels

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui.app.widgets.banner import Banner

SIZED = ("network", "forward", "derivatives", "changes")
"""The panels whose heights a network from a file sets (the notebook's are the stylesheet's)."""


class Styled(Stage, Protocol):
    """What the looks need of the screen besides: its classes, and its panels to size."""

    def has_class(self, *class_names: str) -> bool: ...
    def set_class(self, add: bool, *class_names: str, update: bool = ...) -> object: ...
    def update_node_styles(self, animate: bool = ...) -> None: ...
    def query_one(self, selector: str) -> Widget: ...


class Looks:
    """Full or compact, the optional panels asked for, the sparkline's scale, the gradient check and β-space."""

    def __init__(self, stage: Styled, banner: Banner) -> None:
        self.stage = stage
        self.banner = banner
        """The divergence banner, which takes a line when it is shown."""
        self.panels = Panels()
        """The optional panels asked for, by the keys and the lesson; the size decides how many of them fit."""
        self._compact = False
        self._log_scale = False
        self._checking = False
        self._beta = False

    @property
    def compact(self) -> bool:
        """Small terminal: only the essentials are shown."""
        return self._compact

    @compact.setter
    def compact(self, compact: bool) -> None:
        if compact != self._compact:
            self._compact = compact
            self.show_panels()
            self.stage.redraw()

    @property
    def log_scale(self) -> bool:
        """Whether the sparkline shows log10 RMSE."""
        return self._log_scale

    @log_scale.setter
    def log_scale(self, on: bool) -> None:
        if on != self._log_scale:
            self._log_scale = on
            self.stage.redraw()

    @property
    def checking(self) -> bool:
        """Gradient check: the derivatives panel sets each ∂L/∂p beside its finite difference."""
        return self._checking

    @checking.setter
    def checking(self, on: bool) -> None:
        if on != self._checking:
            self._checking = on
            self.stage.redraw()

    @property
    def beta(self) -> bool:
        """The β-space view is shown in place of the forward pass and the derivatives."""
        return self._beta

    @beta.setter
    def beta(self, on: bool) -> None:
        if on != self._beta:
            self._beta = on
            self.stage.set_class(on, "-beta")
            self.stage.redraw()

    def toggle_beta(self) -> None:
        """β-space on or off; for a network from a file, why it is not there."""
        d = self.stage.trained.description
        if self.stage.trained.notebook is None:  # the view would mean nothing: say so, and stay out of the way
            self.stage.notify(
                f"β-space pictures the notebook's network only; {d.source} is a {d.shape()} network.", timeout=4, markup=False
            )
            return
        self.beta = not self.beta

    def show_panels(self) -> None:
        """Set the layout's classes, restyling the screen once: each change alone restyles every widget on it."""
        stage = self.stage
        shown = self.panels.shown(self.compact)
        wanted = {"-compact": self.compact, "-detail": self.compact and bool(shown)}
        wanted |= {f"-hide-{panel}": panel not in shown for panel in OPTIONAL_PANELS}
        if any(stage.has_class(name) != on for name, on in wanted.items()):
            for name, on in wanted.items():
                stage.set_class(on, name, update=False)
            stage.update_node_styles()
        if stage.trained.notebook is None:  # in the compact layout the stylesheet's heights hold, the diagram's apart
            for panel in SIZED:
                height = getattr(self.heights, panel)
                stage.query_one(f"#{panel}").styles.height = None if self.compact and panel != "network" else height

    def toggle(self, panel: str) -> None:
        """Show or hide an optional panel (its key: t, w or x)."""
        self.panels = self.panels.toggle(panel, self.compact)
        self.show_panels()

    @property
    def heights(self) -> Heights:
        """The fixed panels' heights for this screen's network (which never changes)."""
        network = self.stage.trained.notebook
        return Heights.of(self.stage.trained.description, None if network is None else network.bias)

    def is_compact(self, width: int, height: int) -> bool:
        """Whether the full layout does not fit: it needs 100 columns and the rows of `Heights.full` (34 for the
        notebook's network, more with biases or a larger network), a line more for a divergence banner."""
        return width < 100 or height < self.heights.full + (self.stage.trained.divergence is not None)

    def fit(self) -> None:
        """Fit the terminal's size, which the app has already taken from the driver, and show the run's divergence.

        Not a resize event's size: the screen is also told of its own region while a layout is under way, which may
        be a size it is leaving.
        """
        self.compact = self.is_compact(*self.stage.app.size)
        self.show_divergence()

    def show_divergence(self) -> None:
        """The banner saying where the run on screen stopped being finite, if it did."""
        self.banner.show(self.stage.trained.divergence, self.stage.app.size.width)
