"""The installed command in a real pseudo-terminal (tmux): press s, read the RMSE off the screen."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model import train
from tui.cli import config_of, parser
from tui.lesson import SHIPPED, load
from tui.widgets.status import status_line

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


def start(session: str, command: str) -> None:
    """Run `command` in a new 120×40 tmux pane, sized before the command starts."""
    for _ in range(20):  # a tmux server that is just shutting down refuses new sessions for a moment
        if subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", "sleep 60"]).returncode == 0:
            break
        time.sleep(0.1)
    subprocess.run(["tmux", "respawn-pane", "-k", "-t", session, command], check=True)


@pytest.mark.skipif(not shutil.which("tmux") and not os.environ.get("CI"), reason="tmux is not installed")
def test_pressing_s_in_a_real_terminal_shows_the_first_rmse():
    session = f"nn-by-hand-test-{os.getpid()}"
    start(session, str(COMMAND))
    try:
        wait_for(session, "RMSE 131.8235")
        subprocess.run(["tmux", "send-keys", "-t", session, "s"], check=True)
        shown = wait_for(session, "RMSE 131.8068")
        assert "sample 0/100 · w4" in shown
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


@pytest.mark.skipif(not shutil.which("tmux") and not os.environ.get("CI"), reason="tmux is not installed")
@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_lesson_plays_to_its_end_and_shows_every_note(tmp_path, name):
    lesson = load(name)
    session = f"nn-by-hand-lesson-{name}-{os.getpid()}"
    done = tmp_path / "status"
    command = f"{COMMAND} --lesson {name} --pace 0.05 --exit-at-end --transcript {tmp_path / 't.txt'}; echo $? > {done}"
    start(session, command)
    try:
        deadline = time.monotonic() + 60
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    transcript = (tmp_path / "t.txt").read_text()
    for note in lesson.notes:
        assert note.text in transcript, f"{name}: the note at {note.at} was never shown"
    run = train(config_of(parser().parse_args(["--lesson", name]), lesson))
    last = status_line(run, run.at(run.positions - 1))
    assert transcript.rstrip().split("\n\n")[-1].startswith(f"[{last}]"), f"{name}: the script did not reach the end of the run"


@pytest.mark.skipif(not shutil.which("tmux") and not os.environ.get("CI"), reason="tmux is not installed")
def test_the_app_quits_when_its_terminal_closes_even_under_make(tmp_path):
    # Under make the closed terminal's SIGHUP goes to make, not to the app.
    pid_file = tmp_path / "pid"
    (tmp_path / "Makefile").write_text(f"run:\n\techo $$$$ > {pid_file}; exec {COMMAND}\n")
    session = f"nn-by-hand-hangup-{os.getpid()}"
    start(session, f"make -s -C {tmp_path} run")
    try:
        wait_for(session, "RMSE 131.8235")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists(), "the app outlived its terminal"
