"""Training behind the first frame: the screen shows the run so far, moves beyond it wait (escape cancels), and
whatever the order of events, the floats shown are those of a run trained up front.

The training here is gated: each stretch after the first waits until the test lets it through, so what the
screen does while training goes on is checked at known points, however busy the machine.
"""

from __future__ import annotations

import time

import pytest

from model import Config, train
from model.breakpoints import AtSample
from tests.functional.conftest import STRETCH, Gated
from tests.helpers import SIZE, debugger, text, until
from tui.app.debugger import Debugger
from tui.app.screens import trainer
from tui.app.screens.prompt import Prompt
from tui.records.session import Session

CONFIG = Config.from_options({"epochs": "5"})


def trained_to(app: Debugger, steps: int):
    return lambda: app.main_screen.trained.steps >= steps


async def test_the_first_frame_shows_while_training_goes_on_and_the_floats_are_those_trained_up_front(gated):
    async with debugger(gated) as (app, pilot):
        screen = app.main_screen
        assert screen.trained.steps == STRETCH and not screen.trained.finished
        assert "trained to epoch 1 of 5 (12%)" in text(app, "#status")
        assert app.query_one("#rmse").border_subtitle.endswith("12%")
        gated.let(3)
        await until(trained_to(app, 4 * STRETCH), 30, "three more stretches")
        await pilot.pause()
        assert "trained to epoch 3 of 5 (48%)" in text(app, "#status")
        gated.let(100)
        await until(lambda: screen.trained.finished, 30, "the end of training")
        await pilot.pause()
        assert "trained to" not in text(app, "#status") and not app.query_one("#rmse").border_subtitle
        whole = train(CONFIG)
        assert screen.trained.weights.tobytes() == whole.weights.tobytes() and screen.trained.rmse.tobytes() == whole.rmse.tobytes()


async def test_end_waits_for_training_and_escape_cancels_the_wait_but_not_the_training(gated):
    async with debugger(gated) as (app, pilot):
        screen = app.main_screen
        await pilot.press("end")
        assert screen.seeking is not None and screen.position == 0 and not screen.settled.is_set()
        status = text(app, "#status")
        assert "waiting for training to reach epoch 5, sample 99" in status and "esc cancels" in status
        gated.let(2)
        await until(trained_to(app, 3 * STRETCH), 30, "two more stretches")
        await pilot.pause()
        assert screen.seeking is not None and screen.position == 0  # still waiting: the end is further
        await pilot.press("escape")
        assert screen.seeking is None and screen.settled.is_set() and "waiting" not in text(app, "#status")
        gated.let(100)
        await until(lambda: screen.trained.finished, 30, "the end of training")
        await pilot.pause()
        assert screen.position == 0, "a cancelled move must not happen later"
        await pilot.press("end")
        assert screen.position == screen.trained.final and screen.seeking is None


async def test_a_move_waiting_for_training_stops_at_a_breakpoint_on_the_way(gated):
    async with debugger(gated, Session(breakpoints=(AtSample(3, 5),))) as (app, pilot):
        screen = app.main_screen
        await pilot.press("end")
        for _ in range(100):  # stretch by stretch until the wait is over
            if screen.seeking is None:
                break
            gated.let()
            steps = screen.trained.steps
            await until(lambda steps=steps: screen.trained.steps > steps or screen.trained.finished, 30, "a stretch")
            await pilot.pause()
        assert screen.position == screen.trained.position(3, 5) and screen.seeking is None


async def test_another_move_replaces_a_wait(gated):
    async with debugger(gated) as (app, pilot):
        screen = app.main_screen
        await pilot.press("end")
        await pilot.press("s")
        assert screen.seeking is None and screen.position == screen.trained.end_of(0)
        gated.let(100)
        await until(lambda: screen.trained.finished, 30, "the end of training")
        await pilot.pause()
        assert screen.position == screen.trained.end_of(0)


async def test_n_at_the_edge_of_training_waits_for_the_next_sample_and_its_questions_come_as_usual(gated):
    async with debugger(gated, Session(predict="derivative")) as (app, pilot):
        screen = app.main_screen
        screen.go(screen.trained.positions - 1)  # the last trained micro-step: the next sample is not trained yet
        await pilot.pause()
        await pilot.press("n")  # a forward pass, which no question is about
        assert screen.seeking is not None and screen.position == screen.trained.end_of(STRETCH - 1)
        gated.let()
        await until(lambda: screen.position == screen.trained.start_of(STRETCH), 30, "the next sample, once trained")
        assert screen.seeking is None and screen.asking is None
        await pilot.press("n")  # the w5 update: asked
        await until(lambda: isinstance(app.screen, Prompt), 10, "the question about w5")
        await pilot.press("escape")


async def test_playing_runs_on_as_training_gets_further(gated):
    async with debugger(gated, Session(speed=20000)) as (app, pilot):
        screen = app.main_screen
        screen.action_play()
        await until(lambda: screen.position == screen.trained.positions - 1, 30, "playing up to the trained edge")
        assert screen.playing and screen.seeking is None
        gated.let(100)
        await until(lambda: screen.at_end, 60, "playing on to the end")
        assert not screen.playing
        await pilot.pause()


async def test_an_order_switch_during_training_shows_the_new_order_only_once_it_reaches_the_position(gated):
    async with debugger(gated) as (app, pilot):
        screen = app.main_screen
        screen.go(screen.trained.positions - 1)
        await pilot.press("o")
        await until(lambda: screen.trained.config.order == "simultaneous", 30, "the other order")
        other = train(Config.from_options({"epochs": "5", "order": "simultaneous"}))
        await until(lambda: screen.trained.finished, 30, "the other order's end")
        assert screen.trained.weights.tobytes() == other.weights.tobytes()
        assert screen.position == screen.trained.end_of(STRETCH - 1)
        gated.let(100)  # the first training, replaced, may finish: nothing of it is shown
        await pilot.pause()
        assert screen.trained.config.order == "simultaneous"


async def test_a_script_waits_for_a_move_that_waits_for_training_and_exit_at_end_quits_only_at_the_end(gated, tmp_path):
    transcript = tmp_path / "t.txt"
    session = Session(keys=("end",), pace=0, exit_at_end=True, transcript=transcript)
    app = Debugger(gated, session)
    async with app.run_test(size=SIZE):
        await app.ready.wait()
        await until(lambda: app.main_screen.seeking is not None, 30, "the script's end key waiting")
        assert app.is_running
        gated.let(100)
        await until(lambda: not app.is_running, 60, "exit at the end")
    assert "epoch 5/5 · sample 99/100 · w4" in transcript.read_text().strip().split("\n\n")[-1]


class Clock:
    """The screen's clock, stopped: the test moves it on. Its sleeps are counted, and each lasts a millisecond."""

    def __init__(self) -> None:
        self.now = 1_000.0
        self.sleeps = 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        time.sleep(0.001)


async def test_training_waits_for_the_first_frame_and_starts_no_stretch_while_a_key_holds_it(gated: Gated, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(trainer, "time", clock)
    asked = []  # the stretches the worker asked for, each with whether a frame was out by then
    painted = []
    advance = gated.advance

    def counted(steps=None):
        asked.append(bool(painted))
        return advance(steps)

    monkeypatch.setattr(gated, "advance", counted)
    app = Debugger(gated)
    display = app._display

    def shown(screen, renderable) -> None:
        display(screen, renderable)
        painted.append(True)

    app._display = shown
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        screen = app.main_screen
        gated.let()
        await until(trained_to(app, 2 * STRETCH), 30, "a stretch once the first frame is out")
        assert asked and all(asked), "training went on before the first frame"
        await until(lambda: len(asked) == 2, 30, "the worker waiting at the next stretch's gate")
        await pilot.press("n")
        gated.let(3)  # the stretch already asked for goes through; the hold keeps the worker from asking for more
        slept = clock.sleeps
        await until(lambda: clock.sleeps >= slept + 5, 30, "the worker waiting out the hold")
        assert screen.trained.steps == 3 * STRETCH and len(asked) == 2
        clock.now += trainer.PAUSE_AFTER_KEY
        await until(trained_to(app, 5 * STRETCH), 30, "training once the hold is over")
        gated.let(100)
        await until(lambda: screen.trained.finished, 30, "the end of training")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_of_end_waiting_for_training(snap_compare, gated, size):
    app = Debugger(gated)

    async def setup(pilot):
        await app.ready.wait()

    assert snap_compare(app, press=["end"], terminal_size=size, run_before=setup)
