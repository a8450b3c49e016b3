"""A one-line question, answered in an Input; the answer is parsed before the screen closes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from model import InputError
from tui.app.widgets.footer import KeyFooter

T = TypeVar("T")
PRINTABLE = r"[^\x00-\x1f\x7f-\x9f]*"
"""What a prompt accepts: a paste carrying control characters (an escape sequence) is refused whole."""
LONGEST = 500
"""Most characters a prompt takes (a path, an edit, a number): more are refused as they come, before any other check."""


def yes_or_no(text: str) -> bool:
    """y or yes, n or no, in any case."""
    answer = text.strip().lower()
    if answer not in ("y", "yes", "n", "no"):
        raise InputError("type y or n")
    return answer.startswith("y")


def refusal(title: str, hint: str, reason: str) -> Prompt[None]:
    """The prompt a key would open, showing why nothing typed in it can be taken; escape closes it."""

    def refused(text: str) -> None:
        raise InputError(reason)

    return Prompt(title, hint, refused, error=reason)


class Field(Input):
    """The prompt's field: its footer says what Enter does (the main screen's keys type into it while it is open)."""

    BINDINGS = [Binding("enter", "submit", "OK")]


class Prompt(ModalScreen[T | None], Generic[T]):
    """Ask for a line of text; `parse` turns it into a value or raises InputError, whose message is shown.

    Escape dismisses with None. Everything shown is plain text: what the user
    typed, echoed in an error, can never be read as markup.
    """

    BINDINGS = [
        Binding("enter", "submit", "OK"),
        Binding("escape", "cancel", "Cancel"),
        # The teacher's, over the class's question (where letters type into the box); shown only to a teacher whose
        # question has had one vote (the app's check_action).
        Binding("f2", "app.revote(False)", "2nd vote", tooltip="the class votes again; the first vote's answers stay hidden"),
        Binding("shift+f2", "app.revote(True)", "2nd vote, shown", tooltip="the class votes again, seeing the first vote's answers"),
        Binding("f3", "app.eyes_up", "Eyes up", tooltip="hold every student's screen on your step, or let them go"),
    ]
    """Enter is the field's; it is said here too, so that the footer says it from the prompt's first frame."""

    def __init__(self, question: str, hint: str, parse: Callable[[str], T], error: str = "") -> None:
        super().__init__()
        self.question = question
        self.hint = hint
        self.parse = parse
        self.error = error
        """Shown under the field from the start: why this prompt can take nothing (a refused action)."""
        self._note = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(Text(self.question))
            yield Label(Text(self.hint), id="prompt-hint", markup=False)  # a label wraps; a placeholder is cut
            field = Field(restrict=PRINTABLE, select_on_focus=False, max_length=LONGEST)  # a key typed as the prompt opens is kept
            field.cursor_blink = False  # a blinking cursor makes a screenshot depend on the moment it is taken
            yield field
            yield Label(Text(self.error), id="prompt-error", markup=False)
            note = Label(Text(self._note), id="prompt-note", markup=False)
            note.display = bool(self._note)
            yield note
        yield KeyFooter()

    def on_key(self, event: events.Key) -> None:
        """A key typed as the prompt opened, before its field took the keyboard, goes to the field all the same."""
        field = next(iter(self.query(Field)), None)
        if self.focused is None and field is not None and event.is_printable:  # Enter and escape are the prompt's own
            event.stop()
            field.focus()
            field.post_message(events.Key(event.key, event.character))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        try:
            value = self.parse(event.value)
        except InputError as error:
            self.query_one("#prompt-error", Label).update(Text(str(error)))
        else:
            self.dismiss(value)

    def note(self, text: str) -> None:
        """Show `text` under the field, live (the class's answers, on the teacher's screen); "" hides it. Said before
        the prompt has drawn its parts, it shows once they are."""
        self._note = text
        for label in self.query("#prompt-note").results(Label):
            label.update(Text(text))
            label.display = bool(text)

    async def action_submit(self) -> None:
        await self.query_one(Field).action_submit()

    def action_cancel(self) -> None:
        self.dismiss(None)
