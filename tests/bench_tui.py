"""The debugger's speed and memory against a bare Textual app, measured in one run (`make bench`)."""

from __future__ import annotations

import asyncio
import itertools
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from model import Config, Network, train
from tests.bare_app import Bare
from tui.app import Debugger

BIN = Path(sys.executable).parent
_SESSIONS = itertools.count()
Tmux = tuple[str, ...]
"""The tmux command, with the socket of the bench's own server."""


async def _in_process(app, presses: int) -> list[float]:
    """Seconds from each `n` to the next frame the app hands to its driver."""
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        painted = asyncio.Event()
        display = app._display  # the one place a finished frame leaves the app

        def hooked(screen, renderable) -> None:
            display(screen, renderable)
            painted.set()

        app._display = hooked
        holder = app.main_screen if isinstance(app, Debugger) else app  # whichever holds the binding of n
        for _ in range(presses):
            await asyncio.sleep(0.02)  # let the previous frame settle, as between real key presses
            painted.clear()
            start = time.perf_counter()
            await holder.run_action("next")
            await asyncio.wait_for(painted.wait(), 5)
            times.append(time.perf_counter() - start)
    return times


def in_process() -> None:
    run = train(Config.of("noisy"))
    debugger = statistics.median(asyncio.run(_in_process(Debugger(run), 200)))
    bare = statistics.median(asyncio.run(_in_process(Bare(), 200)))
    print("one micro-step, key to repainted screen, in-process at 120x40 (median of 200)")
    print(f"  debugger {debugger * 1e3:6.2f} ms   bare app {bare * 1e3:6.2f} ms   ratio {debugger / bare:.2f} (target: at most 16 ms)")


def _screen(tmux: Tmux, session: str) -> str:
    return subprocess.run([*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def _until(tmux: Tmux, session: str, words: str, timeout: float = 30) -> float:
    start = time.perf_counter()
    while words not in _screen(tmux, session):
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"{words!r} did not appear")
        time.sleep(0.002)
    return time.perf_counter() - start


def _open_pane(tmux: Tmux, session: str) -> None:
    """A 120×40 pane waiting for a command, so the timed launch starts at the right size."""
    for _ in range(20):  # the previous session's tmux server may still be shutting down
        made = subprocess.run([*tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", "sleep 600"], capture_output=True)
        if made.returncode == 0:
            return
        time.sleep(0.1)
    raise RuntimeError(f"tmux could not open a session: {made.stderr.decode().strip()}")


def _terminal(
    tmux: Tmux, command: list[str], first: str, after_key: Callable[[int], str], keys: int = 20
) -> tuple[float, list[float], int]:
    session = f"bench-{os.getpid()}-{next(_SESSIONS)}"
    _open_pane(tmux, session)
    start = time.perf_counter()
    subprocess.run([*tmux, "respawn-pane", "-k", "-t", session, shlex.join(command)], check=True)
    try:
        _until(tmux, session, first)
        launch = time.perf_counter() - start
        times = []
        for i in range(1, keys + 1):
            begin = time.perf_counter()
            subprocess.run([*tmux, "send-keys", "-t", session, "n"], check=True)
            _until(tmux, session, after_key(i))
            times.append(time.perf_counter() - begin)
        pid = subprocess.run([*tmux, "list-panes", "-t", session, "-F", "#{pane_pid}"], capture_output=True, text=True).stdout
        rss = _rss_kb(int(pid.split()[0]))
    finally:
        subprocess.run([*tmux, "kill-session", "-t", session], capture_output=True)
    return launch, times, rss


def _rss_kb(pid: int) -> int:
    """Resident memory of `pid` and its children, in kB."""
    total = 0
    pids = [pid, *map(int, subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split())]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def real_terminal() -> None:
    if not shutil.which("tmux"):
        print("real terminal: tmux is not installed; skipped")
        return

    phases = Network().phases

    def debugger_after(i: int) -> str:
        return f"sample {(i - 1) // len(phases)}/100 · {phases[(i - 1) % len(phases)]} ·"

    launches, bare_launches, keys, bare_keys = [], [], [], []
    # A tmux server of the bench's own (never the user's), its socket in a folder removed afterwards.
    with tempfile.TemporaryDirectory(prefix="nn-by-hand-bench-") as folder:
        tmux = ("tmux", "-S", str(Path(folder) / "socket"))
        for _ in range(5):
            launch, times, rss = _terminal(tmux, [str(BIN / "nn-by-hand")], "RMSE 131.8235", debugger_after)
            launches.append(launch)
            keys += times
            bare_launch, bare_times, _ = _terminal(tmux, [sys.executable, "-m", "tests.bare_app"], "count 0", lambda i: f"count {i}")
            bare_launches.append(bare_launch)
            bare_keys += bare_times
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    launch, bare_launch = statistics.median(launches), statistics.median(bare_launches)
    key, bare_key = statistics.median(keys), statistics.median(bare_keys)
    print("real terminal (tmux, 120x40), medians of 5 launches and 100 keys")
    print(f"  launch to first frame   debugger {launch:.2f} s   bare app {bare_launch:.2f} s", end="")
    print(f"   ratio {launch / bare_launch:.2f} (target: at most 1.5)")
    print(f"  key to screen           debugger {key * 1e3:.1f} ms   bare app {bare_key * 1e3:.1f} ms", end="")
    print(f"   ratio {key / bare_key:.2f} (target: at most 3)")
    print(f"  RSS of the default run  {rss / 1024:.0f} MB (target: at most 150 MB)")
