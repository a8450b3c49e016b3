"""A minimal DevTools-protocol client for headless Chromium, enough for an end-to-end test."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import aiohttp

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
"""Chromium flags for a closed network and no screen."""


class Browser:
    """Headless Chromium on a debugging port, with a fresh profile."""

    def __init__(self, size: tuple[int, int] = (1300, 900)) -> None:
        self.port = 0
        """The debugging port, known once `start` has returned."""
        # A short name: Chromium puts a socket in $TMPDIR/org.chromium.Chromium.XXXXXX/, and a socket's path may have
        # at most 107 characters. Under the stress run's deeper $TMPDIR a longer name aborted Chromium (SIGABRT).
        self.profile = tempfile.mkdtemp(prefix="chr-")
        """A folder of this browser's own, removed by `close`: its $TMPDIR, with each launch's profile in it."""
        self.size = size
        self.process: subprocess.Popen | None = None
        self.http = aiohttp.ClientSession()

    def _launch(self, attempt: int) -> tuple[subprocess.Popen, Path]:
        """Start Chromium with a fresh profile; returns it and the file its stderr goes to."""
        profile = Path(self.profile, f"launch-{attempt}")
        profile.mkdir()
        log = Path(self.profile, f"launch-{attempt}.log")
        # Port 0: Chromium picks a free port itself, so no other process can take it between choice and bind.
        command = ["chromium", *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0"]
        with log.open("wb") as stderr:
            # A session of its own: closing kills Chromium's helper processes too, which otherwise keep writing the profile.
            # Its own temporary folder too: Chromium leaves singleton sockets in $TMPDIR, which go with the profile.
            process = subprocess.Popen(
                [*command, f"--window-size={self.size[0]},{self.size[1]}", "about:blank"],
                stderr=stderr,
                start_new_session=True,
                env={**os.environ, "TMPDIR": self.profile},
            )
        return process, profile / "DevToolsActivePort"

    async def start(self, timeout: float = 60, attempts: int = 3) -> None:
        """Launch Chromium and wait until it listens: it writes its port to DevToolsActivePort in its profile once it does.

        Should a launch exit before it listens, it is ended and another made, up to `attempts` in all;
        the error then quotes what Chromium said.
        """
        for attempt in range(1, attempts + 1):
            self.process, announced = self._launch(attempt)
            deadline = time.monotonic() + timeout
            while not (port := _port(announced)) and self.process.poll() is None:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Chromium did not open its debugging port within {timeout:.0f} s")
                await asyncio.sleep(0.05)
            if port:
                self.port = port
                return
            _end(self.process)
        said = Path(self.profile, f"launch-{attempts}.log").read_text(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError(f"Chromium exited with status {self.process.returncode} before listening, {attempts} times: {said}")

    async def tab(self, url: str) -> Tab:
        """A new tab showing `url`."""
        async with self.http.put(f"http://127.0.0.1:{self.port}/json/new?{url}") as response:
            target = await response.json()
        tab = Tab(target["id"], await self.http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0))
        return tab

    async def close_tab(self, tab: Tab) -> None:
        """Close `tab` as a user closing it would."""
        await tab.socket.close()
        async with self.http.get(f"http://127.0.0.1:{self.port}/json/close/{tab.id}"):
            pass

    async def close(self) -> None:
        """End Chromium and every process it started, then remove its profile; safe to call after any failure."""
        await self.http.close()
        if self.process is not None:
            _end(self.process)
        deadline = time.monotonic() + 10
        while os.path.exists(self.profile):  # a helper that outlived the group may still be writing a file or two
            try:
                shutil.rmtree(self.profile)
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


def _end(process: subprocess.Popen) -> None:
    """End `process` and every other process of its session (Chromium's helpers), and wait until none is left.

    Waiting for Chromium itself is not enough: a helper that is still exiting may create its profile's
    folders again after they have been removed.
    """
    for sent in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sent)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(0.1)
            if process.returncode is not None and not group_members(process.pid):
                return


def group_members(group: int) -> list[int]:
    """The live processes of process group `group` (a zombie has nothing left to write)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, _, pgrp = stat[stat.rindex(")") + 2 :].split()[:3]  # the command name may hold spaces and parentheses
        if int(pgrp) == group and state != "Z":
            found.append(int(entry.name))
    return found


def _port(announced: Path) -> int:
    """The port in Chromium's DevToolsActivePort file, or 0 while it is missing or half written."""
    try:
        first = announced.read_text().split("\n")[0]
    except OSError:
        return 0
    return int(first) if first.isdigit() else 0


class Tab:
    """One page, driven over its websocket."""

    def __init__(self, target: str, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.id = target
        self.socket = socket
        self.ids = itertools.count(1)

    async def call(self, method: str, **params) -> dict:
        """Send a command and wait for its answer."""
        call = next(self.ids)
        await self.socket.send_json({"id": call, "method": method, "params": params})
        while True:
            message = await self.socket.receive_json()
            if message.get("id") == call:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    async def click(self, x: int, y: int) -> None:
        """Click at (x, y) CSS pixels, e.g. to give the page the keyboard."""
        for kind in ("mousePressed", "mouseReleased"):
            await self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    async def press(self, key: str) -> None:
        """Type one character key."""
        code = f"Key{key.upper()}" if key.isalpha() else ""
        for kind in ("keyDown", "keyUp"):
            extra = {"text": key} if kind == "keyDown" else {}
            await self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code, windowsVirtualKeyCode=ord(key.upper()), **extra)

    async def wait_for_terminal(self, timeout: float = 30) -> None:
        """Bring the page to the front and wait until its terminal has the keyboard: a key pressed earlier is lost."""
        await self.call("Page.bringToFront")
        check = "document.activeElement !== null && document.activeElement.classList.contains('xterm-helper-textarea')"
        end = time.monotonic() + timeout
        while not (await self.call("Runtime.evaluate", expression=check))["result"].get("value"):
            if time.monotonic() > end:
                raise AssertionError(f"the page's terminal did not take the keyboard within {timeout} s")
            await asyncio.sleep(0.1)

    async def screenshot(self, path: Path) -> bytes:
        """A PNG of the page, also saved to `path`."""
        data = base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"])
        path.write_bytes(data)
        return data
