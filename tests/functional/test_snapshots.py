"""Snapshots of the README's states at 120×40 and 80×24 (plain def tests, as the plugin needs)."""

import pytest

from tui.capture import started
from tui.cli import build
from tui.screenshots import SHOTS, SIZES


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("shot", SHOTS, ids=lambda s: s.name)
def test_snapshot(snap_compare, shot, size):
    app = build([*shot.argv, "--keys", shot.keys, "--screenshot", "unused.svg"])  # as --screenshot builds it

    async def setup(pilot):
        if await started(app):
            await app.workers.wait_for_complete()

    matched = snap_compare(app, press=shot.keys.split(), terminal_size=size, run_before=setup)
    assert not app.return_code, "the app failed: its picture is of a broken screen"
    assert matched
