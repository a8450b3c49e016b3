"""The β-space view: the run's (β1, β2) after each sample, over the contours of the full-data loss."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.app.widgets.view import View
from tui.wording.fmt import fit, num, tight

if TYPE_CHECKING:
    from textual_plotext import PlotextPlot

    from model import Network, Run
    from model.betaspace import Picture


PAUSE = 0.25
"""Least seconds between two plots while playing: drawing one takes tens of milliseconds, too long for every frame."""


class BetaSpace(Vertical):
    """A plot of β's path with LinearRegression's optimum, the current step and a fork's ghost, and a caption."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"beta--ring", "beta--ghost", "beta--path", "beta--optimum", "beta--now"}

    _plot: PlotextPlot | None = None
    """The plot, made the first time the view is shown: plotext's import is not needed before."""
    _drawn: tuple[int, int, int, int, int, int] | None = None
    """Run, completed steps, ghost, its steps and the plot's size last drawn."""
    _last: View | None = None
    """What `show` was last asked to draw, drawn once the view is shown or resized."""
    _drawn_at = 0.0
    """When the plot was last drawn."""
    _waiting = False
    """Whether a draw is put off until `PAUSE` has passed since the last one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._caption_line = Static(id="beta-caption", markup=False)  # kept, not queried (see Rmse)

    def compose(self) -> ComposeResult:
        yield self._caption_line

    def on_mount(self) -> None:
        self.border_title = "β-space: (β1 across, β2 up) after each sample, over the loss"

    def show(self, view: View) -> None:
        """Redraw for `view`, if the view is on screen."""
        self._last = view
        if not self.display:
            return
        wait = self._drawn_at + PAUSE - time.monotonic()
        if view.playing and wait > 0:  # the latest view is drawn once the pause is over
            if not self._waiting:
                self._waiting = True
                self.set_timer(wait, self._show_again)
            return
        self._waiting = False
        from model.betaspace import picture  # only once the view is shown

        run, ghost, completed = view.run, view.ghost, view.moment.completed
        network = run.notebook
        shown = picture(run, completed, ghost) if network is not None and network.f.linear else None
        if self._plot is None and shown is not None:
            from textual_plotext import PlotextPlot

            self._plot = PlotextPlot(id="beta-plot")
            self.mount(self._plot)
        if self._plot is not None:
            self._plot.display = shown is not None
        caption = self._caption_line
        if shown is None:
            caption.update(Text(_without(run), style="dim"))
            return
        assert network is not None
        caption.update(self._caption(shown, network))
        subtitle = "dimmed: the ghost, the run this fork came from" if shown.ghost else ""
        if self.border_subtitle != subtitle:
            self.border_subtitle = subtitle
        assert self._plot is not None
        drawn = (id(run), completed, id(ghost), ghost.steps if ghost else 0, *self._plot.size)
        if drawn != self._drawn:
            self._drawn = drawn
            self._draw(shown)
            self._drawn_at = time.monotonic()

    def _caption(self, shown: Picture, network: Network) -> Text:
        width = self.content_region.width or 10_000
        b1, b2 = shown.path.beta1[-1], shown.path.beta2[-1]
        best = "β0 at its best for each (β1, β2); " if network.bias else ""
        rings = ", ".join(num(c.rmse) for c in shown.contours)
        lines = [
            fit(
                width,
                "Many weight sets give one β: the loss depends on the weights only through "
                f"{network.beta_formula('beta1')}, {network.beta_formula('beta2')}.",
                "Many weight sets give one β; the loss depends on β alone.",
            ),
            fit(
                width,
                f"● now {num(b1)}, {num(b2)} · × LinearRegression {num(shown.optimum[0])}, {num(shown.optimum[1])}",
                f"● {tight(b1)}, {tight(b2)} · × {tight(shown.optimum[0])}, {tight(shown.optimum[1])}",
            ),
            fit(width, f"{best}rings: RMSE {rings} (at ×: {num(shown.least)})", f"rings: RMSE {rings}", "rings: RMSE levels"),
        ]
        return Text("\n".join(lines))

    def _draw(self, shown: Picture) -> None:
        assert self._plot is not None
        _, base = self.background_colors
        ring, ghost, line, optimum, now = (
            (base + self.get_component_styles(f"beta--{name}").color).rgb for name in ("ring", "ghost", "path", "optimum", "now")
        )
        plt = self._plot.plt
        plt.clear_data()
        for contour in shown.contours:
            plt.plot(contour.beta1.tolist(), contour.beta2.tolist(), marker="braille", color=ring)
        if shown.ghost is not None:
            plt.plot(shown.ghost.beta1.tolist(), shown.ghost.beta2.tolist(), marker="braille", color=ghost)
        plt.plot(shown.path.beta1.tolist(), shown.path.beta2.tolist(), marker="braille", color=line)
        plt.scatter([shown.optimum[0]], [shown.optimum[1]], marker="×", color=optimum)
        plt.scatter([float(shown.path.beta1[-1])], [float(shown.path.beta2[-1])], marker="●", color=now)
        self._plot.refresh()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_again)

    def _show_again(self) -> None:
        if self._last is not None:
            self.show(self._last)


def _without(run: Run) -> str:
    """Why a run has no β-space."""
    network = run.notebook
    if network is None:
        d = run.description
        return (
            f"β-space pictures the notebook's network: two inputs, one output, linear units, where ŷ = β1·X1 + β2·X2. "
            f"{d.source} is a {d.shape()} network, with no such β; the RMSE panel shows how its loss goes."
        )
    return (
        f"The β-space view needs linear units. With {network.activation} units ŷ is not linear in X1 and X2, "
        "so no β sums up the weights; the RMSE panel shows how the loss goes."
    )
