"""`serve`'s preloaded parent: one process that imports and warms up the debugger once, then forks each tab's.

A new Python per tab costs every tab the imports and the first app's warm-up (about a second of CPU,
measured), and holds its own copy of all of it. `serve` starts this process once instead, with the
environment textual-serve gives its apps. It checks the options, builds one debugger and draws it
headless until LinearRegression is fitted (which imports scikit-learn and fills Textual's caches),
then waits on its socket. For each tab the server sends the tab's three pipes and what differs in its
environment; this process forks, and the child becomes that tab's debugger, as `python -m tui` would.

Nothing leaks between sessions: each child has its own copy of memory, builds its own run from the
options, opens its own files, and Python reseeds `random` in every fork. Each child ends with its tab
(its pipes close, or the server signals it through the pidfd it got back), and with the server: this
process ends when the server's end of the socket closes, ending its children, and every child watches
the server through a pidfd of its own, so that it quits once the server is gone even if this process
went first.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import select
import signal
import socket
import sys
import threading
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui.formats.handoff import PIPES, receive, send
from tui.records.session import SERVED_BY

if TYPE_CHECKING:
    from tui.app.debugger import Debugger

REAP_EVERY = 1.0
"""Seconds between looks for children that have ended, while no tab asks for one."""


def main(argv: Sequence[str]) -> int:
    """`python -m tui.frontends.preload FD [debugger options]`: FD is this end of the server's socket."""
    gc.disable()  # as `tui.__main__` does: what is made until the forks all lives on
    channel = socket.socket(fileno=int(argv[0]))
    server = os.pidfd_open(os.getppid())  # every debugger forked keeps it: the one process it must not outlive
    options = list(argv[1:])
    from model import InputError
    from tui.frontends.start import build

    try:
        try:
            app = build(_without_outputs(options))
        except InputError as error:  # said once, by the server, before it serves (anything else prints its traceback)
            send(channel, {"refused": str(error)})
            return 2
        send(channel, {"checked": True})  # the server binds its port meanwhile
        _warm(app)
        gc.freeze()  # the children share these pages: a collection in one would touch, and so copy, them all
        send(channel, {"ready": True})
    except ConnectionError:  # the server stopped while this one was loading
        return 0
    children = _serve(channel, options, server)
    for pid in children:  # the server is gone, and its tabs with it
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    return 0


def _warm(app: Debugger) -> None:
    """Draw the debugger headless until LinearRegression is fitted: every import and cache a tab needs, once.

    Training behind the screen is not waited for: it imports nothing more, and a lesson on a large file would
    hold the class up for the whole run.
    """

    async def draw() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.ready.wait()
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "reference"])
            await pilot.pause()

    asyncio.run(draw())
    for thread in threading.enumerate():  # no thread may be running when this process forks
        if thread is not threading.main_thread():
            thread.join()


def _without_outputs(options: list[str]) -> list[str]:
    """The options without --transcript: the warm-up must not open a file the class would see."""
    if "--transcript" not in options:
        return options
    at = options.index("--transcript")
    return options[:at] + options[at + 2 :]


def _serve(channel: socket.socket, options: list[str], server: int) -> set[int]:
    """Fork a debugger for each tab the server asks for, until it hangs up; the children still running."""
    children: set[int] = set()
    while True:
        asked, _, _ = select.select([channel], [], [], REAP_EVERY)
        children -= _ended(children)
        if not asked:
            continue
        try:
            request, fds = receive(channel, PIPES)
        except (OSError, ValueError):
            return children
        if request is None:
            return children
        niceness = request.get("niceness", 0)
        if len(fds) != PIPES or not isinstance(request.get("environment"), dict) or niceness not in range(20):
            for fd in fds:
                os.close(fd)
            continue
        pid = os.fork()
        if pid == 0:
            _become_tab(channel, fds, {**request["environment"], SERVED_BY: str(server)}, niceness, options)
        for fd in fds:
            os.close(fd)
        children.add(pid)
        pidfd = os.pidfd_open(pid)  # not yet reaped (only `_ended` reaps), so this is the child's
        try:
            send(channel, {"pid": pid}, [pidfd])
        except ConnectionError:  # the server went while the tab was asked for
            return children
        finally:
            os.close(pidfd)


def _ended(children: set[int]) -> set[int]:
    """Reap the children that have ended."""
    ended = set()
    for pid in children:
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                ended.add(pid)
    return ended


def _become_tab(channel: socket.socket, pipes: list[int], environment: dict[str, Any], niceness: int, options: list[str]) -> None:
    """In the child: take the tab's pipes as standard streams and run the debugger as `python -m tui` would; never returns."""
    status = 1
    try:
        channel.close()
        os.nice(niceness)
        for target, fd in enumerate(pipes):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.update({str(key): str(value) for key, value in environment.items()})
        from tui.frontends.cli import main as debugger

        status = debugger(options)
    except BaseException:  # the child must never return into the parent's loop
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
