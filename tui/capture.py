"""--screenshot: play the key script on a screen of its own and save it as SVG; no terminal needed."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tui.app import Debugger


def capture(app: Debugger, path: Path, size: tuple[int, int]) -> int:
    """Press the session's keys, save the screen to `path`, exit 0 whatever the keys did."""

    async def script(pilot: Pilot) -> None:
        await app.ready.wait()
        await app.workers.wait_for_complete()  # LinearRegression's fit shows on the status line
        for key in app.session.keys:
            await pilot.press(key)
        await pilot.pause()
        await app.workers.wait_for_complete()  # an order switch recomputes in the background
        await pilot.pause()
        app.save_screenshot(path.name, str(path.parent))
        app.exit()

    app.run(headless=True, size=size, auto_pilot=script)
    return 0
