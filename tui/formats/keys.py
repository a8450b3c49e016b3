"""Key scripts: "s s e" or "n n ? escape", checked before any screen opens."""

from __future__ import annotations

from textual.keys import Keys

from model import InputError
from model.text import quoted

WAIT = "wait"
"""Not a key: a stop, where a script waits for the presenter to press space (see `tui.app.autopilot`)."""
NAMED = frozenset({key.value for key in Keys} | {"enter", "space", "tab", "backspace", "question_mark", "plus", "minus", WAIT})
"""Key names a script may use besides single characters."""


def parse_keys(text: str) -> tuple[str, ...]:
    """The keys of a script separated by spaces; the caller names the option or the file's field."""
    keys = tuple(text.split())
    for key in keys:
        if len(key) > 1 and key not in NAMED:
            raise InputError(
                f"unknown key {quoted(key)}; use single characters, key names such as space, enter, escape, left, home, or wait"
            )
    return keys
