"""The command palette's entries for the debugger's screen: every key's action, and what has no key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui.app.screens.bindings import CLASS_ACTIONS, KEYS

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


def commands(screen: MainScreen) -> Iterator[SystemCommand]:
    """Every key's action (help and quit are the palette's own already; a student's only in a class), a
    breakpoint with no key, and Save."""
    student = screen.classlink is not None and not screen.classlink.teacher
    for binding in KEYS:
        if binding.action not in ("quit", "help") and (student or binding.action not in CLASS_ACTIONS):
            yield SystemCommand(binding.description, binding.tooltip, lambda a=binding.action: screen.run_action(a))
    from model.breakpoints import RmseRises  # not needed for the first frame

    rises = RmseRises()
    yield SystemCommand(f"Break {rises}", "stop after any sample that raises the RMSE", lambda: screen.add_breakpoint(rises))
    yield SystemCommand("Save session", "write this session to a file that --resume opens again", screen.save_session)
    link = screen.classlink
    if link is not None and link.teacher:
        for kind in ("csv", "json"):
            what = f"each question asked: answered, close, median error; no student's name ({kind.upper()} download)"
            yield SystemCommand(f"Save the class's results as {kind.upper()}", what, lambda k=kind: link.save_results(k))
