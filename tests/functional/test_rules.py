"""Rules the debugger keeps in every state, checked over whole classes of input rather than single cases.

- While a predict question is open, the value asked for is nowhere on screen,
  and nothing (key, palette entry, script, timer) moves the run.
- Text typed at a prompt is shown as text, whatever it looks like.
- A negative number after an operator is parenthesised, in every panel at every position.
- Predict tallies are kept per kind; the breakpoint that stopped the run is marked while the run is there.

The layout's rules after resizes are in `test_resizes.py`, what each panel draws in `test_panels_draw.py`.
"""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding
from textual.widgets import Input

from model import ORDERS, Config, train
from model.breakpoints import MOST, AtSample
from tests.helpers import SIZE, debugger, screen_lines, text
from tui.app.debugger import Debugger
from tui.app.screens.bindings import STILL_ACTIONS
from tui.app.screens.prompt import Prompt
from tui.app.widgets.panel import Panel
from tui.records.session import Session

HOSTILE = ["[/x]", "[bold]x", "[/]", "\x1b]2;owned\x07", "\x1b[2J", "²", "١٢ ٣", "9" * 5000, "1e999", "-0", "", "   ", "\u202e1 2", "🙂"]
"""Text that has crashed, hung or fooled the app, or could: markup, escape sequences, unicode digits, huge numbers."""


NUMBER = re.compile(r"-?(\d+)\.?(\d*)(?:e([+-]?\d+))?")


def reveals(token: re.Match, truth: float) -> bool:
    """Whether a number on screen is `truth` written to its precision, with at least three significant digits."""
    whole, decimals, exponent = token.group(1), token.group(2), int(token.group(3) or 0)
    if len((whole + decimals).lstrip("0")) < 3:
        return False
    last_place = 10.0 ** (exponent - len(decimals))
    return abs(float(token.group(0)) - truth) <= last_place / 2 * (1 + 1e-9)


NETWORKS = {
    "notebook": {},
    "tanh-bias": {"activation": "tanh", "bias": True},
    "mazur": {"network": "mazur"},
    "layered": {"network": "LAYERED"},
}
"""The notebook's network, the same with every extra (an activation and biases), and networks from files: Mazur's
at nine decimals, and one of three layers with trained biases, a shared one and linear units (whose derivatives are
their signals, unsloped). Every one but the notebook's has the gradient check on while a derivative is asked."""
LAYERED = """[network]
layers = [["x1", "x2"], ["h1", "h2", "h3"], ["g1", "g2"], ["o"]]
activations = ["tanh", "linear", "linear"]
loss = "squared"
lr = 0.05
[parameters]
w1 = ["x1", "h1", 0.3]
w2 = ["x2", "h1", -0.6]
w3 = ["x1", "h2", 0.8]
w4 = ["x2", "h3", 0.45]
b1 = ["1", ["h1", "h2", "h3"], 0.1]
v1 = ["h1", "g1", 0.7]
v2 = ["h2", "g1", -0.35]
v3 = ["h3", "g2", 0.55]
c1 = ["1", "g1", -0.2]
c2 = ["1", "g2", 0.15]
u1 = ["g1", "o", 0.9]
u2 = ["g2", "o", -0.4]
d1 = ["1", "o", 0.05]
[data]
inputs = [[0.37, -1.41], [1.73, 0.62], [-0.88, 2.26]]
targets = [[0.51], [-1.19], [0.83]]
"""
"""Inputs and targets of no special value: a derivative that equals another only by the data's chance would be a
coincidence, not the screen giving an answer away."""


ASKED = [
    ("notebook", "derivative", "notebook", "panels"),
    ("simultaneous", "weight", "notebook", "beta"),
    ("notebook", "derivative", "tanh-bias", "beta"),
    ("simultaneous", "weight", "tanh-bias", "panels"),
    ("notebook", "weight", "mazur", "panels"),
    ("simultaneous", "derivative", "mazur", "panels"),
    ("simultaneous", "weight", "layered", "panels"),
    ("notebook", "derivative", "layered", "panels"),
]
"""Every pair of an order, a kind of question, a network and a view met at least once (the β-space view is the
notebook's networks' only)."""


@pytest.mark.parametrize(("order", "kind", "network", "view"), ASKED)
async def test_the_answer_is_nowhere_on_screen_while_it_is_asked(order, kind, network, view, tmp_path):
    (tmp_path / "layered.toml").write_text(LAYERED, encoding="utf-8")
    options = {key: str(tmp_path / "layered.toml") if value == "LAYERED" else value for key, value in NETWORKS[network].items()}
    run = train(Config.from_options({"order": order, "epochs": "1", **options}))
    app = Debugger(run, Session(predict=kind, show={"network": True, "data": True, "narration": True}))
    # The first forward pass, then every micro-step of a sample further on, where weights and steps have other sizes.
    later = run.position(1, min(57, len(run.data) - 1), "forward")
    positions = [1, *range(later, later + run.per_sample)]
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        # The gradient check writes derivatives, numeric and analytic: what it could give away is a derivative's answer.
        app.main_screen.looks.checking = network != "notebook" and kind == "derivative"
        app.main_screen.looks.beta = view == "beta"
        asked = 0
        for target in positions:
            app.main_screen.go(target - 1)
            app.main_screen.action_next()
            await pilot.pause()
            if app.main_screen.asking is None:
                assert app.main_screen.position == target  # the forward pass asks nothing
                continue
            asked += 1
            screen = "\n".join(screen_lines(app))
            assert app.main_screen.asking.label in screen
            moment = run.at(target)
            old = moment.step.updates[moment.phase - 1].old  # the weight before its update is given, and may round alike
            for token in NUMBER.finditer(screen):
                if reveals(token, app.main_screen.asking.truth) and not (kind == "weight" and reveals(token, old)):
                    raise AssertionError(f"{app.main_screen.asking.label} = {token.group(0)} is on screen while it is asked")
            await pilot.press("escape")
            assert app.main_screen.position == target
        assert asked == run.per_sample - 1


async def test_nothing_moves_the_run_while_a_question_is_open(noisy):
    async with debugger(noisy, Session(predict="derivative")) as (app, pilot):
        await pilot.press("n", "n")
        assert app.main_screen.asking is not None
        asked, position = app.main_screen.asking, app.main_screen.position
        for binding in app.main_screen.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action not in ("quit", *STILL_ACTIONS):
                await app.main_screen.run_action(binding.action)  # the path of the command palette's entries
        app.main_screen.moving.playing = True  # a timer, too
        app.main_screen.go(position + 100)
        await pilot.pause()
        assert (app.main_screen.position, app.main_screen.asking) == (position, asked)
        assert isinstance(app.screen, Prompt)
        assert app.main_screen.trained.config.order == "notebook"


async def test_hostile_text_at_every_prompt_is_refused_in_plain_words(noisy):
    async with debugger(noisy, Session(predict="derivative")) as (app, pilot):
        for key in ("g", "B", "f"):
            await pilot.press(key)
            prompt = app.screen
            assert isinstance(prompt, Prompt)
            field = prompt.query_one(Input)
            for typed in HOSTILE:  # a refusal keeps the prompt open: each text is typed into the same one
                field.value = ""
                field.insert_text_at_cursor(typed)  # as a paste arrives
                await field.action_submit()
                await pilot.pause()
                error = str(prompt.query_one("#prompt-error").render())
                assert app.screen is prompt and error, f"{key}: {typed!r} was taken"
                assert "\x1b" not in "".join(screen_lines(app))
            await pilot.press("escape")
            assert app.main_screen.position == 0 and not app.main_screen.moving.breakpoints


def _state(app: Debugger) -> tuple:
    screen = app.main_screen
    return (
        screen.position,
        screen.playing,
        tuple(screen.moving.breakpoints),
        len(screen.trainer.ghosts),
        screen.looks.panels,
        screen.predicting.predict,
    )


REFUSED = {
    "a fork of a fork of a fork": ("f", Session(), ["f", "lr = 2e-4", "enter", "f", "w1 = 0", "enter"], "Forks nest one level deep"),
    "a breakpoint past the most": ("B", Session(breakpoints=tuple(AtSample(1, i) for i in range(MOST))), [], "At most 20 breakpoints"),
}


@pytest.mark.parametrize("refusal", REFUSED)
async def test_a_refused_action_keeps_its_prompt_so_what_is_typed_next_is_no_command(noisy, refusal):
    # Rule: a key whose action is refused still opens its prompt, with the reason; what the teacher goes on typing
    # (here every command key there is) is text in that prompt, and Enter keeps it open: nothing moves or toggles.
    key, session, before, reason = REFUSED[refusal]
    async with debugger(noisy, session) as (app, pilot):
        for typed in before:  # reach the state where the key is refused
            if typed in ("f", "enter"):
                await pilot.press(typed)
            else:
                app.screen.query_one(Input).insert_text_at_cursor(typed)
            await app.workers.wait_for_complete()
        state = _state(app)
        await pilot.press(key)
        prompt = app.screen
        assert isinstance(prompt, Prompt) and reason in str(prompt.query_one("#prompt-error").render())
        keys = [k for b in app.main_screen.BINDINGS if isinstance(b, Binding) for k in b.key.split(",") if len(k) == 1]
        await pilot.press(*keys, "space", "w", "1", "enter")
        assert app.screen is prompt and reason in str(prompt.query_one("#prompt-error").render())
        await pilot.press("escape")
        assert app.screen is app.main_screen and _state(app) == state


async def test_hostile_text_at_the_predict_prompt_is_refused(noisy):
    async with debugger(noisy, Session(predict="weight")) as (app, pilot):
        await pilot.press("n", "n")
        for typed in [t for t in HOSTILE if t != "-0"]:  # -0 is a number, and would be taken
            app.screen.query_one(Input).value = ""
            app.screen.query_one(Input).insert_text_at_cursor(typed)
            await app.screen.query_one(Input).action_submit()
            await pilot.pause()
            assert "type a finite number" in str(app.screen.query_one("#prompt-error").render())
        assert app.main_screen.position == 1 and app.main_screen.asking is not None


UNPARENTHESISED = re.compile(r"(?:[+·−×]|\s-)\s*-\d")
"""A negative number straight after an operator: `+ -1.05` or `·-0.4`; it must be written `+ (-1.05)`."""


@pytest.mark.parametrize("network", ["notebook", "tanh-bias"])
@pytest.mark.parametrize("order", ORDERS)
async def test_negative_numbers_after_an_operator_are_parenthesised_everywhere(order, network):
    run = train(Config.from_options({"preset": "easy", "order": order, "epochs": "1", "samples": "30", **NETWORKS[network]}))
    async with debugger(run, Session(show={"network": True, "narration": True})) as (app, pilot):
        app.main_screen.looks.checking = network != "notebook"  # the check's finite differences are written too
        await pilot.pause()
        for position in range(run.positions):
            app.main_screen.moving.position = position
            app.main_screen.redraw()
            for panel in app.query(Panel):
                shown = getattr(panel._shown, "plain", "")
                found = UNPARENTHESISED.search(shown)
                assert not found, f"{panel.id} at {position}: {found.group(0)!r} in {shown!r}"


async def test_predict_scores_are_kept_per_kind_and_restart_clears_them(noisy):
    async with debugger(noisy, Session(predict="derivative")) as (app, pilot):
        await pilot.press("n", "n")
        app.screen.query_one(Input).value = repr(app.main_screen.asking.truth)
        await app.screen.query_one(Input).action_submit()
        await pilot.pause()
        subtitle = lambda: str(app.query_one("#derivatives").border_subtitle)  # noqa: E731
        assert subtitle() == "predict ∂L/∂w · 1/1 within 1%"
        await pilot.press("p")
        assert subtitle() == "predict the new w · 0/0 within 1%"
        await pilot.press("p", "p")
        assert subtitle() == "predict ∂L/∂w · 1/1 within 1%"
        await pilot.press("r")
        assert subtitle() == "predict ∂L/∂w · 0/0 within 1%" and app.main_screen.position == 0


async def test_the_breakpoint_that_stopped_the_run_is_marked_while_the_run_is_there(noisy):
    # Rule: at every stop a breakpoint makes along a whole run, the panel names that breakpoint; one move on, it does not.
    from model.breakpoints import RmseBelow, next_hit

    points = (AtSample(2, 5), RmseBelow(125), AtSample(4, 0))
    async with debugger(noisy, Session(breakpoints=points)) as (app, pilot):
        screen, stops = app.main_screen, 0
        while not screen.at_end and stops < 10:
            expected = next_hit(noisy, list(points), screen.position, noisy.final)
            await app.run_action("screen.last")
            await pilot.pause()
            shown = text(app, "#breakpoints")
            if expected is None:
                assert "stopped here" not in shown
                break
            stops += 1
            number = points.index(expected[1]) + 1
            assert screen.position == expected[0] and f"stopped here by {number}. {expected[1]}" in shown, shown
            assert f"{number}. {expected[1]} ◀" in shown
            await app.run_action("screen.next")
            await pilot.pause()
            assert "stopped here" not in text(app, "#breakpoints") and "◀" not in text(app, "#breakpoints")
        assert stops >= 3, "the run was stopped by each breakpoint"
