"""The debugger driven by keys through Pilot: what it shows is what the engine computed."""

from __future__ import annotations

import pytest

from model import ACTIVATIONS, Config, train
from model.breakpoints import AtSample, RmseRises
from model.gradcheck import gradient_checks
from tests.helpers import SIZE, debugger, screen_text, text, until
from tui.app.debugger import Debugger
from tui.app.screens.bindings import CLASS_ACTIONS
from tui.wording.fmt import num


async def test_s_shows_the_first_sample_rmse_and_weights(noisy):
    async with debugger(noisy) as (app, pilot):
        await pilot.press("s")
        await pilot.pause()
        assert "RMSE 131.8068" in text(app, "#rmse-figures")
        assert "RMSE 131.8068" in text(app, "#status")
        moment = noisy.at(app.main_screen.position)
        assert moment.weights.numbers == tuple(noisy.weights[1]) and moment.sample_done
        shown = text(app, "#changes")
        for update in moment.step.updates:
            assert f"{update.name} {num(update.old)} → {num(update.new)}" in shown


async def test_e_ends_the_epoch(noisy):
    async with debugger(noisy) as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        assert "RMSE 129.8450" in text(app, "#status")
        assert "epoch ends: 1: 129.8450" in text(app, "#rmse-figures")
        assert app.main_screen.position == noisy.position(1, 99, "w4")


async def test_back_then_next_returns_to_an_identical_screen(noisy):
    async with debugger(noisy) as (app, pilot):
        await pilot.press("s", "s", "n", "n", "n")
        await pilot.pause()
        before = screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert screen_text(app) != before
        await pilot.press("n")
        await pilot.pause()
        assert screen_text(app) == before


async def test_micro_steps_walk_forward_then_w5_w6_w1_to_w4(noisy):
    async with debugger(noisy) as (app, pilot):
        phases = []
        for _ in range(7):
            await pilot.press("n")
            await pilot.pause()
            phases.append(text(app, "#status").split(" · ")[5])
        assert phases == ["forward", "w5", "w6", "w1", "w2", "w3", "w4"]
        assert "∂L/∂w4 = -2·w6′·X2·r" in text(app, "#derivatives")


async def test_order_switch_keeps_the_cursor(noisy):
    async with debugger(noisy) as (app, pilot):
        app.main_screen.go(noisy.position(2, 30, "w2"))
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.main_screen.trained.config.order == "simultaneous"
        assert app.main_screen.position == noisy.position(2, 30, "w2")
        assert "simultaneous" in text(app, "#status") and "sample 30/100" in text(app, "#status")
        assert "-2·w6·X1·r" in text(app, "#derivatives")
        expected = train(Config.from_options({"order": "simultaneous"})).at(app.main_screen.position)
        assert f"RMSE {num(expected.rmse)}" in text(app, "#status")


async def test_goto_lands_where_asked_and_refuses_nonsense(noisy):
    async with debugger(noisy) as (app, pilot):
        await pilot.press("g", *"9 0", "enter")
        await pilot.pause()
        assert "no step at epoch 9" in str(app.screen.query_one("#prompt-error").content)
        await pilot.press(*"ctrl+a", "escape")
        await pilot.press("g", *"3 17 w1", "enter")
        await pilot.pause()
        assert app.main_screen.position == noisy.position(3, 17, "w1")
        assert "epoch 3/5 · sample 17/100 · w1" in text(app, "#status")


async def test_play_stops_at_a_breakpoint(noisy):
    async with debugger(noisy) as (app, pilot):
        app.main_screen.moving.add_breakpoint(AtSample(1, 3))
        app.main_screen.moving.speed = 5000
        await pilot.press("space")
        await until(lambda: not app.main_screen.playing, 30, "the breakpoint stopping play")
        assert app.main_screen.position == noisy.position(1, 3)
        assert "1. at epoch 1, sample 3" in text(app, "#breakpoints")
        app.main_screen.moving.tick()  # a tick the timer queued before the stop, as a loaded machine delivers it
        await pilot.pause()
        assert app.main_screen.position == noisy.position(1, 3) and not app.main_screen.playing


async def test_fast_forward_stops_when_the_rmse_rises(noisy):
    async with debugger(noisy) as (app, pilot):
        app.main_screen.moving.add_breakpoint(RmseRises())
        await pilot.press("end")
        await pilot.pause()
        done = noisy.at(app.main_screen.position).completed
        assert noisy.rmse[done] > noisy.rmse[done - 1]
        assert all(noisy.rmse[k + 1] <= noisy.rmse[k] for k in range(done - 1))


async def test_breakpoint_prompt_adds_and_explains(noisy):
    async with debugger(noisy) as (app, pilot):
        await pilot.press("B", *"soon", "enter")
        await pilot.pause()
        assert "is not one of" in str(app.screen.query_one("#prompt-error").content)
        await pilot.press("escape", "B", *"below 130", "enter")
        await pilot.pause()
        assert "when the RMSE falls below 130" in text(app, "#breakpoints")


async def test_held_keys_do_not_build_a_backlog(noisy):
    async with debugger(noisy) as (app, pilot):
        for _ in range(300):
            app.main_screen.action_next()
        await pilot.pause()
        assert app.main_screen.position == 300
        assert f"RMSE {num(noisy.at(300).rmse)}" in text(app, "#status")


async def test_help_lists_the_real_bindings(noisy):
    async with debugger(noisy) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        keys, meanings = (list(column.cells) for column in app.screen.query_one("#keys").content.columns)
        assert meanings == [binding.tooltip for binding in app.main_screen.BINDINGS]
        assert keys[0] == "n / →" and "?" in keys
        await pilot.press("escape")
        assert not app.screen.query("#help")


async def test_divergence_shows_a_banner_and_stepping_still_works():
    run = train(Config.from_options({"lr": "0.5"}))
    async with debugger(run) as (app, pilot):
        assert "diverged at epoch 1, sample" in text(app, "#banner")
        await pilot.press("end", "b", "n")
        await pilot.pause()
        assert app.main_screen.position == run.positions - 1


async def test_small_terminals_keep_the_essentials(noisy):
    async with debugger(noisy, size=(80, 24)) as (app, pilot):
        await pilot.press("n", "n")
        await pilot.pause()
        assert app.main_screen.looks.compact and not app.query_one("#network").display
        for selector in ("#status", "#forward", "#derivatives", "#changes", "#rmse"):
            widget = app.query_one(selector)
            assert widget.display and widget.region.bottom <= 23, selector
        assert text(app, "#derivatives").startswith("∂L/∂w5")
        await pilot.press("w")
        assert app.query_one("#network").display
    for size in [(40, 12), (60, 15), (100, 33)]:
        async with Debugger(noisy).run_test(size=size) as pilot:
            await pilot.press("s", "e", "b", "t", "w")
            await pilot.pause()


async def test_command_palette_offers_every_action(noisy):
    app = Debugger(noisy)
    async with app.run_test(size=SIZE):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for binding in app.main_screen.BINDINGS:
            assert binding.description in titles or binding.action in ("quit", "help", *CLASS_ACTIONS)
        assert "Rejoin" not in titles, "a student's key, offered only in a class"


@pytest.mark.parametrize("activation", ACTIVATIONS)
async def test_c_sets_every_derivative_beside_its_finite_difference_and_back(activation):
    """Simultaneous order: every row ✓. Notebook order: the rows behind w5′, w6′ show ≠, the others ✓. c again: the formulas."""
    for order in ("simultaneous", "notebook"):
        run = train(Config.from_options({"activation": activation, "bias": True, "order": order, "epochs": "1"}))
        async with debugger(run) as (app, pilot):
            await pilot.press("s", "c")
            await pilot.pause()
            shown = text(app, "#derivatives")
            assert "Gradient check" in str(app.query_one("#derivatives").border_title)
            checks = gradient_checks(run.network, run.step(0), order)
            for c in checks:
                row = next(line for line in shown.splitlines() if f"∂L/∂{c.name} = {num(c.analytic)}" in line)
                assert f"central difference {num(c.numeric)}" in row
                assert row.rstrip(" │").endswith("✓") if c.passed else "≠" in row
                assert c.passed or (order == "notebook" and c.uses_update)
            await pilot.press("c")
            await pilot.pause()
            assert "central difference" not in text(app, "#derivatives") and "∂L/∂w1 = -2·" in text(app, "#derivatives")
