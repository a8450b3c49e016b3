"""Drawing a position: one immutable `View` made from what the screen's parts hold, shown by every panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal, Vertical

from tui.app.screens.messages import Shown
from tui.app.widgets.betaspace import BetaSpace
from tui.app.widgets.changes import Changes
from tui.app.widgets.derivatives import Derivatives
from tui.app.widgets.footer import KeyFooter
from tui.app.widgets.forward import Forward
from tui.app.widgets.network import Diagram
from tui.app.widgets.panel import Panel
from tui.app.widgets.rmse import Rmse
from tui.app.widgets.status import Status, status_line
from tui.app.widgets.view import View
from tui.wording.fmt import Digits

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widget import Widget

    from tui.app.autopilot import Autopilot
    from tui.app.screens.looks import Looks
    from tui.app.screens.moving import Moving
    from tui.app.screens.predicting import Predicting
    from tui.app.screens.stage import Stage
    from tui.app.screens.trainer import Trainer
    from tui.app.widgets.banner import Banner
    from tui.app.widgets.breakpoints import Breakpoints
    from tui.app.widgets.narration import Narration
    from tui.app.widgets.samples import Samples
    from tui.records.session import Session

    Parts = tuple[Looks, Moving, Predicting, Trainer, Autopilot]


def compose(banner: Banner, narration: Narration, breakpoints: Breakpoints) -> ComposeResult:
    """The screen's widgets (the ones given are those its parts keep): the status line, the diagram, and two columns
    of panels; the data table joins the right one after the first frame."""
    yield Status(id="status")
    yield banner
    yield Diagram(id="network")
    with Horizontal(id="columns"):
        with Vertical(id="left"):
            yield Forward(id="forward")
            yield Derivatives(id="derivatives")
            yield BetaSpace(id="beta")
            yield narration
            yield breakpoints
        with Vertical(id="right"):
            yield Rmse(id="rmse")
            yield Changes(id="changes")
    yield KeyFooter()


class Drawing:
    """Every panel on the screen, and the view they draw from."""

    def __init__(self, stage: Stage, session: Session, narration: Narration, parts: Parts) -> None:
        self.stage, self.session = stage, session
        self.narration = narration
        """The narration panel: what it says goes into the transcript."""
        self.looks, self.moving, self.predicting, self.trainer, self.autopilot = parts
        """The parts whose state the view is made from."""
        self.panels: list[Panel | Rmse | BetaSpace | Samples] = []
        """Everything that draws a view, found once the screen is mounted."""
        self.samples: Samples | None = None
        """The data table, once it is mounted after the first frame."""

    def find(self, screen: Widget) -> None:
        """Find the panels on the mounted screen, once: a query per redraw walks the whole DOM, which costs more than
        drawing the panels."""
        self.panels = [*screen.query(Panel), screen.query_one(Rmse), screen.query_one(BetaSpace)]
        self.derivatives = screen.query_one(Derivatives)

    def show_tallies(self) -> None:
        """Predict mode and its tallies, on the derivatives panel: it is on screen at every size, the narration is not."""
        self.derivatives.border_subtitle = self.predicting.tallies

    @property
    def view(self) -> View:
        """What the panels show at the current position."""
        run, position, ghosts, link = self.trainer.trained, self.moving.position, self.trainer.ghosts, self.stage.classlink
        seeking = self.moving.seeking
        return View(
            run=run,
            moment=run.at(position),
            compact=self.looks.compact,
            log_scale=self.looks.log_scale,
            checking=self.looks.checking,
            note=self.session.notes.get(position),
            seeking=seeking.target if seeking else None,
            verdict=self.predicting.verdict_at(position),
            reference=self.trainer.reference,
            playing=self.moving.playing,
            speed=self.moving.speed,
            script=(link.state() if link else ()) or (self.autopilot.state() if self.stage.is_attached else ()),
            ghost=ghosts[-1][0] if ghosts else None,
        )

    def redraw(self) -> None:
        """Show the current position in every panel, and tell the app what it said."""
        if not self.panels:  # a resize before the screen is mounted: nothing to draw yet
            return
        view = self.view
        for panel in self.panels:
            panel.show(view)
        self.moving.show_breakpoints()  # which one stopped the run is marked only while it is here
        said = f"[{status_line(view.run, view.moment)}]\n{self.narration.plain()}"
        self.stage.post_message(Shown(self.moving.position, said))

    async def add_table(self, column: Widget) -> None:
        """Mount the data table in `column`, open at the current row (it comes after the first frame)."""
        from tui.app.widgets.samples import Samples  # DataTable's import and styles are not needed for the first frame

        samples = self.samples = Samples(id="samples")
        await column.mount(samples)
        run = self.trainer.trained
        samples.load(run.data, Digits.of(run.description))
        samples.show(self.view)
        self.panels.append(samples)

    @property
    def table_top(self) -> int:
        """The data row at the top of the data table (0 until it is mounted)."""
        return self.samples.top if self.samples is not None else 0
