"""Each private part of Textual and textual-serve that tui/pinned.py leans on still behaves as it is relied on.

An upgrade that changes one fails here, by name, before it breaks a class, a paste or the footer somewhere else.
"""

from __future__ import annotations

import asyncio
import json
import sys
import textwrap

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

from tui import pinned


class Ready(Footer):
    """A footer that composes its keys the first time, as KeyFooter does."""

    composed: list[object] | None = None

    def compose(self) -> ComposeResult:
        pinned.footer_ready(self)
        widgets = list(super().compose())
        if Ready.composed is None:
            Ready.composed = widgets
        yield from widgets


class Keys(App[None]):
    BINDINGS = [Binding("n", "next", "Next"), Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Ready()


async def test_a_footer_marked_ready_composes_its_keys_as_footer_keys_the_first_time():
    Ready.composed = None
    async with Keys().run_test():
        first = Ready.composed or []
        keys = [widget for widget in first if isinstance(widget, pinned.FooterKey)]
        assert [(key.key, key.description, key.action) for key in keys] == [
            ("n", "Next", "next"),
            ("q", "Quit", "quit"),
            ("ctrl+p", "palette", "command_palette"),
        ]
        assert all(key.key_display for key in keys)  # KeyFooter measures keys by their label


def test_the_parser_finds_the_paste_brackets_and_each_driver_looks_the_parser_up_by_name():
    assert (pinned.BRACKETED_PASTE_START, pinned.BRACKETED_PASTE_END) == ("\x1b[200~", "\x1b[201~")
    from textual.drivers import linux_driver, web_driver

    for web, driver in ((True, web_driver), (False, linux_driver)):
        before = driver.XTermParser  # type: ignore[attr-defined]

        class Marked(pinned.XTermParser):
            pass

        try:
            pinned.use_parser(Marked, web)
            assert driver.XTermParser is Marked  # type: ignore[attr-defined]
            assert "XTermParser(" in textwrap.dedent(driver.__loader__.get_source(driver.__name__))  # it builds one by that name
        finally:
            driver.XTermParser = before  # type: ignore[attr-defined]


def test_textual_serves_environment_for_its_apps_names_the_web_driver_and_the_size():
    environment = pinned.app_environment(100, 30)
    assert environment["TEXTUAL_DRIVER"] == "textual.drivers.web_driver:WebDriver"
    assert (environment["COLUMNS"], environment["ROWS"]) == ("100", "30")


ECHO = r"""
import sys
out = sys.stdout.buffer
out.write(b"__GANGLION__\n"); out.flush()
def packet(kind, payload):
    out.write(kind + len(payload).to_bytes(4, "big") + payload); out.flush()
packet(b"D", b"hello")
while True:
    kind = sys.stdin.buffer.read(1)
    if not kind:
        break
    size = int.from_bytes(sys.stdin.buffer.read(4), "big")
    payload = sys.stdin.buffer.read(size)
    if kind == b"M" and b'"quit"' in payload:
        packet(b"M", b'{"type": "exit"}')
        break
    packet(b"D", payload)
"""
"""An app as textual-serve talks to it: a prelude, then packets each way."""


async def test_an_adopted_process_is_served_as_textual_serves_own():
    received: list[bytes] = []
    closed = asyncio.Event()

    async def close() -> None:
        closed.set()

    async def write_str(text: str) -> None:
        pass

    async def write_bytes(data: bytes) -> None:
        received.append(data)

    service = AppService("", write_bytes=write_bytes, write_str=write_str, close=close, download_manager=DownloadManager())
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", ECHO, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    assert process.stdin is not None
    pinned.adopt(service, process.stdin, process)
    assert await service.send_bytes(b"keys"), "it writes to the adopted stdin"
    await service.stop()  # asks the app to quit, and waits for its output to end
    assert received == [b"hello", b"keys"] and closed.is_set()
    assert await process.wait() == 0


async def test_textual_serves_application_routes_its_page_and_websocket_to_the_public_handlers():
    class Marked(Server):
        async def handle_index(self, request):  # type: ignore[no-untyped-def]
            raise AssertionError

        async def handle_websocket(self, request):  # type: ignore[no-untyped-def]
            raise AssertionError

    server = Marked("", port=0)
    application = await pinned.web_application(server)
    routes = {route.resource.canonical: route.handler for route in application.router.routes() if route.resource is not None}
    assert routes["/"] == server.handle_index and routes["/ws"] == server.handle_websocket
    assert any(path.startswith("/static") for path in routes) and any(path.startswith("/download") for path in routes)
    assert json.dumps(sorted(routes)) != "[]"


async def test_a_text_written_in_order_follows_the_frames_and_keys_pressed_wait_for_the_app():
    written: list[str] = []

    class Counter(App[None]):
        BINDINGS = [Binding("n", "next", "Next")]
        count = 0

        def action_next(self) -> None:
            self.count += 1

    app = Counter()
    async with app.run_test():
        assert app._driver is not None
        app._driver.write = written.append  # type: ignore[method-assign]  # the headless driver writes nowhere
        pinned.write_in_order(app, "MARK")
        assert written == ["MARK"]
        await pinned.press(app, "n")
        assert app.count == 1, "the key has acted once press returns"
