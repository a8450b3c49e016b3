"""The messages between `serve` and its preloaded parent: one JSON object each, on a SOCK_SEQPACKET socket, with
file descriptors passed alongside it.

- the preloaded parent, once it has built a debugger: `{"checked": true}`, or `{"refused": why}` for options it
  cannot start one with; then, warmed up, `{"ready": true}`;
- the server, for each tab: `{"environment": {...}, "niceness": n}` with the tab's three pipes (PIPES);
- the preloaded parent's answer: `{"pid": n}` with the pidfd of the debugger it forked.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Sequence
from typing import Any

PIPES = 3
"""A tab's standard input, output and error, sent with each request in that order."""
LONGEST = 1 << 16
"""Most bytes in one message: a tab's environment is a few hundred."""


def send(channel: socket.socket, message: dict[str, Any], fds: Sequence[int] = ()) -> None:
    """One message, with file descriptors passed alongside it."""
    socket.send_fds(channel, [json.dumps(message).encode()], list(fds))


def receive(channel: socket.socket, most_fds: int) -> tuple[dict[str, Any] | None, list[int]]:
    """The next message and the descriptors that came with it; (None, []) once the other end has gone."""
    data, fds, _, _ = socket.recv_fds(channel, LONGEST, most_fds)
    if not data:
        return None, fds
    return json.loads(data), fds
