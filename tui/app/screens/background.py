"""Work behind the screen: the rest of the run, an order switch, forks and their ghosts, LinearRegression's fit."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from model import ORDERS, Order, Run, Training
from model.edit import NESTING, Edit
from model.training import Ghost, fork
from tui.app.screens.saving import Saving
from tui.wording.fmt import Digits

if TYPE_CHECKING:
    from model.breakpoints import Breakpoint
    from model.reference import Reference


HAND_OVER = 0.25
"""Seconds between the runs-so-far that training in the background hands the screen: each one is a redraw."""
PAUSE_AFTER_KEY = 0.04
"""Seconds that training in the background pauses after a key, time enough to draw the key's frame
without sharing the interpreter (a Python thread computing would take it every few milliseconds)."""
Job = tuple[int | None, Training]
"""A training for the worker: None for the run on screen, or the index of the ghost it trains."""


class Background(Saving):
    """The main screen's background work: threads hand it runs, and a newer training makes an older one's stale."""

    async def _after_first_frame(self) -> None:
        # Training the rest, the data table and LinearRegression (whose import holds the GIL
        # for most of a second) wait until the first frame, with the initial RMSE, is out.
        if not self.is_attached:  # the app was closed as its first frame went out
            return
        from tui.app.widgets.samples import Samples  # DataTable's import and styles are not needed for the first frame

        self._held_until = 0.0
        samples = self._samples = Samples(id="samples")
        await self.query_one("#right").mount(samples)
        samples.load(self.trained.data, Digits.of(self.trained.description))
        samples.show(self.view)
        self._panels.append(samples)
        self.fit_reference()
        self.post_message(self.Ready())

    @work(thread=True, exclusive=True, group="reference")
    def fit_reference(self) -> None:
        """LinearRegression in the background: scikit-learn's import must not delay the first frame."""
        if self.trained.notebook is None:  # LinearRegression compares only the notebook's network
            return
        from model.reference import reference

        fitted = reference(self.trained.data)
        self.app.call_from_thread(self._set_reference, fitted)

    def _set_reference(self, fitted: Reference) -> None:
        self.reference = fitted
        self.redraw()

    def _ghost_jobs(self) -> list[Job]:
        """The ghosts still training, the one on screen first."""
        return [(i, t) for i, (_, t) in reversed(list(enumerate(self.ghosts))) if t is not None and not t.finished]

    def _train_on(self) -> None:
        """Train what is left behind the screen: the run shown, then its ghosts."""
        self._generation += 1
        self._order = None  # an order switch under way is dropped with its training
        self._settle()
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
        self._order = next(order for order in ORDERS if order != self.trained.config.order)
        self._settle()
        self.retrain(self._order, self._generation)

    def _settle(self) -> None:
        if self.switching:  # a script's next key waits for the run in the order asked for
            self.settled.clear()
        else:
            super()._settle()

    @work(thread=True, exclusive=True, group="train")
    def retrain(self, order: Order, generation: int) -> None:
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
                    time.sleep(min(held, PAUSE_AFTER_KEY))
                    continue
                run = training.advance()
                if run.finished or time.monotonic() - handed >= HAND_OVER:
                    handed = time.monotonic()
                    if not worker.is_cancelled:
                        self.app.call_from_thread(self._hand_over, run, training, slot, generation)
                if run.finished:
                    break

    def hold_training(self) -> None:
        """Pause training in the background for PAUSE_AFTER_KEY seconds, once the stretch it is in is over."""
        self._held_until = max(self._held_until, time.monotonic() + PAUSE_AFTER_KEY)

    def _hand_over(self, run: Run, training: Training, slot: int | None, generation: int) -> None:
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
            self._settle()
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

    def take_run(self, training: Training, ghosts: list[Ghost], breakpoints: tuple[Breakpoint, ...]) -> None:
        """Show another run, with its ghosts and breakpoints (the class's, when the teacher forks or switches
        the order); it trains behind the screen as any run does."""
        self.ghosts, self._training, self.breakpoints = ghosts, training, list(breakpoints)
        self._show_run(training.advance())
        self._train_on()
        self.redraw()

    def action_fork(self) -> None:
        name = "w3" if self.trained.notebook is not None else self.trained.description.updates[0].name
        title, hint = "Fork: NAME = VALUE", f"{name} = 0.5 · lr = 1e-3 · order = simultaneous (from the end of this sample)"
        if len(self.ghosts) == NESTING:  # the prompt opens all the same, so what is typed next is not taken as keys
            self._refuse(title, hint, "Forks nest one level deep: u drops this fork first (escape closes this)")
            return
        base, position = self.trained, self.position

        def make(text: str) -> Training:
            return fork(base, position, Edit.parse(text, base.description))

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
