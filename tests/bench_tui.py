"""The debugger's speed and memory against a bare Textual app, measured in one run (`make bench`)."""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from model import Config, Network, train
from tests.bare_app import Bare
from tui.app.debugger import Debugger

BIN = Path(sys.executable).parent
_SESSIONS = itertools.count()
LAUNCHES = 21
"""Launches of the debugger and of the bare app in `real_terminal`."""
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
    tmux: Tmux, command: list[str], first: str, after_key: Callable[[int], str], keys: int = 20, end: str | None = None
) -> tuple[float, list[float], int, float]:
    """Launch to `first` on screen, then `keys` presses of n, each until `after_key(i)` shows; then, given `end`, the
    time from the end key until `end` shows. Returns those times and the peak resident memory in kB."""
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
        to_end = 0.0
        if end is not None:
            begin = time.perf_counter()
            subprocess.run([*tmux, "send-keys", "-t", session, "End"], check=True)
            _until(tmux, session, end, timeout=120)
            to_end = time.perf_counter() - begin
        pid = subprocess.run([*tmux, "list-panes", "-t", session, "-F", "#{pane_pid}"], capture_output=True, text=True).stdout
        peak = _memory_kb(int(pid.split()[0]), "VmHWM")
    finally:
        subprocess.run([*tmux, "kill-session", "-t", session], capture_output=True)
    return launch, times, peak, to_end


def _memory_kb(pid: int, field: str = "VmRSS") -> int:
    """A memory figure of /proc/PID/status (resident now, or VmHWM: the peak) of `pid` and its children, in kB."""
    total = 0
    pids = [pid, *map(int, subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split())]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                total += int(line.split()[1])
    return total


def _after(rows: int) -> Callable[[int], str]:
    """What the status line says after the i-th n of a run over `rows` samples."""
    phases = Network().phases
    return lambda i: f"sample {(i - 1) // len(phases)}/{rows} · {phases[(i - 1) % len(phases)]} ·"


def real_terminal() -> None:
    if not shutil.which("tmux"):
        print("real terminal: tmux is not installed; skipped")
        return

    runs: dict[str, tuple[list[str], str, Callable[[int], str]]] = {
        "debugger": ([str(BIN / "nn-by-hand")], "RMSE 131.8235", _after(100)),
        "bare app": ([sys.executable, "-m", "tests.bare_app"], "count 0", lambda i: f"count {i}"),
    }
    launches: dict[str, list[float]] = {name: [] for name in runs}
    keys: dict[str, list[float]] = {name: [] for name in runs}
    peak = 0
    # A tmux server of the bench's own (never the user's), its socket in a folder removed afterwards.
    with tempfile.TemporaryDirectory(prefix="nn-by-hand-bench-") as folder:
        tmux = ("tmux", "-S", str(Path(folder) / "socket"))
        for i in range(LAUNCHES):
            # In pairs, back to back, each first in turn: this machine's speed drifts from one second to the next.
            for name in sorted(runs, reverse=bool(i % 2)):
                launch, times, rss, _ = _terminal(tmux, *runs[name], keys=5)
                launches[name].append(launch)
                keys[name] += times
                if name == "debugger":
                    peak = max(peak, rss)
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    launch, bare_launch = (statistics.median(launches[name]) for name in runs)
    paired = statistics.median(a / b for a, b in zip(*launches.values()))
    key, bare_key = (statistics.median(keys[name]) for name in runs)
    print(f"real terminal (tmux, 120x40), medians of {LAUNCHES} launches each, in pairs, and of {len(keys['debugger'])} keys")
    print(f"  launch to first frame   debugger {launch:.3f} s   bare app {bare_launch:.3f} s", end="")
    print(f"   ratio {paired:.2f}, the median of the pairs' (target: at most 1.5); of the medians {launch / bare_launch:.2f}")
    print(f"  key to screen           debugger {key * 1e3:.1f} ms   bare app {bare_key * 1e3:.1f} ms", end="")
    print(f"   ratio {key / bare_key:.2f} (target: at most 3)")
    print(f"  peak RSS of the default run  {peak / 1024:.0f} MB (target: at most 150 MB)")


HEADLESS_FIRST_FRAME = """
import gc, sys
gc.disable()  # as the command does until its first frame (see tui.__main__)
from textual.app import App
shown = App._display
def display(app, screen, renderable):
    shown(app, screen, renderable)
    app.exit()
App._display = display
if sys.argv[1] == "bare":
    from tests.bare_app import Bare
    app = Bare()
else:
    from tui.frontends.cli import build
    app = build([])
app.run(headless=True, size=(120, 40))
"""
"""Starts an app, headless, and quits as its first frame is drawn."""


def _instructions(which: str) -> subprocess.Popen[str]:
    """callgrind counting the instructions of a headless launch of `which` ("debugger" or "bare") to its first frame."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", HEADLESS_FIRST_FRAME, which]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def instructions() -> None:
    """The launch to the first frame counted in instructions: a figure that this machine's swings in speed do not move."""
    if not shutil.which("valgrind"):
        print("instructions to the first frame: valgrind is not installed; skipped")
        return
    counted = {}
    runs = {which: _instructions(which) for which in ("debugger", "bare")}  # side by side: each takes half a minute
    said = {which: run.communicate()[1] for which, run in runs.items()}
    for which, run in runs.items():
        found = re.search(r"Collected : (\d+)", said[which])
        if run.returncode or found is None:
            print(f"instructions to the first frame: the {which} run failed under valgrind; skipped")
            return
        counted[which] = int(found.group(1))
    debugger, bare = counted["debugger"], counted["bare"]
    print("instructions to the first frame, headless at 120x40, under callgrind (the same from run to run within about 1%)")
    print(f"  debugger {debugger / 1e6:,.0f} M   bare app {bare / 1e6:,.0f} M   ratio {debugger / bare:.2f}")


def large_runs() -> None:
    """First frames, keys and `end` of large runs in a real terminal, against the default run and the bare app."""
    if not shutil.which("tmux"):
        print("large runs: tmux is not installed; skipped")
        return
    with tempfile.TemporaryDirectory(prefix="nn-by-hand-bench-") as folder:
        tmux = ("tmux", "-S", str(Path(folder) / "socket"))
        data = Path(folder) / "million.csv"
        rs = np.random.RandomState(0)
        x = rs.randn(1_000_000, 2)
        np.savetxt(
            data, np.column_stack([x, x @ [3.0, -2.0] + rs.randn(1_000_000)]), fmt="%.17g", delimiter=",", header="a,b,y", comments=""
        )
        nn = str(BIN / "nn-by-hand")
        runs = {
            "default (100 rows)": ([nn], 100, None),
            "20,000 rows, 5 epochs": ([nn, "--samples", "20000", "--epochs", "5", "--lr", "1e-5"], 20_000, None),
            "1,000,000-row CSV": ([nn, "--data", str(data), "--epochs", "1", "--lr", "1e-3"], 1_000_000, "sample 999999/1000000 · w4 ·"),
        }
        found: dict[str, list[tuple[float, list[float], int, float]]] = {name: [] for name in runs}
        bare = []
        for _ in range(3):
            for name, (command, rows, end) in runs.items():
                found[name].append(_terminal(tmux, command, "start · RMSE", _after(rows), keys=10, end=end))
            bare.append(_terminal(tmux, [sys.executable, "-m", "tests.bare_app"], "count 0", lambda i: f"count {i}", keys=10))
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    bare_key = statistics.median(t for b in bare for t in b[1])
    default_launch = statistics.median(f[0] for f in found["default (100 rows)"])
    print("large runs in a real terminal (tmux, 120x40), medians of 3 launches and 30 keys each, training behind the first frame")
    for name, results in found.items():
        launch = statistics.median(r[0] for r in results)
        key = statistics.median(t for r in results for t in r[1])
        peak = max(r[2] for r in results) / 1024
        print(f"  {name:<22} first frame {launch:5.2f} s ({launch / default_launch:.2f}x default)", end="")
        print(f"   key {key * 1e3:5.1f} ms ({key / bare_key:.2f}x bare)   peak RSS {peak:4.0f} MB", end="")
        print(f"   end {statistics.median(r[3] for r in results):5.2f} s" if runs[name][2] else "")
    print("  targets: 20,000 rows at most 1.5x default; 1,000,000 rows first frame under 2 s, end under 10 s, at most 500 MB;")
    print("           keys at most 3x the bare app's at every size")
