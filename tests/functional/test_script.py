"""A lesson's script is the presenter's to pace: what a teacher would call right.

- A paused script presses nothing, however long the pause; the run stays where the presenter leaves it.
- Space resumes it with its next key, from wherever the run is then (moves by hand during a pause are kept).
- Space and escape both pause a script under way; the script's own space still plays the run.
- A stop (`wait`) holds the script until space, and the screen says so; with nobody at the keys it holds a while.
- The footer says what space does now: Pause, Resume, or Play once the script is over.
- A number's keys then enter, next in the script, answer a predict question; a question the script leaves is the
  learner's, and with nobody at the keys (a recording, a screenshot) it is revealed, never typed into.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.helpers import SIZE, SIZES, check, debugger, run, screen_lines, text, until
from tui.app.debugger import Debugger
from tui.app.session import Session


def footer(app: Debugger) -> str:
    return screen_lines(app)[-1]


async def test_a_stop_holds_the_script_until_space_and_it_goes_on_from_wherever_the_run_is(noisy):
    app = Debugger(noisy, Session(keys=("wait", "n", "n", "n"), pace=0.0))  # no pace: only a pause holds it
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await until(lambda: app.autopilot.paused, 10, "the stop")
        for _ in range(5):  # with no pace, a script that went on would have pressed its keys by now
            await pilot.pause()
        screen = app.main_screen
        assert screen.position == 0 and app.autopilot.pressed == 0
        assert text(app, "#status").startswith("⏸ script paused, 3 keys to go · space goes on")
        await until(lambda: " space Resume " in footer(app), 10, "the footer saying what space does")
        for size in (*SIZES[1:], SIZES[0]):  # where the run is always shows; the script's state where there is room
            await pilot.resize_terminal(*size)
            await pilot.pause()
            check(app, f"a paused script at {size}")
            assert "epoch 0/5 · sample -/100" in text(app, "#status").splitlines()[0] and "paused" in text(app, "#status")
        await pilot.press("s")  # the presenter moves by hand during the pause
        assert screen.position == noisy.per_sample
        await pilot.press("space")
        await until(lambda: app.autopilot.done, 20, "the script's end")
        assert screen.position == noisy.per_sample + 3, "the script's keys go on from where the presenter left the run"
        assert not screen.playing and "script" not in text(app, "#status")
        await until(lambda: " space Play " in footer(app), 10, "space playing again once the script is over")


@pytest.mark.parametrize("key", ["space", "escape"])
async def test_space_and_escape_pause_a_script_under_way_and_its_own_space_still_plays(noisy, key):
    app = Debugger(noisy, Session(keys=("n", "space"), pace=2.0))  # a pace long enough to press within
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        assert app.autopilot.offers("pause_script") and text(app, "#status").startswith("script: 2 keys to go · space pauses")
        await pilot.press(key)  # within the first pace: the script has pressed nothing yet
        assert app.autopilot.paused and app.main_screen.position == 0 and not app.main_screen.playing
        await pilot.press("space")
        await until(lambda: app.autopilot.done, 20, "the script's end")
        assert app.main_screen.playing, "the script's own space plays the run, as the script says"


async def test_with_nobody_at_the_keys_a_stop_holds_a_while_and_the_script_goes_on(noisy):
    app = Debugger(noisy, Session(keys=("n", "wait", "n"), pace=0.01, exit_at_end=True))
    paused = []
    async with app.run_test(size=SIZE):
        await app.ready.wait()
        pause = app.autopilot.pause
        app.autopilot.pause = lambda: (paused.append(True), pause())  # type: ignore[method-assign]
        await until(lambda: app.autopilot.done, 20, "the script's end")
        assert app.main_screen.position == 2 and not paused


async def test_with_nobody_at_the_keys_the_status_line_offers_space_to_no_one(noisy):
    """A recording (--exit-at-end) shows how much of the lesson is left, not a key nobody will press."""
    async with debugger(noisy, Session(keys=("n", "n"), pace=2.0, exit_at_end=True)) as (app, _):
        status = text(app, "#status")
        assert status.startswith("script: 2 keys to go ·") and "space" not in status.split("·")[1]


async def test_a_script_answers_a_question_with_a_number_then_enter_and_leaves_the_next_one_to_the_learner(noisy):
    keys = ("n", "n", "minus", "1", "4", "1", "enter", "wait", "n", "s")
    app = Debugger(noisy, Session(predict="derivative", keys=keys, pace=0.0))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await until(lambda: app.autopilot.paused, 20, "the stop after the answer")
        assert screen.asking is None and str(screen.scores["derivative"]) == "1/1 within 1%", "the script's answer, scored"
        assert screen.trained.at(screen.position).phase_name == "w5", "the stop holds the reveal"
        await pilot.press("space")
        await until(lambda: screen.asking is not None, 20, "the next question")
        for _ in range(5):  # with no pace, a script that went on would have pressed its keys by now
            await pilot.pause()
        assert screen.asking is not None and app.screen.query_one(Input).value == "", "the learner's question, untouched"
        await pilot.press("4", "enter")
        await until(lambda: app.autopilot.done, 20, "the script's end")
        assert screen.position == noisy.per_sample and str(screen.scores["derivative"]) == "1/2 within 1%"


async def test_with_nobody_at_the_keys_a_question_left_unanswered_is_revealed_after_a_pace(noisy):
    app = Debugger(noisy, Session(predict="derivative", keys=("n", "n", "n"), pace=0.05, exit_at_end=True))
    async with app.run_test(size=SIZE):
        await until(lambda: app.autopilot.done, 20, "the script's end")
        screen = app.main_screen
        assert screen.asking is None and screen.trained.at(screen.position).phase_name == "w6"
        assert str(screen.scores.get("derivative", "0/0")) in ("0/0", "0/0 within 1%"), "a reveal is no answer"


def test_a_screenshot_reveals_a_question_its_script_leaves_and_types_nothing_into_it(tmp_path):
    shot = tmp_path / "x.svg"
    lesson = tmp_path / "l.toml"
    lesson.write_text('[show]\npredict = "derivative"\n[play]\nkeys = "n n n wait n 1 0 enter s e"\n')
    assert run("--lesson", str(lesson), "--screenshot", str(shot)).returncode == 0
    picture = shot.read_text().replace("&#160;", " ")
    assert "epoch 1/5 · sample 99/100 · w4" in picture and "Predict ∂L" not in picture and "predict ∂L/∂w · 0/1 within 1%" in picture


def test_a_screenshot_whose_move_waits_on_training_that_never_moves_stops_in_one_line(gated, tmp_path, monkeypatch):
    from model import InputError
    from tui.frontends import capture

    monkeypatch.setattr(capture, "STUCK", 0.5)
    app = Debugger(gated, Session(keys=("end",), capture=True))
    said = r"^--screenshot: the key script cannot go on: waiting for training, which has not moved for 0.5 s, at noisy · .* · start · RMSE"
    with pytest.raises(InputError, match=said):
        capture.capture(app, tmp_path / "x.svg", SIZE)
    assert not list(tmp_path.iterdir())
