"""Moving through the run: the position, steps, moves that wait for training, play, go-to and breakpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from tui.app.moves import Seek, plan
from tui.app.screens.messages import Moved
from tui.app.screens.stage import Stage

if TYPE_CHECKING:
    from textual.timer import Timer

    from model.breakpoints import Breakpoint
    from tui.app.widgets.breakpoints import Breakpoints

SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 20000)
"""Play speeds in micro-steps per second."""
FPS = 30
"""Most frames per second while playing; faster speeds take several micro-steps a frame."""


class Ticking(Stage, Protocol):
    """What moving needs of the screen besides: a timer to play by."""

    def set_interval(self, interval: float, callback: Callable[[], None]) -> Timer: ...


class Moving:
    """The screen's moves: every key that changes the position goes through `go`."""

    def __init__(self, stage: Ticking, listed: Breakpoints, breakpoints: tuple[Breakpoint, ...]) -> None:
        self.stage = stage
        self.listed = listed
        """The breakpoint list on screen."""
        self.breakpoints: list[Breakpoint] = list(breakpoints)
        self.fired: tuple[int, Breakpoint] | None = None
        """Where a breakpoint last stopped the run, and which one: the list marks it while the run is there."""
        self._position = 0
        self._playing = False
        self._speed = 10
        self._seeking: Seek | None = None
        self._timer: Timer | None = None

    @property
    def position(self) -> int:
        """Current position in the run (0 = start)."""
        return self._position

    @position.setter
    def position(self, position: int) -> None:
        if position != self._position:
            self._position = position
            self.stage.post_message(Moved())

    @property
    def playing(self) -> bool:
        """Whether the timer is advancing the position."""
        return self._playing

    @playing.setter
    def playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self._play()

    @property
    def speed(self) -> int:
        """Play speed in micro-steps per second."""
        return self._speed

    @speed.setter
    def speed(self, speed: int) -> None:
        if speed != self._speed:
            self._speed = speed
            if self.playing:
                self._play()

    @property
    def seeking(self) -> Seek | None:
        """A move waiting for training to reach its target; escape or any other move drops it."""
        return self._seeking

    @seeking.setter
    def seeking(self, seek: Seek | None) -> None:
        if seek != self._seeking:
            self._seeking = seek
            self.stage.settle()
            self.stage.redraw()  # the status says what is waited for

    @property
    def at_end(self) -> bool:
        """Whether the position is the run's last, training over."""
        run = self.stage.trained
        return run.finished and self.position >= run.final

    def go(self, target: int, stop_at_breakpoints: bool = False, scanned: int = 0) -> None:
        """Move to `target`, stopping early at the first breakpoint on the way forward.

        A target that training has not reached yet is waited for, playing stopped;
        positions up to `scanned` are known to hold no breakpoint.
        """
        if self.stage.asking is not None:  # a timer or a worker must not move the run under an open question either
            return
        link = self.stage.classlink
        held = link.held_before() if link is not None else None
        if held is not None and target > max(self.position, held):  # the class's open question: no peeking at it
            target = max(self.position, held)
            self.playing = False
            self.stage.notify(
                "The class's question is open: the run stops before it until the teacher reveals it (j answers it).", timeout=5
            )
        self.seeking = None
        move = plan(self.stage.trained, self.position, target, self.breakpoints, stop_at_breakpoints, scanned)
        if move.fired is not None:
            self.fired = move.fired
            self.playing = False
            self.stage.notify(f"Breakpoint: {move.fired[1]}", timeout=3, markup=False)
        if move.to is None:
            self.playing = False
            self.seeking = move.seek
            return
        self.position = move.to
        if self.playing and self.at_end:
            self.playing = False

    def go_on(self) -> bool:
        """Go on with the move waiting for training, now that training has got further; whether there was one."""
        if (seek := self.seeking) is None:
            return False
        self.go(seek.target, seek.stop_at_breakpoints, seek.scanned)
        return True

    def tick(self) -> None:
        """The play timer's: the next frame's micro-steps."""
        if not self.playing:  # a tick queued before a pause (a busy machine queues several) must not move the run
            return
        # Playing runs up to where training has got, and goes on from there as it gets further.
        self.go(min(self.position + max(1, round(self.speed / FPS)), self.stage.trained.positions - 1), stop_at_breakpoints=True)

    def _play(self) -> None:
        """Start or stop the timer for the play state and speed now."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.playing:
            self._timer = self.stage.set_interval(max(1 / self.speed, 1 / FPS), self.tick)
        self.stage.redraw()  # the status line says whether it plays, and how fast

    def stop_waiting(self) -> None:
        """Escape: stop waiting for training (training goes on)."""
        if self.seeking is not None:
            self.seeking = None
            self.stage.notify("Stopped waiting; training goes on.", timeout=2, markup=False)

    def back(self) -> None:
        self.go(self.position - 1)

    def sample(self) -> None:
        self.go(self.stage.trained.next_sample_end(self.position), stop_at_breakpoints=True)

    def epoch(self) -> None:
        self.go(self.stage.trained.next_epoch_end(self.position), stop_at_breakpoints=True)

    def back_sample(self) -> None:
        self.go(self.stage.trained.previous_sample_end(self.position))

    def first(self) -> None:
        self.go(self.stage.trained.first)

    def last(self) -> None:
        self.go(self.stage.trained.final, stop_at_breakpoints=True)

    def play(self) -> None:
        self.playing = not self.playing and not self.at_end

    def faster(self) -> None:
        self.speed = next((s for s in SPEEDS if s > self.speed), SPEEDS[-1])

    def slower(self) -> None:
        self.speed = next((s for s in reversed(SPEEDS) if s < self.speed), SPEEDS[0])

    def goto(self) -> None:
        """Ask for an epoch and sample, and go there."""

        def done(target: int | None) -> None:
            if target is not None:
                self.go(target)

        self.stage.ask("Go to: epoch sample [phase]", "e.g. 2 17 or 3 0 w1, start or end", self.stage.trained.parse_position, done)

    def show_breakpoints(self) -> None:
        """List the breakpoints, and which one stopped the run here, if one did."""
        fired = self.fired[1] if self.fired is not None and self.fired[0] == self.position else None
        self.listed.show(self.breakpoints, fired)

    def add_breakpoint(self, point: Breakpoint) -> None:
        """Stop playing and fast-forwarding at `point`; say so if this run never meets it."""
        from model.breakpoints import next_hit

        run = self.stage.trained
        if point not in self.breakpoints:
            if full := self._no_room():
                self.stage.notify(full, severity="warning", timeout=4, markup=False)
                return
            self.breakpoints.append(point)
        self.show_breakpoints()
        if run.finished and next_hit(run, [point], run.first, run.final) is None:
            self.stage.notify(f"This run never stops {point}.", severity="warning", timeout=4, markup=False)

    def _no_room(self) -> str | None:
        """Why no more breakpoints can be added, if the session holds the most it may."""
        from model.breakpoints import MOST

        return f"At most {MOST} breakpoints: C clears them." if len(self.breakpoints) >= MOST else None

    def breakpoint(self) -> None:
        """Ask for a breakpoint, and add it."""
        from model.breakpoints import parse

        def done(point: Breakpoint | None) -> None:
            if point is not None:
                self.add_breakpoint(point)

        hint = "EPOCH SAMPLE · rises · below VALUE · dw VALUE"
        if full := self._no_room():
            self.stage.refuse("Breakpoint", hint, f"{full} (escape closes this)")
            return
        self.stage.ask("Breakpoint", hint, lambda text: parse(text, self.stage.trained), done)

    def clear_breakpoints(self) -> None:
        self.breakpoints.clear()
        self.show_breakpoints()
