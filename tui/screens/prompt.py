"""A one-line question, answered in an Input; the answer is checked before the screen closes."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class Prompt(ModalScreen[str | None]):
    """Ask for a line of text; `check` returns an error message, or None to accept."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, hint: str, check: Callable[[str], str | None]) -> None:
        super().__init__()
        self.question = question
        self.hint = hint
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(self.question)
            yield Input(placeholder=self.hint)
            yield Label("", id="prompt-error")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value)
        if problem:
            self.query_one("#prompt-error", Label).update(problem)
        else:
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
