"""Rules the debugger keeps however the terminal is resized, checked over whole sequences of sizes and moves.

- After any resize the layout is the one for the new size, and the screen is a fresh one at that size.
- Every panel shows the current position, however moves and resizes interleave.
- The data table follows the run both ways, on data of any size, its current sample in view.
"""

from __future__ import annotations

import contextlib
import re

import numpy as np
import pytest
from rich.segment import Segment
from textual.geometry import Region

from model import Config, train
from tests.helpers import debugger, screen_lines, text, until
from tui.app.debugger import Debugger
from tui.app.widgets.panel import Panel
from tui.app.widgets.rmse import Rmse
from tui.wording.fmt import num


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
                assert (
                    app.main_screen.looks.compact == fresh.main_screen.looks.compact == (width < 100 or height < 34)
                )  # no divergence here: no banner
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
            other.main_screen.looks.panels = app.main_screen.looks.panels
            other.main_screen.looks.show_panels()
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
        assert app.main_screen.looks.compact and app.screen.has_class("-compact") and not app.query_one("#network").display


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
                return app.size == size and screen.looks.compact == small and table.display == (not small)

            await until(laid_out, 5, f"layout at {size}")
            if not table.display:
                continue

            def seen(sample=sample):
                rows = table.scrollable_content_region.height - table.header_height
                return table.scroll_y <= sample < table.scroll_y + rows

            await until(seen, 5, f"sample {sample}'s row in view at {size}")
            shown.append(size)
        assert shown == [(100, 34), (160, 50), (120, 40)]
