"""Moving through the run: steps, seeks that wait for training, play, go-to and breakpoints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.moves import plan
from tui.app.screens.layout import Layout

if TYPE_CHECKING:
    from model.breakpoints import Breakpoint


SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 20000)
"""Play speeds in micro-steps per second."""
FPS = 30
"""Most frames per second while playing; faster speeds take several micro-steps a frame."""


class Moving(Layout):
    """The main screen's moves: every key that changes the position goes through `go`."""

    def go(self, target: int, stop_at_breakpoints: bool = False, scanned: int = 0) -> None:
        """Move to `target`, stopping early at the first breakpoint on the way forward.

        A target that training has not reached yet is waited for, playing stopped;
        positions up to `scanned` are known to hold no breakpoint.
        """
        if self.asking is not None:  # a timer or a worker must not move the run under an open question either
            return
        held = self.classlink.held_before() if self.classlink is not None else None
        if held is not None and target > max(self.position, held):  # the class's open question: no peeking at it
            target = max(self.position, held)
            self.playing = False
            self.notify("The class's question is open: the run stops before it until the teacher reveals it (j answers it).", timeout=5)
        self.seeking = None
        move = plan(self.trained, self.position, target, self.breakpoints, stop_at_breakpoints, scanned)
        if move.fired is not None:
            self._fired = move.fired
            self.playing = False
            self.notify(f"Breakpoint: {move.fired[1]}", timeout=3, markup=False)
        if move.to is None:
            self.playing = False
            self.seeking = move.seek
            return
        self.position = move.to
        if self.playing and self.at_end:
            self.playing = False

    def _tick(self) -> None:
        if not self.playing:  # a tick queued before a pause (a busy machine queues several) must not move the run
            return
        # Playing runs up to where training has got, and goes on from there as it gets further.
        self.go(min(self.position + max(1, round(self.speed / FPS)), self.trained.positions - 1), stop_at_breakpoints=True)

    def action_cancel(self) -> None:
        """Escape: stop waiting for training, and stop a lesson's script that is playing."""
        if self.seeking is not None:
            self.seeking = None
            self.notify("Stopped waiting; training goes on.", timeout=2, markup=False)
        if self.autopilot.offers("pause_script"):
            self.autopilot.pause()

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

    def action_play(self) -> None:
        self.playing = not self.playing and not self.at_end

    def action_faster(self) -> None:
        self.speed = next((s for s in SPEEDS if s > self.speed), SPEEDS[-1])

    def action_slower(self) -> None:
        self.speed = next((s for s in reversed(SPEEDS) if s < self.speed), SPEEDS[0])

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
