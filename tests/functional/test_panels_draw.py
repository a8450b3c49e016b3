"""What the panels draw stands for what they say it does: the diagram's numbers written as the other panels write
them, the RMSE panel's scale, a climb to divergence in the sparkline, and the data the status line names.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from textual.widgets import Sparkline

from model import Config, train
from tests.helpers import SIZE, debugger, text
from tui.app.debugger import Debugger
from tui.app.widgets.rmse import Rmse
from tui.records.session import Session
from tui.wording.fmt import num


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
            low, high = (10.0 ** values.min(), 10.0 ** values.max()) if app.main_screen.looks.log_scale else (values.min(), values.max())
            assert app.query_one(Rmse).border_subtitle == f"bars from {num(low)} to {num(high)}", keys


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
