"""The class's small screens: on a student's debugger, how sure they are of an answer (one key) and eyes up; on the
teacher's, whether q ends the lead of the class."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from tui.app.screens.prompt import Prompt, yes_or_no
from tui.wording.pool import CONFIDENCES, Confidence

if TYPE_CHECKING:
    from textual.app import App

CHOICES: dict[str, Confidence] = {str(number): confidence for number, confidence in enumerate(CONFIDENCES, 1)}
"""The key for each confidence."""


class HowSure(ModalScreen[Confidence | None]):
    """One key says how sure the student is of the answer just given; any other key skips."""

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(Text("How sure are you of your answer?"))
            yield Label(Text("  ".join(f"{key} {word}" for key, word in CHOICES.items())), id="prompt-hint")
            yield Label(Text("Any other key skips: saying is up to you."), id="prompt-note-how-sure")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(CHOICES.get(event.character or ""))


class EyesUp(ModalScreen[None]):
    """The teacher has every student's eyes up: the screen is held, and nothing typed now is acted on, then or later."""

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(Text("Eyes up: the teacher has the floor."))
            yield Label(Text("Your screen is held on the teacher's step; it comes back when the teacher lets it go."), id="prompt-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()  # dropped: not queued for later
        event.prevent_default()


def end_lead(app: App[Any]) -> None:
    """The teacher's q: ask whether to end the lead of the class, and quit on yes."""

    def answered(end: bool | None) -> None:
        if end:
            app.exit()

    hint = "y ends it: the students keep their place, and your address leads them again; n stays"
    app.push_screen(Prompt("End your lead of the class?", hint, yes_or_no), answered)
