"""Forks on screen: f changes a value from here, the run forked from stays as a ghost, u goes back to it.

Rule: the screen shows exactly the floats of `training.fork`, the ghost is always the run forked from,
and dropping a fork gives back that run, unchanged, at the same position.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from model import Config, train
from model.edit import Edit
from model.training import finish, fork
from tests.helpers import debugger, screen_lines, text, until
from tui.app.debugger import Debugger
from tui.app.screens.prompt import Prompt
from tui.app.widgets.spark import Spark
from tui.records.session import Session


async def edit(app: Debugger, pilot, typed: str) -> str:
    """Press f, type `typed` and submit; the prompt's error if it stays open, else ""."""
    await pilot.press("f")
    prompt = app.screen
    assert isinstance(prompt, Prompt)
    prompt.query_one(Input).insert_text_at_cursor(typed)
    await prompt.query_one(Input).action_submit()
    await pilot.pause()
    if app.screen is prompt:
        return str(prompt.query_one("#prompt-error").render())
    return ""


async def test_a_fork_shows_its_own_floats_beside_a_ghost_and_u_gives_back_the_run_it_came_from(noisy):
    async with debugger(noisy) as (app, pilot):
        screen = app.main_screen
        screen.go(noisy.position(2, 17, "w5"))  # mid-sample: the fork starts at the sample's end
        await pilot.pause()
        assert await edit(app, pilot, "w3 = 0.5") == ""
        expected = finish(fork(noisy, noisy.position(2, 17, "w5"), Edit("w3", 0.5)))
        await until(lambda: screen.trained.finished, 30, "the fork's training")
        run = screen.trained
        assert run.weights.tobytes() == expected.weights.tobytes() and run.rmse.tobytes() == expected.rmse.tobytes()
        assert screen.position == run.first == noisy.end_of(117) and screen.trainer.ghosts[-1][0] is noisy
        status = text(app, "#status")
        assert "noisy, fork w3 = 0.5" in status and "epoch 2/5 · sample 17/100 · fork" in status
        assert "ahead of its ghost by" in status or "behind its ghost by" in status
        assert "A fork begins here, after epoch 2, sample 17: w3 = 0.5 instead of 0.8682" in text(app, "#narration")
        assert "w3 +0.5" in text(app, "#network")
        await pilot.press("e", "e")
        spark = app.query_one(Spark)
        assert spark.ghost is not None and len(spark.ghost) == len(spark.data) and spark.ghost != spark.data
        assert "ghost dimmed" in str(app.query_one("#rmse").border_title)
        position = screen.position
        await pilot.press("u")
        await pilot.pause()
        assert screen.trained is noisy and screen.position == position and not screen.trainer.ghosts
        assert "fork" not in text(app, "#status") and app.query_one(Spark).ghost is None


async def test_refused_edits_keep_the_prompt_open_with_one_line_and_move_nothing(noisy):
    async with debugger(noisy) as (app, pilot):
        screen = app.main_screen
        await pilot.press("s")
        for typed, said in [
            ("w7 = 1", "unknown name 'w7'"),
            ("lr = 0", "lr: must be a positive number"),
            ("w3 = 1e400", "w3: must be a finite number"),
            ("w5 = 1e300", "the RMSE from there on is not finite"),
            ("order = [/x]", "order: unknown order '[/x]'"),
        ]:
            assert said in await edit(app, pilot, typed)
            await pilot.press("escape")
            assert screen.trained is noisy and not screen.trainer.ghosts and screen.position == noisy.end_of(0)


async def test_forks_nest_one_level_and_the_ghost_is_always_the_run_forked_from(noisy):
    async with debugger(noisy) as (app, pilot):
        screen = app.main_screen
        await pilot.press("e")
        assert await edit(app, pilot, "lr = 2e-4") == ""
        await until(lambda: screen.trained.finished, 30, "the first fork")
        first = screen.trained
        await pilot.press("e")
        assert await edit(app, pilot, "w1 = 0") == ""
        await until(lambda: screen.trained.finished, 30, "the second fork")
        assert screen.trainer.ghosts[-1][0] is first and screen.trained.edits == (Edit("lr", 2e-4), Edit("w1", 0.0))
        await pilot.press("f")  # a third level is refused in the prompt itself (tests/functional/test_rules.py)
        assert isinstance(app.screen, Prompt) and "Forks nest one level deep" in str(app.screen.query_one("#prompt-error").render())
        await pilot.press("escape")
        await pilot.press("u")
        assert screen.trained is first and screen.trainer.ghosts[-1][0] is noisy
        await pilot.press("u", "u")  # the second u has nothing to drop
        assert screen.trained is noisy and not screen.trainer.ghosts


async def test_a_diverging_fork_shows_its_banner_and_u_takes_it_away(noisy):
    async with debugger(noisy) as (app, pilot):
        screen = app.main_screen
        assert await edit(app, pilot, "lr = 0.05") == ""
        await until(lambda: screen.trained.finished, 30, "the fork's training")
        assert screen.trained.divergence is not None and "diverged at epoch" in text(app, "#banner")
        await pilot.press("end")
        position = screen.position
        assert position == screen.trained.final
        await pilot.press("u")
        await pilot.pause()
        assert screen.trained.divergence is None and not app.query_one("#banner").display
        assert screen.position == position


async def test_the_order_key_in_a_fork_switches_the_forks_order_from_where_it_forked(noisy):
    async with debugger(noisy) as (app, pilot):
        screen = app.main_screen
        await pilot.press("e")
        assert await edit(app, pilot, "w3 = 2") == ""
        await until(lambda: screen.trained.finished, 30, "the fork's training")
        forked = screen.trained
        await pilot.press("o")
        await until(lambda: screen.trained.config.order == "simultaneous" and screen.trained.finished, 30, "the other order")
        switched = screen.trained
        assert switched.origin == forked.origin and switched.edits == forked.edits and screen.trainer.ghosts[-1][0] is noisy
        expected = finish(fork(train(Config.from_options({"epochs": "5"})), forked.first, Edit("w3", 2.0)))
        assert switched.weights[: forked.origin + 1].tobytes() == expected.weights[: forked.origin + 1].tobytes()
        assert switched.rmse[-1] != expected.rmse[-1]


async def test_the_ghost_keeps_training_behind_a_fork_made_before_it_was_done(gated):
    async with debugger(gated) as (app, pilot):
        screen = app.main_screen
        await pilot.press("s", "s")
        assert await edit(app, pilot, "w6 = 1") == ""
        gated.let(100)
        await until(lambda: screen.trainer.ghosts[-1][0].finished and screen.trained.finished, 30, "the fork and its ghost")
        await pilot.pause()
        whole = train(gated.config)
        assert screen.trainer.ghosts[-1][0].rmse.tobytes() == whole.rmse.tobytes()
        await pilot.press("end")
        assert "ghost not trained" not in text(app, "#status")


async def test_nothing_forks_while_a_question_is_open(noisy):
    async with debugger(noisy, Session(predict="derivative")) as (app, pilot):
        await pilot.press("n", "n")
        asked = app.screen
        assert isinstance(asked, Prompt)
        await app.main_screen.run_action("fork")
        await app.main_screen.run_action("unfork")
        await pilot.pause()
        assert app.screen is asked and not app.main_screen.trainer.ghosts


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_fork_fits_at_every_size(noisy, size):
    async with debugger(noisy, size=size) as (app, pilot):
        await pilot.press("e")
        assert await edit(app, pilot, "w3 = 0.5") == ""
        await pilot.press("e")
        lines = screen_lines(app)
        status = lines[:2]
        assert "fork" in status[0] and "ghost" in status[1]
        assert all(len(line) <= size[0] for line in lines)
