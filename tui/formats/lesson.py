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
    pace = 0.6                 # (or, in place of keys, [[play.steps]] tables: keys, answer and wait)
    autoplay = false           # start playing once the script ends
    speed = 10                 # micro-steps per second while playing
    exit_at_end = false
    breakpoints = ["1 50", "rises"]
    [[notes]]                  # shown in the narration panel at one micro-step
    at = "1 0 w5"              # epoch sample [phase], or "start"
    text = "…"

A lesson may run a network from a file (run.network, a shipped name or a file beside the lesson) or embed one:
[network], [parameters] and [data] as a network file writes them (see `model.netfile`). Its [initial] and its
notes then name that network's parameters and phases.

A mistake gets one line naming the file, the key and what is wrong.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from model import InputError, Run
from model.breakpoints import Breakpoint, check_all, check_in_run, parse
from model.description import Description
from model.netfile import NETWORK_KEYS, load_network, read_description
from model.networks import SHIPPED as SHIPPED_NETWORKS
from model.options import RUN_OPTIONS
from model.parameters import PARAMETERS, Network
from model.places import parse_place
from model.reading import MIB, read_bytes
from model.text import printable, quoted
from tui.formats.fields import Fields, document, flag, listed, number, one_of, string, text, whole_in
from tui.formats.keys import WAIT, parse_keys, typed
from tui.formats.lessons import SHIPPED
from tui.records.panels import OPTIONAL_PANELS
from tui.records.session import PACE, PACE_RANGE, SPEED_RANGE, Session
from tui.wording.predict import KINDS, Kind


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
        raw = read_bytes(str(path), FILE_LIMIT).raw
    except InputError as error:
        if not os.path.lexists(path) and name not in SHIPPED:
            raise InputError(f"--lesson: no lesson file {quoted(name)} (shipped lessons: {', '.join(SHIPPED)})") from None
        raise error.at("--lesson") from None
    lesson = _check(source, document(raw, source, "a lesson", tomllib.loads), path.parent)
    data = lesson.run.get("data")
    if isinstance(data, str):
        if not Path(data).is_absolute():  # a CSV beside the lesson
            data = str(path.parent / data)
            lesson = replace(lesson, run={**lesson.run, "data": data})
        if not os.path.lexists(data):
            raise InputError(f"{source}: run.data: no file {quoted(data)}")
    return lesson


def _run_value(value: Any) -> Any:
    """A run option as a lesson writes it: text, a number or true/false, or features as a TOML list."""
    if isinstance(value, list) and all(isinstance(v, str | int) and not isinstance(v, bool) for v in value):
        return ",".join(map(str, value))  # ["a", "b"] as TOML writes a list, or "a,b" as the command line does
    if not isinstance(value, str | int | float | bool):
        raise InputError(f"must be a string, a number or true/false, got {quoted(value)}")
    return value


def _predict(value: Any) -> Kind | None:
    """Predict mode: off, or the kind of question."""
    if value == "off" and isinstance(value, str):
        return None
    try:
        return one_of(value, KINDS)
    except InputError:
        raise InputError(f"must be off, {' or '.join(KINDS)}, got {quoted(value)}") from None


def _within(low: float, high: float, unit: str = "") -> Callable[[Any], float]:
    def read(value: Any) -> float:
        result = number(value)
        if not low <= result <= high:
            raise InputError(f"must be from {low} to {high}{unit}, got {quoted(value)}")
        return result

    return read


def _check(source: str, table: dict[str, Any], folder: Path) -> Lesson:
    lesson = Fields(source, table).only(("title", "run", "initial", "show", "play", "breakpoints", "notes", *NETWORK_KEYS))
    title = lesson.get("title", text, "")

    spelled = {key.replace("_", "-") for key in RUN_OPTIONS} - set(RUN_OPTIONS)  # random-state or random_state, as on the command line
    given = lesson.section("run", (*RUN_OPTIONS, *sorted(spelled)))
    for key in spelled & set(given.table):
        if key.replace("-", "_") in given.table:
            raise given.refuse(key, f"given twice, as {key} and {key.replace('-', '_')}; keep one")
    run: dict[str, object] = {key.replace("-", "_"): given.get(key, _run_value) for key in given.table}
    network, named = _network(lesson, run, folder)
    if network is not None:
        run["network"] = named

    names = network.names if isinstance(network, Description) else tuple(p.name for p in PARAMETERS)
    weights = lesson.section("initial", names)
    initial = {name: weights.get(name, number) for name in weights.table}

    show = lesson.section("show", (*OPTIONAL_PANELS, "log_scale", "predict"))
    panels = {name: show.get(name, flag) for name in OPTIONAL_PANELS if name in show.table}
    predict = show.get("predict", _predict, None)

    play = lesson.section("play", ("keys", "steps", "pace", "autoplay", "speed", "exit_at_end"))
    keys = play.get("keys", lambda value: parse_keys(text(value)), ())
    if "steps" in play.table:
        if "keys" in play.table:
            raise play.refuse("steps", "give keys or steps, not both")
        keys = tuple(key for step in play.items("steps", "a [[play.steps]] table with keys, answer or wait") for key in _step(step))
    pace = play.get("pace", _within(*PACE_RANGE, " seconds"), PACE)
    speed = play.get("speed", lambda value: whole_in(value, *SPEED_RANGE), None)

    breakpoints: list[Breakpoint] = []
    for i, item in enumerate(lesson.get("breakpoints", lambda value: listed(value, what="a list of strings"), [])):
        try:
            breakpoints.append(parse(string(item)))
        except InputError as error:
            raise lesson.refuse(f"breakpoints[{i}]", str(error).removeprefix("breakpoint: ")) from None
    try:
        check_all(breakpoints)
    except InputError as error:
        raise lesson.refuse("breakpoints", str(error)) from None

    phases = network.phases if isinstance(network, Description) else Network(bias=run.get("bias") is True).phases
    notes = []
    for note in lesson.items("notes", "a [[notes]] table with at and text"):
        if set(note.table) != {"at", "text"}:
            raise note.refuse(None, "needs exactly two keys, at and text")
        at = note.get("at", lambda value: _place(text(value).strip(), phases))
        notes.append(Note(at, note.get("text", text)))

    session = Session(
        title=title,
        show=panels,
        log_scale=show.get("log_scale", flag, False),
        predict=predict,
        breakpoints=tuple(breakpoints),
        keys=keys,
        pace=pace,
        play=play.get("autoplay", flag, False),
        speed=speed,
        exit_at_end=play.get("exit_at_end", flag, False),
    )
    return Lesson(source=source, run=run, initial=initial or None, session=session, notes=tuple(notes))


def _network(lesson: Fields, run: dict[str, object], folder: Path) -> tuple[Description | None, object]:
    """The network the lesson runs, if not the notebook's, and how its run names it: embedded as [network],
    [parameters] and [data] (the run takes the description itself), or named by run.network (a shipped network,
    or a file beside the lesson, which the run reads by its path)."""
    embedded = {key: lesson.table[key] for key in NETWORK_KEYS if key in lesson.table}
    named = run.get("network")
    if embedded:
        if "network" not in embedded:
            raise lesson.refuse(next(iter(embedded)), "belongs with an embedded [network] (a data file is run.data)")
        if named is not None:
            raise lesson.refuse("run.network", "the lesson embeds its [network] already; give one or the other")
        description = read_description(embedded, Path(lesson.source).name)
        return description, description
    if named is None:
        return None, None
    if not isinstance(named, str):
        raise lesson.refuse("run.network", f"give a network's file or a shipped network's name, got {quoted(named)}")
    if named not in SHIPPED_NETWORKS and not Path(named).is_absolute():
        named = str(folder / named)  # a file beside the lesson
    return load_network(named, f"{lesson.source}: run.network"), named


def _step(step: Fields) -> tuple[str, ...]:
    """A step's keys: its own, then its answer typed into the question they open and enter, then a stop if it waits."""
    step.only(("keys", "answer", "wait"))
    if not step.table:
        raise step.refuse(None, "an empty step does nothing; give keys, answer or wait")
    answer = step.get("answer", number, None)
    return (
        *step.get("keys", lambda value: parse_keys(text(value)), ()),
        *(typed(answer) if answer is not None else ()),
        *((WAIT,) if step.get("wait", flag, False) else ()),
    )


def _place(at: str, phases: tuple[str, ...]) -> str:
    """A note's place, "start", "end" or "EPOCH SAMPLE [PHASE]", once it names a phase the network has (the run
    checks again that it has the step)."""
    if at != "end":  # the run's last step, wherever that is
        try:
            parse_place(at, phases)
        except InputError as error:
            raise InputError(f"{error}; got {quoted(at)}") from None
    return at
