"""`nn-by-hand serve`: the debugger in the browser, one process per tab, via textual-serve.

Each browser connection gets its own debugger, forked from a preloaded parent (see `preload`) rather
than started as a new Python. Two guards make sure none is left behind: the server ends a session's
process within seconds of its tab closing (asking first, then terminating), and every debugger
watches the server through a pidfd and quits once it is gone.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import socket
import tempfile
from pathlib import Path

from aiohttp import WSMsgType, web
from aiohttp.typedefs import Handler
from textual_serve.app_service import AppService
from textual_serve.server import Server

from model import InputError
from model.numbers import whole
from model.text import printable, quoted
from tui.formats.bus import CLASS_SOCKET, ROLE, SEAT
from tui.frontends.forked import Preloaded
from tui.frontends.hosts import Hosts, allowed_name, allowed_origin, listen_address
from tui.frontends.tab import TabProcess, envelope
from tui.frontends.teach import NICENESS, RESULTS, STUDENT, TEACHER, Class

HEARTBEAT = 2.0
"""Seconds between websocket pings: a tab that vanished without closing is noticed within about this long."""
TAKE_KEYBOARD = """<script>
// The terminal takes the keyboard as soon as it exists, so keys work without a click first.
new MutationObserver((changes, observer) => {
  const field = document.querySelector(".xterm-helper-textarea");
  if (field) { field.focus({preventScroll: true}); observer.disconnect(); }
}).observe(document.body, {childList: true, subtree: true});
</script>
"""
"""Added to textual-serve's page: xterm.js reads keys from a hidden text area, which has no focus until clicked."""
NOT_HERE = "nn-by-hand: no such page here\n"
"""What a wrong or missing teacher's secret gets: nothing that says the page exists."""
FULL_PAGE = """<!doctype html><meta charset="utf-8"><title>nn-by-hand: full</title>
<body style="font-family: sans-serif; margin: 3em"><h1>The classroom is full</h1>
<p>This server runs at most {limit} debuggers at once, and all of them are in use.
Close a tab somewhere else, or ask the teacher to start the server with a larger <code>--max-sessions</code>,
then reload this page.</p></body>"""


class Classroom(Server):
    """textual-serve's server, with limits a room full of browsers needs.

    Every session ends with its tab or with the server; at most `limit`
    sessions run at once; a websocket opened from another site's page is
    refused; nothing is printed for each request unless asked.
    """

    def __init__(self, preloaded: Preloaded, hosts: Hosts, limit: int, verbose: bool, teach: Class | None = None) -> None:
        super().__init__("", host=hosts.bound, port=hosts.port, title="nn-by-hand")  # no command: tabs are forked
        self.preloaded = preloaded
        """The process each tab's debugger is forked from."""
        self.sessions: set[TabProcess] = set()
        self.limit = limit
        self.hosts = hosts
        self.verbose = verbose
        self.teach = teach
        """The class the teacher leads, with --teach: the teacher's page, and every tab's seat in the class."""

    def full(self) -> bool:
        """Whether every session place is taken."""
        return len(self.sessions) >= self.limit

    @web.middleware
    async def known_host(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Answer only requests addressed to a name this server has: a rebound name gets nothing."""
        if not self.hosts.serves(request.headers.get("Host")):
            return web.Response(status=421, text=f"nn-by-hand: this server does not answer to {quoted(request.host)} (see --allow-host)\n")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.known_host)
        if (teach := self.teach) is not None:
            app.router.add_get("/teach/{token}", self.handle_teacher)
            app.router.add_get("/teach/{token}/ws", self.handle_teacher_websocket)
            app.router.add_get("/teach/{token}/results.{kind}", self.handle_results)
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
        page = await self.handle_index(request)
        if isinstance(page, web.Response) and page.text:
            page.text = page.text.replace('/ws"', f'/teach/{request.match_info["token"]}/ws"', 1)
        return page

    async def handle_teacher_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self._teacher(request):
            return web.Response(status=404, text=NOT_HERE)
        return await self._open(request, TEACHER)

    async def handle_results(self, request: web.Request) -> web.StreamResponse:
        """The class's results so far, per question, as CSV or JSON: no student's identity in them."""
        kind = request.match_info["kind"]
        if not self._teacher(request) or kind not in ("csv", "json") or self.teach is None:
            return web.Response(status=404, text=NOT_HERE)
        return web.Response(text=RESULTS[kind](self.teach.pools), content_type="text/csv" if kind == "csv" else "application/json")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full():
            return web.Response(status=503, text=FULL_PAGE.format(limit=self.limit), content_type="text/html")
        # The page's websocket goes back to the address the browser used (checked above): with --host 0.0.0.0
        # that is the machine's address on the room's network, not 0.0.0.0.
        # textual-serve's handler reads public_url before its first await, so no other request can change it meanwhile.
        self.public_url = f"http://{request.host}"
        page = await super().handle_index(request)
        if isinstance(page, web.Response) and page.text and "</body>" in page.text:
            page.text = page.text.replace("</body>", TAKE_KEYBOARD + "</body>", 1)
        return page

    def foreign(self, request: web.Request) -> bool:
        """Whether a websocket request comes from a page this server did not serve."""
        return not self.hosts.accepts_origin(request.headers.get("Origin"))

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        return await self._open(request, STUDENT)

    async def _open(self, request: web.Request, role: str) -> web.StreamResponse:
        """A tab's terminal: its own debugger, in a seat of the class under --teach."""
        # Mirrors textual-serve 1.1.3's Server.handle_websocket, with the checks and the cleanup above.
        if not web.WebSocketResponse().can_prepare(request).ok:
            return web.Response(status=400, text="nn-by-hand: this address is for the debugger's page; open / instead\n")
        if self.foreign(request):
            return web.Response(status=403, text="nn-by-hand: websocket from another site refused (see --allow-origin)\n")
        if self.full():
            return web.Response(status=503, text=f"nn-by-hand: all {self.limit} sessions are in use\n")
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)

        async def close() -> None:
            await websocket.close()

        seat = self.teach.seat(role) if self.teach is not None else None
        environment = {} if self.teach is None or seat is None else {CLASS_SOCKET: str(self.teach.path), SEAT: seat, ROLE: role}
        session = TabProcess(
            self.command,
            preloaded=self.preloaded,
            environment=environment,
            niceness=NICENESS[role] if self.teach is not None else 0,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.sessions.add(session)
        try:
            await websocket.prepare(request)
            await session.start(request.query.get("width", "120"), request.query.get("height", "40"))
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            pass
        finally:
            self.sessions.discard(session)
            await session.end()
            await websocket.close()
            if self.teach is not None and seat is not None:
                self.teach.leave(seat)
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """Pass the page's messages to its app; a malformed one is dropped and the session goes on."""
        async for message in websocket:
            read = envelope(message.data) if message.type == WSMsgType.TEXT else None
            if read is None:
                continue
            kind, data = read
            if kind == "stdin":
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize":
                await app_service.set_terminal_size(*data)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            else:
                await app_service.focus()

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(session.end() for session in list(self.sessions)))

    async def on_startup(self, app: web.Application) -> None:
        pass  # where it serves is printed once the socket is bound, in `serve`

    def serve(self, debug: bool = False) -> None:
        """Bind first, so that a taken port is reported before anything claims to be serving, while the preloaded
        parent warms up; once it is ready, serve until stopped."""
        # Mirrors textual-serve 1.1.3's Server.serve, with our own socket and no access log unless --verbose.
        listening = socket.create_server((self.host, self.port), reuse_port=False, family=_family(self.host))
        self.preloaded.ready()
        print(f"nn-by-hand: {where(self.hosts)} (one session per browser tab; Ctrl+C stops)", flush=True)
        if self.teach is not None:
            here = f"http://{'127.0.0.1' if self.hosts.everywhere else self.hosts.bound}:{self.hosts.port}"
            print("nn-by-hand: students open the first address; the second is the teacher's, keep it to yourself:")
            print(f"{here}/\n{here}/teach/{self.teach.token}", flush=True)
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=listening,
            handle_signals=False,
            loop=loop,
            print=None,
            access_log=logging.getLogger("aiohttp.access") if self.verbose else None,
        )


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def where(hosts: Hosts) -> str:
    """Where the server listens, in words: every interface is said plainly."""
    if hosts.everywhere:
        return (
            f"serving on every interface ({hosts.bound}), port {hosts.port}: http://127.0.0.1:{hosts.port} here, "
            f"or this machine's address from elsewhere"
        )
    shown = f"[{hosts.bound}]" if ":" in hosts.bound else hosts.bound
    return f"serving on http://{shown}:{hosts.port}"


def quiet() -> None:
    """No log lines without --verbose: a malformed request or a vanished tab is nothing the teacher must act on."""
    logging.getLogger().addHandler(logging.NullHandler())  # Python's last-resort handler would print warnings and tracebacks
    for name in ("aiohttp", "asyncio", "textual-serve"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def transcripts_folder(name: str) -> Path:
    """--transcripts: a folder files can really be made in; made if its parent exists."""
    folder = Path(name)
    shown = quoted(name)
    if not name.strip():
        raise InputError("--transcripts: give a folder")
    try:
        if not folder.exists() and folder.parent.is_dir():
            folder.mkdir()
        if not folder.is_dir():
            raise InputError(f"--transcripts: {shown} is not a folder" if folder.exists() else f"--transcripts: no folder {shown}")
        with tempfile.TemporaryFile(dir=folder):  # the one sure test: /proc/self passes every permission check
            pass
    except OSError as error:
        raise InputError(f"--transcripts: cannot write in {shown}: {error.strerror or error}") from None
    return folder.resolve()


def serve(args: argparse.Namespace) -> int:
    """Check the options, then serve until interrupted."""
    hosts = Hosts(
        listen_address(args.host),
        whole("--port", args.port, 1, 65535),
        tuple(allowed_name(name) for name in args.allow_host or ()),
        tuple(allowed_origin(url) for url in args.allow_origin or ()),
    )
    limit = whole("--max-sessions", args.max_sessions, 1, 10_000)
    options = ["--lesson", args.lesson] if args.lesson else []
    if args.transcripts:
        # Given a folder, each app opens a new file in it, named by time and pid, never reusing a name.
        options += ["--transcript", str(transcripts_folder(args.transcripts))]
    # What every tab will open, checked once, by the process they are forked from: a bad lesson is reported
    # before serving, not in each tab.
    preloaded = Preloaded(options, TabProcess.apps_environment())
    try:
        preloaded.checked()
        if args.verbose:
            logging.basicConfig(level=logging.INFO, format="%(message)s")
        else:
            quiet()
        classroom = Classroom(preloaded, hosts, limit, bool(args.verbose), Class() if args.teach else None)
        try:
            classroom.serve()
        except OSError as error:
            raise InputError(f"--port: cannot listen on {printable(hosts.bound)}:{hosts.port}: {error.strerror or error}") from None
    finally:
        preloaded.stop()
    return 0
