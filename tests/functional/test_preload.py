"""`serve`'s preloaded parent, through websocket clients.

What the class would call right: every tab gets a debugger of its own, forked from the one process that
loaded everything once; what one tab does (its moves, its transcript) shows in no other; a tab's debugger
ends with its tab; when the server goes, even killed outright, nothing it started stays behind; and when the
preloaded parent goes instead, the class goes on and the next tab still opens.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.functional.test_serve import alive, free_port, sessions
from tests.functional.wsclient import Tab
from tests.helpers import processes, until

BIN = Path(sys.executable).parent


def children(pid: int) -> list[int]:
    """The running processes whose parent is `pid`."""
    return [child for child, (parent, state) in processes().items() if parent == pid and state != "Z"]


@pytest.fixture
def served(tmp_path):
    """A server with --transcripts (each debugger's file is named by its pid, the server's stderr in the folder too),
    the processes it started (its preloaded parents, as the test finds them), and its address."""
    port = free_port()
    command = [BIN / "nn-by-hand", "serve", "--port", str(port), "--transcripts", str(tmp_path), "--keep-seats", "1"]
    said = (tmp_path / "server-stderr").open("w")
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=said)
    preloaded: list[int] = []
    try:
        assert b"serving on" in (server.stdout.readline() if server.stdout else b"")
        preloaded.extend(children(server.pid))
        yield server, preloaded, f"http://127.0.0.1:{port}", tmp_path
    finally:
        server.kill()
        server.wait(timeout=30)
        server.stdout.close()
        said.close()
        for pid in preloaded:  # whatever the test did, nothing of the server's may outlive it
            for child in children(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)


async def test_tabs_are_forked_from_one_preloaded_parent_and_end_with_their_tab_or_the_server_never_with_it(served):
    server, preloaded, base, folder = served
    assert len(preloaded) == 1 and "tui.frontends.preload" in Path(f"/proc/{preloaded[0]}/cmdline").read_bytes().decode()
    address = f"{base.replace('http', 'ws')}/ws"
    async with aiohttp.ClientSession() as http:
        # Every tab's debugger is a child of the preloaded parent; the server starts nothing of its own per tab.
        first = await Tab(address, base).open(http)
        second = await Tab(address, base).open(http)
        tabs = await until(lambda: len(found := sessions(folder)) == 2 and found, 30, "two debuggers' transcripts")
        assert sorted(children(preloaded[0])) == sorted(tabs), "each tab's debugger is a child of the preloaded parent"
        assert children(server.pid) == preloaded, "the server starts no process of its own per tab"

        # What one tab does shows in no other.
        await first.type("s")
        await first.shows("sample 0/100 · w4", "status")
        assert "sample 0/100" not in second.status, "one tab's step moved another tab"
        written = sessions(folder)
        assert sum("sample 0/100 · w4" in text for text in written.values()) == 1, "one tab's step reached another's transcript"

        # A tab's debugger ends with its tab (once its seat has waited --keep-seats for it), and only that one.
        moved = next(pid for pid, text in written.items() if "sample 0/100 · w4" in text)
        await first.close()
        await until(lambda: not alive(moved), 10, "closing the tab ending its debugger")
        (kept,) = [pid for pid in tabs if pid != moved]
        assert alive(kept)

        # The preloaded parent dying (as the out-of-memory killer would have it: the largest process first)
        # ends no session; the next tab still opens, from a preloaded parent started again, and the server says so.
        os.kill(preloaded[0], signal.SIGKILL)
        await until(lambda: not alive(preloaded[0]), 10, "the preloaded parent ending")
        await second.type("s")
        await second.shows("sample 0/100 · w4", "status")
        assert alive(kept), "a tab's debugger ended with the process that forked it"
        third = await Tab(address, base).open(http)
        (latest,) = await until(lambda: [pid for pid in sessions(folder) if pid not in tabs], 30, "the third tab's debugger")
        again = children(server.pid)
        assert len(again) == 1 and again != preloaded, "the server started its preloaded parent again"
        preloaded.extend(again)
        await third.type("s")
        await third.shows("sample 0/100 · w4", "status")
        assert (folder / "server-stderr").read_text() == "nn-by-hand: the preloaded debugger ended (signal 9); starting it again\n"

        # The server killed outright, with no chance to end its sessions: nothing it started stays behind.
        server.kill()
        server.wait(timeout=30)
        await until(lambda: not any(map(alive, (*again, kept, latest))), 15, "every debugger and preloaded parent ending")
        for tab in (second, third):
            tab.task.cancel()
