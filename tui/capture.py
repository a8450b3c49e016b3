"""--screenshot: play the key script on a screen of its own and save it as SVG; no terminal needed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot

from model import InputError
from model.text import printable
from tui.app import Debugger
from tui.files import write_atomic


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


def capture(app: Debugger, path: Path, size: tuple[int, int]) -> int:
    """Press the session's keys, save the screen to `path`, exit 0 whatever the keys did."""
    shots: list[str] = []

    async def script(pilot: Pilot) -> None:
        if not await started(app):
            return
        await app.workers.wait_for_complete()  # LinearRegression's fit shows on the status line
        for key in app.session.keys:
            await pilot.press(key)
        await pilot.pause()
        await app.workers.wait_for_complete()  # an order switch recomputes in the background
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
