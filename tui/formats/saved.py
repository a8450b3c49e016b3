"""Saved sessions: the run, its forks, the position and what the screen shows, as versioned JSON.

A file is read back only if every field is what this version writes. Anything
else (a truncated file, another version, a hand edit that breaks a rule, data
that changed since the save) is refused in one line naming the file and the
field. The format is plain JSON read with `json`: nothing in it is ever run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from model import Config, InputError, Run, Training
from model.breakpoints import MOST, Breakpoint, check_all, parse
from model.edit import NESTING, Edit
from model.netfile import read_description, table_of
from model.numbers import real
from model.parameters import ORDERS, Order
from model.reading import MIB, read_bytes
from model.text import printable, quoted
from model.training import Ghost, fork
from tui.formats.fields import Fields, document, flag, listed, mapping, once, one_of, string, whole_in
from tui.formats.lessons import SHIPPED
from tui.formats.savedfields import exact, network, run_options, score, sha256, verdict, written_options
from tui.records.panels import OPTIONAL_PANELS
from tui.records.session import SPEED_RANGE
from tui.records.state import ScreenState
from tui.wording.predict import KINDS

VERSION = 2
"""The format this version writes; it reads version 1 too."""
FILE_LIMIT = MIB
"""Most bytes of a saved session: one is a few kilobytes, its forks and breakpoints being bounded."""
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Fork:
    """One fork of the saved run, oldest first."""

    origin: int
    """Sample-steps it shares with the run it came from."""
    edit: str
    """The edit, as typed: "w3 = 0.5"."""
    order: Order
    """Its update order (o may have switched it since)."""


@dataclass(frozen=True)
class SavedRun:
    """What re-creates the run on screen: its options and data, its lesson, the forks that led to it, its breakpoints."""

    run: dict[str, Any]
    """Run options, as `Config.from_options` reads them; a data file's path is absolute."""
    initial: dict[str, float] | None
    """Starting parameters given by a lesson, if any."""
    data: str | None
    """SHA-256 of the data file, if the run has one: a changed file is refused."""
    lesson: str | None
    """The lesson's name or absolute path, for its title and notes."""
    forks: tuple[Fork, ...]
    """The forks from the run to the one on screen."""
    breakpoints: tuple[str, ...]
    """Each breakpoint as typed at B."""
    network: dict[str, Any] | None = None
    """The network from a file the run trained, as its file's table with its `source`; None: the notebook's.
    Kept whole, so a resumed session trains the network it ran, whatever the file holds now."""

    @classmethod
    def of(cls, run: Run, lesson: str | None, breakpoints: tuple[str, ...]) -> SavedRun:
        """What re-creates `run` (a fork is made again from the run it came from), with its lesson and breakpoints."""
        root, *forks = run.ancestry
        config = root.config
        d = config.described
        return cls(
            run=absolute(config.options()),
            initial=config.initial.as_dict() if config.initial is not None else None,
            data=run.data.sha256,  # of the bytes the run was trained on, not of the file as it is now
            lesson=lesson,
            forks=tuple(Fork(fork.origin, str(fork.edits[-1]), fork.config.order) for fork in forks),
            breakpoints=breakpoints,
            network=None if d is None else {"source": d.source, **table_of(d)},
        )


@dataclass(frozen=True)
class Saved:
    """A saved session: the run, re-created, and the screen over it, as it was."""

    run: SavedRun
    """What re-creates the run."""
    screen: ScreenState
    """What the screen showed."""

    def portable(self) -> Saved:
        """This session without the folders of the machine it ran on (a download from a served session must not show
        the server's): its data file, lesson and network file by name only. --resume looks for them by that name where
        it runs, and a data file's bytes are checked against the ones the run was trained on."""
        run = self.run
        options = {**run.run, "data": Path(run.run["data"]).name} if isinstance(run.run.get("data"), str) else run.run
        lesson = run.lesson if run.lesson is None or not Path(run.lesson).is_absolute() else Path(run.lesson).name
        network = run.network if run.network is None else {**run.network, "source": Path(str(run.network["source"])).name}
        return replace(self, run=replace(run, run=options, lesson=lesson, network=network))

    def beside(self, folder: Path) -> Saved:
        """This session with the files it names by name alone (a portable one's) taken from `folder`, where they are."""

        def found(name: object) -> bool:
            return isinstance(name, str) and not Path(name).is_absolute() and name not in SHIPPED and (folder / name).is_file()

        run = self.run
        data, lesson = run.run.get("data"), run.lesson
        options = {**run.run, "data": str(folder / str(data))} if found(data) else run.run
        return replace(self, run=replace(run, run=options, lesson=str(folder / str(lesson)) if found(lesson) else lesson))

    def dumps(self) -> str:
        """The session as JSON text: one object with both records' fields."""
        table = {"version": VERSION, **asdict(self.run), **asdict(self.screen)}
        if table["network"] is None:  # the notebook's network: the file is as it was before networks came from files
            del table["network"]
        text = json.dumps(table, indent=2, ensure_ascii=False) + "\n"
        # A file name that is not UTF-8 reaches Python as lone surrogates, which UTF-8 cannot write: JSON's
        # \u escape keeps them, and reading the file back gives the same name, byte for byte.
        return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def absolute(options: dict[str, Any]) -> dict[str, Any]:
    """Run options with the data file's path made absolute, so the session resumes from any folder."""
    data = options.get("data")
    return {**options, "data": str(Path(data).resolve())} if isinstance(data, str) else options


def load_session(path: Path) -> Saved:
    """Read a saved session; InputError names the file and what is wrong."""
    source = f"--resume: {printable(str(path))}"
    try:
        raw = read_bytes(str(path), FILE_LIMIT).raw
    except InputError as error:
        raise error.at("--resume") from None
    table = document(raw, source, "a saved session", json.loads)
    return read_saved(table, source).beside(path.parent)


def read_saved(table: Any, source: str) -> Saved:
    """A saved session from the JSON it was read from; InputError names `source` and what is wrong."""
    if not isinstance(table, dict) or "version" not in table:
        raise InputError(f"{source}: not a saved session: no version")
    if type(table["version"]) is not int or table["version"] not in (1, VERSION):  # 1.0 and true equal 1 to Python, not to the format
        raise InputError(f"{source}: version {quoted(table['version'])} cannot be read; this nn-by-hand reads versions 1 and {VERSION}")
    return _saved(Fields(source, _upgrade(table) if table["version"] == 1 else table))


def _upgrade(table: dict[str, Any]) -> dict[str, Any]:
    """A version 1 session in version 2's fields: its panels were toggles from the default of the layout it had."""
    table = dict(table)
    toggled, compact = table.pop("toggled", None), table.pop("compact", None)
    if isinstance(toggled, list) and isinstance(compact, bool):  # anything else is refused below, as a missing field
        table["hidden"], table["detail"] = ([], toggled[0] if toggled else None) if compact else (toggled, None)
    table["version"] = VERSION
    return table


def _saved(fields: Fields) -> Saved:
    """The session, once every field is one this version writes, exactly as it writes it."""
    table = fields.table
    expected = {*_RUN, *_SCREEN, "version"}
    unknown, missing = sorted(set(table) - expected), sorted(expected - set(table) - {"network"})
    if unknown or missing:
        what = f"unknown field {quoted(unknown[0])}" if unknown else f"missing field {quoted(missing[0])}"
        raise fields.refuse(None, f"not a session this version wrote: {what}")
    saved = Saved(
        SavedRun(**{key: fields.get(key, read) for key, read in _RUN.items() if key in table or key != "network"}),
        ScreenState(**{key: fields.get(key, read) for key, read in _SCREEN.items()}),
    )
    try:
        written_options(saved.run.run, saved.run.network)
    except InputError as error:
        raise fields.refuse("run", str(error)) from None
    # Each field read back must be written the same way again: a 1 where a float goes, a duplicate, another order
    # or a value the program computes differently is a file this version did not write.
    written = json.loads(saved.dumps())
    for key, value in table.items():
        if exact(written[key]) != exact(value):
            raise fields.refuse(key, f"{quoted(value)} is not written so by this version")
    return saved


def _fork(value: Any) -> Fork:
    table = mapping(value, lambda x: x)
    if set(table) != {"origin", "edit", "order"}:
        raise InputError(f"a fork has origin, edit and order, got {quoted(sorted(table))}")
    return Fork(whole_in(table["origin"], 0), string(table["edit"]), one_of(table["order"], ORDERS))


_RUN: dict[str, Callable[[Any], Any]] = {
    "run": run_options,
    "initial": lambda v: None if v is None else mapping(v, lambda x: real("value", x)),
    "data": lambda v: None if v is None else sha256(v),
    "lesson": lambda v: None if v is None else string(v),
    "forks": lambda v: tuple(_fork(item) for item in listed(v, NESTING)),
    "breakpoints": lambda v: tuple(string(item) for item in listed(v, MOST)),
    "network": lambda v: None if v is None else network(v),
}
"""How each field of `SavedRun` is read."""
_SCREEN: dict[str, Callable[[Any], Any]] = {
    "position": lambda v: whole_in(v, 0),
    "predict": lambda v: None if v is None else one_of(v, KINDS),
    "scores": lambda v: {one_of(k, KINDS): score(s) for k, s in mapping(v, lambda x: x).items()},
    "hidden": lambda v: tuple(sorted(once([one_of(item, OPTIONAL_PANELS) for item in listed(v)]))),
    "detail": lambda v: None if v is None else one_of(v, OPTIONAL_PANELS),
    "beta": flag,
    "log_scale": flag,
    "checking": flag,
    "speed": lambda v: whole_in(v, *SPEED_RANGE),
    "table_top": lambda v: whole_in(v, 0),
    "verdict": lambda v: None if v is None else verdict(v),
}
"""How each field of `ScreenState` is read."""


def rebuild(saved: Saved, source: str) -> tuple[Training, list[Ghost], tuple[Breakpoint, ...]]:
    """The saved run (trained as far as its first stretch), the runs its forks came from, and its breakpoints.

    Nothing is trained beyond what the first frame needs: each run a fork came
    from only as far as the fork, and the position is reached behind the screen,
    as any move beyond the trained part is. Every field that needs the run is
    checked against it; InputError names the field.
    """
    where = f"--resume: {printable(source)}"
    recipe, screen = saved.run, saved.screen
    try:
        config = Config.from_options(recipe.run)
    except InputError as error:
        raise InputError(f"{where}: run: {error}") from None
    if recipe.network is not None:
        table = {key: item for key, item in recipe.network.items() if key != "source"}
        try:
            config = replace(config, described=read_description(table, printable(recipe.network["source"]))).checked()
        except InputError as error:
            raise InputError(f"{where}: network: {error}") from None
    if recipe.initial is not None:
        config = config.starting_from(recipe.initial, f"{where}: initial")
    if (config.data is None) != (recipe.data is None):
        raise InputError(f"{where}: data: a hash belongs with a data file, and only with one")
    try:
        training = Training(config)
    except InputError as error:
        raise InputError(f"{where}: run: {error}") from None
    if training.data.sha256 != recipe.data:  # the bytes read now against those the saved run was trained on
        raise InputError(f"{where}: the data file {quoted(config.data)} has changed since the session was saved")
    ghosts: list[Ghost] = []
    for i, saved_fork in enumerate(recipe.forks):
        run = training.advance()
        while not run.finished and run.steps < saved_fork.origin:
            run = training.advance()
        try:
            edit = Edit.parse(saved_fork.edit, run.description)
            if not run.origin <= saved_fork.origin <= run.steps:
                raise InputError(f"must be from {run.origin} to {run.reach}, got {saved_fork.origin}")
            fork_training = fork(run, run.end_of(saved_fork.origin - 1) if saved_fork.origin else 0, edit)
        except InputError as error:
            raise InputError(f"{where}: forks[{i}]: {error}") from None
        if fork_training.config.order != saved_fork.order:
            fork_training = Training(replace(fork_training.config, order=saved_fork.order), run.data, fork_training.branch)
        ghosts.append((run, training))
        training = fork_training
    run = training.advance()
    if not run.first <= screen.position <= run.final:  # a run that diverges sooner ends where it diverges, and shows that
        raise InputError(f"{where}: position: must be from {run.first} to {run.final}, got {screen.position}")
    points = []
    for i, text in enumerate(recipe.breakpoints):
        try:
            points.append(parse(text, run))
        except InputError as error:
            raise InputError(f"{where}: breakpoints[{i}]: {error}") from None
    try:
        check_all(points)
    except InputError as error:
        raise InputError(f"{where}: breakpoints: {error}") from None
    if screen.table_top >= len(run.data):
        raise InputError(f"{where}: table_top: must be from 0 to {len(run.data) - 1}, got {screen.table_top}")
    return training, ghosts, tuple(points)
