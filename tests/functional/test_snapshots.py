"""Snapshots of the README's states at 120×40 and 80×24 (plain def tests, as the plugin needs)."""

import re
from pathlib import Path

import pytest

from tests.helpers import SIZES as LAYOUT_SIZES
from tests.helpers import check
from tui.frontends.capture import started
from tui.frontends.cli import main as command
from tui.frontends.screenshots import SHOTS, SIZES
from tui.frontends.start import build

MODAL = ("help", "predict-ask")
"""States whose modal covers the panels: its own text is checked by the prompt and help tests."""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("shot", SHOTS, ids=lambda s: s.name)
def test_snapshot(snap_compare, shot, size):
    """The picture, and the layout rule in the pictured state: at the picture's size, and from the compact one at
    the sizes between it and the large one before coming back to it (the compact layout keeps no scroll to lose)."""
    app = build([*shot.argv, "--keys", shot.keys, "--screenshot", "unused.svg"])  # as --screenshot builds it

    async def setup(pilot):
        if not await started(app):
            return
        await app.workers.wait_for_complete()
        await pilot.press(*shot.keys.split())
        await pilot.pause()
        if shot.name in MODAL:
            return
        for other in [*(LAYOUT_SIZES[1:-1] if size == LAYOUT_SIZES[-1] else ()), size]:
            await pilot.resize_terminal(*other)
            await pilot.pause()
            await pilot.pause()
            check(app, f"{shot.name} at {other[0]}x{other[1]}")

    matched = snap_compare(app, terminal_size=size, run_before=setup)
    assert not app.return_code, "the app failed: its picture is of a broken screen"
    assert matched


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_resumed_session_snapshot_is_the_saved_one(snap_compare, tmp_path, size):
    shot = next(shot for shot in SHOTS if shot.name == "fork-ghost")
    saved = tmp_path / "fork.json"
    assert (
        command(["--keys", shot.keys, "--screenshot", str(tmp_path / "x.svg"), "--size", f"{size[0]}x{size[1]}", "--save", str(saved)]) == 0
    )
    app = build(["--resume", str(saved), "--screenshot", "unused.svg"])

    async def setup(pilot):
        if await started(app):
            await app.workers.wait_for_complete()

    assert snap_compare(app, terminal_size=size, run_before=setup)
    ours = SNAPSHOTS / f"test_a_resumed_session_snapshot_is_the_saved_one[{size[0]}x{size[1]}].svg"
    theirs = SNAPSHOTS / f"test_snapshot[fork-ghost-{size[0]}x{size[1]}].svg"
    if ours.exists():  # written by --snapshot-update: the same picture as the state it was saved from
        assert _picture(ours) == _picture(theirs)


SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_snapshots"


def _picture(path: Path) -> str:
    """An SVG snapshot without the id Textual derives from the test's name."""
    return re.sub(r"terminal-\d+-", "terminal-", path.read_text(encoding="utf-8"))
