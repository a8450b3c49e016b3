"""The installed command in a real pseudo-terminal (tmux): press s, read the RMSE off the screen."""

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from model import train
from tui.app.widgets.status import status_line
from tui.formats.lesson import load_lesson
from tui.formats.lessons import SHIPPED
from tui.frontends.options import parser
from tui.frontends.start import config_of

COMMAND = Path(sys.executable).parent / "nn-by-hand"


@pytest.fixture(scope="module")
def tmux(tmp_path_factory) -> Iterator[tuple[str, ...]]:
    """tmux on a server of this module's own, its socket in a temporary folder: tests running side by side never
    share, or shut down, one server, and no socket is left behind (tmux does not remove its own)."""
    command = ("tmux", "-S", str(tmp_path_factory.mktemp("tmux") / "socket"))
    yield command
    subprocess.run([*command, "kill-server"], capture_output=True)


def screen(tmux: tuple[str, ...], session: str) -> str:
    return subprocess.run([*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def wait_for(tmux: tuple[str, ...], session: str, *words: str, timeout: float = 30) -> str:
    """The pane's text once every one of `words` shows in it (a frame may be captured half written: poll again)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(tmux, session)
        if all(word in shown for word in words):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{words!r} never appeared together; the screen was:\n{screen(tmux, session)}")


def start(tmux: tuple[str, ...], session: str, command: str) -> None:
    """Run `command` in a new 120×40 tmux pane, sized before the command starts."""
    for _ in range(20):  # a tmux server that is just shutting down refuses new sessions for a moment
        if subprocess.run([*tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", "sleep 60"]).returncode == 0:
            break
        time.sleep(0.1)
    subprocess.run([*tmux, "respawn-pane", "-k", "-t", session, command], check=True)


@pytest.mark.skipif(not shutil.which("tmux") and not os.environ.get("CI"), reason="tmux is not installed")
def test_pressing_s_in_a_real_terminal_shows_the_first_rmse(tmux):
    session = f"nn-by-hand-test-{os.getpid()}"
    start(tmux, session, str(COMMAND))
    try:
        wait_for(tmux, session, "RMSE 131.8235")
        subprocess.run([*tmux, "send-keys", "-t", session, "s"], check=True)
        wait_for(tmux, session, "RMSE 131.8068", "sample 0/100 · w4", "? Help", "q Quit")
    finally:
        subprocess.run([*tmux, "kill-session", "-t", session], capture_output=True)


@pytest.mark.skipif(not shutil.which("tmux") and not os.environ.get("CI"), reason="tmux is not installed")
@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_lesson_plays_to_its_end_and_shows_every_note(tmux, tmp_path, name):
    lesson = load_lesson(name)
    session = f"nn-by-hand-lesson-{name}-{os.getpid()}"
    done = tmp_path / "status"
    command = f"{COMMAND} --lesson {name} --pace 0.05 --exit-at-end --transcript {tmp_path / 't.txt'}; echo $? > {done}"
    start(tmux, session, command)
    try:
        deadline = time.monotonic() + 60
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.read_text().strip() == "0"
    finally:
        subprocess.run([*tmux, "kill-session", "-t", session], capture_output=True)
    transcript = (tmp_path / "t.txt").read_text()
    for note in lesson.notes:
        assert note.text in transcript, f"{name}: the note at {note.at} was never shown"
    run = train(config_of(parser().parse_args(["--lesson", name]), lesson))
    last = status_line(run, run.at(run.positions - 1))
    assert transcript.rstrip().split("\n\n")[-1].startswith(f"[{last}]"), f"{name}: the script did not reach the end of the run"


@pytest.mark.skipif(not shutil.which("tmux") and not os.environ.get("CI"), reason="tmux is not installed")
def test_the_app_quits_when_its_terminal_closes_even_under_make(tmux, tmp_path):
    # Under make the closed terminal's SIGHUP goes to make, not to the app.
    pid_file = tmp_path / "pid"
    (tmp_path / "Makefile").write_text(f"run:\n\techo $$$$ > {pid_file}; exec {COMMAND}\n")
    session = f"nn-by-hand-hangup-{os.getpid()}"
    start(tmux, session, f"make -s -C {tmp_path} run")
    try:
        wait_for(tmux, session, "RMSE 131.8235")
    finally:
        subprocess.run([*tmux, "kill-session", "-t", session], capture_output=True)
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists(), "the app outlived its terminal"


@pytest.mark.skipif(not shutil.which("tmux") and not os.environ.get("CI"), reason="tmux is not installed")
@pytest.mark.parametrize("ending", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_ends_the_app_cleanly_and_keeps_its_save(tmux, tmp_path, ending):
    # Rule: whichever signal ends it, the terminal is given back as it was (main screen, no mouse tracking),
    # --save is written at the step on screen, and the exit status is 128 + the signal's number, as a shell's.
    number = getattr(signal, ending)
    pid_file, status_file, saved = tmp_path / "pid", tmp_path / "status", tmp_path / "s.json"
    session = f"nn-by-hand-{ending}-{os.getpid()}"
    # A small parent that reports the app's own pid and exit status (a negative one if a signal killed it).
    parent = (
        "import subprocess, sys; p = subprocess.Popen(sys.argv[3:]); "
        "open(sys.argv[1], 'w').write(str(p.pid)); open(sys.argv[2], 'w').write(str(p.wait()))"
    )
    start(tmux, session, shlex.join([sys.executable, "-c", parent, str(pid_file), str(status_file), str(COMMAND), "--save", str(saved)]))
    try:
        subprocess.run([*tmux, "set-option", "-t", session, "remain-on-exit", "on"], check=True)
        wait_for(tmux, session, "RMSE 131.8235")
        subprocess.run([*tmux, "send-keys", "-t", session, "s"], check=True)
        wait_for(tmux, session, "sample 0/100 · w4")
        os.kill(int(pid_file.read_text()), number)
        deadline = time.monotonic() + 20
        while pane(tmux, session, "pane_dead") != "1" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status_file.read_text() == str(128 + number)
        assert pane(tmux, session, "alternate_on") == "0", "the terminal was left in the alternate screen"
        assert pane(tmux, session, "mouse_any_flag") == "0" and pane(tmux, session, "mouse_sgr_flag") == "0", "mouse tracking left on"
        assert json.loads(saved.read_text())["position"] == 7, "the save is not the step on screen (the end of sample 0)"
    finally:
        subprocess.run([*tmux, "kill-session", "-t", session], capture_output=True)


def pane(tmux: tuple[str, ...], session: str, flag: str) -> str:
    """One of tmux's format variables for the session's pane (see FORMATS in tmux(1))."""
    return subprocess.run([*tmux, "display-message", "-p", "-t", session, f"#{{{flag}}}"], capture_output=True, text=True).stdout.strip()
