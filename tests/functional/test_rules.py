"""Rules the debugger keeps in every state, checked over whole classes of input rather than single cases.

- While a predict question is open, the value asked for is nowhere on screen,
  and nothing (key, palette entry, script, timer) moves the run.
- Text typed at a prompt is shown as text, whatever it looks like.
- After any resize the layout is the one for the new size.
- The data table follows the run both ways, on data of any size.
"""

from __future__ import annotations

import contextlib
import re

import numpy as np
import pytest
from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Region
from textual.widgets import Input, Sparkline

from model import ORDERS, Config, train
from model.breakpoints import MOST, AtSample
from tests.helpers import SIZE, debugger, screen_lines, text, until
from tui.app.debugger import Debugger
from tui.app.screens.bindings import STILL_ACTIONS
from tui.app.screens.prompt import Prompt
from tui.app.session import Session
from tui.app.widgets.panel import Panel
from tui.app.widgets.rmse import Rmse
from tui.wording.fmt import num

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
    "notebook-beta-view": {},
    "tanh-bias-checked": {"activation": "tanh", "bias": True},
    "mazur-checked": {"network": "mazur"},
    "layered-checked": {"network": "LAYERED"},
}
"""The notebook's network (also with the β-space view), one with every extra (an activation, biases and the
gradient check on), and networks from files, checked: Mazur's at nine decimals, and one of three layers with
trained biases, a shared one and linear units (whose derivatives are their signals, unsloped)."""
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
    ("notebook", "derivative", "notebook"),
    ("simultaneous", "weight", "notebook"),
    ("notebook", "weight", "notebook-beta-view"),
    ("simultaneous", "derivative", "notebook-beta-view"),
    ("notebook", "derivative", "tanh-bias-checked"),
    ("simultaneous", "weight", "tanh-bias-checked"),
    ("notebook", "weight", "mazur-checked"),
    ("simultaneous", "derivative", "mazur-checked"),
    ("simultaneous", "weight", "layered-checked"),
    ("notebook", "derivative", "layered-checked"),
]
"""Every pair of an order, a kind of question and a network, each met once."""


@pytest.mark.parametrize(("order", "kind", "network"), ASKED)
async def test_the_answer_is_nowhere_on_screen_while_it_is_asked(order, kind, network, tmp_path):
    (tmp_path / "layered.toml").write_text(LAYERED, encoding="utf-8")
    options = {key: str(tmp_path / "layered.toml") if value == "LAYERED" else value for key, value in NETWORKS[network].items()}
    run = train(Config.from_options({"order": order, "epochs": "1", **options}))
    app = Debugger(run, Session(predict=kind, show={"network": True, "data": True, "narration": True}))
    # The first forward pass, then every micro-step of a sample further on, where weights and steps have other sizes.
    later = run.position(1, min(57, len(run.data) - 1), "forward")
    positions = [1, *range(later, later + run.per_sample)]
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        app.main_screen.checking = bool(NETWORKS[network])
        app.main_screen.beta = network.endswith("beta-view")
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
        app.main_screen.playing = True  # a timer, too
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
            assert app.main_screen.position == 0 and not app.main_screen.breakpoints


def _state(app: Debugger) -> tuple:
    screen = app.main_screen
    return screen.position, screen.playing, tuple(screen.breakpoints), len(screen.ghosts), screen.panels, screen.predict


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


@pytest.mark.parametrize(
    "sizes",
    [[(120, 40), (80, 24), (120, 40)], [(80, 24), (200, 60), (80, 24)], [(100, 34), (99, 34), (100, 33), (100, 34)]],
    ids=lambda sizes: "→".join(f"{w}x{h}" for w, h in sizes),
)
async def test_after_any_resize_the_layout_is_the_one_for_the_new_size(noisy, sizes):
    async with debugger(noisy, size=sizes[0]) as (app, pilot):
        await pilot.press("s")
        for width, height in sizes[1:]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            fresh = Debugger(noisy)
            async with fresh.run_test(size=(width, height)) as other:
                await fresh.ready.wait()
                await other.press("s")
                await other.pause()
                assert app.main_screen.compact == fresh.main_screen.compact == (width < 100 or height < 34)  # no divergence here: no banner
                for widget in ("#network", "#forward", "#derivatives", "#changes", "#rmse", "#narration", "#breakpoints"):
                    assert app.query_one(widget).region == fresh.query_one(widget).region, widget


async def test_after_any_toggles_and_resizes_the_screen_is_a_fresh_one_at_that_size_asked_for_the_same_panels(noisy):
    # The keys say what the person wants to see, the size how much of it fits: the screen must not remember the
    # sizes in between. Checked against fresh apps that never resized and were only told the same panels.
    sizes = [(120, 40), (80, 24), (100, 30), (40, 12), (100, 34)]
    events = np.random.RandomState(7).choice(["w", "t", "x", "resize"], 16)
    chosen = iter(np.random.RandomState(8).choice(len(sizes), 16))
    app = Debugger(noisy)
    fresh = {size: Debugger(noisy) for size in sizes}
    async with contextlib.AsyncExitStack() as stack, app.run_test(size=(80, 24)) as pilot:
        await app.ready.wait()
        pilots = {}
        for size, other in fresh.items():
            pilots[size] = await stack.enter_async_context(other.run_test(size=size))
            await other.ready.wait()
        for event in events:
            if event == "resize":
                await pilot.resize_terminal(*sizes[next(chosen)])
            else:
                await pilot.press(str(event))
            await pilot.pause()
            other = fresh[(app.size.width, app.size.height)]
            other.main_screen.panels = app.main_screen.panels
            other.main_screen._show_panels()
            await pilots[app.size.width, app.size.height].pause()
            assert screen_lines(app) == screen_lines(other), (event, app.size)


async def test_at_every_width_the_footer_shows_whole_keys_help_and_quit_among_them(noisy):
    async with debugger(noisy, size=(120, 24)) as (app, pilot):
        labels = {f"{app.get_key_display(b)} {b.description}" for _, b, _, _ in app.main_screen.active_bindings.values() if b.show}
        whole = re.compile("(?:(?:" + "|".join(map(re.escape, sorted(labels, key=len, reverse=True))) + ") +)*▏\\^p palette")
        for width in [*range(40, 131, 5), 99, 119]:  # every fifth width, and one column short of 100 and of 120
            await pilot.resize_terminal(width, 24)
            await until(lambda: whole.fullmatch(screen_lines(app)[-1].strip()), 5, f"whole keys at width {width}")
            footer = screen_lines(app)[-1]
            assert "? Help" in footer and "q Quit" in footer, (width, footer)


async def test_every_number_the_network_draws_is_written_as_the_other_panels_write_it(noisy):
    # At the sizes a class uses, the drawing has room for num's four decimals: w3 reads 0.7320 there as everywhere.
    async with debugger(noisy, size=(80, 24)) as (app, pilot):
        await pilot.press("w")
        for size in [(80, 24), (120, 40)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()  # laid out at this size
            for position in range(0, noisy.positions, 97):
                app.main_screen.go(position)
                app.main_screen.redraw()  # drawn now, at the width the panel has
                drawn = text(app, "#network")
                moment = noisy.at(position)
                for name, value in moment.weights.as_dict().items():
                    assert f"{name} {'+' if value >= 0 else ''}{num(value)} " in drawn, (size, position, name)
                if moment.step is not None:
                    for node in ("X1", "X2", "H1", "H2", "ŷ"):
                        assert re.search(f"{node} {re.escape(num(moment.step.nodes[node]))}(?![0-9])", drawn), (size, position, node)


async def test_the_rmse_panel_says_what_its_lowest_and_highest_bars_stand_for(noisy):
    async with debugger(noisy) as (app, pilot):
        await app.workers.wait_for_complete()
        spark = app.query_one("#spark", Sparkline)
        for keys in (["end"], ["l"], ["home", "s", "s"], ["l", "g", "1", "space", "5", "0", "enter"]):
            await pilot.press(*keys)
            await pilot.pause()
            values = np.array(spark.data)
            low, high = (10.0 ** values.min(), 10.0 ** values.max()) if app.main_screen.log_scale else (values.min(), values.max())
            assert app.query_one(Rmse).border_subtitle == f"bars from {num(low)} to {num(high)}", keys


SHOWN = ("#status", "#network", "#forward", "#derivatives", "#changes", "#rmse-figures")
"""Panels whose text is the current moment's."""


@pytest.mark.parametrize("sizes", [[(120, 40), (80, 24)], [(80, 24), (120, 40), (200, 60)]], ids=str)
async def test_every_panel_shows_the_current_position_however_moves_and_resizes_interleave(noisy, sizes):
    # A panel redrawn on resize must draw the latest move, not the one current when the resize came in.
    async with debugger(noisy, size=sizes[0]) as (app, pilot):
        for i, size in enumerate(sizes[1:], 1):  # from the first frame on: the data table's arrival resizes the RMSE panel too
            app.main_screen.go(noisy.position(1, 10 * i))
            await pilot.resize_terminal(*size)
            app.main_screen.go(noisy.position(2, 10 * i, "w1"))
        await app.ready.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        fresh = Debugger(noisy)
        async with fresh.run_test(size=sizes[-1]) as other:
            await fresh.ready.wait()
            await fresh.workers.wait_for_complete()
            fresh.main_screen.go(app.main_screen.position)
            await other.pause()
            for panel in SHOWN:
                assert text(app, panel) == text(fresh, panel), panel


async def test_a_redraw_queued_by_a_resize_draws_the_move_made_after_it(noisy):
    # The RMSE panel redraws once its sparkline has its new width; by then the run may have moved on.
    async with debugger(noisy) as (app, pilot):
        await app.workers.wait_for_complete()
        screen = app.main_screen
        for widget in [*app.query(Panel), app.query_one(Rmse)]:
            screen.go(noisy.position(1, 5))
            await pilot.pause()
            widget.on_resize()
            screen.go(noisy.position(3, 7))
            screen.redraw()
            await pilot.pause()
            assert num(noisy.at(screen.position).rmse) in text(app, "#status"), widget
            assert f"RMSE {num(noisy.at(screen.position).rmse)}" in text(app, "#rmse-figures"), widget


@pytest.mark.parametrize("over", ["question_mark", "g"])
async def test_a_resize_behind_help_or_a_prompt_lays_out_the_debugger_for_the_new_size(noisy, over):
    async with debugger(noisy, size=(120, 40)) as (app, pilot):
        await pilot.press(over)
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.main_screen.compact and app.screen.has_class("-compact") and not app.query_one("#network").display


async def test_the_data_table_follows_the_run_back_as_well_as_forward(noisy):
    async with debugger(noisy) as (app, pilot):
        table = app.query_one("#samples")
        app.main_screen.go(noisy.position(1, 80))
        await pilot.pause()
        assert table.cursor_row == 80 and table.scroll_y > 0
        screen = app.main_screen
        for back in (screen.action_restart, screen.action_first, lambda: screen.go(noisy.position(2, 3))):
            screen.go(noisy.position(1, 80))
            await pilot.pause()
            back()
            await pilot.pause()
            row = noisy.at(screen.position).step.sample if screen.position else 0
            await until(lambda row=row: table.cursor_row == row and table.scroll_y <= row, 5, "the table scrolling back")


async def test_on_large_data_the_highlighted_row_is_the_current_sample_wherever_the_run_goes(monkeypatch):
    from tui.app.widgets import samples as table_module

    WINDOW = 100  # the table holds a window of the rows; a small one shows the rule as well as the real 2,000
    monkeypatch.setattr(table_module, "WINDOW", WINDOW)
    run = train(Config.from_options({"samples": str(3 * WINDOW + 17), "epochs": "2", "lr": "1e-6"}))
    async with debugger(run) as (app, pilot):
        table, screen = app.query_one("#samples"), app.main_screen
        rng = np.random.RandomState(0)
        rows = len(run.data)
        # Both ends of the data, a window's edges, then random jumps both ways.
        samples = [0, rows - 1, WINDOW - 1, WINDOW, 5, rows // 2, *rng.randint(0, rows, 12)]
        for epoch, sample in zip([1, 2] * len(samples), samples):
            screen.go(run.position(epoch, int(sample), "w2"))
            await pilot.pause()
            assert table.row_count <= WINDOW
            assert str(table.get_row_at(table.cursor_row)[0]) == str(sample), sample
            assert table.border_subtitle.endswith(f"of {rows:,}")


async def test_the_data_table_draws_each_row_as_a_fresh_drawing_would_wherever_the_cursor_goes(noisy):
    """Rule: the table's drawn lines are kept between moves (only the rows the cursor leaves and enters change),
    and what it shows is always what it would show drawn from nothing."""
    async with debugger(noisy) as (app, pilot):
        table, screen = app.query_one("#samples"), app.main_screen
        moves = [(1, 0), (1, 1), (1, 2), (1, 30), (1, 31), (1, 29), (2, 99), (2, 98), (1, 5), (3, 50), (3, 51)]

        def drawn() -> list[list[Segment]]:
            return [list(line) for line in table.render_lines(Region(0, 0, *table.size))]

        for epoch, sample in moves:
            screen.go(noisy.position(epoch, sample, "w3"))
            await pilot.pause()
            kept = drawn()
            table._clear_caches()  # every line drawn again, from nothing
            assert drawn() == kept, f"epoch {epoch}, sample {sample}: a line drawn before the move stayed"


@pytest.mark.parametrize("log_scale", [False, True])
async def test_a_climb_to_divergence_shows_in_the_sparkline(log_scale):
    run = train(Config.from_options({"epochs": "400"}))
    assert run.divergence is not None
    async with debugger(run, Session(log_scale=log_scale)) as (app, pilot):
        await pilot.press("end")
        await pilot.pause()
        bars = app.query_one(Sparkline).data
        assert bars[-1] == max(bars) and bars[-1] > 10 * float(np.median(bars))


async def test_the_status_line_names_the_data_it_runs_on(tmp_path):
    path = tmp_path / "heights.csv"
    path.write_text("a,b,y\n1,2,3\n2,1,4\n3,3,2\n")
    run = train(Config.from_options({"data": str(path)}))
    async with Debugger(run).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text(pilot.app, "#status").startswith("heights.csv · lr")


UNPARENTHESISED = re.compile(r"(?:[+·−×]|\s-)\s*-\d")
"""A negative number straight after an operator: `+ -1.05` or `·-0.4`; it must be written `+ (-1.05)`."""


@pytest.mark.parametrize("network", ["notebook", "tanh-bias-checked"])
@pytest.mark.parametrize("order", ORDERS)
async def test_negative_numbers_after_an_operator_are_parenthesised_everywhere(order, network):
    run = train(Config.from_options({"preset": "easy", "order": order, "epochs": "1", "samples": "30", **NETWORKS[network]}))
    async with debugger(run, Session(show={"network": True, "narration": True})) as (app, pilot):
        app.main_screen.checking = network.endswith("checked")  # the check's finite differences are written too
        await pilot.pause()
        for position in range(run.positions):
            app.main_screen.position = position
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


async def test_after_any_resize_the_current_sample_is_in_the_tables_view(noisy):
    """Rule: wherever the table is shown, its highlighted row is in view, without waiting for the next step."""
    async with debugger(noisy, size=(160, 50)) as (app, pilot):
        table, screen = app.query_one("#samples"), app.main_screen
        shown = []  # 100×30 and 80×24 are compact: the table is hidden there, and comes back at 120×40
        for sample, size in ((20, (100, 34)), (60, (100, 30)), (99, (160, 50)), (45, (80, 24)), (30, (120, 40))):
            screen.go(noisy.position(1, sample))
            await pilot.pause()
            await pilot.resize_terminal(*size)
            small = size in ((100, 30), (80, 24))

            def laid_out(size=size, small=small):
                return app.size == size and screen.compact == small and table.display == (not small)

            await until(laid_out, 5, f"layout at {size}")
            if not table.display:
                continue

            def seen(sample=sample):
                rows = table.scrollable_content_region.height - table.header_height
                return table.scroll_y <= sample < table.scroll_y + rows

            await until(seen, 5, f"sample {sample}'s row in view at {size}")
            shown.append(size)
        assert shown == [(100, 34), (160, 50), (120, 40)]
