"""Lessons: a TOML file that sets up a teaching session and plays it.

    title = "The notebook's noisy run"
    [run]                      # the command line's run options
    preset = "noisy"
    [initial]                  # optional: every starting parameter
    w1 = 0.1 …                 # w1..w6, and b1..b3 when run.bias = true
    [show]                     # panels and modes at the start
    network = true             # also: data, narration (true/false)
    log_scale = false
    predict = "off"            # or "derivative", "weight"
    [play]
    keys = "s wait s e"        # a key script, one key every `pace` seconds; wait stops until space
    pace = 0.6
    autoplay = false           # start playing once the script ends
    speed = 10                 # micro-steps per second while playing
    exit_at_end = false
    breakpoints = ["1 50", "rises"]
    [[notes]]                  # shown in the narration panel at one micro-step
    at = "1 0 w5"              # epoch sample [phase], or "start"
    text = "…"

A mistake gets one line naming the file, the key and what is wrong.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from model import InputError, Run
from model.breakpoints import Breakpoint, check_all, check_in_run, parse
from model.numbers import real, whole
from model.options import RUN_OPTIONS
from model.parameters import PARAMETERS, Network
from model.reading import MIB, read_bytes
from model.run import parse_place
from model.text import printable, quoted
from tui.app.panels import OPTIONAL_PANELS
from tui.app.session import PACE, PACE_RANGE, SPEED_RANGE, Session
from tui.formats.keys import parse_keys
from tui.formats.lessons import SHIPPED
from tui.wording.predict import KINDS


@dataclass(frozen=True)
class Note:
    """A remark shown in the narration panel at one position."""

    at: str
    """Where: "start" or "EPOCH SAMPLE [PHASE]"."""
    text: str
    """What the teacher wants said there."""


@dataclass(frozen=True)
class Lesson:
    """A validated lesson file."""

    source: str
    """The file, as named in messages."""
    run: dict[str, object] = field(default_factory=dict)
    """Run options for `Config.from_options`."""
    initial: dict[str, float] | None = None
    """Starting parameters by name, if the lesson fixes them (checked against the network by `Config.starting_from`)."""
    session: Session = field(default_factory=Session)
    """Title, panels, modes, key script and breakpoints; `session_for` adds the notes once the run is known."""
    notes: tuple[Note, ...] = ()
    """Remarks at chosen positions."""

    def session_for(self, run: Run) -> Session:
        """The session this lesson starts on `run`: its breakpoints checked and its notes placed."""
        return replace(self.session, breakpoints=self.checked_breakpoints(run), notes=self.note_positions(run))

    def note_positions(self, run: Run) -> dict[int, str]:
        """Each note's position in `run`; a note outside the run is a mistake in the file."""
        placed: dict[int, str] = {}
        for i, note in enumerate(self.notes):
            try:
                placed[run.parse_position(note.at)] = note.text
            except InputError as error:
                raise InputError(f"{self.source}: notes[{i}].at: {error}") from None
        return placed

    def checked_breakpoints(self, run: Run) -> tuple[Breakpoint, ...]:
        """The breakpoints, each one the run can reach; one it cannot is a mistake in the file."""
        for i, point in enumerate(self.session.breakpoints):
            try:
                check_in_run(point, run)
            except InputError as error:
                raise InputError(f"{self.source}: breakpoints[{i}]: {error}") from None
        return self.session.breakpoints


FILE_LIMIT = MIB
"""Most bytes of a lesson file: a long lesson is a few kilobytes."""


def find(name: str) -> Path:
    """A shipped lesson by name, or a file by path."""
    if name in SHIPPED:
        return Path(str(resources.files("tui.formats.lessons") / f"{name}.toml"))
    return Path(name)


def load_lesson(name: str) -> Lesson:
    """Read and check a lesson."""
    path = find(name)
    source = path.name if name in SHIPPED else printable(name)
    try:
        raw = read_bytes(str(path), "--lesson", FILE_LIMIT).raw
    except InputError as error:
        if not os.path.lexists(path) and name not in SHIPPED:
            raise InputError(f"--lesson: no lesson file {quoted(name)} (shipped lessons: {', '.join(SHIPPED)})") from None
        raise error from None
    try:
        table = tomllib.loads(raw.decode("utf-8-sig"))  # a byte-order mark is allowed, as in CSV files
    except UnicodeDecodeError:
        raise InputError(f"{source}: not a UTF-8 text file") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source}: not valid TOML: {error}") from None
    except (RecursionError, ValueError):  # nesting deeper than the parser goes; an integer of thousands of digits
        raise InputError(f"{source}: not a lesson: nested too deeply or a number too long to read") from None
    lesson = _check(source, table)
    data = lesson.run.get("data")
    if isinstance(data, str):
        if not Path(data).is_absolute():  # a CSV beside the lesson
            data = str(path.parent / data)
            lesson = replace(lesson, run={**lesson.run, "data": data})
        if not os.path.lexists(data):
            raise InputError(f"{source}: run.data: no file {quoted(data)}")
    return lesson


def _quoted(text: str) -> str:
    return "'" + printable(text) + "'"


def _check(source: str, table: dict[str, Any]) -> Lesson:
    def fail(key: str, problem: str) -> InputError:
        return InputError(f"{source}: {key}: {problem}")

    def section(name: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        value = table.get(name, {})
        if not isinstance(value, dict):
            raise fail(name, "must be a table, e.g. [" + name + "]")
        for key in value:
            if key not in allowed:
                raise fail(name, f"unknown key {quoted(key)}; allowed: {', '.join(allowed)}")
        return value

    def typed(value: Any, kind: type | tuple[type, ...], key: str, what: str) -> Any:
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):  # True is an int to Python, not to a lesson
            raise fail(key, f"must be {what}, got {quoted(value)}")
        return value

    known = ("title", "run", "initial", "show", "play", "breakpoints", "notes")
    for key in table:
        if key not in known:
            raise InputError(f"{source}: unknown key {quoted(key)}; allowed: {', '.join(known)}")
    title = printable(str(typed(table.get("title", ""), str, "title", "a string")))

    spelled = {key.replace("_", "-") for key in RUN_OPTIONS} - set(RUN_OPTIONS)  # random-state or random_state, as on the command line
    given = section("run", (*RUN_OPTIONS, *sorted(spelled)))
    for key in spelled & set(given):
        if key.replace("-", "_") in given:
            raise fail(f"run.{key}", f"given twice, as {key} and {key.replace('-', '_')}; keep one")
    run = {key.replace("-", "_"): value for key, value in given.items()}
    features = run.get("features")
    if isinstance(features, list) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in features):
        run["features"] = ",".join(map(str, features))  # ["a", "b"] as TOML writes a list, or "a,b" as the command line does
    for key, value in run.items():
        typed(value, (str, int, float, bool), f"run.{key}", "a string, a number or true/false")

    weights = section("initial", tuple(p.name for p in PARAMETERS))
    initial = {
        name: real(f"{source}: initial.{name}", typed(value, (int, float), f"initial.{name}", "a number"))
        for name, value in weights.items()
    }

    show = section("show", (*OPTIONAL_PANELS, "log_scale", "predict"))
    panels = {name: bool(typed(show[name], bool, f"show.{name}", "true or false")) for name in OPTIONAL_PANELS if name in show}
    predict = show.get("predict", "off")
    if predict not in ("off", *KINDS):
        raise fail("show.predict", f"must be off, {' or '.join(KINDS)}, got {quoted(predict)}")

    play = section("play", ("keys", "pace", "autoplay", "speed", "exit_at_end"))
    keys = parse_keys(str(typed(play.get("keys", ""), str, "play.keys", "a string of keys")), f"{source}: play.keys")
    pace = real(f"{source}: play.pace", typed(play.get("pace", PACE), (int, float), "play.pace", "a number of seconds"))
    if not PACE_RANGE[0] <= pace <= PACE_RANGE[1]:
        raise fail("play.pace", f"must be from {PACE_RANGE[0]} to {PACE_RANGE[1]} seconds, got {pace}")
    speed = play.get("speed")
    if speed is not None:
        speed = whole(f"{source}: play.speed", typed(speed, int, "play.speed", "a whole number"), *SPEED_RANGE)

    points = typed(table.get("breakpoints", []), list, "breakpoints", "a list of strings")
    breakpoints = []
    for i, text in enumerate(points):
        typed(text, str, f"breakpoints[{i}]", "a string")
        try:
            breakpoints.append(parse(str(text)))
        except InputError as error:
            raise fail(f"breakpoints[{i}]", str(error).removeprefix("breakpoint: ")) from None
    try:
        check_all(breakpoints)
    except InputError as error:
        raise fail("breakpoints", str(error)) from None

    notes = []
    for i, note in enumerate(typed(table.get("notes", []), list, "notes", "a list of [[notes]] tables")):
        typed(note, dict, f"notes[{i}]", "a table with at and text")
        extra = [k for k in note if k not in ("at", "text")]
        if extra or "at" not in note or "text" not in note:
            raise fail(f"notes[{i}]", "needs exactly two keys, at and text")
        at = str(typed(note["at"], str, f"notes[{i}].at", 'a string such as "start" or "1 0 w5"')).strip()
        try:
            if at != "end":  # the run's last step, wherever that is
                parse_place(at, Network(bias=run.get("bias") is True).phases)  # the run checks again, with its own
        except InputError as error:
            raise fail(f"notes[{i}].at", f"{error}; got {_quoted(at)}") from None
        notes.append(Note(at, printable(str(typed(note["text"], str, f"notes[{i}].text", "a string")))))

    session = Session(
        title=title,
        show=panels,
        log_scale=bool(typed(show.get("log_scale", False), bool, "show.log_scale", "true or false")),
        predict=None if predict == "off" else predict,
        breakpoints=tuple(breakpoints),
        keys=keys,
        pace=pace,
        play=bool(typed(play.get("autoplay", False), bool, "play.autoplay", "true or false")),
        speed=speed,
        exit_at_end=bool(typed(play.get("exit_at_end", False), bool, "play.exit_at_end", "true or false")),
    )
    return Lesson(source=source, run=run, initial=initial or None, session=session, notes=tuple(notes))
