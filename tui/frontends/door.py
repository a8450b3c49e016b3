"""The server's door: how many connections one client may hold, and how soon each must say what it wants.

aiohttp waits for ever for a request's headers, and lets one client open as many connections as the system has
descriptors: 20,000 half-sent requests from one machine took them all, and every page timed out. Each connection
comes in through this door, which counts it against its client's address, refuses one past the client's share,
and closes one whose first request has not come whole within HEADERS_WITHIN seconds. A flood is then the
flooder's alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
import weakref
from collections import Counter
from collections.abc import Callable
from typing import Any

HEADERS_WITHIN = 10.0
"""Seconds a new connection has to send its first request whole."""
CONNECTIONS_PER_CLIENT = 64
"""Connections one client address may hold at once: a browser opens a handful per page, and keeps one per tab."""
IDLE_WITHIN = 15.0
"""Seconds a connection may stay idle between two requests (a page's websocket is not idle: it talks every 2 s)."""


class Door:
    """A protocol factory for the server's socket, in front of aiohttp's: each connection is counted and timed."""

    def __init__(self, per_client: int = CONNECTIONS_PER_CLIENT) -> None:
        self.inner: Callable[[], asyncio.BaseProtocol] = lambda: asyncio.Protocol()
        """aiohttp's factory, whose protocol does the work."""
        self.per_client = per_client
        self.open: Counter[str] = Counter()
        """Connections open now, by client address."""
        self._spoken: weakref.WeakSet[asyncio.BaseTransport] = weakref.WeakSet()

    def around(self, inner: Callable[[], asyncio.BaseProtocol]) -> Door:
        """This door in front of `inner`, aiohttp's factory of protocols."""
        self.inner = inner
        return self

    def __call__(self) -> Guard:
        return Guard(self)

    def spoken(self, transport: asyncio.BaseTransport | None) -> None:
        """A whole request came in on `transport`: it keeps its connection."""
        if transport is not None:
            self._spoken.add(transport)

    def has_spoken(self, transport: asyncio.BaseTransport) -> bool:
        return transport in self._spoken


class Guard(asyncio.Protocol):
    """One connection through the door: aiohttp's protocol behind it, if the client has room for one more."""

    def __init__(self, door: Door) -> None:
        self.door = door
        self.inner: Any = None
        self.client = ""
        self._timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        peer = transport.get_extra_info("peername")
        self.client = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        if self.door.open[self.client] >= self.door.per_client:
            transport.abort()  # refused before aiohttp sees it: nothing is read, nothing is answered
            return
        self.door.open[self.client] += 1
        self.inner = self.door.inner()
        self.inner.connection_made(transport)
        self._timer = asyncio.get_running_loop().call_later(HEADERS_WITHIN, self._too_slow, transport)

    def _too_slow(self, transport: asyncio.Transport) -> None:
        if not self.door.has_spoken(transport):
            transport.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.inner is None:
            return
        if self._timer is not None:
            self._timer.cancel()
        self.door.open[self.client] -= 1
        if not self.door.open[self.client]:
            del self.door.open[self.client]
        self.inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.inner is not None:
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received() if self.inner is not None else None

    def pause_writing(self) -> None:
        if self.inner is not None:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if self.inner is not None:
            self.inner.resume_writing()


def more_descriptors() -> None:
    """Raise this process's limit on open files to the most it may have: a room of browsers holds many connections."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
