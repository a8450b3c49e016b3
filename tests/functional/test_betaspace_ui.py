"""The β-space view on screen: v shows it in place of the forward pass and the derivatives, and it follows the run."""

from __future__ import annotations

import pytest

from model import Config, train
from model.betaspace import picture
from tests.helpers import debugger, screen_lines, text
from tui.wording.fmt import num


async def test_v_swaps_the_forward_pass_for_the_view_and_back(easy):
    async with debugger(easy) as (app, pilot):
        beta, forward, derivatives = (app.query_one(f"#{name}") for name in ("beta", "forward", "derivatives"))
        assert not beta.display and forward.display and derivatives.display
        await pilot.press("v")
        assert beta.display and not forward.display and not derivatives.display
        await pilot.press("v")
        assert not beta.display and forward.display and derivatives.display


@pytest.mark.parametrize("keys", [(), ("s", "s", "s"), ("e",), ("end",)], ids=lambda k: " ".join(k) or "start")
async def test_the_caption_says_where_beta_is_now_and_where_linear_regression_puts_it(easy, keys):
    async with debugger(easy) as (app, pilot):
        await pilot.press("v", *keys)
        moment = easy.at(app.main_screen.position)
        shown = picture(easy, moment.completed)
        caption = text(app, "#beta-caption")
        betas = easy.network.betas(easy.at(easy.end_of(moment.completed - 1) if moment.completed else 0).weights.as_dict())
        assert f"● now {num(betas['beta1'])}, {num(betas['beta2'])}" in caption
        assert f"× LinearRegression {num(shown.optimum[0])}, {num(shown.optimum[1])}" in caption
        assert "Many weight sets give one β" in caption
        assert app.query_one("#beta-plot").display


async def test_without_linear_units_the_view_says_it_needs_them():
    async with debugger(train(Config.from_options({"activation": "relu", "epochs": "1"}))) as (app, pilot):
        await pilot.press("v", "s")
        assert "The β-space view needs linear units. With relu units" in text(app, "#beta-caption")
        assert not app.query("#beta-plot") or not app.query_one("#beta-plot").display


async def test_a_forks_ghost_shows_in_the_view(easy):
    async with debugger(easy) as (app, pilot):
        await pilot.press("s", "s", "s", "s", "s", "f", *"w1=3", "enter", "v", "e")
        assert app.main_screen.trainer.ghosts and app.main_screen.trained.divergence is None
        assert "the ghost" in str(app.query_one("#beta").border_subtitle)
        await pilot.press("u")
        assert not app.query_one("#beta").border_subtitle


@pytest.mark.parametrize("size", [(80, 24), (100, 34), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_view_fits_at_every_size_and_after_resizes(easy, size):
    async with debugger(easy) as (app, pilot):
        await pilot.press("v", "e")
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.pause()
        lines = screen_lines(app)
        assert any("Many weight sets give one β" in line for line in lines)
        assert app.query_one("#beta-plot").size.height >= 4 and app.query_one("#beta-plot").size.width >= 40
