"""Helpers shared by the tests: what the screen shows, the command line, waiting on conditions."""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from rich.console import Console
from textual.app import App

T = TypeVar("T")
COMMAND = [sys.executable, "-m", "tui"]
PANELS = ("#status", "#network", "#forward", "#derivatives", "#changes", "#rmse-figures", "#breakpoints")


def text(app: App, selector: str) -> str:
    """The plain text a panel shows."""
    content = app.query_one(selector).content
    return getattr(content, "plain", str(content))


def screen_text(app: App) -> dict[str, str]:
    """Every panel's text, to compare two states of the screen."""
    return {selector: text(app, selector) for selector in PANELS}


def screen_lines(app: App) -> list[str]:
    """Exactly what the terminal shows, line by line, modal screens and notifications included."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


def cli(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """`nn-by-hand ARGS` as a user runs it, with no terminal and no input."""
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=timeout, **kwargs)


async def until(condition: Callable[[], T], timeout: float, what: str, every: float = 0.05) -> T:
    """Poll `condition` until it returns something truthy; fail naming `what` after `timeout` seconds."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if result := condition():
            return result
        await asyncio.sleep(every)
    raise AssertionError(f"{what}: not within {timeout} s")
