"""Key scripts: "s s e" or "n n ? escape", checked before any screen opens; and which of a script's keys answer
a predict question ("p n n minus 1 4 1 . 8 enter": a number typed, then enter)."""

from __future__ import annotations

from collections.abc import Sequence

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


NUMBER = frozenset("0123456789.-+") | {"minus", "plus"}
"""Keys that type a number into a question's answer box (and start one)."""
EXPONENT = frozenset("eE")
"""Keys that go on a number already begun (1e-3)."""
CLOSING = ("enter", "escape")
"""Keys that close a question: enter answers it, escape skips it (the truth is revealed either way)."""


def answering(keys: Sequence[str]) -> int:
    """How many of `keys`, pressed while a predict question is open, are its answer: a number's keys up to and
    including enter (backspace too), or escape alone. 0: the script leaves the question unanswered."""
    begun = False
    for count, key in enumerate(keys, 1):
        if key in CLOSING:
            return count
        if not (key in NUMBER or key == "backspace" or (begun and key in EXPONENT)):
            return count - 1
        begun = True
    return len(keys)


def typed(answer: float) -> tuple[str, ...]:
    """The keys that type `answer` into a question's box, then enter."""
    return (*repr(answer), "enter")
