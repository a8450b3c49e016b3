"""--screenshot: play the key script on a screen of its own and save it as SVG; no terminal needed."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from textual.pilot import Pilot

from model import InputError
from model.text import printable
from tui.app.debugger import Debugger
from tui.app.widgets.status import status_line
from tui.formats.files import write_atomic
from tui.formats.keys import WAIT, answering

STUCK = 60.0
"""Seconds a move may wait for training that does not move before the script is called stuck."""


async def started(app: Debugger) -> bool:
    """Wait until the first frame is complete (True) or the app has failed (False).

    A script given to Textual must not simply wait for `ready`: Textual waits
    for the script before it shuts a failed app down, so both would wait forever.
    """
    while not app.ready.is_set():
        if app.return_code is not None:
            return False
        await asyncio.sleep(0.05)
    return True


async def settled(app: Debugger) -> None:
    """Wait for what the picture shows: every worker but training's, and training only as far as the screen needs.

    The rest of a large run trains on behind the screen; waiting for all of it would take minutes.
    """
    screen = app.main_screen
    others = [worker for worker in app.workers if worker.group != "train"]
    if others:  # an empty list would mean every worker to Textual
        await app.workers.wait_for_complete(others)
    trained, moved = screen.trained, time.monotonic()
    while screen.seeking is not None or screen.trainer.switching:
        if screen.trained is not trained:  # training hands the screen each stretch it trains
            trained, moved = screen.trained, time.monotonic()
        elif screen.seeking is not None and time.monotonic() - moved > STUCK:
            raise Stuck(f"waiting for training, which has not moved for {STUCK:g} s")
        await asyncio.sleep(0.02)


class Stuck(Exception):
    """The script cannot go on: what it waits for does not come."""


def capture(app: Debugger, path: Path, size: tuple[int, int]) -> int:
    """Press the session's keys, save the screen to `path`, exit 0 whatever the keys did. A predict question is
    answered by the script's next keys if they type a number; otherwise it is revealed before the next key, as
    escape does (a script that ends on a question shows it, asked)."""
    shots: list[str] = []
    stuck: list[str] = []

    async def script(pilot: Pilot[object]) -> None:
        if not await started(app):
            return
        try:
            await play(pilot)
        except Stuck as error:
            stuck.append(f"{error}, at {status_line(app.main_screen.trained, app.main_screen.drawing.view.moment)}")
            app.exit()

    async def play(pilot: Pilot[object]) -> None:
        await settled(app)  # LinearRegression's fit shows on the status line; a resumed session's position
        keys = app.session.keys
        i = 0
        while i < len(keys):
            count = answering(keys[i:]) if app.main_screen.asking is not None else 0
            if app.main_screen.asking is not None and not count:  # left unanswered: revealed, as in a recording
                await pilot.press("escape")
                await settled(app)
            if keys[i] != WAIT:  # a picture waits for nobody
                await pilot.press(*keys[i : i + max(count, 1)])
            i += max(count, 1)
        await pilot.pause()
        await settled(app)  # an order switch recomputes in the background, a move waits for training
        await pilot.pause()
        shots.append(app.export_screenshot())
        app.exit()

    app.run(headless=True, size=size, auto_pilot=script)
    if app.return_code:  # the app failed (Textual has printed why): no picture of a broken screen
        return app.return_code
    if stuck:
        raise InputError(f"--screenshot: the key script cannot go on: {printable(stuck[0])}")
    if not shots:
        raise InputError("--screenshot: the debugger stopped before the picture was taken")
    try:
        write_atomic(path, shots[0])
    except OSError as error:
        raise InputError(f"--screenshot: cannot write '{printable(str(path))}': {error.strerror}") from None
    return 0
