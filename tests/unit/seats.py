"""A class in the server without sockets, for the tests of `tui.frontends.teach`: each seat's end a `Writer` that
keeps what the server sends, and `say` for a line a seat's debugger sends.
"""

from __future__ import annotations

import json

from tui.formats.protocol import decode
from tui.frontends.teach import Class

ASK = {"kind": "ask", "label": "∂L/∂w5", "hint": "-2·H1·r", "truth": -49.7229, "before": None, "position": 30, "question": "derivative"}


class Writer:
    """A seat's end of the socket, keeping what the server sends it, as the debugger decodes it."""

    def __init__(self) -> None:
        self.sent: list[dict] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        assert decode(data, server=False) is not None, "the server sends only messages a debugger reads"
        self.sent.append(json.loads(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def kinds(self) -> list[str]:
        return [message["kind"] for message in self.sent]


def say(lesson: Class, seat: str, line: dict | str | bytes) -> None:
    """A line from a seat's debugger, as the server reads it: decoded, then handled (or dropped)."""
    raw = line if isinstance(line, bytes) else (line if isinstance(line, str) else json.dumps(line)).encode()
    if (message := decode(raw, server=True)) is not None:
        lesson.handle(seat, message)
