"""The class's messages between `serve --teach` and the debuggers it starts: one JSON object a line, on a
socket only the server's own processes can open.

Each debugger first says which seat it has (a secret the server gave it through its environment); the
server knows from the seat whether it is the teacher's. Anything else a line could be (too long, not an
object, not JSON) is dropped by the reader, never acted on.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

LONGEST = 1 << 20
"""Most bytes in one message: a teacher's state with its forks and breakpoints is a few kilobytes."""
CLASS_SOCKET = "NN_BY_HAND_CLASS"
"""Set in each served debugger's environment under --teach: the class's socket."""
SEAT = "NN_BY_HAND_SEAT"
"""Set beside CLASS_SOCKET: this debugger's seat, a secret that says who it is to the server."""
ROLE = "NN_BY_HAND_ROLE"
"""Set beside CLASS_SOCKET: "teacher" or "student", what the debugger does in the class (the seat decides what
the server takes from it)."""


async def receive(reader: asyncio.StreamReader) -> dict[str, Any] | None:
    """The next message, skipping any that is not one; None once the other end has gone."""
    while True:
        try:
            line = await reader.readuntil(b"\n")
        except asyncio.IncompleteReadError:
            return None
        except asyncio.LimitOverrunError as error:  # a line longer than the reader holds: skip it whole
            await reader.readexactly(error.consumed)
            continue
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(message, dict) and len(message) == 1:
            return message


def send(writer: asyncio.StreamWriter, kind: str, value: Any) -> None:
    """Queue one message; a writer whose other end has gone drops it."""
    if not writer.is_closing():
        writer.write(json.dumps({kind: value}, ensure_ascii=False).encode() + b"\n")
