"""Every place nn-by-hand leans on a private part of Textual (8.x) or textual-serve (1.1.x), in one module.

Each lean is something the public API does not offer. `tests/unit/test_pinned.py` checks that each
still behaves as relied on, so an upgrade that changes one fails there first, by name, rather than
somewhere in a class or a paste.

- Textual's footer: its key widget, and the flag it waits on before it shows any (`KeyFooter` packs the keys, from
  the first frame).
- Textual's terminal parser and its bracketed-paste markers (`tui.frontends.paste` guards pastes), and
  the name each driver looks the parser up by when it starts.
- Textual's driver, to write a mark in order with the frames (`record` waits for it), and its way of pressing keys
  as a terminal would, each waiting for the app to be idle (a key script's keys).
- textual-serve's app service: the environment it gives its app, and what its `start` sets up once the app's
  process runs (`TabProcess` forks the debugger instead of starting a new Python).
- textual-serve's server: the aiohttp application it builds, with its page, static files and
  downloads, routed to its public handlers (`Classroom` adds its own routes to it).
"""

from __future__ import annotations

import asyncio
from asyncio import StreamWriter
from asyncio.subprocess import Process
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.app import App
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:  # textual-serve only in the server: the debugger's first frame does without it
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

__all__ = ["BRACKETED_PASTE_END", "BRACKETED_PASTE_START", "FooterKey", "XTermParser"]


def footer_ready(footer: Footer) -> None:
    """Let the footer compose its keys now: Textual's waits for its screen's first signal that its keys changed."""
    footer.set_reactive(Footer._bindings_ready, True)


def use_parser(parser: type[XTermParser], web: bool) -> None:
    """Make the driver the app will start with (the browser's, or the terminal's) read its input with `parser`."""
    if web:
        from textual.drivers import web_driver as driver
    else:
        from textual.drivers import linux_driver as driver  # type: ignore[no-redef]
    driver.XTermParser = parser  # type: ignore[attr-defined]  # the name each driver looks up as it starts


def write_in_order(app: App[Any], text: str) -> None:
    """Write `text` to the app's terminal after every frame it has written so far (nothing, without a driver)."""
    if app._driver is not None:
        app._driver.write(text)


async def press(app: App[Any], key: str) -> None:
    """Press `key` as Pilot does: through the app's input, then wait until every widget is idle."""
    await app._press_keys([key])


def app_environment(width: int, height: int) -> dict[str, str]:
    """What textual-serve sets in the environment of an app it starts (it reads only `debug` off its service)."""
    from textual_serve.app_service import AppService

    return AppService._build_environment(cast("AppService", SimpleNamespace(debug=False)), width, height)


def adopt(service: AppService, stdin: StreamWriter, process: Any) -> None:
    """Serve an app whose process was started elsewhere, as textual-serve's `start` does once it has opened its own:
    `process` needs only `stdout` and `stderr` streams, which its `run` reads until they end."""
    service._stdin = stdin
    service._process = cast(Process, process)
    service._task = asyncio.create_task(service.run())


async def web_application(server: Server) -> web.Application:
    """textual-serve's aiohttp application: its page at / (`handle_index`), its websocket at /ws
    (`handle_websocket`), static files and downloads."""
    return await server._make_app()
