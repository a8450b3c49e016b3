"""The classroom as people meet it: the system's Chromium, driven by Playwright, keys typed into real pages.

A page's terminal draws on a canvas, so what it shows is read the way the page itself gets it: every
frame its terminal's websocket receives is fed to a terminal emulator (pyte), at the size the page asked
for. Nothing is sent on a page's behalf: the page's own scripts send what they send.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import tempfile
import urllib.request
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

from playwright.async_api import Browser, BrowserContext, Page, WebSocket, async_playwright

from tests.functional.shown import Shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
"""Chromium's flags for a closed network and no screen."""
DESKTOP = {"width": 1100, "height": 760}
"""A laptop's browser window: a terminal of 122×42, the debugger's full layout (each cell drawn costs the page,
the server and the test)."""
PHONE = {"width": 390, "height": 844}
"""A phone's viewport in CSS pixels (an iPhone 12's). Emulated at one device pixel per CSS pixel: this Chromium,
emulating a denser screen, sizes the terminal's canvas in real pixels and draws in emulated ones."""


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    """Headless Chromium with a temporary folder of its own, which goes with it, even after a failure."""
    folder = tempfile.mkdtemp(prefix="chr-")  # short: Chromium's singleton socket path may have at most 107 characters
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, env={**os.environ, "TMPDIR": folder})
            try:
                yield browser
            finally:
                await browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Terminal(Shown):
    """What one page's terminal shows: the frames its websocket receives, played into pyte."""

    def __init__(self, page: Page) -> None:
        super().__init__(80, 24, lambda: f" ({len(self.sockets)} connections; the page said {self.console[-5:]})")
        self.page = page
        self.sockets: list[WebSocket] = []
        self.console: list[str] = []
        """What the page's scripts said, for a failure's message."""
        page.on("websocket", self._watch)
        page.on("console", lambda message: self.console.append(message.text))
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.reset())  # a new page starts blank

    def _watch(self, websocket: WebSocket) -> None:
        if not urlsplit(websocket.url).path.endswith("/ws"):
            return
        self.sockets.append(websocket)
        query = parse_qs(urlsplit(websocket.url).query)
        self.resize(int(query["width"][0]), int(query["height"][0]))
        websocket.on("framereceived", self._received)
        websocket.on("framesent", self._sent)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.feed(payload)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.resize(size["width"], size["height"])

    async def type(self, keys: str) -> None:
        """Type `keys` into the page, as a person would: one key at a time (\r is Enter, \x1b escape)."""
        named = {"\r": "Enter", "\x1b": "Escape"}
        for key in keys:
            await self.page.keyboard.press(named.get(key, key))


async def student(browser: Browser, url: str, viewport: dict[str, int] = DESKTOP, mobile: bool = False) -> Terminal:
    """A new browser (a context: its own storage, so its own seat) with `url` open."""
    context: BrowserContext = await browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile)
    page = await context.new_page()
    terminal = Terminal(page)
    await page.goto(url)
    return terminal


def fetched(url: str) -> str:
    """The text a server answers at `url`."""
    with urllib.request.urlopen(url, timeout=10) as answer:
        return str(answer.read().decode())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Network:
    """A room's network between the browsers (at 127.0.0.1:PORT) and a server (at 127.0.0.2:PORT, the same port, so
    that the pages' addresses are the server's own), which can stall: nothing passes either way, as when wifi hangs."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.flowing = asyncio.Event()
        self.flowing.set()
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> Network:
        self._server = await asyncio.start_server(self._connected, "127.0.0.1", self.port)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def stall(self, seconds: float) -> None:
        """Let nothing through for `seconds`: every byte waits, and so does every new connection."""
        self.flowing.clear()
        await asyncio.sleep(seconds)  # the stall itself is what is being tested, for as long as it lasts
        self.flowing.set()

    async def _connected(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await self.flowing.wait()
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.2", self.port)
        except OSError:
            writer.close()
            return
        for source, sink in ((reader, upstream_writer), (upstream_reader, writer)):
            task = asyncio.create_task(self._pipe(source, sink))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await source.read(1 << 16):
                await self.flowing.wait()
                sink.write(data)
                await sink.drain()
        sink.close()
