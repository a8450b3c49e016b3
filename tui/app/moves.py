"""Where a move through the run ends, decided without a screen: clamped to the run, stopped by the first
breakpoint on the way forward, or left waiting for training to reach it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model import Run
    from model.breakpoints import Breakpoint


@dataclass(frozen=True)
class Seek:
    """A move to a position that training has not reached yet: it is made again with every stretch trained."""

    target: int
    """The position the move goes to."""
    stop_at_breakpoints: bool
    """Whether a breakpoint on the way stops it."""
    scanned: int
    """The last position already searched for breakpoints."""


@dataclass(frozen=True)
class Move:
    """How a move ends: at a position now, or waiting for training; and whether a breakpoint stopped it."""

    to: int | None
    """The position to show now; None while the move waits for training (see `seek`)."""
    fired: tuple[int, Breakpoint] | None = None
    """The breakpoint that stopped the move, and where."""
    seek: Seek | None = None
    """The move to make again once training has got further."""


def plan(run: Run, position: int, target: int, breakpoints: list[Breakpoint], stop_at_breakpoints: bool, scanned: int = 0) -> Move:
    """The move from `position` towards `target` in `run` as trained so far.

    The target is clamped to the run. Going forward with `stop_at_breakpoints`, the first position after
    max(position, scanned) where a breakpoint stops ends the move there (positions up to `scanned` are known
    to hold none). A target beyond the trained part is waited for, with everything trained marked scanned.
    """
    target = min(max(target, 0), run.final)
    fired = None
    if stop_at_breakpoints and breakpoints and target > position:
        from model.breakpoints import next_hit  # not needed until there is a breakpoint

        fired = next_hit(run, breakpoints, max(position, scanned), target)
        if fired is not None:
            target = fired[0]
    trained = run.positions - 1
    if target > trained:
        return Move(None, fired, Seek(target, stop_at_breakpoints, trained))
    return Move(target, fired)
