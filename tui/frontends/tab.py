"""One browser tab: what its page may send, read leniently, and the debugger that lives as long as it does."""

from __future__ import annotations

import asyncio
import contextlib
import json
from asyncio.subprocess import Process
from types import SimpleNamespace
from typing import Any, cast

from textual_serve.app_service import AppService
from textual_serve.server import to_int

from tui.frontends.forked import Forked, Preloaded

GRACE = 1.5
"""Seconds an app gets to quit when asked, before it is terminated."""
LARGEST = (500, 200)
"""The largest terminal a browser may ask for, in cells; a larger request is cut to it."""


def clamp(width: object, height: object) -> tuple[int, int]:
    """A terminal size from a browser, read leniently (as textual-serve does) and cut to 1..LARGEST."""
    return min(max(to_int(str(width), 120), 1), LARGEST[0]), min(max(to_int(str(height), 40), 1), LARGEST[1])


def envelope(text: str) -> tuple[str, Any] | None:
    """A browser's websocket message as (kind, data), or None for anything textual-serve's page would not send.

    The page sends `["stdin", text]`, `["resize", {"width": w, "height": h}]`, `["ping", text]`,
    `["blur"]` and `["focus"]`; everything else (another type, another shape, JSON too deep to read) is dropped.
    """
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(message, list) or not message or not isinstance(message[0], str):
        return None
    kind, data = message[0], message[1] if len(message) > 1 else None
    if kind in ("stdin", "ping") and len(message) == 2 and isinstance(data, str):
        return kind, data
    if kind == "resize" and len(message) == 2 and isinstance(data, dict) and {"width", "height"} <= data.keys():
        return kind, clamp(data["width"], data["height"])
    if kind in ("blur", "focus") and len(message) == 1:
        return kind, None
    return None


class TabProcess(AppService):
    """One browser tab's debugger, forked by the preloaded parent, which ends when the tab does, at a size that stays sane."""

    def __init__(
        self, *args: Any, preloaded: Preloaded, environment: dict[str, str] | None = None, niceness: int = 0, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.preloaded = preloaded
        """The process every tab's debugger is forked from."""
        self.environment = environment or {}
        """Set in the app's environment besides what textual-serve sets: its seat in a class, under --teach."""
        self.niceness = niceness
        """How readily its debugger yields the processor to others (0 to 19, as `nice` counts)."""
        self.forked: Forked | None = None
        """The debugger, once forked."""

    @staticmethod
    def apps_environment() -> dict[str, str]:
        """What textual-serve sets in every app's environment, at its default size: the preloaded parent starts with it."""
        return AppService._build_environment(cast(AppService, SimpleNamespace(debug=False)))  # it reads only `debug`

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.environment}

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self.forked = forked = await self.preloaded.spawn(self._build_environment(width, height), self.niceness)
        self._stdin = forked.stdin
        self._process = cast(Process, forked)  # textual-serve's `run` reads only its stdout and stderr
        return self._process

    async def start(self, width: object, height: object) -> None:  # the page's query, read as clamp reads it
        await super().start(*clamp(width, height))

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp(width, height))

    async def end(self) -> None:
        """Ask the app to quit; terminate it, then kill it, if it does not."""
        with contextlib.suppress(TimeoutError, ConnectionError, OSError):  # the app may already be gone
            await asyncio.wait_for(self.stop(), GRACE)
        if self.forked is not None:
            await self.forked.end(GRACE)
