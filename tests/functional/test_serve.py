"""`nn-by-hand serve` end to end: headless Chromium opens sessions, steps one, and every app process ends."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.functional.cdp import Browser

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(
    not shutil.which("chromium") and not os.environ.get("CI"), reason="needs Debian's chromium (.ci/run installs it)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


async def until(condition, timeout: float, what: str):
    """Poll `condition` until it returns something truthy."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if result := condition():
            return result
        await asyncio.sleep(0.1)
    raise AssertionError(f"{what}: not within {timeout} s")


def sessions(folder: Path) -> dict[int, str]:
    """Transcript text by app pid."""
    return {int(p.stem.removeprefix("session-")): p.read_text() for p in folder.glob("session-*.txt")}


@pytest.fixture
def server(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [BIN / "nn-by-hand", "serve", "--port", str(port), "--transcripts", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    line = process.stdout.readline()
    assert f"serving on http://127.0.0.1:{port}" in line
    yield process, f"http://127.0.0.1:{port}/", tmp_path
    if process.poll() is None:
        process.kill()
        process.wait()


async def scenario(server, tmp_path: Path) -> None:
    process, url, folder = server
    browser = Browser(free_port())
    try:
        await browser.targets()
        first = await browser.tab(url)
        await first.call("Page.enable")
        started = await until(lambda: {p: t for p, t in sessions(folder).items() if "· start ·" in t}, 30, "first session's first frame")
        (pid,) = started
        await asyncio.sleep(0.5)  # let the page paint what the app sent
        before = await first.screenshot(tmp_path / "before.png")

        await first.click(650, 450)  # the terminal takes the keyboard
        await first.press("s")
        await until(lambda: "sample 0/100 · w4" in sessions(folder)[pid], 10, "the app stepping to the end of sample 0")
        await asyncio.sleep(0.5)
        after = await first.screenshot(tmp_path / "after.png")
        assert after != before, "the page did not change after s"

        second = await browser.tab(url)
        others = await until(lambda: [p for p in sessions(folder) if p != pid], 30, "a second session")
        assert alive(pid) and alive(others[0])

        await browser.close_tab(first)
        await until(lambda: not alive(pid), 5, "closing the tab ending its app process")
        assert alive(others[0]), "closing one tab ended another tab's session"

        process.send_signal(signal.SIGINT)
        await until(lambda: not alive(others[0]), 5, "stopping the server ending the remaining session")
        assert process.wait(5) == 0
        del second
    finally:
        await browser.close()


def test_each_tab_gets_a_session_that_steps_and_ends_with_it(server, tmp_path):
    asyncio.run(scenario(server, tmp_path))


def test_serve_rejects_a_bad_port():
    result = subprocess.run([BIN / "nn-by-hand", "serve", "--port", "http"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "nn-by-hand: --port: must be a whole number from 1 to 65535, got 'http'\n"
