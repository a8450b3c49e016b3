"""The command palette's entries for the debugger's screen: every key's action, and what has no key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui.app.screens.bindings import CLASS_ACTIONS, KEYS, STUDENT_ACTIONS

if TYPE_CHECKING:
    from tui.app.classlink import ClassLink
    from tui.app.screens.main import MainScreen
    from tui.formats.protocol import ResultsFile


def commands(screen: MainScreen) -> Iterator[SystemCommand]:
    """Every key's action (help and quit are the palette's own already; a student's only in a class; the teacher's
    with the class's, which say what they do now), a breakpoint with no key, and Save."""
    link = screen.classlink
    role = None if link is None else STUDENT_ACTIONS if not link.teacher else ()
    for binding in KEYS:
        if binding.action not in ("quit", "help") and (binding.action not in CLASS_ACTIONS or binding.action in (role or ())):
            yield SystemCommand(binding.description, binding.tooltip, lambda a=binding.action: screen.run_action(a))
    from model.breakpoints import RmseRises  # not needed for the first frame

    rises = RmseRises()
    yield SystemCommand(f"Break {rises}", "stop after any sample that raises the RMSE", lambda: screen.moving.add_breakpoint(rises))
    yield SystemCommand("Save session", "write this session to a file that --resume opens again", screen.saving.save_session)
    if link is not None and link.teacher:
        yield from teaching(link)


def teaching(link: ClassLink) -> Iterator[SystemCommand]:
    """The teacher's: a second vote, eyes up, and the class's results to download."""
    hidden = "the class votes again on the open question, after talking it over; the first vote's answers stay hidden"
    yield SystemCommand("Second vote", hidden, lambda: link.revote(False))
    shown = "the class votes again on the open question, seeing the first vote's answers first (never the truth)"
    yield SystemCommand("Second vote, showing the first vote's answers", shown, lambda: link.revote(True))
    word = "Release the class" if link.frozen else "Eyes up"
    yield SystemCommand(word, "hold every student's screen on your step (E, or F3 in a question's box), or let them go", link.eyes_up)
    files: dict[ResultsFile, tuple[str, str]] = {
        "results.csv": ("Save the class's answers as CSV", "a row per student, question and vote, for a spreadsheet"),
        "summary.csv": ("Save the class's summary as CSV", "a line per question: each vote, the shift, wrong and sure"),
        "results.json": ("Save the class's results as JSON", "the answers and the summary in one file"),
    }
    for file, (title, what) in files.items():
        yield SystemCommand(title, what, lambda f=file: link.save_results(f))
