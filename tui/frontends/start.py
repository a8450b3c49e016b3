"""From options (or a lesson, or a saved session) to a debugger, every option checked before any screen opens."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model import Config, InputError, Run, Training
from model.networks import SHIPPED as SHIPPED_NETWORKS
from model.numbers import real, whole
from model.options import RUN_OPTIONS
from model.text import printable, quoted
from tui.formats.files import new_session_file, writable
from tui.formats.lessons import SHIPPED
from tui.frontends.options import parser
from tui.records.session import PACE_RANGE, SERVED_BY, SIZE_RANGE, SPEED_RANGE, Session

if TYPE_CHECKING:
    from tui.app.debugger import Debugger
    from tui.formats.lesson import Lesson


def config_of(args: argparse.Namespace, lesson: Lesson | None = None) -> Config:
    """Validate the run options into a Config: the lesson's, then the command line's on top."""
    options: dict[str, object] = {}
    if lesson is not None:
        try:
            Config.from_options(lesson.run, name=lambda key: f"run.{key}")  # in the file's terms: run.lr, not --lr
        except InputError as error:
            raise InputError(f"{lesson.source}: {error}") from None
        options.update(lesson.run)
    options.update({name: getattr(args, name) for name in RUN_OPTIONS if getattr(args, name, None) is not None})
    config = Config.from_options(options)
    if lesson is not None and lesson.initial is not None:
        config = config.starting_from(lesson.initial, f"{lesson.source}: initial")
    return config


def debugger(args: argparse.Namespace) -> Debugger:
    """The debugger the command line asks for, every option checked before any screen opens."""
    if args.resume is not None:
        return _resumed(args)
    lesson = _lesson(args.lesson)
    config = config_of(args, lesson)
    _check_outputs(args, {"data": config.data, "lesson": _lesson_file(args.lesson), "network": _network_file(args, lesson)})
    # Bad data or sizes are reported before any screen opens; the first stretch of training is
    # all the first frame needs (a small run is done with it), a worker trains the rest.
    try:
        loading = config.begin_load()
        try:  # while other processes parse a large file: Textual's import alone takes a fifth of a second or more
            import tui.app.debugger  # noqa: F401
        finally:
            data = loading()  # every child reaped, whatever happened
        training = Training(config, data)
    except InputError as error:
        raise _in_terms_of(error, args, lesson) from None
    run = training.advance()
    session = session_of(args, lesson, run)
    return _debugger(training, session)


def _in_terms_of(error: InputError, args: argparse.Namespace, lesson: Lesson | None) -> InputError:
    """A refusal about a run option, naming it as whoever gave it wrote it: the lesson's run.data unless the
    command line gave --data."""
    if lesson is None or error.key not in lesson.run or getattr(args, error.key, None) is not None:
        return error
    return error.named(lambda key: f"{lesson.source}: run.{key}")


def _lesson(name: str | None) -> Lesson | None:
    if not name:
        return None
    from tui.formats.lesson import load_lesson  # only lessons need the TOML reader

    return load_lesson(name)


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
        size(args.size)
    if args.screenshot is not None:
        writable("--screenshot", args.screenshot, suffix=".svg")
    if args.transcript is not None:
        writable("--transcript", args.transcript, folders=True)
    if args.save is not None:
        new_session_file(args.save, "--save", bool(args.force))
    elif args.force and args.transcript is None:
        raise InputError("--force: only --save and --transcript replace a file, and neither is given")
    for option in ("--screenshot", "--transcript", "--save"):
        written = getattr(args, option.removeprefix("--"))
        if written:
            refuse_inputs(option, written, {k: v for k, v in reads.items() if not (option == "--save" and k == "resumed session")})
    transcript = args.transcript
    if transcript is not None and os.path.lexists(transcript) and not os.path.isdir(transcript) and not args.force:  # a link too
        raise InputError(f"--transcript: '{printable(transcript)}' exists; give another name, or add --force")


def refuse_inputs(option: str, written: str, reads: dict[str, str | None], reader: str = "session") -> None:
    """Refuse to write `written` if it is one of the files `reads` names (by what each is to the `reader`)."""
    for source, read in reads.items():
        if read and _same_file(written, read):
            raise InputError(f"{option}: '{printable(written)}' is the {source} file, which this {reader} reads; give another name")


def inputs(args: argparse.Namespace, app: Debugger) -> dict[str, str | None]:
    """The files a debugger built from `args` reads, by what each is: its data (a lesson's too), its lesson and its
    network's file."""
    network = _network_file(args, _lesson(args.lesson))
    return {"data": app.main_screen.trained.config.data, "lesson": _lesson_file(args.lesson), "network": network}


def _network_file(args: argparse.Namespace, lesson: Lesson | None) -> str | None:
    """The network file the run reads, if it is one of the user's (a shipped network is the package's, and a
    lesson's embedded one is in the lesson): the command line's, or else the lesson's."""
    name = args.network if getattr(args, "network", None) is not None else lesson.run.get("network") if lesson else None
    return name if isinstance(name, str) and name not in SHIPPED_NETWORKS else None


def _same_file(a: str, b: str) -> bool:
    """Whether two names reach one file, through links of either kind."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one does not exist (yet), or cannot be named on this system
        return False


def _resumed(args: argparse.Namespace) -> Debugger:
    """The debugger of a saved session; only options about the session itself may come with --resume."""
    from tui.formats.saved import load_session, rebuild

    given = [name for name in (*RUN_OPTIONS, "lesson") if getattr(args, name, None) is not None]
    if given:
        raise InputError(f"--resume: the saved session has its own run; --{given[0].replace('_', '-')} cannot change it")
    saved = load_session(Path(args.resume))
    data = saved.run.run.get("data")
    _check_outputs(
        args,
        {
            "resumed session": args.resume,
            "data": data if isinstance(data, str) else None,
            "lesson": _lesson_file(saved.run.lesson),
        },
    )
    training, ghosts, breakpoints = rebuild(saved, args.resume)
    try:
        lesson = _lesson(saved.run.lesson)
    except InputError as error:
        raise InputError(f"--resume: {printable(args.resume)}: lesson: {error}") from None
    session = session_of(args, lesson, training.run)
    # The saved state, not the lesson's start: its script and autoplay were played when the session began.
    session = replace(
        session,
        lesson=saved.run.lesson,
        breakpoints=breakpoints,
        show={},
        keys=session.keys if args.keys is not None else (),
        play=bool(args.play),
        exit_at_end=bool(args.exit_at_end),
        restored=saved.screen,
    )
    return _debugger(training, session, ghosts)


def _debugger(training: Training, session: Session, ghosts: list[tuple[Run, Training | None]] | None = None) -> Debugger:
    from tui.app.debugger import Debugger

    app = Debugger(training, session, ghosts)
    if session.theme and session.theme not in app.available_themes:
        raise InputError(f"--theme: unknown theme {quoted(session.theme)}; choose one of {', '.join(sorted(app.available_themes))}")
    return app


def session_of(args: argparse.Namespace, lesson: Lesson | None, run: Run) -> Session:
    """The session options: the lesson's, with the command line's on top."""
    base = Session() if lesson is None else lesson.session_for(run)
    changes: dict[str, Any] = {
        "capture": bool(args.screenshot),
        "lesson": _lesson_name(args.lesson) if args.lesson else None,
        "served": SERVED_BY in os.environ,  # set by `serve` alone, for the apps it starts
        "classroom": classroom(),
        "force": bool(args.force),
    }
    if args.theme:
        changes["theme"] = args.theme
    if args.keys is not None:
        from tui.formats.keys import parse_keys

        try:
            changes["keys"] = parse_keys(args.keys)
        except InputError as error:
            raise error.at("--keys") from None
    if args.pace is not None:
        changes["pace"] = _bounded("--pace", args.pace, float, *PACE_RANGE)
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


def classroom() -> tuple[str, str, str] | None:
    """The class this debugger has a seat in, from what `serve --teach` set in its environment."""
    if SERVED_BY not in os.environ:
        return None
    from tui.formats.protocol import CLASS_SOCKET, ROLE, SEAT  # only a served debugger may be in a class

    if not all(name in os.environ for name in (CLASS_SOCKET, SEAT, ROLE)):
        return None
    return os.environ[CLASS_SOCKET], os.environ[SEAT], os.environ[ROLE]


def _lesson_name(name: str) -> str:
    """A lesson as a saved session names it: a shipped one by name, a file by its absolute path."""
    return name if name in SHIPPED else str(Path(name).resolve())


def _bounded(option: str, text: str, kind: type, low: float, high: float) -> float:
    value = whole(option, text, int(low), int(high)) if kind is int else real(option, text)
    if not low <= value <= high:
        raise InputError(f"{option}: must be from {low} to {high}, got {quoted(text)}")
    return value


def size(text: str | None) -> tuple[int, int]:
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


def build(args: argparse.Namespace | Sequence[str]) -> Debugger:
    """The debugger a command line (parsed, or as words) asks for, every option checked before any screen opens."""
    return debugger(args if isinstance(args, argparse.Namespace) else parser().parse_args(args))
