"""Saved sessions: --resume gives back the screen that was saved, and any other file is refused in one line.

Rules: for every state a session can reach (forks, predict scores, panels, views, breakpoints, a lesson, a CSV,
the order switched), the resumed screen is the saved one line for line with the same floats; a file that is
not exactly what this version writes (cut anywhere, another version, any field edited to something the
program would not write) exits with status 2 and one line naming the file; nothing is written over a file
without --force.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input

from tests.helpers import SIZE, run, screen_lines
from tui.app.screens.prompt import Prompt
from tui.frontends.cli import main
from tui.frontends.start import build

STATES = {
    "start": ([], ""),
    "fork-ghost-beta": ([], "e s s f w 3 = 0 . 5 enter s s B r i s e s enter v"),
    "nested-forks": (["--preset", "easy"], "s s f l r = 0 . 0 0 1 enter e f w 1 = 2 enter s"),
    "predict-scores-log": ([], "p n n 1 enter n 2 enter l t"),
    "order-switched-checking": (["--activation", "tanh", "--bias"], "s s o c w"),
    "lesson-notes": (["--lesson", "noisy"], "n n n n"),
    "unforked-after-a-fork": ([], "e f o r d e r = s i m u l t a n e o u s enter e u"),
}


async def reach(argv: list[str], keys: str, size=SIZE) -> tuple[list[str], object, str]:
    """The screen, the run and the saved JSON after `keys`."""
    app = build([*argv, "--screenshot", "unused.svg"])  # no terminal: a scripted session
    async with app.run_test(size=size) as pilot:
        await app.ready.wait()
        await app.workers.wait_for_complete()
        for key in keys.split():
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)  # the data table scrolls to its cursor after a refresh
        app.clear_notifications()
        await pilot.pause()
        screen = app.main_screen
        return screen_lines(app), (screen.trained, [g for g, _ in screen.trainer.ghosts], screen.position), screen.saving.saved().dumps()


async def resumed(path: Path, size=SIZE) -> tuple[list[str], object]:
    app = build(["--resume", str(path), "--screenshot", "unused.svg"])
    async with app.run_test(size=size) as pilot:
        await app.ready.wait()
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause()
        screen = app.main_screen
        return screen_lines(app), (screen.trained, [g for g, _ in screen.trainer.ghosts], screen.position)


@pytest.mark.parametrize("state", STATES)
async def test_a_resumed_session_is_the_saved_screen_with_the_same_floats(tmp_path, state):
    argv, keys = STATES[state]
    lines, (run, ghosts, position), text = await reach(argv, keys)
    path = tmp_path / "session.json"
    path.write_text(text, encoding="utf-8")
    again, (run2, ghosts2, position2) = await resumed(path)
    assert again == lines
    assert position2 == position and run2.weights.tobytes() == run.weights.tobytes() and run2.rmse.tobytes() == run.rmse.tobytes()
    assert [g.rmse.tobytes() for g in ghosts2] == [g.rmse.tobytes() for g in ghosts]


async def test_a_session_on_a_csv_resumes_from_another_folder_and_refuses_changed_data(tmp_path, monkeypatch):
    data = tmp_path / "d.csv"
    data.write_text("a,b,y\n" + "".join(f"{i % 7},{i % 3},{2 * (i % 7) - (i % 3)}\n" for i in range(40)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    lines, _, text = await reach(["--data", "d.csv", "--lr", "0.01"], "e s s")
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    again, _ = await resumed(path)
    assert again == lines
    data.write_text(data.read_text() + "1,1,1\n", encoding="utf-8")
    result = run("--resume", str(path))
    assert result.returncode == 2 and "has changed since the session was saved" in result.stderr


def test_save_writes_the_session_after_a_script_and_never_over_a_file_without_force(tmp_path):
    path = tmp_path / "s.json"
    shot = str(tmp_path / "x.svg")
    result = run("--keys", "s s", "--screenshot", shot, "--save", str(path))
    assert result.returncode == 0, result.stderr
    saved = json.loads(path.read_text())
    assert saved["version"] == 2 and saved["position"] == 14
    before = path.read_text()
    result = run("--keys", "e", "--screenshot", shot, "--save", str(path))
    assert result.returncode == 2 and result.stderr == f"nn-by-hand: --save: '{path}' exists; give another name, or add --force\n"
    assert path.read_text() == before
    assert run("--keys", "e", "--screenshot", shot, "--save", str(path), "--force").returncode == 0
    assert json.loads(path.read_text())["position"] == 700
    assert run("--force").stderr == "nn-by-hand: --force: only --save and --transcript replace a file, and neither is given\n"
    assert run("--save", str(tmp_path / "s.txt")).stderr.startswith("nn-by-hand: --save: ")


async def test_the_palette_saves_to_a_new_file_named_at_a_prompt(tmp_path):
    app = build(["--screenshot", "unused.svg"])
    taken = tmp_path / "taken.json"
    taken.write_text("{}")
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.press("e")
        app.main_screen.saving.save_session()
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, Prompt)
        prompt.query_one(Input).insert_text_at_cursor(str(taken))
        await prompt.query_one(Input).action_submit()
        await pilot.pause()
        assert "exists; give another name" in str(prompt.query_one("#prompt-error").render())
        prompt.query_one(Input).value = str(tmp_path / "new.json")
        await prompt.query_one(Input).action_submit()
        await pilot.pause()
    assert taken.read_text() == "{}" and json.loads((tmp_path / "new.json").read_text())["position"] == 700


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("saved") / "good.json"
    assert (
        run(
            "--keys", "e s f w 3 = 0 . 5 enter s B r i s e s enter", "--screenshot", str(path.with_suffix(".svg")), "--save", str(path)
        ).returncode
        == 0
    )
    return path


def refused(path: Path, capsys) -> str:
    status = main(["--resume", str(path), "--screenshot", str(path.with_suffix(".svg"))])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and err.startswith(f"nn-by-hand: --resume: {path}"), err
    assert "Traceback" not in err and "\x1b" not in err
    return err


FORK = {"origin": 101, "edit": "w3 = 0.5", "order": "notebook"}
EDITS = {
    "version 3": ("version", 3, "version '3' cannot be read"),
    "version text": ("version", "1", "version '1' cannot be read"),
    "position beyond": ("position", 10**6, "position: must be from"),
    "position before the fork": ("position", 3, "position: must be from"),
    "position text": ("position", "5", "position: must be a whole number, got '5'"),
    "position float": ("position", 5.0, "position: must be a whole number, got '5.0'"),
    "position huge": ("position", 10**50, "position: must be from"),
    "lr negative": ("run", {"lr": -1}, "run: --lr: must be a positive number"),
    "unknown option": ("run", {"bogus": 1}, "run: unknown option 'bogus'"),
    "edit bad": ("forks", [{"origin": 100, "edit": "w9 = 1", "order": "notebook"}], "forks[0]: unknown name 'w9'"),
    "edit markup": ("forks", [{"origin": 100, "edit": "w3 = [/x]", "order": "notebook"}], "forks[0]: w3: '[/x]' is not a number"),
    "origin beyond": ("forks", [{"origin": 9999, "edit": "w3 = 1", "order": "notebook"}], "forks[0]: must be from 0 to 500"),
    "fork fields": ("forks", [{"origin": 1}], "forks: a fork has origin, edit and order"),
    "order": ("forks", [{"origin": 1, "edit": "w3 = 1", "order": "x"}], "forks: 'x' is not one of notebook, simultaneous"),
    "breakpoint": ("breakpoints", ["9 0"], "breakpoints[0]: no step at epoch 9, sample 0"),
    "breakpoint escape": ("breakpoints", ["\x1b]2;x\x07"], "breakpoints[0]: breakpoint: '\\x1b]2;x\\x07' is not one of"),
    "predict": ("predict", "all", "predict: 'all' is not one of derivative, weight"),
    "score": ("scores", {"weight": [3, 2]}, "scores: more guesses within tolerance than asked"),
    "panel": ("hidden", ["sparkline"], "hidden: 'sparkline' is not one of network, data, narration"),
    "detail": ("detail", "forward", "detail: 'forward' is not one of network, data, narration"),
    "flag": ("beta", "yes", "beta: must be true or false, got 'yes'"),
    "speed": ("speed", 0, "speed: must be from 1 to 20000"),
    "hash without data": ("data", "ab12" * 16, "data: a hash belongs with a data file"),
    "hash malformed": ("data", "ab12", "data: must be a SHA-256 in hexadecimal, got 'ab12'"),
    "lesson": ("lesson", "nope", "lesson: --lesson: no lesson file 'nope'"),
    "initial": ("initial", {"w1": 1.0}, "initial: give every one of w1"),
    "initial whole": ("initial", {"w1": 1}, "initial: '{'w1': 1}' is not written so by this version"),
    "not an object": ("run", [], "run: must be an object"),
    "version float": ("version", 1.0, "version '1.0' cannot be read"),
    "version true": ("version", True, "version 'True' cannot be read"),
    "table_top huge": ("table_top", 10**18, "table_top: must be from 0 to 99"),
    "number as text": ("speed", "1", "speed: must be a whole number, got '1'"),
    "flag as number": ("checking", 1, "checking: must be true or false, got '1'"),
    "hidden twice": ("hidden", ["network", "network"], "hidden: 'network' is given twice"),
    "run empty": ("run", {}, "run: '{}' are not the options this version writes"),
    "preset null": ("run", {"preset": None}, "are not the options this version writes"),
    "lesson empty": ("lesson", "", "lesson: must be text, got ''"),
    "three forks": ("forks", [FORK] * 3, "forks: holds at most 2, got 3"),
    "breakpoints beyond": ("breakpoints", [f"1 {i}" for i in range(21)], "breakpoints: holds at most 20, got 21"),
    "breakpoint twice": ("breakpoints", ["rises", "rises"], "breakpoint 'rises' is given twice"),
    "data path surrogate": ("run", {"preset": "noisy", "data": "/tmp/x\ud800.csv"}, "is not a file name this system can have"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_hand_edited_field_the_program_would_not_write_is_refused_in_one_line(good, tmp_path, capsys, edit):
    key, value, said = EDITS[edit]
    table = json.loads(good.read_text())
    table[key] = value
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    assert said in refused(path, capsys)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("", "not a saved session: Expecting value (line 1, column 1)"),
        ('{"version": 1, "run": "no', "not a saved session: Unterminated string starting at (line 1, column 23)"),
        ("[]", "not a saved session: no version"),
        ('{"version": 1}', "not a session this version wrote: missing field"),
        (b"\xff\xfe", "not a saved session: not UTF-8 text"),
        ("[" * 100_000, "not a saved session"),
        ('{"version": 1, "position": 1' + "0" * 4400 + "}", "a number too long to read"),
    ],
    ids=["empty", "unterminated", "a list", "only a version", "not utf-8", "nested deeply", "4,400 digits"],
)
def test_a_file_that_is_not_a_session_is_refused_in_one_line(tmp_path, capsys, content, said):
    path = tmp_path / "x.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert said in refused(path, capsys)


@given(cut=st.floats(0, 1, exclude_max=True))
def test_a_session_cut_anywhere_is_refused_in_one_line(good, tmp_path, capsys, cut):
    text = good.read_text().rstrip()  # only the final newline may go and leave a whole session
    path = tmp_path / "cut.json"
    path.write_text(text[: int(cut * len(text))], encoding="utf-8")
    refused(path, capsys)


def test_run_options_cannot_come_with_resume(good, capsys):
    assert main(["--resume", str(good), "--lr", "0.1"]) == 2
    assert capsys.readouterr().err == "nn-by-hand: --resume: the saved session has its own run; --lr cannot change it\n"


V1 = {
    "session-v1-large.json": ("e s f w 3 = 0 . 5 enter s x p", (120, 40)),
    "session-v1-compact.json": ("s s t", (80, 24)),
}
"""Sessions saved by version 1 (its panels were toggles from the default of the layout it had), with the keys and
size that made them."""


@pytest.mark.parametrize("name", V1)
async def test_a_version_1_session_resumes_as_the_screen_it_saved(tmp_path, name):
    keys, size = V1[name]
    path = tmp_path / name
    path.write_text((Path(__file__).parent / "data" / name).read_text())
    lines, (run, ghosts, position) = await resumed(path, size)
    again, (run_again, ghosts_again, position_again), _ = await reach([], keys, size)
    assert lines == again
    assert position == position_again and run.weights.tobytes() == run_again.weights.tobytes() and len(ghosts) == len(ghosts_again)
