"""`make demo`: record the debugger with asciinema in a real pseudo-terminal, with a marker at each epoch.

    python -m tui.frontends.demo screenshots/demo.cast --lesson noisy --exit-at-end

asciinema runs inside a detached tmux session of the recorded size, so no
terminal is needed. Afterwards the cast is finished: one "m" (marker) event
is added where each epoch's end first shows on the status line, so a player
can jump between them, and the last frame is held for LAST_FRAME_HELD seconds before the
app leaves the alternate screen, so a player does not end on a blank screen.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from model import Network
from tui.formats.files import write_atomic

SIZE = (120, 40)
"""Columns and rows of the recording."""
TIMEOUT = 600
"""Seconds a recording may take."""
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
_LAST = "|".join(sorted({Network(bias=bias).phases[-1] for bias in (False, True)}))
_EPOCH_END = re.compile(rf"epoch (\d+)/\d+ · sample (\d+)/(\d+) · (?:{_LAST}) ")
"""The status line at an epoch's last micro-step (its sample is the last row)."""
LAST_FRAME_HELD = 3.0
"""Seconds the last frame stays before the recording leaves the alternate screen."""
_LEAVE = "\x1b[?1049l"
"""What a full-screen app writes as it exits: back to the terminal's normal screen."""


def record(cast: Path, argv: list[str], size: tuple[int, int] = SIZE) -> None:
    """Record `nn-by-hand argv` into `cast` (asciicast v2), then mark the epochs."""
    for tool in ("asciinema", "tmux"):
        if not shutil.which(tool):
            raise SystemExit(f"demo: {tool} is not installed (Debian package {tool})")
    command = shlex.join([str(Path(sys.executable).parent / "nn-by-hand"), *argv])
    session = f"demo-{os.getpid()}"
    cols, rows = map(str, size)
    recorder = shlex.join(["asciinema", "rec", "--overwrite", "-q", "--cols", cols, "--rows", rows, "-c", command, str(cast)])
    # A server of its own, which ends with the recording; its socket in a folder removed afterwards (tmux leaves it).
    with tempfile.TemporaryDirectory(prefix="nn-by-hand-demo-") as folder:
        tmux = ("tmux", "-S", str(Path(folder) / "socket"))
        subprocess.run([*tmux, "new-session", "-d", "-s", session, "-x", cols, "-y", rows, recorder], check=True)
        start = time.monotonic()
        while subprocess.run([*tmux, "has-session", "-t", session], capture_output=True).returncode == 0:
            if time.monotonic() - start > TIMEOUT:
                subprocess.run([*tmux, "kill-server"], capture_output=True)
                raise SystemExit(f"demo: the recording took longer than {TIMEOUT} s; does the command end (--exit-at-end)?")
            time.sleep(0.2)
    finish(cast)


def finish(cast: Path) -> list[str]:
    """Mark where each epoch's end first shows, and hold the last frame; returns the marker labels."""
    header, *lines = cast.read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    labels, done = [], 0
    marked = []
    carried = ""  # the end of the output before: a status line may be written in two pieces
    for time_, kind, data in events:
        if kind == "o":
            window, carried = carried + data, data[-400:]
            for epoch, sample, rows in _EPOCH_END.findall(_ESCAPES.sub("", window)):
                if int(epoch) > done and int(sample) == int(rows) - 1:
                    done = int(epoch)
                    labels.append(f"end of epoch {done}")
                    marked.append([time_, "m", labels[-1]])
        marked.append([time_, kind, data])
    exits = [i for i, (_, kind, data) in enumerate(marked) if kind == "o" and _LEAVE in data]
    if exits and exits[-1] > 0:
        last = exits[-1]
        late = marked[last - 1][0] + LAST_FRAME_HELD - marked[last][0]
        for event in marked[last:]:
            event[0] = round(event[0] + max(late, 0.0), 6)
    write_atomic(cast, "\n".join([header, *(json.dumps(e, ensure_ascii=False) for e in marked)]) + "\n")
    return labels


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit("usage: python -m tui.frontends.demo OUT.cast [nn-by-hand options]")
    cast = Path(sys.argv[1])
    record(cast, sys.argv[2:])
    print(cast)


if __name__ == "__main__":
    main()
