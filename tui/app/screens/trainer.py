"""Work behind the screen: the rest of the run, an order switch, forks and their ghosts, LinearRegression's fit."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Protocol

from textual.worker import get_current_worker

from model import ORDERS, Order, Run, Training
from model.edit import NESTING, Edit
from model.training import Ghost, fork
from tui.app.screens.stage import Stage

if TYPE_CHECKING:
    from textual.worker import Worker

    from model.reference import Reference


HAND_OVER = 0.25
"""Seconds between the runs-so-far that training in the background hands the screen: each one is a redraw."""
PAUSE_AFTER_KEY = 0.04
"""Seconds that training in the background pauses after a key, time enough to draw the key's frame
without sharing the interpreter (a Python thread computing would take it every few milliseconds)."""
Job = tuple[int | None, Training]
"""A training for the worker: None for the run on screen, or the index of the ghost it trains."""


class Backstage(Stage, Protocol):
    """What training behind the screen needs of it besides: workers, and the screen's reactions to a run."""

    def run_worker(self, work: Callable[[], None], *, group: str = ..., exclusive: bool = ..., thread: bool = ...) -> Worker[None]: ...
    def run_shown(self) -> None:
        """Another run is on screen: the position kept where it exists, its divergence shown, the layout fitted."""

    def caught_up(self) -> None:
        """Training has got further: a move waiting for it goes on."""


class Trainer:
    """Trains behind the screen, handing it runs from threads; a newer training makes an older one's stale."""

    def __init__(self, stage: Backstage, run: Run | Training, ghosts: list[Ghost] | None) -> None:
        self.stage = stage
        self.training = run if isinstance(run, Training) else None
        """What trains the run on screen, unless it came whole."""
        self.trained = run.run if isinstance(run, Training) else run
        """The run as far as it is trained: all of it, unless a worker is still training the rest."""
        self.ghosts: list[Ghost] = list(ghosts or ())
        """The runs forked from, oldest first, with their training if it was still going: the last is the ghost."""
        self.reference: Reference | None = None
        """LinearRegression's fit, once it has been computed in the background."""
        self._generation = 0
        """Counts the trainings started for this screen (an order switch, a fork): a stale one's runs are never shown."""
        self._order: Order | None = None
        """The order o asked for last, until the run on screen is in it."""
        self._held_until = math.inf
        """Until when (monotonic seconds) training in the background waits between stretches: until the first
        frame is out, then PAUSE_AFTER_KEY after each key."""

    def release(self) -> None:
        """The first frame is out: training need not wait for it any more."""
        self._held_until = 0.0

    def hold(self) -> None:
        """Pause training in the background for PAUSE_AFTER_KEY seconds, once the stretch it is in is over."""
        self._held_until = max(self._held_until, time.monotonic() + PAUSE_AFTER_KEY)

    def fit_reference(self) -> None:
        """LinearRegression in the background: scikit-learn's import must not delay the first frame. The worker runs
        for any network, so that whatever waits for the fit (a preloaded server's warm-up) finds one to wait for."""
        self.stage.run_worker(partial(self._fit, self.trained), thread=True, exclusive=True, group="reference")

    def _fit(self, run: Run) -> None:
        if run.notebook is None:  # LinearRegression compares only the notebook's network
            return
        from model.reference import reference

        fitted = reference(run.data)
        self.stage.app.call_from_thread(self._set_reference, fitted)

    def _set_reference(self, fitted: Reference) -> None:
        self.reference = fitted
        self.stage.redraw()

    def _ghost_jobs(self) -> list[Job]:
        """The ghosts still training, the one on screen first."""
        return [(i, t) for i, (_, t) in reversed(list(enumerate(self.ghosts))) if t is not None and not t.finished]

    def train_on(self) -> None:
        """Train what is left behind the screen: the run shown, then its ghosts."""
        self._generation += 1
        self._order = None  # an order switch under way is dropped with its training
        self.stage.settle()
        jobs: list[Job] = [(None, self.training)] if self.training is not None and not self.training.finished else []
        if jobs or self._ghost_jobs():
            self._start([*jobs, *self._ghost_jobs()])

    def _start(self, jobs: list[Job]) -> None:
        """Train the rest of each job behind the screen, in place of any training under way."""
        self.stage.run_worker(partial(self._train, jobs, self._generation), thread=True, exclusive=True, group="train")

    @property
    def switching(self) -> bool:
        """Whether the run on screen is not yet in the order asked for last (o recomputes it behind the screen)."""
        return self._order is not None and self._order != self.trained.config.order

    def switch_order(self) -> None:
        """o: recompute the run (a fork: from where it forked) in the other order; the position stays where it is."""
        self._generation += 1
        self._order = order = next(order for order in ORDERS if order != self.trained.config.order)
        self.stage.settle()  # a script's next key waits for the run in the order asked for
        work = partial(self._retrain, order, self._generation)
        self.stage.run_worker(work, thread=True, exclusive=True, group="train")

    def _retrain(self, order: Order, generation: int) -> None:
        run = self.trained
        self._train([(None, Training(replace(run.config, order=order), run.data, run.branch)), *self._ghost_jobs()], generation)

    def _train(self, jobs: list[Job], generation: int) -> None:
        """Train stretch by stretch, handing the screen the run so far every `HAND_OVER` seconds and at each end."""
        worker = get_current_worker()
        for slot, training in jobs:
            handed = time.monotonic()
            while not worker.is_cancelled:
                if (held := self._held_until - time.monotonic()) > 0:
                    time.sleep(min(held, PAUSE_AFTER_KEY))
                    continue
                run = training.advance()
                if run.finished or time.monotonic() - handed >= HAND_OVER:
                    handed = time.monotonic()
                    if not worker.is_cancelled:
                        self.stage.app.call_from_thread(self._hand_over, run, training, slot, generation)
                if run.finished:
                    break

    def _hand_over(self, run: Run, training: Training, slot: int | None, generation: int) -> None:
        """Show `run`, trained further (or in the other order), at the same position; or a ghost, trained further."""
        if generation != self._generation:  # from a training an order switch or a fork has replaced
            return
        if slot is not None:
            self.ghosts[slot] = (run, training)
            self.stage.redraw()
            return
        switched = run.config.order != self.trained.config.order
        if switched and not run.finished and self.stage.position > run.positions - 1:
            return  # the new order has not reached the position yet: a later stretch will
        self.training = training
        self._show(run)
        if switched:
            self.stage.notify(f"{run.config.order} order", timeout=2, markup=False)
            self.stage.settle()
        self.stage.caught_up()
        self.stage.redraw()

    def _show(self, run: Run) -> None:
        """Make `run` the one on screen."""
        self.trained = run
        self.stage.run_shown()

    def take_run(self, training: Training, ghosts: list[Ghost]) -> None:
        """Show another run, with its ghosts (the class's, when the teacher forks or switches the order); it trains
        behind the screen as any run does."""
        self.ghosts, self.training = ghosts, training
        self._show(training.advance())
        self.train_on()
        self.stage.redraw()

    def fork(self) -> None:
        """f: ask for a change from the end of this sample, and show the run it makes; the run so far stays as a ghost."""
        stage = self.stage
        notebook = self.trained.notebook is not None
        name = "w3" if notebook else self.trained.description.updates[0].name
        rate = "1e-3" if notebook else f"{self.trained.config.lr / 2:g}"  # an example in the run's own scale
        title, hint = "Fork: NAME = VALUE", f"{name} = 0.5 · lr = {rate} · order = simultaneous (from the end of this sample)"
        if len(self.ghosts) == NESTING:  # the prompt opens all the same, so what is typed next is not taken as keys
            stage.refuse(title, hint, "Forks nest one level deep: u drops this fork first (escape closes this)")
            return
        base, position = self.trained, stage.position

        def make(text: str) -> Training:
            return fork(base, position, Edit.parse(text, base.description))

        def done(training: Training | None) -> None:
            if training is None:
                return
            self.ghosts.append((self.trained, self.training))
            self.training = training
            self._show(training.advance())  # the narration says what the fork changed
            self.train_on()
            stage.redraw()

        stage.ask(title, hint, make, done)

    def unfork(self) -> None:
        """u: back to the run the fork came from, at the same position."""
        if not self.ghosts:
            self.stage.notify("This is not a fork: f makes one.", timeout=3, markup=False)
            return
        dropped = self.trained.edits[-1]
        position = self.stage.position
        run, self.training = self.ghosts.pop()
        self._show(run)
        self.train_on()
        self.stage.go(position)  # waits, if the run forked from has not been trained that far yet
        self.stage.notify(f"Dropped the fork {dropped}.", timeout=3, markup=False)
        self.stage.redraw()
