"""The installed command in a real pseudo-terminal (tmux): press s, read the RMSE off the screen."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).parent / "nn-by-hand"


def screen(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def wait_for(session: str, words: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(session)
        if words in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{words!r} never appeared; the screen was:\n{screen(session)}")


@pytest.mark.skipif(not shutil.which("tmux") and not os.environ.get("CI"), reason="tmux is not installed")
def test_pressing_s_in_a_real_terminal_shows_the_first_rmse():
    session = f"nn-by-hand-test-{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", str(COMMAND)], check=True)
    try:
        wait_for(session, "RMSE 131.8235")
        subprocess.run(["tmux", "send-keys", "-t", session, "s"], check=True)
        shown = wait_for(session, "RMSE 131.8068")
        assert "sample 0/100 · w4" in shown
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
