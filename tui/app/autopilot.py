"""A session's script, played as if typed: its keys one by one, then play, then quit at the end if asked.

The presenter leads: space (or escape) pauses a script that is playing and space resumes it, going on with
the script's next key from wherever the run is then. A script's `wait` is a stop, as a slide is: the script
waits there for space. With nobody at the keys (--exit-at-end, a recording) a stop lasts UNATTENDED paces.

A predict question the script opens is the learner's: the script goes on once it is answered, a pace after its
reveal, and a stop just after a question holds the reveal. A number's keys then enter, next in the script, answer
it (see `tui.formats.keys.answering`). With nobody at the keys, a question the script leaves unanswered is
revealed after a pace, as escape does, so that a recording always ends.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any, Protocol

from tui.formats.keys import WAIT, answering

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.session import Session

LAST_FRAME = 0.2
"""Least time the last frame stays on screen before --exit-at-end quits."""
UNATTENDED = 2.5
"""Paces a stop lasts when nobody is at the keys: 3 seconds at a lesson's usual pace, time to read a note."""
TYPING = 0.08
"""Seconds between the keys of an answer a script types, as a quick hand would (a pace at most)."""
ACTIONS = ("pause_script", "resume_script")
"""The presenter's actions on the script (space, while one plays or is paused)."""


class Stage(Protocol):
    """What the autopilot needs of the screen whose run its keys move."""

    settled: asyncio.Event
    """Set while no question is open and no move waits for training."""

    @property
    def app(self) -> App[Any]: ...
    @property
    def is_attached(self) -> bool: ...
    @property
    def asking(self) -> object | None: ...
    @property
    def playing(self) -> bool: ...
    @property
    def seeking(self) -> object | None: ...
    @property
    def at_end(self) -> bool: ...
    def action_play(self) -> None: ...
    def refresh_bindings(self) -> None: ...
    def redraw(self) -> None: ...


class Autopilot:
    """Plays `session.keys` on `screen`, waiting out every open question (those are the learner's to answer),
    every move that waits for training, and the presenter's pauses."""

    def __init__(self, screen: Stage, session: Session) -> None:
        self.screen = screen
        """The debugger screen whose run the keys move."""
        self.session = session
        """Keys, pace, play and exit-at-end."""
        self.done = False
        """Set once the last key has been pressed (and play started, if asked)."""
        self.paused = False
        """The presenter paused the script, or it waits at a stop."""
        self.pressed = 0
        """Keys and stops of the script done so far."""
        self._pressing = False
        self._asked_at = 0.0
        """When the last key pressed opened a predict question (monotonic seconds)."""
        self._going = asyncio.Event()
        self._going.set()

    @property
    def playing(self) -> bool:
        """Whether a script is under way (paused or not); a screenshot's keys are pressed without one."""
        return not self.done and bool(self.session.keys) and not self.session.capture

    def offers(self, action: str) -> bool:
        """Whether the presenter's space means `action` now: never while the script itself is pressing a key."""
        if not self.playing or self._pressing:
            return False
        return self.paused == (action == "resume_script")

    def pause(self) -> None:
        """Stop before the script's next key; the run stays where it is."""
        self.paused = True
        self._going.clear()
        self._changed()

    def resume(self) -> None:
        """Go on with the script's next key, from wherever the run is now."""
        self.paused = False
        self._going.set()
        self._changed()

    def state(self) -> tuple[str, ...]:
        """What the status line says of the script while there is one, fullest first: whether it plays, how
        much is left, and what space does."""
        if not self.playing:
            return ()
        left = sum(key != WAIT for key in self.session.keys[self.pressed :])
        keys = f"{left} key{'' if left == 1 else 's'} to go"
        what = "lesson" if self.session.title else "script"  # a lesson's keys, or --keys alone
        if self.paused:
            return (f"⏸ {what} paused, {keys} · space goes on", f"⏸ {what} paused")
        if self.session.exit_at_end:  # nobody at the keys, as in a recording: space is offered to no one
            return (f"{what}: {keys}", what)
        return (f"{what}: {keys} · space pauses", what)

    async def fly(self) -> None:
        """Press the keys one by one, then start playing if asked."""
        keys, pace = self.session.keys, self.session.pace
        i = 0
        while i < len(keys):
            if keys[i] == WAIT:
                await self._closed()  # a stop after a question holds its reveal
                if self.session.exit_at_end:  # nobody to press space: hold long enough to read
                    await asyncio.sleep(UNATTENDED * pace)
                else:
                    self.pause()
                await self._going.wait()
                i = self._done(i, 1)
                continue
            await asyncio.sleep(pace)
            await self._going.wait()
            if self.screen.asking is not None and (count := answering(keys[i:])):
                i = await self._counted(i, count, between=min(pace, TYPING))
                continue
            if await self._closed():  # the question's reveal stays a pace before the next key
                await asyncio.sleep(pace)
                await self._going.wait()
            await self.screen.settled.wait()
            i = await self._counted(i, 1)
        if self.session.exit_at_end:  # a question left open at the end: nobody will answer it
            await self._closed()
        if self.session.play:
            self.screen.action_play()
        self.done = True
        self._changed()
        self.check()

    async def _press(self, keys: tuple[str, ...], between: float = 0.0) -> None:
        """Press `keys` as Pilot does: through the driver, like keys from the terminal, then waiting until every
        widget is idle, so that the next key sees what these did (an open question, say)."""
        self._pressing = True
        try:
            for n, key in enumerate(keys):
                if n:
                    await asyncio.sleep(between)
                await self.screen.app._press_keys([key])
        finally:
            self._pressing = False
        if self.screen.asking is not None:
            self._asked_at = time.monotonic()

    async def _closed(self) -> bool:
        """Wait until no predict question is open (and the move its reveal makes is done); whether one was. The
        learner answers it; with nobody at the keys, one left open for a pace is revealed, as escape does."""
        if self.screen.asking is None:
            return False
        if self.session.exit_at_end:
            await asyncio.sleep(self._asked_at + self.session.pace - time.monotonic())
            if self.screen.asking is not None:
                await self._press(("escape",))
        await self.screen.settled.wait()
        return True

    async def _counted(self, i: int, count: int, between: float = 0.0) -> int:
        """Press `count` of the script's keys from the `i`th, counted as done first, so that the frame they make
        says how many are left; the index of the next."""
        self.pressed += count
        await self._press(self.session.keys[i : i + count], between)
        self._changed()
        return i + count

    def _done(self, i: int, count: int) -> int:
        """Count `count` more of the script's keys done from the `i`th; the index of the next."""
        self.pressed += count
        self._changed()
        return i + count

    def _changed(self) -> None:
        """Tell the status line and the footer (space's meaning may have changed)."""
        if self.screen.is_attached:
            self.screen.refresh_bindings()
            self.screen.redraw()

    def check(self) -> None:
        """With --exit-at-end: quit once the script is over and the run has stopped, or once the run is at its end."""
        if not self.session.exit_at_end or self.session.capture:
            return
        if (self.done and not self.screen.playing and self.screen.seeking is None) or self.screen.at_end:
            self.screen.app.set_timer(max(self.session.pace, LAST_FRAME), self.screen.app.exit)  # leave the last frame on screen a moment
