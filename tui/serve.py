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
import os
import shlex
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from model import InputError
from model.numbers import whole
from tui.session import SERVER_PID

HEARTBEAT = 2.0
"""Seconds between websocket pings: a tab that vanished without closing is noticed within about this long."""
GRACE = 1.5
"""Seconds an app gets to quit when asked, before it is terminated."""


class Session(AppService):
    """One browser tab's app process, which ends when the tab does."""

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
    """textual-serve's server, keeping track of every session so that none outlives its tab or the server."""

    def __init__(self, command: str, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title="nn-by-hand")
        self.sessions: set[Session] = set()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
        width = to_int(request.query.get("width", "120"), 120)
        height = to_int(request.query.get("height", "40"), 40)
        session = Session(
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
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            pass
        finally:
            self.sessions.discard(session)
            await session.end()
            await websocket.close()
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(session.end() for session in list(self.sessions)))

    async def on_startup(self, app: web.Application) -> None:
        print(f"nn-by-hand: serving on http://{self.host}:{self.port} (one session per browser tab; Ctrl+C stops)", flush=True)


def serve(args: argparse.Namespace) -> int:
    """Check the options, then serve until interrupted."""
    port = whole("--port", args.port, 1, 65535)
    argv = [sys.executable, "-m", "tui"]
    if args.lesson:
        from tui.lesson import load

        load(args.lesson)  # a bad lesson is reported here, not in every tab
        argv += ["--lesson", args.lesson]
    command = shlex.join(argv)
    if args.transcripts:
        folder = Path(args.transcripts)
        if not folder.is_dir():
            raise InputError(f"--transcripts: folder '{folder}' does not exist")
        # Given a folder, each app opens a new file in it, named by time and pid, never reusing a name.
        command += " --transcript " + shlex.quote(str(folder.resolve()))
    os.environ[SERVER_PID] = str(os.getpid())
    # exec: the shell textual-serve starts becomes the app, so ending it ends the app.
    try:
        Classroom("exec " + command, args.host, port).serve()
    except OSError as error:
        raise InputError(f"--port: cannot listen on {args.host}:{port}: {error.strerror}") from None
    return 0
