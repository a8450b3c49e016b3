"""The debugger's screen: its layout of widgets, its watchers and its one-line actions, on top of its parts (see `host`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical

from model import Run, Training
from model.training import Ghost
from tui.app.autopilot import ACTIONS as SCRIPT_ACTIONS
from tui.app.autopilot import Autopilot
from tui.app.panels import Panels
from tui.app.screens.background import Background
from tui.app.screens.bindings import KEYS, STILL_ACTIONS
from tui.app.widgets.betaspace import BetaSpace
from tui.app.widgets.changes import Changes
from tui.app.widgets.derivatives import Derivatives
from tui.app.widgets.footer import KeyFooter
from tui.app.widgets.forward import Forward
from tui.app.widgets.network import Diagram
from tui.app.widgets.panel import Panel
from tui.app.widgets.rmse import Rmse
from tui.app.widgets.status import Status

if TYPE_CHECKING:
    from tui.app.session import Session


class MainScreen(Background):
    """Step through SGD on the notebook's network (or a variant): forward pass, then one update per parameter."""

    BINDINGS: ClassVar[list[BindingType]] = list(KEYS)

    def __init__(self, run: Run | Training, session: Session, ghosts: list[Ghost] | None = None) -> None:
        super().__init__(run, session, ghosts)
        self.autopilot = Autopilot(self, session)
        if session.classroom is not None:
            from tui.app.classlink import ClassLink  # only a served class needs it

            path, seat, role = session.classroom
            self.classlink = ClassLink(self, path, seat, role == "teacher")

    def compose(self) -> ComposeResult:
        yield Status(id="status")
        yield self._banner
        yield Diagram(id="network")
        with Horizontal(id="columns"):
            with Vertical(id="left"):
                yield Forward(id="forward")
                yield Derivatives(id="derivatives")
                yield BetaSpace(id="beta")
                yield self._narration
                yield self._breakpoints
            with Vertical(id="right"):
                yield Rmse(id="rmse")
                yield Changes(id="changes")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Found once: a query per redraw walks the whole DOM, which costs more than drawing the panels.
        self._panels = [*self.query(Panel), self.query_one(Rmse), self.query_one(BetaSpace)]
        session = self.session
        if session.title:
            self._narration.border_title = Text(f"{session.title} · what just happened")
        network = self.trained.notebook
        self.set_class(network is not None and network.bias, "-bias")  # the network never changes: set once
        self.compact = self._is_compact(*self.app.size)
        hidden = frozenset(panel for panel, shown in session.show.items() if not shown)
        # A lesson's notes are its words: a small screen shows them in the forward pass's place, unless asked away.
        self.panels = Panels(hidden, "narration" if session.notes and "narration" not in hidden else None)
        self.log_scale = session.log_scale
        self.predict = session.predict
        if session.speed:
            self.speed = session.speed
        if session.restored is not None:
            self.apply(session.restored)
        self._show_panels()
        self._banner.show(self.trained.divergence, self.app.size.width)
        self.show_breakpoints()
        self.redraw()
        self.call_after_refresh(self._after_first_frame)
        self._train_on()  # held until the first frame is out

    def watch_position(self) -> None:
        # Coalesce: keys and ticks that arrive faster than frames only move the
        # position; one redraw follows once the queued events are handled.
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_later(self.redraw)

    def watch_log_scale(self) -> None:
        self.redraw()

    def watch_checking(self) -> None:
        self.redraw()

    def watch_beta(self, beta: bool) -> None:
        self.set_class(beta, "-beta")
        self.redraw()

    def action_log_scale(self) -> None:
        self.log_scale = not self.log_scale

    def action_beta(self) -> None:
        d = self.trained.description
        if self.trained.notebook is None:  # the view would mean nothing: say so, and stay out of the way
            self.notify(f"β-space pictures the notebook's network only; {d.source} is a {d.shape()} network.", timeout=4, markup=False)
            return
        self.beta = not self.beta

    def action_check(self) -> None:
        self.checking = not self.checking

    async def action_quit(self) -> None:
        if self.classlink is None or not self.classlink.teacher:
            await self.app.action_quit()
            return
        from tui.app.screens.prompt import yes_or_no  # not needed for the first frame

        def answered(end: bool | None) -> None:
            if end:
                self.app.exit()

        # The teacher's q would leave the class without a lead: asked first.
        hint = "y ends it: the students keep their place, and your address leads them again; n stays"
        self._ask("End your lead of the class?", hint, yes_or_no, answered)

    def action_help(self) -> None:
        from tui.app.screens.help import Help  # not needed for the first frame

        self.app.push_screen(Help(KEYS))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space pauses or resumes a lesson's script while there is one, and plays otherwise; while a question
        is open only the view may change: no key, palette entry or script moves the run."""
        if action in SCRIPT_ACTIONS:
            return self.autopilot.offers(action)
        if action == "rejoin":  # a student's, off the teacher's step or with the class's question skipped
            student = None if self.classlink is None else self.classlink.student
            return student is not None and (not student.following or student.skipped)
        if action == "eyes_up":  # the teacher's
            return self.classlink is not None and self.classlink.teacher
        return self.asking is None or action in STILL_ACTIONS

    def action_rejoin(self) -> None:
        if self.classlink is not None:
            self.classlink.rejoin()

    def action_eyes_up(self) -> None:
        if self.classlink is not None:
            self.classlink.eyes_up()

    def action_pause_script(self) -> None:
        self.autopilot.pause()

    def action_resume_script(self) -> None:
        self.autopilot.resume()
