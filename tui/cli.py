"""The `nn-by-hand` command: options, validation, and which front end to start."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

# The engine's arrays are elementwise; OpenBLAS's thread pool would only slow numpy's import.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from model import ACTIVATIONS, PRESETS, Config, InputError, Run, Training, train  # after the setting above
from model.bundled import DATASETS
from model.config import RUN_OPTIONS
from model.edit import NESTING
from model.numbers import real, whole
from model.run import remedy
from model.text import printable, quoted
from model.training import Progress, finish, replay
from tui.files import new_session_file, writable
from tui.lessons import SHIPPED
from tui.session import SERVER_PID, SIZE_RANGE, SPEED_RANGE, Session

if TYPE_CHECKING:
    from tui.app import Debugger
    from tui.lesson import Lesson


PROG = "nn-by-hand"


class UsageError(Exception):
    """argparse's complaint, kept to one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _run_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("run")
    group.add_argument("--preset", help=f"built-in problem: {', '.join(PRESETS)} (default noisy)")
    group.add_argument("--lr", help="learning rate, a positive number")
    group.add_argument("--epochs", help="passes over the data, at least 1")
    group.add_argument("--seed", help="seed of the initial weights (default 42)")
    group.add_argument("--order", help="notebook (default) or simultaneous")
    group.add_argument("--activation", help=f"of H1 and H2: {', '.join(ACTIVATIONS)} (default linear)")
    group.add_argument("--bias", action="store_true", default=None, help="add biases b1, b2 (on H1, H2) and b3 (on ŷ)")
    group = parser.add_argument_group("generated data (make_regression)")
    group.add_argument("--random-state", dest="random_state", help="seed of the data (default 42)")
    group.add_argument("--samples", help="rows, at least 2 (default 100)")
    group.add_argument("--noise", help="noise standard deviation, 0 or more")
    group.add_argument("--informative", help="informative features: 0, 1 or 2")
    group = parser.add_argument_group("real data: your own file, or one scikit-learn ships (nothing is downloaded)")
    group.add_argument("--data", metavar="FILE.csv", help="CSV with two feature columns and a target")
    datasets = "; ".join(f"{name}: {d.summary}" for name, d in DATASETS.items())
    group.add_argument("--dataset", metavar="NAME", help=f"a dataset by name: {datasets}")
    group.add_argument(
        "--target",
        metavar="NAME",
        help="target column by name or number (default: a file's last column, a dataset's own target)",
    )
    group.add_argument(
        "--features",
        metavar="A,B",
        help="two feature columns by name or number (default: a file's first two others; "
        "for a dataset, the two most correlated with the target)",
    )
    group.add_argument("--skip-rows", dest="skip_rows", metavar="N", help="lines to skip first, e.g. 1 for scikit-learn's iris.csv")
    group.add_argument("--delimiter", help="comma, semicolon, tab or space (runs of spaces); detected when not given")
    group.add_argument("--standardize", action="store_true", default=None, help="scale each feature to mean 0, standard deviation 1")


def parser() -> argparse.ArgumentParser:
    """The full command line: the debugger by default, or a subcommand."""
    root = _Parser(prog=PROG, description="Step through backpropagation one micro-step at a time.")
    _run_options(root)
    _session_options(root)
    commands = root.add_subparsers(dest="command", metavar="{trace,serve}", parser_class=_Parser)
    trace = commands.add_parser("trace", help="print the run without a screen")
    _run_options(trace)
    trace.add_argument("--format", choices=("text", "jsonl", "csv"), default="text", help="output format (default text)")
    trace.add_argument("--every", choices=("sample", "epoch"), help="rows to keep with --format jsonl or csv (default sample)")
    trace.add_argument(
        "--edit",
        action="append",
        metavar='"EPOCH SAMPLE NAME=VALUE"',
        help='from the end of that sample on, change a parameter, lr or order, e.g. "2 17 w3=0.5" or "start lr=1e-3" '
        "(repeatable: each forks the run the one before made)",
    )
    serve = commands.add_parser("serve", help="serve the debugger to browsers, one session per tab")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only; 0.0.0.0: every interface)"
    )
    serve.add_argument("--port", default="8000", help="port to listen on (default 8000)")
    serve.add_argument("--lesson", metavar="NAME|FILE", help="lesson every session opens with")
    serve.add_argument("--transcripts", metavar="FOLDER", help="write each session's narration to a new file in FOLDER")
    serve.add_argument("--max-sessions", metavar="N", default="50", help="most debuggers running at once (default 50)")
    serve.add_argument(
        "--allow-host", metavar="NAME", action="append", help="also answer to this host name, e.g. teacher.local (repeatable)"
    )
    serve.add_argument("--allow-origin", metavar="URL", action="append", help="also accept websockets from pages at URL (repeatable)")
    serve.add_argument("--verbose", action="store_true", help="log every request")
    return root


def _session_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("teaching and recording")
    group.add_argument("--lesson", metavar="NAME|FILE", help=f"a lesson: {', '.join(SHIPPED)}, or a .toml file")
    group.add_argument("--theme", help="Textual theme, e.g. textual-light for a projector")
    group.add_argument("--keys", metavar='"KEYS"', help='key script played at the start, e.g. "s s e"')
    group.add_argument("--pace", metavar="SECONDS", help="seconds between scripted keys (default 0.6)")
    group.add_argument("--play", action="store_true", default=None, help="start playing (after the key script)")
    group.add_argument("--speed", metavar="N", help=f"micro-steps per second while playing, {SPEED_RANGE[0]} to {SPEED_RANGE[1]}")
    group.add_argument("--exit-at-end", action="store_true", default=None, help="quit when the run, or the key script, ends")
    group.add_argument("--transcript", metavar="FILE", help="write every narrated step to FILE as plain text")
    group.add_argument("--screenshot", metavar="PATH.svg", help="save the screen after --keys as SVG and exit; needs no terminal")
    group.add_argument("--size", metavar="WxH", help="screen size for --screenshot (default 120x40)")
    group = parser.add_argument_group("saved sessions")
    group.add_argument(
        "--save", metavar="FILE.json", help="write the session to FILE.json when the debugger exits (after --keys with --screenshot)"
    )
    group.add_argument("--force", action="store_true", default=None, help="let --save replace an existing file")
    group.add_argument("--resume", metavar="FILE.json", help="open a saved session as it was saved")


def config_of(args: argparse.Namespace, lesson: Lesson | None = None) -> Config:
    """Validate the run options into a Config: the lesson's, then the command line's on top."""
    options: dict[str, object] = {}
    if lesson is not None:
        try:
            Config.from_options(lesson.run)
        except InputError as error:  # say it in the file's terms: run.lr, not --lr
            where, _, problem = str(error).partition(": ")
            raise InputError(f"{lesson.source}: run.{where.removeprefix('--').replace('-', '_')}: {problem}") from None
        options.update(lesson.run)
    options.update({name: getattr(args, name) for name in RUN_OPTIONS if getattr(args, name, None) is not None})
    config = Config.from_options(options)
    if lesson is not None and lesson.initial is not None:
        config = config.starting_from(lesson.initial, f"{lesson.source}: initial")
    return config


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: the process's own); returns the exit status."""
    try:
        args = parser().parse_args(argv)
        if args.command is not None:
            gc.enable()  # only the debugger waits for its first frame (see `tui.__main__`)
        if args.command == "serve":
            from tui.serve import serve

            return serve(args)
        if args.command == "trace":
            return _trace(config_of(args), args)
        app = build(args)
        if not args.screenshot and not _has_terminal():
            raise InputError("the debugger needs a terminal to draw in; without one, try `nn-by-hand trace` or --screenshot FILE.svg")
        if args.screenshot:
            from tui.capture import capture

            status = capture(app, Path(args.screenshot), _size(args.size))
        else:
            from tui.paste import guard_pastes

            guard_pastes(web=app.session.served)
            app.run()
            status = app.return_code or 0
        if app.session.save is not None and status == 0:
            _save(app, app.session.save)
        return 128 + app.signalled if app.signalled else status
    except (UsageError, InputError) as error:
        return _fail(str(error))
    except OSError as error:  # a file the checks could not foresee: a full disk, a vanished folder
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        return 130


def _has_terminal() -> bool:
    """Whether the debugger can draw: in a terminal, or in a browser through `serve` (which talks to it over pipes)."""
    if SERVER_PID in os.environ:
        return True
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _fail(message: str) -> int:
    """Say what is wrong in one line, with nothing in it that a terminal would act on."""
    if sys.stderr is not None:  # with stderr closed too, the status alone says it
        print(f"{PROG}: {printable(message)}", file=sys.stderr)
    return 2


def build(args: argparse.Namespace | Sequence[str]) -> Debugger:
    """The debugger the command line asks for, every option checked before any screen opens."""
    if not isinstance(args, argparse.Namespace):
        args = parser().parse_args(args)
    if args.resume is not None:
        return _resumed(args)
    lesson = _lesson(args.lesson)
    config = config_of(args, lesson)
    _check_outputs(args, {"data": config.data, "lesson": _lesson_file(args.lesson)})
    # Bad data or sizes are reported before any screen opens; the first stretch of training is
    # all the first frame needs (a small run is done with it), a worker trains the rest. The
    # screens' modules are imported while other processes parse a large file.
    training = Training(config, config.load(meanwhile=_import_screens))
    run = training.advance()
    session = session_of(args, lesson, run)
    return _debugger(training, session)


def _import_screens() -> None:
    """Import the debugger's screens ahead of time: Textual's import alone takes a fifth of a second or more."""
    import tui.app  # noqa: F401


def _lesson(name: str | None) -> Lesson | None:
    if not name:
        return None
    from tui.lesson import load  # only lessons need the TOML reader

    return load(name)


def _lesson_file(name: str | None) -> str | None:
    """The lesson's file, if it is one of the user's (a shipped lesson is the package's)."""
    if not name:
        return None
    return name if name not in SHIPPED else None


def _check_outputs(args: argparse.Namespace, reads: dict[str, str | None]) -> None:
    """The files the session will write, checked before any is opened: none of them may be a file it reads.

    `reads` names each file read by what it is to the session. Only --save with
    --force may replace the session being resumed: saving it back is the point.
    """
    if args.size is not None:
        _size(args.size)
    if args.screenshot is not None:
        writable("--screenshot", args.screenshot, suffix=".svg")
    if args.transcript is not None:
        writable("--transcript", args.transcript, folders=True)
    if args.save is not None:
        new_session_file(args.save, "--save", bool(args.force))
    elif args.force:
        raise InputError("--force: only --save replaces a file, and --save is not given")
    for option in ("--screenshot", "--transcript", "--save"):
        written = getattr(args, option.removeprefix("--"))
        for source, read in reads.items():
            if option == "--save" and source == "resumed session":
                continue
            if written and read and _same_file(written, read):
                raise InputError(f"{option}: '{printable(written)}' is the {source} file, which this session reads; give another name")


def _same_file(a: str, b: str) -> bool:
    """Whether two names reach one file, through links of either kind."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one does not exist (yet), or cannot be named on this system
        return False


def _resumed(args: argparse.Namespace) -> Debugger:
    """The debugger of a saved session; only options about the session itself may come with --resume."""
    from tui.saved import load, rebuild

    given = [name for name in (*RUN_OPTIONS, "lesson") if getattr(args, name, None) is not None]
    if given:
        raise InputError(f"--resume: the saved session has its own run; --{given[0].replace('_', '-')} cannot change it")
    saved = load(Path(args.resume))
    data = saved.run.get("data")
    _check_outputs(
        args,
        {
            "resumed session": args.resume,
            "data": data if isinstance(data, str) else None,
            "lesson": _lesson_file(saved.lesson),
        },
    )
    training, ghosts, breakpoints = rebuild(saved, args.resume)
    try:
        lesson = _lesson(saved.lesson)
    except InputError as error:
        raise InputError(f"--resume: {printable(args.resume)}: lesson: {error}") from None
    session = session_of(args, lesson, training.run)
    # The saved state, not the lesson's start: its script and autoplay were played when the session began.
    session = replace(
        session,
        lesson=saved.lesson,
        breakpoints=breakpoints,
        log_scale=saved.log_scale,
        predict=saved.predict,
        speed=saved.speed,
        show={},
        keys=session.keys if args.keys is not None else (),
        play=bool(args.play),
        exit_at_end=bool(args.exit_at_end),
        restored=saved,
    )
    return _debugger(training, session, ghosts)


def _debugger(training: Training, session: Session, ghosts: list[tuple[Run, Training | None]] | None = None) -> Debugger:
    from tui.app import Debugger

    app = Debugger(training, session, ghosts)
    if session.theme and session.theme not in app.available_themes:
        raise InputError(f"--theme: unknown theme {quoted(session.theme)}; choose one of {', '.join(sorted(app.available_themes))}")
    return app


def session_of(args: argparse.Namespace, lesson: Lesson | None, run: Run) -> Session:
    """The session options: the lesson's, with the command line's on top."""
    base = Session() if lesson is None else lesson.session_for(run)
    changes: dict[str, object] = {
        "capture": bool(args.screenshot),
        "lesson": _lesson_name(args.lesson) if args.lesson else None,
        "served": SERVER_PID in os.environ,  # set by `serve` alone, for the apps it starts
        "force": bool(args.force),
    }
    if args.theme:
        changes["theme"] = args.theme
    if args.keys is not None:
        from tui.keys import parse_keys

        changes["keys"] = parse_keys(args.keys, "--keys")
    if args.pace is not None:
        changes["pace"] = _bounded("--pace", args.pace, float, 0, 60)
    if args.speed is not None:
        changes["speed"] = _bounded("--speed", args.speed, int, *SPEED_RANGE)
    if args.play:
        changes["play"] = True
    if args.exit_at_end:
        changes["exit_at_end"] = True
    if args.transcript is not None:
        changes["transcript"] = Path(args.transcript)  # checked with the other outputs
    if args.save is not None:
        changes["save"] = Path(args.save)
    return replace(base, **changes)


def _lesson_name(name: str) -> str:
    """A lesson as a saved session names it: a shipped one by name, a file by its absolute path."""
    return name if name in SHIPPED else str(Path(name).resolve())


def _save(app: Debugger, path: Path) -> None:
    try:
        app.main_screen.save_to(path)
    except FileExistsError:
        raise InputError(
            f"--save: '{printable(str(path))}' was made by someone else since the start; not replaced (--force would)"
        ) from None
    except OSError as error:
        raise InputError(f"--save: cannot write '{printable(str(path))}': {error.strerror}") from None


def _bounded(option: str, text: str, kind: type, low: float, high: float):
    value = whole(option, text, int(low), int(high)) if kind is int else real(option, text)
    if not low <= value <= high:
        raise InputError(f"{option}: must be from {low} to {high}, got {quoted(text)}")
    return value


def _size(text: str | None) -> tuple[int, int]:
    """--size WxH, within what the debugger can draw."""
    (low_w, low_h), (high_w, high_h) = SIZE_RANGE
    width, _, height = (text or "120x40").lower().partition("x")
    try:
        size = whole("--size", width, 1), whole("--size", height, 1)
    except InputError:
        raise InputError(f"--size: {quoted(text or '')} is not WIDTHxHEIGHT, e.g. 120x40") from None
    if not (low_w <= size[0] <= high_w and low_h <= size[1] <= high_h):
        raise InputError(f"--size: must be from {low_w}x{low_h} to {high_w}x{high_h}, got {quoted(text or '')}")
    return size


def _trace(config: Config, args: argparse.Namespace) -> int:
    """Train and print; on a terminal, stderr shows how far training and writing have got."""
    from tui.progress import TerminalBar

    if sys.stdout is None:  # started with its output closed (`>&-`): Python has no stream to print to
        raise InputError("trace: standard output is closed; send it to a file or a pipe")
    if args.every and args.format == "text":
        raise InputError("--every: chooses the rows of --format jsonl or csv; the text format always shows each epoch's end")
    if len(args.edit or ()) > NESTING:  # each edit keeps arrays as large as the whole run
        raise InputError(f"--edit: at most {NESTING} edits, each forking the run the one before made; got {len(args.edit)}")
    bar = TerminalBar(sys.stderr) if sys.stderr is not None and sys.stderr.isatty() else None
    try:
        run = train(config, progress=bar)
        for text in args.edit or ():
            run = _edited(run, text, bar)
        _print_trace(run, args, bar)
    finally:
        if bar is not None:
            bar.close()
    if run.divergence:
        try:
            print(f"{PROG}: {run.divergence}; try {remedy(run.config, run.data)}", file=sys.stderr, flush=True)
        except BrokenPipeError:  # stderr was the pipe the reader closed (`2>&1 | head`): the status still says it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())
        return 3
    return 0


def _edited(run: Run, text: str, bar: Progress | None) -> Run:
    """The run that an --edit makes of `run`, trained to its end."""
    try:
        training = replay(run, text)
    except InputError as error:
        raise InputError(f"--edit: {error}") from None
    return finish(training, bar)


def _print_trace(run: Run, args: argparse.Namespace, bar: Progress | None) -> None:
    from tui.trace import write

    try:
        write(run, args.format, args.every or "sample", sys.stdout, progress=bar)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (e.g. `| head`): nothing more to print, and nothing to complain of
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the flush at exit cannot fail again
    except OSError as error:
        raise InputError(f"trace: cannot write the output: {error.strerror}") from None
