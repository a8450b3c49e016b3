"""One seat's debugger: forked by the preloaded parent, at a size that stays sane, ended when asked."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual_serve.app_service import AppService

from tui.frontends.forked import Forked, Preloaded
from tui.pinned import adopt, app_environment

GRACE = 1.5
"""Seconds an app gets to quit when asked, before it is terminated."""
LARGEST = (500, 200)
"""The largest terminal a browser may ask for, in cells; a larger request is cut to it."""


def cells(text: object, default: int) -> int:
    """A number of cells from a page's query, read leniently (as textual-serve does): `default` if it is none."""
    try:
        return int(str(text))
    except ValueError:
        return default


def clamp(width: object, height: object) -> tuple[int, int]:
    """A terminal size from a browser, read leniently and cut to 1..LARGEST."""
    return min(max(cells(width, 120), 1), LARGEST[0]), min(max(cells(height, 40), 1), LARGEST[1])


class TabProcess(AppService):
    """A seat's debugger, forked by the preloaded parent."""

    def __init__(self, *, preloaded: Preloaded, environment: dict[str, str] | None = None, niceness: int = 0, **kwargs: Any) -> None:
        super().__init__("", **kwargs)  # no command: the debugger is forked
        self.preloaded = preloaded
        """The process every seat's debugger is forked from."""
        self.environment = environment or {}
        """Set in the app's environment besides what textual-serve sets: its seat in a class, under --teach."""
        self.niceness = niceness
        """How readily its debugger yields the processor to others (0 to 19, as `nice` counts)."""
        self.forked: Forked | None = None
        """The debugger, once forked."""
        self.done = asyncio.Event()
        """Set once all it wrote has been read: it has ended, or closed its output."""

    async def run(self) -> None:
        try:
            await super().run()
        finally:
            self.done.set()

    async def start(self, width: object, height: object) -> None:  # the page's query, read as clamp reads it
        """Fork the debugger, at the page's size, and serve it."""
        environment = {**app_environment(*clamp(width, height)), **self.environment}
        self.forked = await self.preloaded.spawn(environment, self.niceness)
        adopt(self, self.forked.stdin, self.forked)

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp(width, height))

    async def end(self) -> None:
        """Ask the app to quit; terminate it, then kill it, if it does not."""
        with contextlib.suppress(TimeoutError, ConnectionError, OSError):  # the app may already be gone
            await asyncio.wait_for(self.stop(), GRACE)
        if self.forked is not None:
            await self.forked.end(GRACE)
