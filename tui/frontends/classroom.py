"""The server `serve` runs: textual-serve's, with seats that outlive their pages, a class under --teach, and the
limits a room full of browsers needs."""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
import socket

from aiohttp import WSMsgType, web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.typedefs import Handler
from textual_serve.server import Server

from model.text import printable, quoted
from tui.formats import browser
from tui.formats.protocol import CLASS_SOCKET, ROLE, SEAT, STUDENT, TEACHER
from tui.frontends.board import BOARD
from tui.frontends.door import IDLE_WITHIN, Door, more_descriptors
from tui.frontends.forked import Preloaded
from tui.frontends.hosts import Hosts
from tui.frontends.page import page
from tui.frontends.seats import KEY, MOVED, Seat, Seats
from tui.frontends.teach import NICENESS, Class
from tui.pinned import web_application
from tui.wording.results import KINDS as RESULTS

HEARTBEAT = 10.0
"""Seconds of silence from a page before the server pings it; a page that does not answer within half as long
has lost its connection (its seat is kept). Our page says it is alive every 2 s, so only a stalled one is pinged."""
KEEP = 30.0
"""Seconds a seat whose page has gone is kept for it, unless --keep-seats says otherwise."""
NOT_HERE = "nn-by-hand: no such page here\n"
"""What a wrong or missing teacher's secret gets: nothing that says the page exists."""
FULL_PAGE = """<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>nn-by-hand: full</title>
<body style="font-family: sans-serif; margin: 3em"><h1>The classroom is full</h1>
<p>This server runs at most {limit} debuggers at once, and all of them are in use.
Close a tab somewhere else, or ask the teacher to start the server with a larger <code>--max-sessions</code>,
then reload this page.</p></body>"""
MOVED_AWAY = {
    TEACHER: "The class is now led from another page; this one no longer leads it.",
    STUDENT: "This seat is now open in another tab or window; this page no longer shows it.",
}
"""What a page says when its seat opens on another page."""


class Classroom(Server):
    """textual-serve's server, with seats: every page's debugger is kept for its person (see `seats`), at most
    `limit` students' at once; a websocket opened from another site's page is refused; nothing is printed for each
    request unless asked."""

    def __init__(
        self, preloaded: Preloaded, hosts: Hosts, limits: tuple[int, int], keep: float, verbose: bool, teach: Class | None = None
    ) -> None:
        super().__init__("", host=hosts.bound, port=hosts.port, title="nn-by-hand")  # no command: seats are forked
        self.hosts = hosts
        self.limit, per_device = limits
        self.keep = keep
        self.verbose = verbose
        self.teach = teach
        """The class the teacher leads, with --teach: the teacher's page, and every seat's place in the class."""
        self.seats = Seats(preloaded, self.limit, per_device, keep, self.download_manager)
        self.seats.gone = self._gone
        self.door = Door()
        """Every connection comes in through it: counted by client, and closed if its request is too slow to come."""

    @web.middleware
    async def known_host(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Answer only requests addressed to a name this server has: a rebound name gets nothing."""
        self.door.spoken(request.transport)
        if not self.hosts.serves(request.headers.get("Host"), arrived(request)):
            return web.Response(status=421, text=f"nn-by-hand: this server does not answer to {quoted(request.host)} (see --allow-host)\n")
        return await handler(request)

    async def application(self) -> web.Application:
        app = await web_application(self)
        app.middlewares.append(self.known_host)
        if (teach := self.teach) is not None:
            app.router.add_get("/teach/{token}", self.handle_teacher)
            app.router.add_get("/teach/{token}/ws", self.handle_teacher_websocket)
            app.router.add_get("/teach/{token}/board", self.handle_board)
            app.router.add_get("/teach/{token}/board.json", self.handle_board_state)
            app.router.add_get("/teach/{token}/{file}", self.handle_results)
            app.on_startup.append(lambda _: teach.start())
            app.on_cleanup.append(lambda _: teach.stop())
        return app

    def _teacher(self, request: web.Request) -> bool:
        """Whether the request carries the teacher's secret."""
        return self.teach is not None and self.teach.is_token(request.match_info.get("token", ""))

    async def handle_teacher(self, request: web.Request) -> web.StreamResponse:
        """The teacher's page: the students' page, its terminal's websocket the teacher's."""
        if not self._teacher(request):
            return web.Response(status=404, text=NOT_HERE)
        response = await self._page(request, "tab")
        if isinstance(response, web.Response) and response.text:
            response.text = response.text.replace('/ws"', f'/teach/{request.match_info["token"]}/ws"', 1)
        return response

    async def handle_teacher_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self._teacher(request):
            return web.Response(status=404, text=NOT_HERE)
        return await self._open(request, TEACHER)

    async def handle_results(self, request: web.Request) -> web.StreamResponse:
        """One of the class's results files so far: a row per student, question and vote; a line per question; both."""
        file = request.match_info["file"]
        if not self._teacher(request) or file not in RESULTS or self.teach is None:
            return web.Response(status=404, text=NOT_HERE)
        kind = "application/json" if file.endswith(".json") else "text/csv"
        return web.Response(text=self.teach.results(file), content_type=kind)

    async def handle_board(self, request: web.Request) -> web.StreamResponse:
        """The projector's board: a page that shows where the class is, read only, never a name or a truth unrevealed."""
        if not self._teacher(request):
            return web.Response(status=404, text=NOT_HERE)
        return web.Response(text=BOARD, content_type="text/html")

    async def handle_board_state(self, request: web.Request) -> web.StreamResponse:
        if not self._teacher(request) or self.teach is None:
            return web.Response(status=404, text=NOT_HERE)
        return web.json_response(self.teach.board(), headers={"Cache-Control": "no-store"})

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.seats.full(STUDENT, TEACHER):
            return web.Response(status=503, text=FULL_PAGE.format(limit=self.limit), content_type="text/html")
        return await self._page(request, "browser" if self.teach is not None else "tab")

    async def _page(self, request: web.Request, scope: str) -> web.StreamResponse:
        # The page's websocket goes back to the address the browser used, as its Host header says (checked above):
        # with --host 0.0.0.0 that is the machine's address on the room's network, not 0.0.0.0.
        # textual-serve's handler reads public_url before its first await, so no other request can change it meanwhile.
        self.public_url = f"http://{request.headers['Host']}"
        response = await super().handle_index(request)
        if isinstance(response, web.Response) and response.text:
            response.text = page(response.text, scope, self.keep)
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        return await self._open(request, STUDENT)

    async def _open(self, request: web.Request, role: str) -> web.StreamResponse:
        """A page's terminal: its seat's debugger, started for it or kept from before."""
        if not web.WebSocketResponse().can_prepare(request).ok:
            return web.Response(status=400, text="nn-by-hand: this address is for the debugger's page; open / instead\n")
        if not self.hosts.accepts_origin(request.headers.get("Origin"), arrived(request)):
            return web.Response(status=403, text="nn-by-hand: websocket from another site refused (see --allow-origin)\n")
        given = request.query.get("seat", "")
        key = TEACHER if role == TEACHER else given if KEY.fullmatch(given) else secrets.token_urlsafe(18)
        seat, client = self.seats.by_key.get(key), request.remote or ""
        if seat is None and self.seats.full(role, TEACHER):
            return web.Response(status=503, text=f"nn-by-hand: all {self.limit} sessions are in use\n")
        if seat is None and self.seats.crowded(client, role, TEACHER):
            return web.Response(
                status=429, text=f"nn-by-hand: this device has {self.seats.per_device} sessions already (see --per-device)\n"
            )
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=browser.LONGEST_MESSAGE)
        await websocket.prepare(request)
        width, height = request.query.get("width", "120"), request.query.get("height", "40")
        new = seat is None
        if seat is None:
            secret = self.teach.seat(role) if self.teach is not None else None
            seat, app = self.seats.open(key, role, client, self._environment(secret, role), NICENESS[role] if self.teach else 0)
            seat.class_seat = secret
        page_key = request.query.get("page", "")
        before = seat.attach(websocket, page_key if KEY.fullmatch(page_key) else "")
        if before is not None:
            await before.close(code=MOVED, message=MOVED_AWAY[role].encode())
        if role == TEACHER and self.teach is not None:
            self.teach.teacher_page(True)
        try:
            if new:
                await seat.start(app, width, height)
            else:
                await seat.show_again(width, height)
            await self._pass(websocket, seat)
        except asyncio.CancelledError:
            pass
        finally:
            if seat.detach(websocket, self.keep) and role == TEACHER and self.teach is not None:
                self.teach.teacher_page(False)
            await websocket.close()
        return websocket

    def _environment(self, secret: str | None, role: str) -> dict[str, str]:
        """What a new seat's debugger has in its environment besides the usual: its place in the class, if any."""
        if self.teach is None or secret is None:
            return {}
        return {CLASS_SOCKET: str(self.teach.path), SEAT: secret, ROLE: role}

    def _gone(self, seat: Seat) -> None:
        """A seat has ended: its place in the class is given up; if it was the teacher's and a page showed it, the
        teacher has left."""
        if self.teach is not None and seat.class_seat is not None:
            leading = self.teach.teacher == seat.class_seat
            self.teach.leave(seat.class_seat)
            if leading and seat.page is not None:
                self.teach.teacher_page(False)

    async def _pass(self, websocket: web.WebSocketResponse, seat: Seat) -> None:
        """Pass the page's messages to its seat's debugger while the page shows it; anything else is dropped."""
        async for message in websocket:
            if seat.page is not websocket:  # the seat has moved to another page
                break
            read = browser.read(message.data) if message.type == WSMsgType.TEXT else None
            if seat.app is None:
                continue
            if isinstance(read, browser.Stdin):
                # Under eyes up, a student's keys are taken and dropped: acted on neither now nor once released.
                held = seat.role == STUDENT and self.teach is not None and self.teach.frozen
                if seat.take(read.number, len(read.text)) and not held:
                    await seat.app.send_bytes(read.text.encode("utf-8", "replace"))
            elif isinstance(read, browser.Resize):
                await seat.app.set_terminal_size(read.size.width, read.size.height)
            elif isinstance(read, browser.Alive):
                await websocket.send_json(["alive", read.sent, seat.taken])
            elif isinstance(read, browser.Ping):
                await websocket.send_json(["pong", read.text])
            elif isinstance(read, browser.Focus):
                await seat.app.focus()

    async def on_shutdown(self, app: web.Application) -> None:
        await self.seats.end_all()

    async def on_startup(self, app: web.Application) -> None:
        pass  # where it serves is printed once the socket is bound, in `serve`

    def run(self, listening: socket.socket) -> None:
        """Serve on `listening`, every connection through the door, until Ctrl+C or SIGTERM."""
        more_descriptors()
        asyncio.run(self._serve(listening))

    async def _serve(self, listening: socket.socket) -> None:
        secret = self.teach.token if self.teach is not None else None

        class Log(AccessLog):
            token = secret

        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, stop.set)
        access = logging.getLogger("aiohttp.access") if self.verbose else None
        runner = web.AppRunner(await self.application(), access_log=access, access_log_class=Log, keepalive_timeout=IDLE_WITHIN)
        await runner.setup()
        assert runner.server is not None
        server = await loop.create_server(self.door.around(runner.server), sock=listening)
        try:
            await stop.wait()
        finally:
            server.close()
            await runner.cleanup()  # every seat ends (on_shutdown), then the class (on_cleanup)


def arrived(request: web.BaseRequest) -> str | None:
    """The address of this machine the request came in on."""
    name = request.transport.get_extra_info("sockname") if request.transport is not None else None
    return str(name[0]) if isinstance(name, tuple) and name else None


class AccessLog(AbstractAccessLogger):
    """--verbose's line per request: who, what and how it went, the teacher's secret written as TOKEN."""

    token: str | None = None

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        path = request.path_qs if self.token is None else request.path_qs.replace(self.token, "TOKEN")
        self.logger.info("%s %s %s %s %.3fs", request.remote, request.method, printable(path), response.status, time)
