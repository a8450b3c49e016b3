"""`make stress`: the whole suite, run after run, while two processes keep both cores busy.

    python -m tests.stress [RUNS]

Each run must pass, and leave nothing behind: no new entry in the temporary
folder and no process of ours (the app, tmux, Chromium, asciinema) still
running. Prints one line per run and exits non-zero on the first failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OURS = ("nn-by-hand", "tui", "tmux", "chromium", "asciinema")
"""Command-line words that mark a process the tests start."""


def hog() -> subprocess.Popen:
    """A process that spins on one core until killed."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def processes() -> set[tuple[int, str]]:
    """(pid, command line) of every running process the tests could have started."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            words = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if any(word in words for word in OURS) and "tests.stress" not in words:
            found.add((int(entry.name), words.strip()))
    return found


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    temporary = Path(tempfile.gettempdir())
    hogs = [hog(), hog()]
    try:
        for run in range(1, runs + 1):
            before_files, before_processes = set(temporary.iterdir()), processes()
            start = time.monotonic()
            result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], capture_output=True, text=True)
            took = time.monotonic() - start
            deadline = time.monotonic() + 10  # processes the suite ended a moment ago may still be exiting
            while (left_processes := processes() - before_processes) and time.monotonic() < deadline:
                time.sleep(0.2)
            left_files = set(temporary.iterdir()) - before_files
            summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
            left = f"left behind: {len(left_files)} files, {len(left_processes)} processes"
            print(f"run {run}/{runs}: {took:.0f} s, {summary}; {left}", flush=True)
            if result.returncode or left_files or left_processes:
                print(result.stdout[-5000:], *sorted(map(str, left_files)), *sorted(p for _, p in left_processes), sep="\n")
                return 1
    finally:
        for process in hogs:
            process.kill()
            process.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
