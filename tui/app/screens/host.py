"""What every part of the debugger's screen shares: its reactives, its state, drawing a position, and prompts.

The screen's parts build on it in one line, each typed against what came before it:
Host, then Layout, Moving, Predicting, Saving and Background, then MainScreen.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from model import InputError, Order, Run, Training
from model.training import Ghost
from tui.app.moves import Seek
from tui.app.widgets.banner import Banner
from tui.app.widgets.breakpoints import Breakpoints
from tui.app.widgets.narration import Narration
from tui.app.widgets.status import status_line
from tui.app.widgets.view import View
from tui.formats.files import SessionFiles
from tui.records.panels import Panels
from tui.records.session import Session
from tui.wording.predict import Kind, Score, Verdict

if TYPE_CHECKING:
    from textual.timer import Timer

    from model.breakpoints import Breakpoint
    from model.reference import Reference
    from tui.app.autopilot import Autopilot
    from tui.app.classlink import ClassLink
    from tui.app.widgets.betaspace import BetaSpace
    from tui.app.widgets.panel import Panel
    from tui.app.widgets.rmse import Rmse
    from tui.app.widgets.samples import Samples
    from tui.wording.predict import Question

T = TypeVar("T")


class Host(Screen[None]):
    """The debugger screen's shared state; `MainScreen` is the whole of it."""

    position: var[int] = var(0, init=False)
    """Current position in the run (0 = start)."""
    log_scale: var[bool] = var(False, init=False)
    """Whether the sparkline shows log10 RMSE."""
    playing: var[bool] = var(False, init=False)
    """Whether the timer is advancing the position."""
    speed: var[int] = var(10, init=False)
    """Play speed in micro-steps per second."""
    compact: var[bool] = var(False, init=False)
    """Small terminal: only the essentials are shown."""
    predict: var[Kind | None] = var(None, init=False)
    """Predict mode: None, "derivative" or "weight"."""
    checking: var[bool] = var(False, init=False)
    """Gradient check: the derivatives panel sets each ∂L/∂p beside its finite difference."""
    beta: var[bool] = var(False, init=False)
    """The β-space view is shown in place of the forward pass and the derivatives."""
    asking: var[Question | None] = var(None, init=False)
    """The predict-mode question open now; nothing may move the run while it is."""
    seeking: var[Seek | None] = var(None, init=False)
    """A move waiting for training to reach its target; escape or any other move drops it."""

    classlink: ClassLink | None = None
    """This debugger's seat in a class `serve --teach` leads, if it is in one."""
    autopilot: Autopilot
    """The session's key script, its pauses and stops, play and exit-at-end (made by `MainScreen`, which has
    every move it presses)."""

    class Ready(Message):
        """The first frame is out and the data table is filled: a key script may start."""

    class Shown(Message):
        """A position has been drawn; `text` is what it said, for a transcript."""

        def __init__(self, position: int, text: str) -> None:
            super().__init__()
            self.position = position
            """The position drawn."""
            self.text = text
            """The status line and everything the narration had to say."""

    def __init__(self, run: Run | Training, session: Session, ghosts: list[Ghost] | None = None) -> None:
        super().__init__()
        self._training = run if isinstance(run, Training) else None
        self.trained = run.run if isinstance(run, Training) else run
        """The run as far as it is trained: all of it, unless a worker is still training the rest."""
        self._generation = 0
        """Counts the trainings started for this screen (an order switch, a fork): a stale one's runs are never shown."""
        self.ghosts: list[Ghost] = list(ghosts or ())
        """The runs forked from, oldest first, with their training if it was still going: the last is the ghost."""
        self.session = session
        """Everything about this session that is not the run."""
        self.files = SessionFiles(session.force)
        """The files this session saves itself to."""
        self.breakpoints: list[Breakpoint] = list(session.breakpoints)
        self._fired: tuple[int, Breakpoint] | None = None
        """Where a breakpoint last stopped the run, and which one: the panel marks it while the run is there."""
        self.panels = Panels()
        """The optional panels asked for, by the keys and the lesson; the size decides how many of them fit."""
        self.scores: dict[Kind, Score] = {}
        """Predict-mode tallies, one per kind of question, since the last restart."""
        self.settled = asyncio.Event()
        """Set whenever no question is open and no move waits for training: a key script waits on it."""
        self.settled.set()
        self.reference: Reference | None = None
        """LinearRegression's fit, once it has been computed in the background."""
        self._verdict: tuple[int, Kind, Verdict] | None = None
        """The last prediction: the position it revealed, the kind of question, the guess against the truth."""
        self._redraw_pending = False
        self._order: Order | None = None
        """The order o asked for last, until the run on screen is in it."""
        self._verdict_due = False
        """A restored session's verdict waits for its position to be trained."""
        self._timer: Timer | None = None
        self._panels: list[Panel | Rmse | BetaSpace | Samples] = []
        """Everything that draws a view, found once the screen is mounted."""
        # Kept, not queried: training hands the screen a run from its worker, which may come as the app closes.
        self._banner = Banner(id="banner")
        self._breakpoints = Breakpoints(id="breakpoints")
        self._narration = Narration(id="narration")
        self._samples: Samples | None = None
        """The data table, once it is mounted after the first frame."""
        self._held_until = math.inf
        """Until when (monotonic seconds) training in the background waits between stretches: until the first
        frame is out, then PAUSE_AFTER_KEY after each key."""

    @property
    def view(self) -> View:
        """What the panels show at the current position."""
        verdict = self._verdict[2] if self._verdict and self._verdict[0] == self.position else None
        return View(
            run=self.trained,
            moment=self.trained.at(self.position),
            compact=self.compact,
            log_scale=self.log_scale,
            checking=self.checking,
            note=self.session.notes.get(self.position),
            seeking=self.seeking.target if self.seeking else None,
            verdict=verdict,
            reference=self.reference,
            playing=self.playing,
            speed=self.speed,
            script=(self.classlink.state() if self.classlink else ()) or (self.autopilot.state() if self.is_attached else ()),
            ghost=self.ghosts[-1][0] if self.ghosts else None,
        )

    def redraw(self) -> None:
        """Show the current position in every panel."""
        self._redraw_pending = False
        if not self._panels:  # a resize before the screen is mounted: nothing to draw yet
            return
        view = self.view
        for panel in self._panels:
            panel.show(view)
        self.show_breakpoints()  # which one stopped the run is marked only while it is here
        said = f"[{status_line(view.run, view.moment)}]\n{self._narration.plain()}"
        self.post_message(self.Shown(self.position, said))

    def show_breakpoints(self) -> None:
        """List the breakpoints, and which one stopped the run here, if one did."""
        fired = self._fired[1] if self._fired is not None and self._fired[0] == self.position else None
        self._breakpoints.show(self.breakpoints, fired)

    @property
    def at_end(self) -> bool:
        """Whether the position is the run's last, training over."""
        return self.trained.finished and self.position >= self.trained.final

    def _ask(self, title: str, hint: str, parse: Callable[[str], T], done: Callable[[T | None], None]) -> None:
        """Open a prompt; `done` gets what `parse` made of the answer, or None after escape."""
        from tui.app.screens.prompt import Prompt  # not needed for the first frame

        self.app.push_screen(Prompt(title, hint, parse), done)

    def _refuse(self, title: str, hint: str, reason: str) -> None:
        """Open the prompt a key would open, showing why nothing typed in it can be taken; escape closes it."""
        from tui.app.screens.prompt import Prompt

        def refused(text: str) -> None:
            raise InputError(reason)

        self.app.push_screen(Prompt(title, hint, refused, error=reason))
