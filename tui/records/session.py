"""How a debugger session starts: panels, modes, notes and scripted keys, from the command line and a lesson."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model.breakpoints import Breakpoint
    from tui.records.state import ScreenState
    from tui.wording.predict import Kind

SIZE_RANGE = ((40, 12), (500, 200))
"""Smallest and largest --size for screenshots."""
SERVED_BY = "NN_BY_HAND_SERVED_BY"
"""Set in each served debugger's environment: a pidfd of the `serve` process, which the debugger must not outlive
(it outlives the preloaded parent that forked it, which the server starts again if it dies)."""
RECORDED = "NN_BY_HAND_RECORDED"
"""Set in the environment of a debugger that `record` plays: it marks in its output where its first frame is complete."""
READY = "\x1b_nn-by-hand ready\x1b\\"
"""That mark: an application program command, which terminals ignore."""
SPEED_RANGE = (1, 20000)
"""Play speeds allowed, in micro-steps per second."""
PACE = 0.6
"""Seconds between a key script's keys, unless --pace or a lesson says otherwise."""
PACE_RANGE = (0, 60)
"""Paces allowed, in seconds."""


@dataclass(frozen=True)
class Session:
    """Everything about a session that is not the run itself."""

    title: str = ""
    """Lesson title, shown in the header."""
    theme: str | None = None
    """Textual theme."""
    show: dict[str, bool] = field(default_factory=dict)
    """Panels to show (True) or hide (False) at the start: network, data, narration."""
    log_scale: bool = False
    """Start with the sparkline on a log scale."""
    predict: Kind | None = None
    """Start in predict mode: "derivative" or "weight"."""
    breakpoints: tuple[Breakpoint, ...] = ()
    """Breakpoints set at the start."""
    notes: dict[int, str] = field(default_factory=dict)
    """Lesson notes by position."""
    keys: tuple[str, ...] = ()
    """Key script played after the first frame."""
    pace: float = PACE
    """Seconds between scripted keys."""
    play: bool = False
    """Start playing (after the script, if any)."""
    speed: int | None = None
    """Play speed in micro-steps per second."""
    exit_at_end: bool = False
    """Quit when the run, or the script, ends."""
    transcript: Path | None = None
    """File that receives every narrated step as plain text."""
    capture: bool = False
    """Screenshot mode: quitting keys are ignored so the script always ends in a picture."""
    lesson: str | None = None
    """The lesson's name or absolute path, kept in a saved session."""
    save: Path | None = None
    """Where --save writes the session at exit, and the palette's Save at any time."""
    restored: ScreenState | None = None
    """A saved session's screen to come back to: its position, panels, modes and scores (the run comes rebuilt)."""
    force: bool = False
    """--force: `save` and `transcript` may replace a file that exists."""
    classroom: tuple[str, str, str] | None = None
    """The class `serve --teach` leads, if this debugger is in one: its socket, this debugger's seat and its role."""
    served: bool = False
    """Served to a browser: a save goes to the browser as a download, never to the server's disk."""
