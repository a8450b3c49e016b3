"""`make stress`: the whole suite, run after run, while two processes keep both cores busy.

    python -m tests.stress [RUNS]

Each run must pass, and leave nothing behind: no process the run started (the
app, tmux, Chromium, asciinema) still running, no file in the temporary folder
the run was given (its TMPDIR), and no new entry in the system's. Prints one
line per run and exits non-zero on the first failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MARK = "NN_BY_HAND_STRESS_RUN"
"""Environment variable set for each run; every process the suite starts inherits it,
so work done beside the stress run is never mistaken for something left behind."""


def hog() -> subprocess.Popen:
    """A process that spins on one core until killed."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def processes(run: int) -> set[str]:
    """Pid and command line of every running process that run `run` started."""
    mark = f"{MARK}={run}".encode()
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            words = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        found.add(f"{entry.name} {words.strip()}")
    return found


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    temporary = Path(tempfile.gettempdir())
    hogs = [hog(), hog()]
    try:
        for run in range(1, runs + 1):
            before_files = set(temporary.iterdir())
            # A folder of the run's own: pytest keeps its base folder (pytest-of-USER) there, not in the system's,
            # where the first run on a fresh machine would leave it as a new entry.
            given = Path(tempfile.mkdtemp(prefix=f"nn-by-hand-stress-{run}-"))
            start = time.monotonic()
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
            environment = {**os.environ, MARK: str(run), "TMPDIR": str(given)}
            result = subprocess.run(command, capture_output=True, text=True, env=environment)
            took = time.monotonic() - start
            deadline = time.monotonic() + 10  # processes the suite ended a moment ago may still be exiting
            while (left_processes := processes(run)) and time.monotonic() < deadline:
                time.sleep(0.2)
            left_files = {path for path in given.rglob("*") if not path.is_dir()}
            left_files |= set(temporary.iterdir()) - before_files - {given}
            shutil.rmtree(given, ignore_errors=True)
            summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
            left = f"left behind: {len(left_files)} files, {len(left_processes)} processes"
            print(f"run {run}/{runs}: {took:.0f} s, {summary}; {left}", flush=True)
            if result.returncode or left_files or left_processes:
                print(result.stdout[-5000:], *sorted(map(str, left_files)), *sorted(left_processes), sep="\n")
                return 1
    finally:
        for process in hogs:
            process.kill()
            process.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
