"""The server's door: one client cannot hold more connections than its share, a connection that does not say what it
wants in time is closed, and a seat takes keys at a person's pace (a paste at once, a flood not)."""

from __future__ import annotations

import asyncio

import pytest

from tui.frontends import door as door_module
from tui.frontends.door import Door
from tui.frontends.seats import KEYS_AT_ONCE, KEYS_PER_SECOND, Seat


class Echo(asyncio.Protocol):
    """What stands for aiohttp's protocol: it answers each request, and marks its connection as one that spoke."""

    def __init__(self, door: Door) -> None:
        self.door = door

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        if b"\r\n\r\n" in data:
            self.door.spoken(self.transport)
            self.transport.write(b"ok")  # type: ignore[attr-defined]


@pytest.fixture
async def served(monkeypatch):
    monkeypatch.setattr(door_module, "HEADERS_WITHIN", 0.3)
    door = Door(per_client=3)
    server = await asyncio.get_running_loop().create_server(door.around(lambda: Echo(door)), "127.0.0.1", 0)
    yield door, server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()


async def closed(reader: asyncio.StreamReader) -> bool:
    """Whether the server closed the connection (within a few seconds)."""
    try:
        return await asyncio.wait_for(reader.read(), 5) == b""
    except ConnectionError:
        return True


async def test_a_client_holds_at_most_its_share_of_connections_and_another_client_is_not_held_back(served):
    _, port = served
    held = [await asyncio.open_connection("127.0.0.1", port) for _ in range(3)]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    assert await closed(reader), "the fourth connection from one client is refused"
    writer.close()
    other_reader, other_writer = await asyncio.open_connection("127.0.0.1", port, local_addr=("127.0.0.2", 0))  # another device
    other_writer.write(b"GET / HTTP/1.1\r\n\r\n")
    assert await asyncio.wait_for(other_reader.read(2), 5) == b"ok"
    for _, w in [*held, (other_reader, other_writer)]:
        w.close()


async def test_a_connection_that_does_not_send_its_request_whole_in_time_is_closed_and_one_that_did_stays(served):
    door, port = served
    slow_reader, slow_writer = await asyncio.open_connection("127.0.0.1", port)
    slow_writer.write(b"GET / HTTP/1.1\r\nHost: x")  # and nothing more
    quick_reader, quick_writer = await asyncio.open_connection("127.0.0.1", port)
    quick_writer.write(b"GET / HTTP/1.1\r\n\r\n")
    assert await asyncio.wait_for(quick_reader.read(2), 5) == b"ok"
    assert await closed(slow_reader)
    await asyncio.sleep(0.5)  # past the time a request has to come whole
    assert not quick_reader.at_eof(), "a connection that spoke is kept"
    assert door.open == {"127.0.0.1": 1}
    quick_writer.close()
    slow_writer.close()


def test_a_seat_takes_a_paste_at_once_a_typists_keys_always_and_drops_a_flood(monkeypatch):
    now = [0.0]
    monkeypatch.setattr("tui.frontends.seats.time.monotonic", lambda: now[0])
    seat = Seat("k" * 24, "student", "127.0.0.1", lambda s: None)
    assert seat.take(1, KEYS_AT_ONCE), "one paste as long as a page may send"
    assert not seat.take(2, 1000), "a flood right after it is dropped"
    assert not seat.take(2, 1), "a key sent again after a lost connection is not taken twice"
    now[0] += 1.0
    assert all(seat.take(n, 1) for n in range(3, 3 + KEYS_PER_SECOND)), "a second's worth of keys"
    assert seat.taken == 2 + KEYS_PER_SECOND
