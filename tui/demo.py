"""`make demo`: record the debugger with asciinema in a real pseudo-terminal, with a marker at each epoch.

    python -m tui.demo screenshots/demo.cast --lesson noisy --exit-at-end

asciinema runs inside a detached tmux session of the recorded size, so no
terminal is needed. Afterwards one "m" (marker) event is added where each
epoch first shows on the status line, so a player can jump between epochs.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

SIZE = (120, 40)
"""Columns and rows of the recording."""
TIMEOUT = 600
"""Seconds a recording may take."""
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
_EPOCH = re.compile(r"epoch (\d+)/\d+ · sample")


def record(cast: Path, argv: list[str], size: tuple[int, int] = SIZE) -> None:
    """Record `nn-by-hand argv` into `cast` (asciicast v2), then mark the epochs."""
    for tool in ("asciinema", "tmux"):
        if not shutil.which(tool):
            raise SystemExit(f"demo: {tool} is not installed (Debian package {tool})")
    command = shlex.join([str(Path(sys.executable).parent / "nn-by-hand"), *argv])
    session = f"demo-{os.getpid()}"
    cols, rows = map(str, size)
    recorder = shlex.join(["asciinema", "rec", "--overwrite", "-q", "--cols", cols, "--rows", rows, "-c", command, str(cast)])
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", cols, "-y", rows, recorder], check=True)
    start = time.monotonic()
    while subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0:
        if time.monotonic() - start > TIMEOUT:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
            raise SystemExit(f"demo: the recording took longer than {TIMEOUT} s; does the command end (--exit-at-end)?")
        time.sleep(0.2)
    mark_epochs(cast)


def mark_epochs(cast: Path) -> list[str]:
    """Insert a marker event where each epoch first appears on screen; returns the labels."""
    header, *events = cast.read_text(encoding="utf-8").splitlines()
    out, labels, seen = [header], [], 0
    for line in events:
        time_, kind, data = json.loads(line)
        if kind == "o":
            for epoch in map(int, _EPOCH.findall(_ESCAPES.sub("", data))):
                if epoch > seen:
                    seen = epoch
                    labels.append(f"epoch {epoch}")
                    out.append(json.dumps([time_, "m", f"epoch {epoch}"]))
        out.append(line)
    cast.write_text("\n".join(out) + "\n", encoding="utf-8")
    return labels


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit("usage: python -m tui.demo OUT.cast [nn-by-hand options]")
    cast = Path(sys.argv[1])
    record(cast, sys.argv[2:])
    print(cast)


if __name__ == "__main__":
    main()
