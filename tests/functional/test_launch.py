"""Before the debugger's first frame: garbage collection is off, and nothing the frame does not need is imported."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

import tui.frontends.cli
from tui.__main__ import entry
from tui.frontends.cli import main
from tui.frontends.start import build


@pytest.fixture
def collection_off():
    """Collection off, as the command starts; on again afterwards whatever the test does."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_the_command_starts_with_collection_off(monkeypatch):
    seen = []
    monkeypatch.setattr(tui.frontends.cli, "main", lambda: seen.append(gc.isenabled()) or 0)
    try:
        with pytest.raises(SystemExit) as leaving:
            entry()
    finally:
        gc.enable()
    assert (seen, leaving.value.code) == ([False], 0)


@pytest.mark.parametrize("argv", [["trace", "--epochs", "1"], ["serve", "--port", "none"]], ids=["trace", "serve"])
def test_a_subcommand_turns_collection_on_at_once(collection_off, argv, capsys):
    main(argv)
    assert gc.isenabled()


async def test_the_debugger_turns_collection_on_after_its_first_frame(collection_off):
    app = build([])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.ready.wait()
        assert gc.isenabled()


LATER = (
    "sklearn",
    "plotext",
    "json",
    "model.betaspace",
    "model.breakpoints",
    "model.csvdata",
    "model.gradcheck",
    "model.reference",
    "tui.formats.saved",
    "tui.app.screens.help",
    "tui.app.screens.prompt",
)
"""Modules for what comes after the first frame, or only with an option: none may slow it down."""
FIRST_FRAME = f"""
import sys
from textual.app import App
from tui.frontends.start import build

loaded = []
display = App._display

def first(app, screen, frame):
    display(app, screen, frame)
    if not loaded:
        loaded.extend(sys.modules)
        app.exit()

App._display = first
build([]).run(headless=True, size=(120, 40))
print(sorted(set(loaded) & set({LATER!r})) or "")
"""


def test_the_first_frame_imports_only_what_it_shows_and_closing_at_once_is_clean():
    found = subprocess.run([sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, timeout=120)
    assert (found.returncode, found.stderr) == (0, ""), "closed as its first frame went out, the app complained"
    assert found.stdout.strip() == "", f"imported before the first frame: {found.stdout.strip()}"
