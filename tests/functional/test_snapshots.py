"""Snapshots of the README's states at 120×40 and 80×24 (plain def tests, as the plugin needs)."""

import re
from pathlib import Path

import pytest

from tui.capture import started
from tui.cli import build
from tui.cli import main as command
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
