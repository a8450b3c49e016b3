"""Helpers shared by the tests: what the screen shows, the layout rule, the command line, waiting on conditions."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from model import Run, Training
from tui.app.debugger import Debugger
from tui.app.screens.prompt import Prompt
from tui.app.widgets.narration import Narration
from tui.app.widgets.panel import Panel
from tui.records.session import Session

T = TypeVar("T")
COMMAND = [sys.executable, "-m", "tui"]
SIZE = (120, 40)
"""The debugger's default screen, and the screenshots'."""
SIZES = (SIZE, (100, 34), (100, 30), (80, 24))
"""For the layout rule: the screenshots' sizes, the smallest that has the full layout, and a projector's."""
UNWRAPPED = 1000
"""A width no line of a panel needs: the height a panel's text takes there is its height unwrapped."""

PANELS = ("#status", "#network", "#forward", "#derivatives", "#changes", "#rmse-figures", "#breakpoints")

SMALL_CSV = "a,b,y\n" + "".join(f"{i % 7},{i % 3},{2 * (i % 7) - (i % 3)}\n" for i in range(30))
"""Thirty rows of a linear relation, as a data file a test writes under any name."""


@asynccontextmanager
async def debugger(
    run: Run | Training, session: Session | None = None, size: tuple[int, int] = SIZE, ready: bool = True
) -> AsyncIterator[tuple[Debugger, Pilot[None]]]:
    """The debugger on `run` in a headless terminal of `size`, once its first frame is out and its data table
    filled (unless `ready` is False: a test of what comes before)."""
    app = Debugger(run, session)
    async with app.run_test(size=size) as pilot:
        if ready:
            await app.ready.wait()
        yield app, pilot


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


def check(app: App, where: str) -> None:
    """The layout rule: nothing essential is cut, wrapped, pushed below the footer or written with U+2212."""
    width, height = app.size
    lines = screen_lines(app)
    footer = lines[-1]
    # The footer says what the keys do now: in a prompt, Enter and escape (the others type into it).
    keys = ("⏎ OK", "esc Cancel") if isinstance(app.screen, Prompt) else ("? Help", "q Quit")
    assert all(key in footer for key in keys), f"{where}: the footer lost {' or '.join(keys)}: {footer!r}"
    for widget in app.screen.query(Static):
        if not widget.display or not widget.region or widget.id in ("keys",):
            continue
        region = widget.content_region
        assert widget.region.bottom <= height - 1, f"{where}: #{widget.id} is pushed below the footer"
        if isinstance(widget, Panel) or widget.id in ("breakpoints", "rmse-figures", "banner"):
            needed = widget.get_content_height(widget.size, app.size, region.width)
            assert needed <= region.height, f"{where}: #{widget.id} needs {needed} lines and has {region.height}"
            if not isinstance(widget, Narration):  # prose wraps; a figure or a formula split over two lines misleads
                unwrapped = widget.get_content_height(widget.size, app.size, UNWRAPPED)
                assert needed == unwrapped, f"{where}: #{widget.id} wraps: {widget.render()}"
    for column in ("#left", "#right"):
        container = app.query_one(column)
        shown = [child.region for child in container.children if child.display and child.region]
        if shown and not app.main_screen.looks.compact:
            assert max(r.bottom for r in shown) == container.region.bottom, f"{where}: a blank band at the bottom of {column}"
    assert all(len(line) <= width for line in lines)
    # One minus sign, the one numbers are written with (and a pasted formula parses with): U+2212 next to "-" mixes two.
    assert not any("−" in line for line in lines), f"{where}: a U+2212 minus on screen"


def stderr_on_a_terminal(args: list[str], stdout: object, timeout: float) -> tuple[subprocess.CompletedProcess, str]:
    """`args` run with stderr on a pseudo-terminal (stdout to `stdout`): how it ended, and all the terminal got."""
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(args, stdout=stdout, stderr=follower, timeout=timeout)
        os.close(follower)
        said = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end is closed and drained
                break
            if not chunk:
                break
            said += chunk
    finally:
        os.close(leader)
    return done, said.decode()


def cli(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """`nn-by-hand ARGS` as a user runs it, with no terminal and no input."""
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=timeout, **kwargs)


def run(*args: str, cwd: Path | str | None = None) -> subprocess.CompletedProcess:
    """`nn-by-hand ARGS` run in this process: the status and output `cli` would give, without starting a Python.

    For what happens before a screen opens, or with --screenshot; `cli` stays for what needs a process of its own
    (a terminal, signals, a closed pipe).
    """
    from tui.frontends.cli import main

    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            status = main(list(args))
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["nn-by-hand", *args], status, out.getvalue(), err.getvalue())


async def until(condition: Callable[[], T], timeout: float, what: str, every: float = 0.05) -> T:
    """Poll `condition` until it returns something truthy; fail naming `what` after `timeout` seconds."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if result := condition():
            return result
        await asyncio.sleep(every)
    raise AssertionError(f"{what}: not within {timeout} s")


def processes() -> dict[int, tuple[int, str]]:
    """Every process on the machine, read from /proc: its parent's pid and its state (Z for a zombie)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended while being read
            continue
        found[int(stat.parent.name)] = (int(fields[1]), fields[0])
    return found
