"""Saved sessions and lessons as a hostile hand would write them: opened, or refused in one line.

Rule: for any saved session with any field replaced by any JSON value, and any lesson
built from the format's keys with any TOML values, building the debugger either succeeds
or raises InputError with one printable line; never another exception, never a hang.
Hypothesis writes the cases; what it found once stays below as an @example.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from model import InputError
from tests.helpers import run
from tui.frontends.start import build

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["noisy", "rises", "1 0", "w3 = 1", "network", "weight", "notebook", "start", "9" * 500]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=6) | st.sampled_from(["preset", "lr", "w1", "origin"]), inner, max_size=3)
    ),
    max_leaves=8,
)
"""JSON values, with a few words the formats use, so that some cases get past the first check."""


def opened_or_refused(argv: list[str]) -> None:
    try:
        build(argv)
    except InputError as error:
        text = str(error)
        assert "\n" not in text and text.isprintable() and len(text) < 600, text


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("fuzz") / "good.json"
    keys = "e s f w 3 = 0 . 5 enter s B r i s e s enter p"
    assert run("--keys", keys, "--screenshot", str(path.with_suffix(".svg")), "--save", str(path)).returncode == 0
    return json.loads(path.read_text())


@given(
    key=st.sampled_from(
        [
            "version",
            "run",
            "initial",
            "data",
            "lesson",
            "forks",
            "position",
            "breakpoints",
            "predict",
            "scores",
            "hidden",
            "detail",
            "beta",
            "log_scale",
            "checking",
            "speed",
            "table_top",
            "verdict",
        ]
    ),
    value=VALUES,
    inner=st.none() | st.tuples(st.text(max_size=6), VALUES),
)
@example(key="scores", value={"weight": [10**29, 10**30]}, inner=None)
@example(key="forks", value=[{"origin": 101, "edit": "w3 = 0.5", "order": "notebook"}] * 2, inner=None)
@example(key="run", value={"preset": "noisy", "epochs": 10**18}, inner=None)
@example(key="run", value=None, inner=("\x1f", [])).via("found: an unknown option's name was echoed raw")
def test_any_field_of_a_session_replaced_opens_or_is_refused_in_one_line(good, tmp_path, key, value, inner):
    table = dict(good)
    if inner is not None and isinstance(table[key], dict):  # a key inside a field: run, initial, scores
        table[key] = {**table[key], inner[0]: inner[1]}
    else:
        table[key] = value
    path = tmp_path / "s.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    opened_or_refused(["--resume", str(path), "--screenshot", str(tmp_path / "x.svg")])


def toml(value: object) -> str:
    """A TOML value (inline) for a JSON-like one."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml(v)}" for k, v in value.items() if v is not None) + "}"
    return '""'


SECTIONS = {
    "run": ["preset", "lr", "epochs", "samples", "seed", "bias", "activation", "data", "order", "standardize"],
    "initial": ["w1", "w2", "w5", "b1", "w9"],
    "show": ["network", "narration", "data", "log_scale", "predict"],
    "play": ["keys", "steps", "pace", "autoplay", "speed", "exit_at_end"],
}
LESSON = st.fixed_dictionaries(
    {},
    optional={
        "title": VALUES,
        "breakpoints": VALUES,
        **{name: st.dictionaries(st.sampled_from(keys), VALUES, max_size=4) for name, keys in SECTIONS.items()},
        "notes": st.lists(st.fixed_dictionaries({"at": VALUES | st.sampled_from(["start", "1 5 w4", "9 0"]), "text": VALUES}), max_size=3),
    },
)


@given(lesson=LESSON)
@example(lesson={"run": {"bias": 1}}).via("a whole number where true or false goes")
@example(lesson={"run": {"epochs": 10**29}}).via("a count beyond any run")
@example(lesson={"breakpoints": ["rises"] * 21})
@example(lesson={"show": {"predict": "9" * 500}}).via("found: show.predict echoed its value uncut")
@example(lesson={"run": {"\x1b]0;x\x07": 1}}).via("an unknown key's name")
@example(lesson={"show": {"predict": "derivative"}, "play": {"steps": [{"keys": "n n", "answer": -1e308}, {"keys": "n", "wait": True}]}})
def test_any_lesson_opens_or_is_refused_in_one_line(tmp_path, lesson):
    lines = [f"{key} = {toml(value)}" for key, value in lesson.items() if key not in SECTIONS and key != "notes"]
    for name in SECTIONS:
        if name in lesson:
            lines += [f"[{name}]", *(f"{key} = {toml(value)}" for key, value in lesson[name].items() if value is not None)]
    for note in lesson.get("notes", []):
        lines += ["[[notes]]", *(f"{key} = {toml(value)}" for key, value in note.items() if value is not None)]
    path = tmp_path / "l.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    opened_or_refused(["--lesson", str(path), "--screenshot", str(tmp_path / "x.svg")])
