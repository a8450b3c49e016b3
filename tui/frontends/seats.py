"""Seats: each one a debugger the server keeps for one person, whose page may come and go.

A page that reloads, loses its connection or stalls, or opens again in another tab, comes back to
its seat: the same debugger, the same answers, the same view. What names a seat is a key the page
keeps in the browser (see page.js): in a class, one per browser, so a second tab is the same
student; otherwise one per tab. The teacher's seat is the one the teacher's secret opens. A seat
whose page has gone is kept `keep` seconds for it to come back, then ends; a seat whose debugger
quits or dies ends at once, and its page says why.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from tui.formats.browser import LONGEST_KEYS
from tui.frontends.forked import Preloaded
from tui.frontends.tab import TabProcess, clamp

KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
"""What a seat's or a page's key looks like: 18 random bytes, as the page writes them."""
ENDED, MOVED, STOPPED = 1000, 4001, 4002
"""Why a page's websocket closes, as its script reads the code: the session is over (the debugger quit), the
seat has moved to another page, the debugger has died. The page shows the reason and does not reconnect."""
KEYS_PER_SECOND = 2_000
"""Characters of keys a seat's debugger gets per second, over time: a typist makes ten, a paste comes at once."""
KEYS_AT_ONCE = LONGEST_KEYS
"""Characters of keys a seat's debugger gets at once: one paste as long as a page may send. A flood is dropped past it."""
SESSION_ENDED = "Session ended."
STOPPED_REASON = "Your debugger has stopped. Reload the page for a new one."


class Seat:
    """One person's debugger, and the page showing it now, if any."""

    def __init__(self, key: str, role: str, client: str, ends: Callable[[Seat], None]) -> None:
        self.key = key
        """What the page names the seat by."""
        self.role = role
        """TEACHER or STUDENT (a seat of a server that has no class is a student's)."""
        self.client = client
        """The address of the device that opened it."""
        self.class_seat: str | None = None
        """Its debugger's seat on the class's socket, under --teach."""
        self.page: web.WebSocketResponse | None = None
        """The page showing the seat now."""
        self.page_key = ""
        """That page's own key: its keys are numbered from 1."""
        self.taken = 0
        """The number of the last key taken from that page: one sent again after a lost connection is not taken twice."""
        self._allowance, self._checked = float(KEYS_AT_ONCE), time.monotonic()
        self.app: TabProcess | None = None
        """The debugger, once started."""
        self.started = asyncio.Event()
        self.ending = False
        self._ends = ends
        self._expiry: asyncio.TimerHandle | None = None
        self._watch: asyncio.Task[None] | None = None
        self._quitting: asyncio.Future[None] | None = None

    async def start(self, app: TabProcess, width: str, height: str) -> None:
        """Start the debugger; the seat ends with it."""
        self.app = app
        await app.start(width, height)
        self.started.set()
        self._watch = asyncio.create_task(self._watch_debugger(app))

    async def _watch_debugger(self, app: TabProcess) -> None:
        """Once the debugger's output is over without its saying it quit, it has died: the seat ends."""
        await app.done.wait()
        await self.end(STOPPED, STOPPED_REASON)

    def attach(self, page: web.WebSocketResponse, page_key: str) -> web.WebSocketResponse | None:
        """Show the seat on `page`; the page that showed it before, if any, is returned to be closed."""
        if self._expiry is not None:
            self._expiry.cancel()
            self._expiry = None
        before, self.page = self.page, page
        if page_key != self.page_key or not page_key:
            self.page_key, self.taken = page_key, 0
        return before

    async def show_again(self, width: str, height: str) -> None:
        """A page has come back: the debugger takes its size and draws its whole screen for it."""
        await self.started.wait()
        if self.app is not None:
            await self.app.set_terminal_size(*clamp(width, height))
            await self.app.focus()  # the debugger draws every cell again on focus (see Debugger.on_app_focus)

    def detach(self, page: web.WebSocketResponse, keep: float) -> bool:
        """`page` has gone; if it showed the seat, the seat waits `keep` seconds for a page, then ends."""
        if self.page is not page or self.ending:
            return False
        self.page = None
        self._expiry = asyncio.get_running_loop().call_later(keep, self._expire)
        return True

    def _expire(self) -> None:
        self._quitting = asyncio.ensure_future(self.end(ENDED, SESSION_ENDED))

    def take(self, number: int, size: int) -> bool:
        """Whether the page's key message `number` (0: the page does not number its keys) of `size` characters goes to
        the debugger: not if it came before (sent again after a lost connection), nor past the seat's share of keys.
        Either way it counts as taken, so that the page does not send it again."""
        if number and number <= self.taken:
            return False
        self.taken = max(self.taken, number)
        now = time.monotonic()
        self._allowance = min(KEYS_AT_ONCE, self._allowance + (now - self._checked) * KEYS_PER_SECOND)
        self._checked = now
        if size > self._allowance:
            return False
        self._allowance -= size
        return True

    async def to_page(self, data: bytes) -> None:
        """The debugger's output, to the page showing it (nothing while none does: it draws all again for the next)."""
        await self._send(lambda page: page.send_bytes(data))

    async def to_page_text(self, text: str) -> None:
        await self._send(lambda page: page.send_str(text))

    async def _send(self, sending: Callable[[web.WebSocketResponse], Any]) -> None:
        page = self.page
        if page is not None and not page.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await sending(page)

    async def quit(self) -> None:
        """The debugger has quit by itself (q): the seat ends, once its output has been read (this is called while it is)."""
        self._quitting = asyncio.ensure_future(self.end(ENDED, SESSION_ENDED))

    async def end(self, code: int, reason: str) -> None:
        """End the seat: its page is told why, its debugger ends."""
        if self.ending:
            return
        self.ending = True
        if self._expiry is not None:
            self._expiry.cancel()
        self._ends(self)
        if self.page is not None:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.page.close(code=code, message=reason.encode())
        if self.app is not None:
            await self.app.end()
        if self._watch is not None and self._watch is not asyncio.current_task():
            self._watch.cancel()


class Seats:
    """Every seat the server keeps, by key, within its limit."""

    def __init__(self, preloaded: Preloaded, limit: int, per_device: int, keep: float, download_manager: Any) -> None:
        self.preloaded = preloaded
        self.limit = limit
        """Most students' seats at once (the teacher's has its own place)."""
        self.per_device = per_device
        """Most seats one device (one client address) may hold at once: a script cannot take the room's."""
        self.keep = keep
        """Seconds a seat whose page has gone is kept for it."""
        self.download_manager = download_manager
        self.by_key: dict[str, Seat] = {}
        self.gone: Callable[[Seat], None] = lambda seat: None
        """Told of each seat that ends."""

    def __len__(self) -> int:
        return len(self.by_key)

    def full(self, role: str, teacher: str) -> bool:
        """Whether a new seat for `role` has no place: the teacher's always has one."""
        return role != teacher and sum(seat.role != teacher for seat in self.by_key.values()) >= self.limit

    def crowded(self, client: str, role: str, teacher: str) -> bool:
        """Whether the device at `client` holds as many seats as one device may (the teacher's is never counted)."""
        return role != teacher and sum(seat.client == client and seat.role != teacher for seat in self.by_key.values()) >= self.per_device

    def open(self, key: str, role: str, client: str, environment: dict[str, str], niceness: int) -> tuple[Seat, TabProcess]:
        """A new seat, kept at once (so that a second page with its key finds it), and its debugger to start."""
        seat = Seat(key, role, client, self._ended)
        app = TabProcess(
            preloaded=self.preloaded,
            environment=environment,
            niceness=niceness,
            write_bytes=seat.to_page,
            write_str=seat.to_page_text,
            close=seat.quit,
            download_manager=self.download_manager,
        )
        self.by_key[key] = seat
        return seat, app

    def _ended(self, seat: Seat) -> None:
        if self.by_key.get(seat.key) is seat:
            del self.by_key[seat.key]
            self.gone(seat)

    async def end_all(self) -> None:
        await asyncio.gather(*(seat.end(ENDED, SESSION_ENDED) for seat in list(self.by_key.values())))
