"""`nn-by-hand serve`: the debugger in the browser, one app process per tab, via textual-serve.

textual-serve starts an app process for each browser connection. Two guards make
sure none is left behind: the server ends a session's process within seconds of
its tab closing (asking first, then terminating), and every app process watches
the server and quits if the server is gone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import shlex
import signal
import socket
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from model import InputError
from model.numbers import whole
from model.text import printable
from tui.session import SERVER_PID

HEARTBEAT = 2.0
"""Seconds between websocket pings: a tab that vanished without closing is noticed within about this long."""
GRACE = 1.5
"""Seconds an app gets to quit when asked, before it is terminated."""
LARGEST = (500, 200)
"""The largest terminal a browser may ask for, in cells; a larger request is cut to it."""
FULL_PAGE = """<!doctype html><meta charset="utf-8"><title>nn-by-hand: full</title>
<body style="font-family: sans-serif; margin: 3em"><h1>The classroom is full</h1>
<p>This server runs at most {limit} debuggers at once, and all of them are in use.
Close a tab somewhere else, or ask the teacher to start the server with a larger <code>--max-sessions</code>,
then reload this page.</p></body>"""


def clamp(width: object, height: object) -> tuple[int, int]:
    """A terminal size from a browser, read leniently (as textual-serve does) and cut to 1..LARGEST."""
    return min(max(to_int(str(width), 120), 1), LARGEST[0]), min(max(to_int(str(height), 40), 1), LARGEST[1])


class TabProcess(AppService):
    """One browser tab's app process, which ends when the tab does, at a size that stays sane."""

    async def start(self, width: int, height: int) -> None:
        await super().start(*clamp(width, height))

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp(width, height))

    async def end(self) -> None:
        """Ask the app to quit; terminate it, then kill it, if it does not."""
        process = self._process
        with contextlib.suppress(TimeoutError, ConnectionError, OSError):  # the app may already be gone
            await asyncio.wait_for(self.stop(), GRACE)
        if process is None or process.returncode is not None:
            return
        for signal_it in (process.terminate, process.kill):
            try:
                signal_it()
                await asyncio.wait_for(process.wait(), GRACE)
                return
            except ProcessLookupError:
                return
            except TimeoutError:
                continue


class Classroom(Server):
    """textual-serve's server, with limits a room full of browsers needs.

    Every session ends with its tab or with the server; at most `limit`
    sessions run at once; a websocket opened from another site's page is
    refused; nothing is printed for each request unless asked.
    """

    def __init__(self, command: str, host: str, port: int, limit: int, origins: tuple[str, ...], verbose: bool) -> None:
        super().__init__(command, host=host, port=port, title="nn-by-hand")
        self.sessions: set[TabProcess] = set()
        self.limit = limit
        self.origins = origins
        self.verbose = verbose

    def full(self) -> bool:
        """Whether every session place is taken."""
        return len(self.sessions) >= self.limit

    async def handle_index(self, request: web.Request):  # type: ignore[override]
        if self.full():
            return web.Response(status=503, text=FULL_PAGE.format(limit=self.limit), content_type="text/html")
        return await super().handle_index(request)

    def foreign(self, request: web.Request) -> bool:
        """Whether a websocket request comes from a page this server did not serve."""
        origin = request.headers.get("Origin")
        return origin is not None and origin not in (f"{request.scheme}://{request.host}", *self.origins)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        # Mirrors textual-serve 1.1.3's Server.handle_websocket, with the checks and the cleanup above.
        if not web.WebSocketResponse().can_prepare(request).ok:
            return web.Response(status=400, text="nn-by-hand: this address is for the debugger's page; open / instead\n")
        if self.foreign(request):
            return web.Response(status=403, text="nn-by-hand: websocket from another site refused (see --allow-origin)\n")
        if self.full():
            return web.Response(status=503, text=f"nn-by-hand: all {self.limit} sessions are in use\n")
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
        session = TabProcess(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.sessions.add(session)
        try:
            await websocket.prepare(request)
            await session.start(request.query.get("width", "120"), request.query.get("height", "40"))  # type: ignore[arg-type]
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            pass
        except (ValueError, TypeError, KeyError, IndexError, AssertionError):  # a malformed message ends that session only
            pass
        finally:
            self.sessions.discard(session)
            await session.end()
            await websocket.close()
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(session.end() for session in list(self.sessions)))

    async def on_startup(self, app: web.Application) -> None:
        pass  # where it serves is printed once the socket is bound, in `serve`

    def serve(self, debug: bool = False) -> None:  # type: ignore[override]
        """Bind first, so that a taken port is reported before anything claims to be serving; then serve until stopped."""
        # Mirrors textual-serve 1.1.3's Server.serve, with our own socket and no access log unless --verbose.
        listening = socket.create_server((self.host, self.port), reuse_port=False)
        print(f"nn-by-hand: serving on http://{self.host}:{self.port} (one session per browser tab; Ctrl+C stops)", flush=True)
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


def serve(args: argparse.Namespace) -> int:
    """Check the options, then serve until interrupted."""
    port = whole("--port", args.port, 1, 65535)
    limit = whole("--max-sessions", args.max_sessions, 1, 10_000)
    argv = [sys.executable, "-m", "tui"]
    if args.lesson:
        from tui.lesson import load

        load(args.lesson)  # a bad lesson is reported here, not in every tab
        argv += ["--lesson", args.lesson]
    command = shlex.join(argv)
    if args.transcripts:
        folder = Path(args.transcripts)
        if not folder.is_dir():
            raise InputError(f"--transcripts: folder '{printable(str(folder))}' does not exist")
        # Given a folder, each app opens a new file in it, named by time and pid, never reusing a name.
        command += " --transcript " + shlex.quote(str(folder.resolve()))
    os.environ[SERVER_PID] = str(os.getpid())
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    # exec: the shell textual-serve starts becomes the app, so ending it ends the app.
    classroom = Classroom("exec " + command, args.host, port, limit, tuple(args.allow_origin or ()), bool(args.verbose))
    try:
        classroom.serve()
    except OSError as error:
        raise InputError(f"--port: cannot listen on {printable(args.host)}:{port}: {error.strerror or error}") from None
    return 0
