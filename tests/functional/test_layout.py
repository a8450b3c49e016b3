"""Nothing essential is cut or wrapped, at every size from 80×24 to 120×40, in the hard states (the pictured ones: test_snapshots).

A panel whose text needs more lines than it has, a figure or a status line that wraps onto a second line, a
footer that loses ? or q, a column with a blank band or a panel pushed below the footer: each is a failure of
the same rule, checked here on every state at every size (100×30 is a common projector), and after toggles.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from textual import events
from textual.geometry import Size
from textual.widgets import Input

from tests.helpers import SIZES, check, debugger
from tui.app.screens.prompt import Prompt
from tui.frontends.start import build
from tui.records.panels import Panels
from tui.records.session import Session

LONG_NAME = "the_height_of_the_tallest_sunflower_in_the_garden_in_centimetres"
STATES = [  # the pictured states are checked by their snapshot tests
    ("divergence", ["--lr", "0.5"], "end"),
    ("divergence-mid", ["--lr", "0.5"], "end b b b"),
    ("long-csv-name", ["--data", "LONG"], "n n n n"),
    ("long-csv-diverged", ["--data", "LONG", "--lr", "0.05"], "end"),
    ("simultaneous-far", ["--order", "simultaneous", "--epochs", "400"], "g 2 9 9 w 4 enter"),
    ("easy-end-narrated", ["--preset", "easy"], "end"),
    ("hidden-panels", [], "s w t x"),
    ("breakpoints-listed", [], "B r i s e s enter B 3 space 1 7 enter B d w space 0 . 0 5 enter"),
    ("notebook-check", [], "s c"),
    ("relu-bias-check", ["--activation", "relu", "--bias"], "s n n n n n n c"),
    ("tanh-lesson-end", ["--lesson", "tanh"], "end c"),
    ("sigmoid-bias-diverged", ["--activation", "sigmoid", "--bias", "--lr", "5", "--epochs", "50"], "end"),
    ("mazur-notebook-w2", ["--network", "mazur"], "n n n n n n n"),
    ("mazur-checked-end", ["--network", "mazur", "--epochs", "3"], "end c"),
    ("hagan-fork", ["--network", "hagan"], "n n f w 2 _ 1 space = space 1 enter n"),
    ("xor-first-layer-checked", ["--network", "xor", "--epochs", "2"], "s" + " n" * 22 + " c"),
    ("widest-network-last-layer", ["--network", "WIDE"], "n n n n n n n n"),
    ("widest-network-first-layer", ["--network", "WIDE", "--order", "simultaneous"], "g 1 space 0 space w 1 enter"),
]


@pytest.fixture
def long_csv(tmp_path):
    path = tmp_path / f"{LONG_NAME}.csv"
    names = f"{LONG_NAME},shoe size in the European system,{LONG_NAME}_next_year"
    path.write_text(f"{names}\n" + "".join(f"{i},{i % 3 + 40},{2 * i + 101}\n" for i in range(40)))
    return str(path)


@pytest.fixture
def wide(tmp_path):
    """A network at the limits: four layers, six nodes in one, thirty parameters, long names, a bias shared unevenly."""
    path = tmp_path / "wide.toml"
    layers = [["x1", "x2"], [f"hidden{i}" for i in range(1, 7)], ["a1", "a2"], ["output"]]
    parameters = [
        f'w{i} = ["{a}", "{b}", {(-1) ** i * i / 10}]'
        for i, (a, b) in enumerate([(a, b) for before, after in pairwise(layers) for b in after for a in before], 1)
    ]
    parameters += ['b1 = ["1", ["a1", "a2"], 0.1]', 'b2 = ["1", ["hidden1", "hidden3", "hidden5"], -0.2]', 'b3 = ["1", "output", 0.3]']
    path.write_text(
        f"[network]\nlayers = {layers}\nactivations = ['tanh', 'sigmoid', 'linear']\nloss = 'squared'\nlr = 0.01\n"
        "[parameters]\n" + "\n".join(parameters) + "\n[data]\ninputs = [[1, 2], [3, -4]]\ntargets = [[0.5], [-0.5]]\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize(("name", "argv", "keys"), STATES, ids=[state[0] for state in STATES])
async def test_nothing_essential_is_cut(name, argv, keys, long_csv, wide):
    app = build([long_csv if a == "LONG" else wide if a == "WIDE" else a for a in argv] + ["--screenshot", "unused.svg"])
    # One app per state, resized through the sizes: a resize lays out as a fresh start does (test_rules).
    async with app.run_test(size=SIZES[0]) as pilot:
        await app.ready.wait()
        await app.workers.wait_for_complete()
        for key in keys.split():
            await pilot.press(key)
        await pilot.pause()
        await app.workers.wait_for_complete()
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            check(app, f"{name} at {size[0]}x{size[1]}")


@pytest.mark.parametrize(
    "sizes, network",
    [
        ([(200, 60), (100, 34), (99, 33)], []),  # a large screen, and either side of the full layout's least size
        ([(100, 38), (100, 37), (100, 36)], ["--bias"]),  # with biases, which need more rows
    ],
)
async def test_nothing_is_cut_after_resizes_and_toggles(sizes, network):
    # The states above are checked at SIZES after their keys; here each panel is toggled at the sizes in between.
    app = build(["--lr", "0.5", *network, "--screenshot", "unused.svg"])  # a divergence: the banner takes a line too
    async with app.run_test(size=sizes[0]) as pilot:
        await app.ready.wait()
        await app.workers.wait_for_complete()
        await pilot.press("end")
        for width, height in sizes:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            for hidden in ((), ("network",), ("data",), ("narration",), ("network", "data", "narration")):
                # Set as w, t and x set it (test_panels); after any keys, the screen is a fresh one (test_rules).
                app.main_screen.looks.panels = Panels(hidden=frozenset(hidden))
                app.main_screen.looks.show_panels()
                await pilot.pause()
                check(app, f"{width}x{height} with {hidden} hidden")


async def test_the_layout_choice_follows_the_terminal_even_when_a_resize_event_carries_a_size_it_is_leaving():
    # Textual also tells a screen of its own region while a layout is under way. Taken for the terminal's size, such an
    # event flipped the layout, whose relayout sent the other size back: a served app resized while starting was stuck
    # in that loop (test_serve's clamped session caught it).
    app = build(["--screenshot", "unused.svg"])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        for old, new in (((120, 40), (80, 24)), ((80, 24), (120, 40))):
            await pilot.resize_terminal(*new)
            await pilot.pause()
            app.main_screen.post_message(events.Resize.from_dimensions(Size(*old), None))
            await pilot.pause()
            assert app.main_screen.looks.compact == (new == (80, 24)), f"a stale {old} resize chose the layout at {new}"


PROMPTS = {
    "go to": ("g", Session()),
    "breakpoint": ("B", Session()),
    "fork": ("f", Session()),
    "fork refused": ("f", None),
    "predict a derivative": ("n n", Session(predict="derivative")),
    "predict a weight": ("n n", Session(predict="weight")),
}


@pytest.mark.parametrize("prompt", PROMPTS)
async def test_every_prompt_says_its_whole_hint_at_every_size(noisy, prompt):
    keys, session = PROMPTS[prompt]
    async with debugger(noisy, session or Session(), size=SIZES[0]) as (app, pilot):
        if session is None:  # a fork of a fork of a fork
            for edit in ("lr = 2e-4", "w1 = 0"):
                await pilot.press("f")
                app.screen.query_one(Input).value = edit
                await app.screen.query_one(Input).action_submit()
                await pilot.pause()
        await pilot.press(*keys.split())
        prompt_screen = app.screen
        assert isinstance(prompt_screen, Prompt)
        hint = prompt_screen.hint
        for size in [*SIZES, (60, 20), (40, 12)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            label = prompt_screen.query_one("#prompt-hint")
            region = label.content_region
            assert label.get_content_height(label.size, app.size, region.width) <= region.height, f"{prompt} at {size}: {hint!r} is cut"
            assert app.screen.region.contains_region(label.region), f"{prompt} at {size}: the hint is off screen"
