"""A session's script, played as if typed: its keys one by one, then play, then quit at the end if asked."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from tui.screens.main import MainScreen
    from tui.session import Session

LAST_FRAME = 0.2
"""Least time the last frame stays on screen before --exit-at-end quits."""


class Autopilot:
    """Plays `session.keys` on `screen`, waiting out every open question (those are the learner's to answer)
    and every move that waits for training."""

    def __init__(self, app: App, screen: MainScreen, session: Session) -> None:
        self.app = app
        """The app the keys are typed into."""
        self.screen = screen
        """The debugger screen whose run the keys move."""
        self.session = session
        """Keys, pace, play and exit-at-end."""
        self.done = False
        """Set once the last key has been pressed (and play started, if asked)."""

    async def fly(self) -> None:
        """Press the keys one by one, then start playing if asked."""
        for key in self.session.keys:
            await asyncio.sleep(self.session.pace)
            await self.screen.settled.wait()
            # As Pilot presses keys: through the driver, like a key from the terminal, then waiting until
            # every widget is idle, so the next key sees what this one did (an open question, say).
            await self.app._press_keys([key])
        if self.session.play:
            self.screen.action_play()
        self.done = True
        self.check()

    def check(self) -> None:
        """With --exit-at-end: quit once the script is over and the run has stopped, or once the run is at its end."""
        if not self.session.exit_at_end or self.session.capture:
            return
        if (self.done and not self.screen.playing and self.screen.seeking is None) or self.screen.at_end:
            self.app.set_timer(max(self.session.pace, LAST_FRAME), self.app.exit)  # leave the last frame on screen a moment
