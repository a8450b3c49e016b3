"""--screenshot: play the key script on a screen of its own and save it as SVG; no terminal needed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot

from model import InputError
from model.text import printable
from tui.app.debugger import Debugger
from tui.formats.files import write_atomic
from tui.formats.keys import WAIT


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
    while screen.seeking is not None or screen.switching:
        await asyncio.sleep(0.02)


def capture(app: Debugger, path: Path, size: tuple[int, int]) -> int:
    """Press the session's keys, save the screen to `path`, exit 0 whatever the keys did."""
    shots: list[str] = []

    async def script(pilot: Pilot[object]) -> None:
        if not await started(app):
            return
        await settled(app)  # LinearRegression's fit shows on the status line; a resumed session's position
        for key in app.session.keys:
            if key != WAIT:  # a picture waits for nobody
                await pilot.press(key)
        await pilot.pause()
        await settled(app)  # an order switch recomputes in the background, a move waits for training
        await pilot.pause()
        shots.append(app.export_screenshot())
        app.exit()

    app.run(headless=True, size=size, auto_pilot=script)
    if app.return_code:  # the app failed (Textual has printed why): no picture of a broken screen
        return app.return_code
    if not shots:
        raise InputError("--screenshot: the debugger stopped before the picture was taken")
    try:
        write_atomic(path, shots[0])
    except OSError as error:
        raise InputError(f"--screenshot: cannot write '{printable(str(path))}': {error.strerror}") from None
    return 0
