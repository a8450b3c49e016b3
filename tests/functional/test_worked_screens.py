"""The shipped worked examples on the debugger's screen: every figure their sources print shows there, at the step
that computes it and in the order that produces it, at the default 120×40.

Mazur's post prints its per-step weights from the simultaneous order and its errors after one round and after
10,000 from the notebook order; the screen shows each in the order it comes from, and the other order's figure
instead in the other. A figure is on screen when a number there rounds to it at the decimals printed: the screen
writes Mazur's numbers to nine, Hagan, Demuth and Beale print three significant digits.
"""

from __future__ import annotations

import re

import pytest

from model import Config, train
from tests.helpers import debugger, screen_lines, text
from tui.wording import described
from tui.wording.fmt import Digits

EVERYWHERE = [
    *("0.3775", "0.593269992", "0.596884378", "1.105905967", "0.75136507", "0.772928465"),  # the forward pass
    *("0.274811083", "0.023560026", "0.298371109"),  # each output's error and the total
    *("0.74136507", "0.186815602", "0.082167041", "0.138498562"),  # ∂E/∂out_o1, ∂out_o1/∂net_o1, ∂E/∂w5, δ_o1
    *("0.35891648", "0.408666186", "0.51130127", "0.561370121"),  # w5..w8 after the round: the same in both orders
]
SIMULTANEOUS = [
    *("0.055399425", "0.036350306", "0.241300709", "0.000438568"),  # ∂E_o1/∂out_h1, ∂E_total/∂out_h1, ∂out_h1/∂net_h1, ∂E/∂w1
    *("0.149780716", "0.19956143", "0.24975114", "0.29950229"),  # w1..w4 after the round
    "0.291027774",  # the error after the round, in this order
]
NOTEBOOK = ["0.291027924"]  # the post's error after the first round: the notebook order's
AT_THE_END = ["0.000035085", "0.015912196", "0.984065734"]  # after 10,000 rounds, in notebook order


def shown(figure: str, screen: str) -> bool:
    """Whether a number on `screen` is `figure` at the decimals printed (the screen may write more)."""
    decimals = len(figure.split(".")[1])
    numbers = (float(token) for token in re.findall(r"(?<![\w.])-?\d+\.\d+(?:e[+-]?\d+)?", screen))
    return any(f"{number:.{decimals}f}" == figure for number in numbers)


async def screens(run, positions) -> str:
    """Everything the debugger shows at each of `positions`, one screen after another."""
    async with debugger(run) as (app, pilot):
        seen = []
        for position in positions:
            app.main_screen.go(position)
            await pilot.pause()
            seen.append("\n".join(screen_lines(app)))
        return "\n".join(seen)


@pytest.mark.parametrize("order", ["simultaneous", "notebook"])
async def test_every_figure_of_mazurs_post_is_on_screen_in_the_order_that_prints_it(order):
    run = train(Config.from_options({"network": "mazur", "order": order, "epochs": "1"}))
    seen = await screens(run, range(run.positions))
    own, other = (SIMULTANEOUS, NOTEBOOK) if order == "simultaneous" else (NOTEBOOK, SIMULTANEOUS)
    for figure in [*EVERYWHERE, *own]:
        assert shown(figure, seen), f"{figure} is not on screen in {order} order"
    for figure in (other[-1], "0.149780716") if order == "notebook" else (other[-1],):
        assert not shown(figure, seen), f"{figure} belongs to the other order, yet shows in {order} order"


async def test_mazurs_figures_after_10000_rounds_are_on_screen_at_the_end():
    run = train(Config.from_options({"network": "mazur"}))
    seen = await screens(run, [run.final])
    for figure in AT_THE_END:
        assert shown(figure, seen), figure


HAGAN = ["0.321", "0.368", "0.446", "1.261", "-2.522", "-0.0495", "0.0997", "0.171", "-0.0772", "0.732", "-0.265", "-0.420"]
HAGAN += ["-0.475", "-0.140"]
"""Chapter 11's figures: a1, a2, e, s², s¹, W²(1), b²(1), W¹(1), b¹(1)."""


async def test_every_figure_of_hagans_example_is_on_screen():
    run = train(Config.from_options({"network": "hagan"}))
    seen = await screens(run, range(run.positions))
    for figure in HAGAN:
        assert shown(figure, seen), f"{figure} is not on screen"


@pytest.mark.parametrize("network", ["mazur", "hagan", "xor"])
async def test_on_a_small_screen_the_current_derivative_is_its_chain_with_the_numbers_in(network):
    """At 80×24 the current derivative shows its chain with the numbers substituted, over the panel's lines, whenever
    that fits them (a chain of one factor has no numbers to put in: its value is its number)."""
    run = train(Config.from_options({"network": network, "order": "simultaneous", "epochs": "1"}))
    digits = Digits.of(run.description)
    async with debugger(run, size=(80, 24)) as (app, pilot):
        panel = app.query_one("#derivatives")
        for position in range(2, min(run.positions, 40)):
            app.main_screen.go(position)
            await pilot.pause()
            moment = run.at(position)
            if moment.step is None or moment.phase == 0:
                continue
            name = moment.step.updates[moment.phase - 1].name
            parts = described.derivative_parts(run, moment.step, name, digits)
            shown = text(app, "#derivatives").replace(" ", "").replace("\n", "")
            if len(described.flowed(f"∂L/∂{name}", parts[1:], panel.content_region.width)) <= panel.content_region.height:
                assert "=".join(parts[-2:]).replace(" ", "") in shown, f"{network} at {name}: {text(app, '#derivatives')}"


async def test_a_network_of_one_layer_of_parameters_says_nothing_of_updated_weights(tmp_path):
    """No row uses a weight just updated when there is no layer above: no w′ and no ≠ in notebook order."""
    path = tmp_path / "one.toml"
    path.write_text(
        '[network]\nlayers = [["x1", "x2"], ["o"]]\nactivations = ["linear"]\nloss = "squared"\nlr = 0.1\n'
        "[data]\ninputs = [[1, 2], [3, 1]]\ntargets = [[1], [2]]\n",
        encoding="utf-8",
    )
    run = train(Config.from_options({"network": str(path), "epochs": "1"}))
    async with debugger(run) as (app, pilot):
        for checking in (False, True):
            if checking:
                await pilot.press("c")
            for position in range(run.positions):
                app.main_screen.go(position)
                await pilot.pause()
                said = text(app, "#derivatives")
                assert "′" not in said and "≠" not in said and "notebook order" not in said, said
