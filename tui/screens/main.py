"""The debugger's screen: the panels, the keys, and the position in the run they move."""

from __future__ import annotations

import asyncio
import io
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.worker import get_current_worker

from model import InputError, Run, Training
from model.edit import NESTING, Edit
from model.training import fork
from tui.files import SessionFiles, new_session_file
from tui.fmt import num
from tui.panels import OPTIONAL_PANELS, Panels
from tui.predict import RULE, Score, Verdict, parse_guess, question
from tui.session import Session
from tui.widgets.banner import Banner
from tui.widgets.betaspace import BetaSpace
from tui.widgets.breakpoints import Breakpoints
from tui.widgets.changes import Changes
from tui.widgets.derivatives import Derivatives
from tui.widgets.footer import KeyFooter
from tui.widgets.forward import Forward
from tui.widgets.narration import Narration
from tui.widgets.network import Network
from tui.widgets.panel import Panel
from tui.widgets.rmse import Rmse
from tui.widgets.status import Status, status_line
from tui.widgets.view import View

if TYPE_CHECKING:
    from model.breakpoints import Breakpoint
    from model.reference import Reference
    from tui.predict import Question
    from tui.saved import Saved
    from tui.widgets.samples import Samples

T = TypeVar("T")

SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 20000)
"""Play speeds in micro-steps per second."""
FPS = 30
"""Most frames per second while playing; faster speeds take several micro-steps a frame."""
STILL_ACTIONS = frozenset(
    {"log_scale", "data", "network", "narration", "beta", "check", "help", "quit", "faster", "slower", "command_palette", "cancel"}
)
"""Actions that leave the run, the position and the open question as they are."""
EXTRA_ROWS = 3
"""Rows the derivatives and changes panels each gain with biases (see the stylesheet's MainScreen.-bias)."""
HAND_OVER = 0.25
"""Seconds between the runs-so-far that training in the background hands the screen: each one is a redraw."""
HOLD = 0.04
"""Seconds that training in the background pauses after a key, time enough to draw the key's frame
without sharing the interpreter (a Python thread computing would take it every few milliseconds)."""
Job = tuple[int | None, Training]
"""A training for the worker: None for the run on screen, or the index of the ghost it trains."""


@dataclass(frozen=True)
class Seek:
    """A move to a position that training has not reached yet: it is made again with every stretch trained."""

    target: int
    """The position the move goes to."""
    stop_at_breakpoints: bool
    """Whether a breakpoint on the way stops it."""
    scanned: int
    """The last position already searched for breakpoints."""


class MainScreen(Screen[None]):
    """Step through SGD on the notebook's network (or a variant): forward pass, then one update per parameter."""

    BINDINGS = [
        Binding("n,right", "next", "Next", tooltip="next micro-step"),
        Binding("s", "sample", "Sample", tooltip="to the end of this sample (or the next, if this one is done)"),
        Binding("e", "epoch", "Epoch", tooltip="to the end of the epoch"),
        Binding("b,left", "back", "Back", tooltip="back one micro-step"),
        Binding("S", "back_sample", "Back sample", show=False, tooltip="back to the end of the previous sample"),
        Binding("space", "play", "Play", tooltip="play or pause"),
        Binding("plus", "faster", "Faster", show=False, tooltip="play faster"),
        Binding("minus", "slower", "Slower", show=False, tooltip="play slower"),
        Binding("g", "goto", "Go to", tooltip="go to an epoch and sample"),
        Binding("home", "first", "First", show=False, tooltip="the start, before any step"),
        Binding("end", "last", "Last", show=False, tooltip="the last step (stops at breakpoints)"),
        Binding("r", "restart", "Restart", show=False, tooltip="back to the start, playing stopped"),
        Binding("o", "order", "Order", show=False, tooltip="switch notebook / simultaneous order (recomputed, same position)"),
        Binding("f", "fork", "Fork", show=False, tooltip="change a weight, lr or order from here; the run so far stays as a ghost"),
        Binding("u", "unfork", "Unfork", show=False, tooltip="drop the fork: back to the run it came from, same position"),
        Binding("l", "log_scale", "Log", tooltip="log scale for the RMSE sparkline"),
        Binding("t", "data", "Data", show=False, tooltip="show or hide the data table"),
        Binding("w", "network", "Network", show=False, tooltip="show or hide the network diagram"),
        Binding("x", "narration", "Explain", tooltip="show or hide the narration"),
        Binding("v", "beta", "β-space", show=False, tooltip="β-space view: the path of (β1, β2) over the loss, for the forward pass"),
        Binding("p", "predict", "Predict", tooltip=f"predict mode: off → derivatives → weights → off; {RULE}"),
        Binding("c", "check", "Check", show=False, tooltip="gradient check: each ∂L/∂p beside its central finite difference"),
        Binding("B", "breakpoint", "Break", show=False, tooltip="add a breakpoint"),
        Binding("C", "clear_breakpoints", "Clear breaks", show=False, tooltip="remove every breakpoint"),
        Binding("escape", "cancel", "Cancel", show=False, tooltip="stop waiting for training to reach a position"),
        Binding("question_mark", "help", "Help", tooltip="this list of keys"),
        Binding("q", "quit", "Quit", tooltip="quit"),
    ]

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
    predict: var[str | None] = var(None, init=False)
    """Predict mode: None, "derivative" or "weight"."""
    checking: var[bool] = var(False, init=False)
    """Gradient check: the derivatives panel sets each ∂L/∂p beside its finite difference."""
    beta: var[bool] = var(False, init=False)
    """The β-space view is shown in place of the forward pass and the derivatives."""
    asking: var[Question | None] = var(None, init=False)
    """The predict-mode question open now; nothing may move the run while it is."""
    seeking: var[Seek | None] = var(None, init=False)
    """A move waiting for training to reach its target; escape or any other move drops it."""

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

    def __init__(self, run: Run | Training, session: Session, ghosts: list[tuple[Run, Training | None]] | None = None) -> None:
        super().__init__()
        self._training = run if isinstance(run, Training) else None
        self.trained = run.run if isinstance(run, Training) else run
        """The run as far as it is trained: all of it, unless a worker is still training the rest."""
        self._generation = 0
        """Counts the trainings started for this screen (an order switch, a fork): a stale one's runs are never shown."""
        self.ghosts: list[tuple[Run, Training | None]] = list(ghosts or ())
        """The runs forked from, oldest first, with their training if it was still going: the last is the ghost."""
        self.session = session
        self.files = SessionFiles(session.force)
        """The files this session saves itself to."""
        self.breakpoints: list[Breakpoint] = list(session.breakpoints)
        self._fired: tuple[int, Breakpoint] | None = None
        """Where a breakpoint last stopped the run, and which one: the panel marks it while the run is there."""
        self.panels = Panels()
        """The optional panels asked for, by the keys and the lesson; the size decides how many of them fit."""
        self.scores: dict[str, Score] = {}
        """Predict-mode tallies, one per kind of question, since the last restart."""
        self.settled = asyncio.Event()
        """Set whenever no question is open and no move waits for training: a key script waits on it."""
        self.settled.set()
        self.reference: Reference | None = None
        """LinearRegression's fit, once it has been computed in the background."""
        self._verdict: tuple[int, str, Verdict] | None = None
        """The last prediction: the position it revealed, the kind of question, the guess against the truth."""
        self._redraw_pending = False
        self._order: str | None = None
        """The order o asked for last, until the run on screen is in it."""
        self._verdict_due = False
        """A restored session's verdict waits for its position to be trained."""
        self._timer = None
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
        frame is out, then HOLD after each key."""

    def compose(self) -> ComposeResult:
        yield Status(id="status")
        yield self._banner
        yield Network(id="network")
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
        self.set_class(self.trained.network.bias, "-bias")  # the network never changes: set once
        self.compact = self._is_compact(*self.app.size)
        self.panels = Panels(hidden=frozenset(panel for panel, shown in session.show.items() if not shown))
        self.log_scale = session.log_scale
        self.predict = session.predict
        if session.speed:
            self.speed = session.speed
        if (saved := session.restored) is not None:
            self._restore(saved)
        self._show_panels()
        self._banner.show(self.trained.divergence, self.app.size.width)
        self.show_breakpoints()
        self.redraw()
        self.call_after_refresh(self._after_first_frame)
        self._train_on()  # held until the first frame is out

    def _restore(self, saved: Saved) -> None:
        """Come back to a saved session: its position, panels, modes and scores (the runs came with the screen)."""
        self.panels = Panels(frozenset(saved.hidden), saved.detail)
        self.scores = {kind: Score(asked, close) for kind, (close, asked) in saved.scores.items()}
        self.beta, self.checking = saved.beta, saved.checking
        self.watch_predict(self.predict)
        self._verdict_due = True
        self.go(saved.position)  # beyond the first stretch, training behind the screen gets there, as for any move
        self._restore_verdict()

    def _restore_verdict(self) -> None:
        """The prediction the saved session had just revealed, once its position is on screen (shown until the next move)."""
        saved = self.session.restored
        if saved is None or saved.verdict is None or not self._verdict_due or self.seeking is not None:
            return
        self._verdict_due = False  # once the move to the saved position is over, however it ended
        if self.position != saved.position:
            return
        kind, guess = saved.verdict
        asked = question(self.trained, saved.position, kind)
        if asked is not None:
            self._verdict = (saved.position, kind, Verdict(asked, guess))
            self.watch_predict(self.predict)

    def saved(self) -> Saved:
        """This session as it stands, for --save and the palette's Save."""
        from tui.saved import Fork, Saved, absolute  # not needed before a save

        root, *forks = self.trained.ancestry
        config = root.config
        return Saved(
            run=absolute(config.options()),
            initial=config.initial.as_dict() if config.initial is not None else None,
            data=self.trained.data.sha256,  # of the bytes the run was trained on, not of the file as it is now
            lesson=self.session.lesson,
            forks=tuple(Fork(run.origin, str(run.edits[-1]), run.config.order) for run in forks),
            position=self.position,
            breakpoints=tuple(point.typed for point in self.breakpoints),
            predict=self.predict,
            scores={kind: (score.close, score.asked) for kind, score in self.scores.items()},
            hidden=tuple(sorted(self.panels.hidden)),
            detail=self.panels.detail,
            beta=self.beta,
            log_scale=self.log_scale,
            checking=self.checking,
            speed=self.speed,
            table_top=self._samples.top if self._samples is not None else 0,
            verdict=(self._verdict[1], self._verdict[2].guess) if self._verdict and self._verdict[0] == self.position else None,
        )

    async def _after_first_frame(self) -> None:
        # Training the rest, the data table and LinearRegression (whose import holds the GIL
        # for most of a second) wait until the first frame, with the initial RMSE, is out.
        if not self.is_attached:  # the app was closed as its first frame went out
            return
        from tui.widgets.samples import Samples  # DataTable's import and styles are not needed for the first frame

        self._held_until = 0.0
        samples = self._samples = Samples(id="samples")
        await self.query_one("#right").mount(samples)
        samples.load(self.trained.data)
        samples.show(self.view)
        if self.session.restored is not None:  # after the table's own scroll to its cursor, which waits for a refresh
            self.call_after_refresh(samples.scroll_top, self.session.restored.table_top)
        self._panels.append(samples)
        self.fit_reference()
        self.post_message(self.Ready())

    @work(thread=True, exclusive=True, group="reference")
    def fit_reference(self) -> None:
        """LinearRegression in the background: scikit-learn's import must not delay the first frame."""
        from model.reference import reference

        fitted = reference(self.trained.data)
        self.app.call_from_thread(self._set_reference, fitted)

    def _set_reference(self, fitted: Reference) -> None:
        self.reference = fitted
        self.redraw()

    # Drawing -------------------------------------------------------------

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

    def watch_compact(self, compact: bool) -> None:
        self.set_class(compact, "-compact")
        self._show_panels()
        self.redraw()

    def _show_panels(self) -> None:
        shown = self.panels.shown(self.compact)
        for panel in OPTIONAL_PANELS:
            self.set_class(panel not in shown, f"-hide-{panel}")
        self.set_class(self.compact and bool(shown), "-detail")

    def _toggle(self, panel: str) -> None:
        self.panels = self.panels.toggle(panel, self.compact)
        self._show_panels()

    def watch_playing(self, playing: bool) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if playing:
            self._timer = self.set_interval(max(1 / self.speed, 1 / FPS), self._tick)
        self.redraw()  # the status line says whether it plays, and how fast

    def watch_speed(self) -> None:
        if self.playing:
            self.watch_playing(True)

    def _is_compact(self, width: int, height: int) -> bool:
        """Whether the full layout does not fit: it needs 100×34, a line more for a divergence banner, more rows with biases."""
        extra = EXTRA_ROWS if self.trained.network.bias else 0
        return width < 100 or height < 34 + extra + (self.trained.divergence is not None)

    def on_resize(self) -> None:
        # The terminal's size, which the app has already taken from the driver. Not the event's: the screen
        # is also told of its own region while a layout is under way, which may be a size it is leaving.
        self.compact = self._is_compact(*self.app.size)
        self._banner.show(self.trained.divergence, self.app.size.width)

    def watch_predict(self, predict: str | None) -> None:
        what = {"derivative": "∂L/∂w", "weight": "the new w"}.get(predict or "")
        # On the derivatives panel: it is on screen at every size, the narration is not.
        score = self.scores.get(predict or "", Score())
        self.query_one(Derivatives).border_subtitle = f"predict {what} · {score}" if what else ""

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

    # Moving --------------------------------------------------------------

    def go(self, target: int, stop_at_breakpoints: bool = False, scanned: int = 0) -> None:
        """Move to `target`, stopping early at the first breakpoint on the way forward.

        A target that training has not reached yet is waited for, playing stopped;
        positions up to `scanned` are known to hold no breakpoint.
        """
        if self.asking is not None:  # a timer or a worker must not move the run under an open question either
            return
        run = self.trained
        self.seeking = None
        target = min(max(target, 0), run.final)
        if stop_at_breakpoints and self.breakpoints and target > self.position:
            from model.breakpoints import next_hit  # not needed until there is a breakpoint

            hit = next_hit(run, self.breakpoints, max(self.position, scanned), target)
            if hit is not None:
                target = hit[0]
                self._fired = hit
                self.playing = False
                self.notify(f"Breakpoint: {hit[1]}", timeout=3, markup=False)
        trained = run.positions - 1
        if target > trained:
            self.playing = False
            self.seeking = Seek(target, stop_at_breakpoints, trained)
            return
        self.position = target
        if self.playing and self.at_end:
            self.playing = False

    def _tick(self) -> None:
        if not self.playing:  # a tick queued before a pause (a busy machine queues several) must not move the run
            return
        # Playing runs up to where training has got, and goes on from there as it gets further.
        self.go(min(self.position + max(1, round(self.speed / FPS)), self.trained.positions - 1), stop_at_breakpoints=True)

    def action_next(self) -> None:
        target = self.position + 1
        kind = self.predict
        if kind is None:
            self.go(target)
            return
        asked = question(self.trained, target, kind)
        if asked is None:
            self.go(target)
            return

        def reveal(guess: float | None) -> None:
            self.asking = None
            if guess is not None:  # escape skips the guess but still reveals
                verdict = Verdict(asked, guess)
                score = self.scores[kind] = self.scores.get(kind, Score()).add(verdict)
                self._verdict = (target, kind, verdict)
                self.watch_predict(self.predict)
                if not self._narration.display:  # otherwise the narration panel shows the verdict
                    self.notify(f"{asked.label} = {num(asked.truth)} · you said {num(verdict.guess)} · {score}", timeout=6, markup=False)
            self.go(target)

        self.asking = asked
        self._ask(f"Predict {asked.label}", asked.hint, parse_guess, reveal)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a question is open only the view may change: no key, palette entry or script moves the run."""
        return self.asking is None or action in STILL_ACTIONS

    def action_cancel(self) -> None:
        if self.seeking is not None:
            self.seeking = None
            self.notify("Stopped waiting; training goes on.", timeout=2, markup=False)

    def watch_asking(self) -> None:
        self._settle()

    def watch_seeking(self) -> None:
        self._settle()
        self.redraw()  # the status says what is waited for

    def _settle(self) -> None:
        if self.asking is None and self.seeking is None:
            self.settled.set()
        else:
            self.settled.clear()

    def action_back(self) -> None:
        self.go(self.position - 1)

    def action_sample(self) -> None:
        self.go(self.trained.next_sample_end(self.position), stop_at_breakpoints=True)

    def action_epoch(self) -> None:
        self.go(self.trained.next_epoch_end(self.position), stop_at_breakpoints=True)

    def action_back_sample(self) -> None:
        self.go(self.trained.previous_sample_end(self.position))

    def action_first(self) -> None:
        self.go(self.trained.first)

    def action_last(self) -> None:
        self.go(self.trained.final, stop_at_breakpoints=True)

    def action_restart(self) -> None:
        self.playing = False
        self.scores.clear()
        self._verdict = None
        self.watch_predict(self.predict)
        self.go(self.trained.first)

    def action_play(self) -> None:
        self.playing = not self.playing and not self.at_end

    def action_faster(self) -> None:
        self.speed = next((s for s in SPEEDS if s > self.speed), SPEEDS[-1])

    def action_slower(self) -> None:
        self.speed = next((s for s in reversed(SPEEDS) if s < self.speed), SPEEDS[0])

    def action_log_scale(self) -> None:
        self.log_scale = not self.log_scale

    def action_data(self) -> None:
        self._toggle("data")

    def action_network(self) -> None:
        self._toggle("network")

    def action_narration(self) -> None:
        self._toggle("narration")

    def action_beta(self) -> None:
        self.beta = not self.beta

    def action_check(self) -> None:
        self.checking = not self.checking

    def action_predict(self) -> None:
        self.predict = {None: "derivative", "derivative": "weight"}.get(self.predict)

    async def action_quit(self) -> None:
        await self.app.action_quit()

    def action_help(self) -> None:
        from tui.screens.help import Help  # not needed for the first frame

        self.app.push_screen(Help(self.BINDINGS))

    def _ask(self, title: str, hint: str, parse: Callable[[str], T], done: Callable[[T | None], None]) -> None:
        """Open a prompt; `done` gets what `parse` made of the answer, or None after escape."""
        from tui.screens.prompt import Prompt  # not needed for the first frame

        self.app.push_screen(Prompt(title, hint, parse), done)

    def _refuse(self, title: str, hint: str, reason: str) -> None:
        """Open the prompt a key would open, showing why nothing typed in it can be taken; escape closes it."""
        from tui.screens.prompt import Prompt

        def refused(text: str) -> None:
            raise InputError(reason)

        self.app.push_screen(Prompt(title, hint, refused, error=reason))

    # Training, order and forks -------------------------------------------

    def _ghost_jobs(self) -> list[Job]:
        """The ghosts still training, the one on screen first."""
        return [(i, t) for i, (_, t) in reversed(list(enumerate(self.ghosts))) if t is not None and not t.finished]

    def _train_on(self) -> None:
        """Train what is left behind the screen: the run shown, then its ghosts."""
        self._generation += 1
        self._order = None  # an order switch under way is dropped with its training
        jobs: list[Job] = [(None, self._training)] if self._training is not None and not self._training.finished else []
        if jobs or self._ghost_jobs():
            self.keep_training([*jobs, *self._ghost_jobs()], self._generation)

    @work(thread=True, exclusive=True, group="train")
    def keep_training(self, jobs: list[Job], generation: int) -> None:
        """Train the rest of each job behind the screen."""
        self._train(jobs, generation)

    @property
    def switching(self) -> bool:
        """Whether the run on screen is not yet in the order asked for last (o recomputes it behind the screen)."""
        return self._order is not None and self._order != self.trained.config.order

    def action_order(self) -> None:
        self._generation += 1
        self._order = "simultaneous" if self.trained.config.order == "notebook" else "notebook"
        self.retrain(self._order, self._generation)

    @work(thread=True, exclusive=True, group="train")
    def retrain(self, order: str, generation: int) -> None:
        """Recompute the run (a fork: from where it forked) in the other order; the position stays where it is."""
        run = self.trained
        self._train([(None, Training(replace(run.config, order=order), run.data, run.branch)), *self._ghost_jobs()], generation)

    def _train(self, jobs: list[Job], generation: int) -> None:
        """Train stretch by stretch, handing the screen the run so far every `HAND_OVER` seconds and at each end."""
        worker = get_current_worker()
        for slot, training in jobs:
            handed = time.monotonic()
            while not worker.is_cancelled:
                if (held := self._held_until - time.monotonic()) > 0:
                    time.sleep(min(held, HOLD))
                    continue
                run = training.advance()
                if run.finished or time.monotonic() - handed >= HAND_OVER:
                    handed = time.monotonic()
                    if not worker.is_cancelled:
                        self.app.call_from_thread(self._trained, run, training, slot, generation)
                if run.finished:
                    break

    def hold_training(self) -> None:
        """Pause training in the background for HOLD seconds, once the stretch it is in is over."""
        self._held_until = max(self._held_until, time.monotonic() + HOLD)

    def _trained(self, run: Run, training: Training, slot: int | None, generation: int) -> None:
        """Show `run`, trained further (or in the other order), at the same position; or a ghost, trained further."""
        if generation != self._generation:  # from a training an order switch or a fork has replaced
            return
        if slot is not None:
            self.ghosts[slot] = (run, training)
            self.redraw()
            return
        switched = run.config.order != self.trained.config.order
        if switched and not run.finished and self.position > run.positions - 1:
            return  # the new order has not reached the position yet: a later stretch will
        self._training = training
        self._show_run(run)
        if switched:
            self.notify(f"{run.config.order} order", timeout=2, markup=False)
        if (seek := self.seeking) is not None:
            self.go(seek.target, seek.stop_at_breakpoints, seek.scanned)
            self._restore_verdict()
        self.redraw()

    def _show_run(self, run: Run) -> None:
        """Make `run` the one on screen, the position kept where it exists."""
        self.trained = run
        self.position = min(max(self.position, run.first), run.positions - 1)  # a divergence may come earlier
        self._banner.show(run.divergence, self.app.size.width)
        self.compact = self._is_compact(*self.app.size)  # a divergence needs a line for its banner

    def action_fork(self) -> None:
        title, hint = "Fork: NAME = VALUE", "w3 = 0.5 · lr = 1e-3 · order = simultaneous (from the end of this sample)"
        if len(self.ghosts) == NESTING:  # the prompt opens all the same, so what is typed next is not taken as keys
            self._refuse(title, hint, "Forks nest one level deep: u drops this fork first (escape closes this)")
            return
        base, position = self.trained, self.position

        def make(text: str) -> Training:
            return fork(base, position, Edit.parse(text, base.network))

        def done(training: Training | None) -> None:
            if training is None:
                return
            self.ghosts.append((self.trained, self._training))
            self._training = training
            self._show_run(training.advance())  # the narration says what the fork changed
            self._train_on()
            self.redraw()

        self._ask(title, hint, make, done)

    def action_unfork(self) -> None:
        if not self.ghosts:
            self.notify("This is not a fork: f makes one.", timeout=3, markup=False)
            return
        dropped = self.trained.edits[-1]
        position = self.position
        run, self._training = self.ghosts.pop()
        self._show_run(run)
        self._train_on()
        self.go(position)  # waits, if the run forked from has not been trained that far yet
        self.notify(f"Dropped the fork {dropped}.", timeout=3, markup=False)
        self.redraw()

    # Go-to and breakpoints -------------------------------------------------

    def action_goto(self) -> None:
        def done(target: int | None) -> None:
            if target is not None:
                self.go(target)

        self._ask("Go to: epoch sample [phase]", "e.g. 2 17 or 3 0 w1, start or end", self.trained.parse_position, done)

    def add_breakpoint(self, point: Breakpoint) -> None:
        """Stop playing and fast-forwarding at `point`; say so if this run never meets it."""
        from model.breakpoints import next_hit

        if point not in self.breakpoints:
            if full := self._no_room():
                self.notify(full, severity="warning", timeout=4, markup=False)
                return
            self.breakpoints.append(point)
        self.show_breakpoints()
        if self.trained.finished and next_hit(self.trained, [point], self.trained.first, self.trained.final) is None:
            self.notify(f"This run never stops {point}.", severity="warning", timeout=4, markup=False)

    def _no_room(self) -> str | None:
        """Why no more breakpoints can be added, if the session holds the most it may."""
        from model.breakpoints import MOST

        return f"At most {MOST} breakpoints: C clears them." if len(self.breakpoints) >= MOST else None

    def action_breakpoint(self) -> None:
        from model.breakpoints import parse

        def done(point: Breakpoint | None) -> None:
            if point is not None:
                self.add_breakpoint(point)

        hint = "EPOCH SAMPLE · rises · below VALUE · dw VALUE"
        if full := self._no_room():
            self._refuse("Breakpoint", hint, f"{full} (escape closes this)")
            return
        self._ask("Breakpoint", hint, lambda text: parse(text, self.trained), done)

    def action_clear_breakpoints(self) -> None:
        self.breakpoints.clear()
        self.show_breakpoints()

    def commands(self) -> Iterator[SystemCommand]:
        """The command palette's entries: every key's action (help and quit are already there), and a breakpoint with no key."""
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action not in ("quit", "help"):
                yield SystemCommand(binding.description, binding.tooltip, lambda a=binding.action: self.run_action(a))
        from model.breakpoints import RmseRises

        rises = RmseRises()
        yield SystemCommand(f"Break {rises}", "stop after any sample that raises the RMSE", lambda: self.add_breakpoint(rises))
        yield SystemCommand("Save session", "write this session to a file that --resume opens again", self.save_session)

    def save_session(self) -> None:
        """Write the session to --save's file, or to one named at a prompt (never over a file this session did not write).

        Served to a browser, the session goes to the browser as a download: nothing from a tab is written on the server.
        """
        if self.session.served:
            self.app.deliver_text(io.StringIO(self.saved().dumps()), save_filename="nn-by-hand-session.json")
            self.notify("The session is downloading; --resume FILE opens it again.", timeout=4, markup=False)
            return
        if self.session.save is not None:
            self._write_session(self.session.save)
            return

        def done(path: Path | None) -> None:
            if path is not None:
                self._write_session(path)

        self._ask("Save the session as", "e.g. lesson-3.json", new_session_file, done)

    def save_to(self, path: Path) -> None:
        """Write the session to `path`: FileExistsError if a file this session did not write is there, OSError if it fails."""
        self.files.write(path, self.saved().dumps())

    def _write_session(self, path: Path) -> None:
        try:
            self.save_to(path)
        except FileExistsError:
            self.notify(f"Not saved: {path} exists now, and this session did not write it.", severity="error", timeout=6, markup=False)
        except OSError as error:
            self.notify(f"Not saved: cannot write {path}: {error.strerror}", severity="error", timeout=6, markup=False)
        else:
            self.notify(f"Saved to {path}; --resume {path} opens it again.", timeout=4, markup=False)
