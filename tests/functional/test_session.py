"""Teaching and recording options: narration, predict mode, lessons, transcripts and scripted screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from model import Config, train
from tests.helpers import SIZE, debugger, run, text, until
from tui.app.debugger import Debugger
from tui.frontends.start import build
from tui.records.session import Session
from tui.wording.fmt import num


@pytest.mark.parametrize(
    "args, message",
    [
        (["--speed", "0"], "--speed: must be from 1 to 20000, got '0'"),
        (["--speed", "fast"], "--speed: 'fast' is not a whole number"),
        (["--pace", "-1"], "--pace: must be from 0 to 60, got '-1'"),
        (["--keys", "s banana"], "--keys: unknown key 'banana'; use single characters, key names such as space, enter"),
        (["--size", "10x10", "--screenshot", "x.svg"], "--size: must be from 40x12 to 500x200, got '10x10'"),
        (["--size", "wide", "--screenshot", "x.svg"], "--size: 'wide' is not WIDTHxHEIGHT, e.g. 120x40"),
        (["--screenshot", "/no/such/folder/x.svg"], "--screenshot: folder '/no/such/folder' does not exist"),
        (["--transcript", "/no/such/folder/t.txt"], "--transcript: folder '/no/such/folder' does not exist"),
        (["--lesson", "nope"], "--lesson: no lesson file 'nope' (shipped lessons: noisy, easy, tanh, mazur)"),
        (["--theme", "plaid"], "--theme: unknown theme 'plaid'; choose one of"),
    ],
)
def test_bad_options_get_one_line_and_status_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"nn-by-hand: {message}") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_bad_lesson_names_the_file_and_key(tmp_path):
    lesson = tmp_path / "mine.toml"
    lesson.write_text("[run]\nlr = -1\n")
    result = run("--lesson", str(lesson))
    assert result.returncode == 2
    assert result.stderr == f"nn-by-hand: {lesson}: run.lr: must be a positive number, got '-1'\n"


def test_screenshot_needs_no_terminal_and_shows_the_state_after_the_keys(tmp_path):
    shot = tmp_path / "s.svg"
    result = run("--keys", "s", "--screenshot", str(shot), "--size", "100x34")
    assert result.returncode == 0, result.stderr
    svg = shot.read_text()
    assert svg.startswith("<svg") and "131.8068" in svg


@pytest.mark.parametrize(
    "keys",
    [
        "q",
        "ctrl+q n",
        "ctrl+c",
        "ctrl+z s",
        "g 9 9 enter escape",
        "ctrl+p",
        "? ? escape ?",
        "o o o n",
        "p n n x y enter",
        "B x enter",
        "space space",
        "end home end",
    ],
)
def test_any_key_script_ends_in_a_screenshot_and_status_0(tmp_path, keys):
    shot = tmp_path / "odd.svg"
    result = run("--keys", keys, "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    svg = shot.read_text()
    assert svg.startswith("<svg") and "RMSE" in svg, "the picture is not of the debugger"  # a crash once left a blank frame


def test_a_debugger_that_fails_leaves_no_picture_and_a_non_zero_status(tmp_path, monkeypatch):
    from tui.app.widgets.forward import Forward
    from tui.frontends.cli import main

    def broken(*args):
        raise RuntimeError("a bug in a panel")

    monkeypatch.setattr(Forward, "render_view", broken)
    shot = tmp_path / "broken.svg"
    assert main(["--keys", "s", "--screenshot", str(shot)]) != 0
    assert not shot.exists()


def test_transcript_has_every_narrated_step(tmp_path):
    transcript = tmp_path / "t.txt"
    assert run("--keys", "n n", "--screenshot", str(tmp_path / "x.svg"), "--transcript", str(transcript)).returncode == 0
    steps = transcript.read_text().strip().split("\n\n")
    assert [s.splitlines()[0].split(" · ")[5] for s in steps] == ["start", "forward", "w5"]
    assert "lr absorbs the 2" in steps[2]


async def test_x_toggles_the_narration(noisy):
    async with debugger(noisy) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        assert "Sample 0 goes forward" in text(app, "#narration")
        await pilot.press("x")
        await pilot.pause()
        assert not app.query_one("#narration").display
        await pilot.press("x")
        await pilot.pause()
        assert app.query_one("#narration").display


async def test_predict_refuses_words_then_scores_a_number(noisy):
    app = Debugger(noisy)
    truth = noisy.step(0).updates[0].grad
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "n", "n")
        await pilot.pause()
        assert app.main_screen.position == 1  # the w5 update waits for a guess
        await pilot.press("a", "b", "c", "enter")
        await pilot.pause()
        assert "type a finite number" in str(app.screen.query_one("#prompt-error").content)
        await pilot.press("backspace", "backspace", "backspace", *str(round(truth, 1)), "enter")
        await pilot.pause()
        assert app.main_screen.position == 2
        shown = text(app, "#narration")
        assert f"it is {num(truth)}" in shown and "✓ close" in shown
        assert "1/1 within 1%" in str(app.query_one("#derivatives").border_subtitle)


async def test_escape_skips_the_guess_but_still_reveals(noisy):
    async with debugger(noisy, Session(predict="weight")) as (app, pilot):
        await pilot.press("n", "n", "escape")
        await pilot.pause()
        assert app.main_screen.position == 2 and not app.main_screen.predicting.scores
        assert "You predicted" not in text(app, "#narration")


async def test_a_lesson_sets_panels_breakpoints_and_notes():
    app = build(["--lesson", "easy", "--screenshot", "unused.svg"])
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        assert app.main_screen.looks.log_scale and [str(b) for b in app.main_screen.moving.breakpoints] == [
            "when the RMSE falls below 1e-06"
        ]
        assert "No noise this time" in text(app, "#narration")
        app.main_screen.go(app.main_screen.trained.position(3, 99, "w4"))
        await pilot.pause()
        assert "LinearRegression's 87.7373 and 74.0769" in text(app, "#narration")


async def test_on_a_small_screen_a_lessons_notes_take_the_forward_pass_place_and_its_other_panels_stay_out():
    app = build(["--lesson", "noisy", "--screenshot", "unused.svg"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one("#narration").display and not app.query_one("#forward").display
        assert not app.query_one("#network").display and not app.query_one("#samples").display
        await pilot.press("x")  # the room back to the forward pass
        assert not app.query_one("#narration").display and app.query_one("#forward").display


def test_lesson_initial_weights_start_the_run(tmp_path):
    lesson = tmp_path / "w.toml"
    lesson.write_text("[run]\nepochs = 1\n[initial]\nw1 = 1\nw2 = 2\nw3 = 3\nw4 = 4\nw5 = 0.5\nw6 = 0.25\n")
    app = build(["--lesson", str(lesson)])
    assert tuple(app.main_screen.trained.weights[0]) == (1, 2, 3, 4, 0.5, 0.25)
    assert app.main_screen.trained.config == Config(epochs=1, initial=app.main_screen.trained.config.initial)
    assert train(app.main_screen.trained.config).rmse[-1] == app.main_screen.trained.rmse[-1]


def test_command_line_options_override_the_lesson():
    app = build(["--lesson", "noisy", "--order", "simultaneous", "--keys", "e", "--pace", "0"])
    assert app.main_screen.trained.config.order == "simultaneous" and app.session.keys == ("e",) and app.session.pace == 0
    assert Path(app.session.transcript or "none").name == "none"


async def test_play_starts_at_once_at_the_given_speed():
    app = build(["--play", "--speed", "20000", "--epochs", "1"])
    async with app.run_test(size=SIZE):
        await app.ready.wait()
        assert app.main_screen.moving.speed == 20000
        await until(lambda: app.main_screen.position == app.main_screen.trained.positions - 1, 30, "playing to the end")
        await until(lambda: not app.main_screen.playing, 5, "stopping at the end")
