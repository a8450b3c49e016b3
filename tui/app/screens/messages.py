"""What the debugger's screen and its parts tell each other and the app, as Textual messages."""

from __future__ import annotations

from textual.message import Message


class Ready(Message):
    """The first frame is out and the data table is filled: a key script may start."""


class Shown(Message):
    """A position has been drawn; `text` is what it said, for a transcript."""

    def __init__(self, position: int, text: str) -> None:
        super().__init__()
        self.position = position
        """The position drawn."""
        self.text = text
        """The status line and everything the narration had to say."""


class Moved(Message, bubble=False):
    """The position has changed: the screen draws it once the events queued before it are handled, so that keys and
    ticks coming faster than frames only move it."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Moved)


class Tallied(Message, bubble=False):
    """Predict mode, or its tallies, have changed: the derivatives panel's subtitle says them."""
