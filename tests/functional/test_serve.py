"""`nn-by-hand serve` end to end: headless Chromium opens sessions, steps one, and every app process ends."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp
import pytest

from tests.functional.browser import DESKTOP, Terminal, chromium, free_port
from tests.helpers import processes, until

BIN = Path(sys.executable).parent
needs_chromium = pytest.mark.skipif(
    not shutil.which("chromium") and not os.environ.get("CI"), reason="needs Debian's chromium (.ci/run installs it)"
)
pytestmark = needs_chromium


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def sessions(folder: Path) -> dict[int, str]:
    """Transcript text by app pid (files are named session-DATE-TIME-PID.txt)."""
    return {int(p.stem.split("-")[3]): p.read_text() for p in folder.glob("session-*.txt")}


@pytest.fixture
def server(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [BIN / "nn-by-hand", "serve", "--port", str(port), "--transcripts", str(tmp_path), "--keep-seats", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    line = process.stdout.readline()
    assert f"serving on http://127.0.0.1:{port}" in line
    yield process, f"http://127.0.0.1:{port}/", tmp_path
    if process.poll() is None:  # asked first, so that the server ends its sessions; killed if it does not
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.stdout.close()


async def test_each_tab_has_a_session_of_its_own_kept_through_a_reload_and_ended_with_its_tab(server):
    process, url, folder = server
    async with chromium() as browser:
        context = await browser.new_context(viewport=DESKTOP)
        first = Terminal(await context.new_page())
        await first.page.goto(url)
        await first.shows("· start ·", "status")
        (pid,) = await until(lambda: list(sessions(folder)), 30, "the first tab's debugger")

        # The terminal takes the keyboard when the page opens, with no click.
        await first.type("s")
        await first.shows("sample 0/100 · w4", "status")
        assert "sample 0/100 · w4" in sessions(folder)[pid]

        # A reload comes back to the same session, where it was; another tab gets its own.
        await first.page.reload()
        await first.shows("sample 0/100 · w4", "status")
        second = Terminal(await context.new_page())
        await second.page.goto(url)
        await second.shows("· start ·", "status")
        (other,) = await until(lambda: [p for p in sessions(folder) if p != pid], 30, "the second tab's own debugger")
        assert list(sessions(folder)) == [pid, other] or sorted(sessions(folder)) == sorted([pid, other])

        # A tab that closes ends its session once its seat has waited for it (--keep-seats 1), and only that one.
        await first.page.close()
        await until(lambda: not alive(pid), 10, "closing the tab ending its debugger")
        assert alive(other), "closing one tab ended another tab's session"

        # A debugger that dies closes its page at once, saying so, and frees its place.
        os.kill(other, signal.SIGKILL)
        await second.page.wait_for_selector("body.-closed", timeout=10_000)
        assert "Your debugger has stopped" in (await second.page.text_content(".closed-dialog .message") or "")

    process.send_signal(signal.SIGINT)
    assert process.wait(10) == 0


def test_serve_rejects_a_bad_port():
    result = subprocess.run([BIN / "nn-by-hand", "serve", "--port", "http"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "nn-by-hand: --port: 'http' is not a whole number\n"


@pytest.fixture
def small_server(tmp_path):
    """A server without Chromium: at most one session, requests driven with aiohttp."""
    port = free_port()
    process = subprocess.Popen(
        [BIN / "nn-by-hand", "serve", "--port", str(port), "--max-sessions", "1", "--transcripts", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert "serving on" in process.stdout.readline()
    yield process, f"http://127.0.0.1:{port}", tmp_path
    process.send_signal(signal.SIGINT)
    try:
        output, _ = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    assert output == "", "the server printed more than where it serves without --verbose"


GARBAGE = ['["stdin", 5]', '["stdin", null]', '["stdin", ["s"]]', "[" * 100_000, '{"stdin": "s"}', "not json", '["resize", "x"]']
"""What a hostile page sends (the issue's cases; tests/unit/test_envelope.py covers the whole class)."""


async def malformed_request(base: str) -> bytes:
    """What the server answers a request no browser sends (aiohttp logs a traceback for it, unless silenced)."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(b"GET /\x00 HTTP/1.1\r\nHost: \xff\r\nContent-Length: x\r\n\r\n")
    await writer.drain()
    answer = await reader.read()
    writer.close()
    return answer


async def limits(base: str, folder: Path) -> None:
    assert b" 400 Bad Request" in (await malformed_request(base)).split(b"\r\n")[0]
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/ws") as plain:
            assert plain.status == 400, "a plain GET of the websocket address"
        with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:
            await http.ws_connect(f"{base}/ws", headers={"Origin": "http://evil.example"})
        assert foreign.value.status == 403, "a websocket from another site's page"
        port = base.rsplit(":", 1)[1]
        for name in (f"evil.example:{port}", "x"):  # DNS rebinding: the page's Origin matches its own Host
            async with http.get(f"{base}/", headers={"Host": name}) as page:
                assert page.status == 421, f"the page served to Host {name}"
            with pytest.raises(aiohttp.WSServerHandshakeError) as rebound:
                await http.ws_connect(f"{base}/ws", headers={"Host": name, "Origin": f"http://{name}"})
            assert rebound.value.status == 421, f"a websocket for Host {name}"
        async with http.get(f"{base}/", headers={"Host": f"LocalHost.:{port}"}) as page:
            assert page.status == 200 and f"ws://localhost.:{port}/ws" in (await page.text()).lower()
        socket_ = await http.ws_connect(f"{base}/ws?width=20000&height=20000", headers={"Origin": base})
        # A browser answers the server's pings; aiohttp answers only while the socket is read. Unread, the
        # session counts as a vanished tab after two heartbeats, which a loaded machine can spend starting the app.
        reader = asyncio.create_task(drain(socket_))
        try:
            await until(lambda: sessions(folder), 30, "the session's app starting")
            async with http.get(f"{base}/") as full:
                assert full.status == 503 and "The classroom is full" in await full.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(f"{base}/ws", headers={"Origin": base})
            assert refused.value.status == 503, "a second session beyond --max-sessions 1"
            await socket_.send_json(["resize", {"width": 10**9, "height": -5}])
            for text in GARBAGE:  # dropped, and the session goes on
                await socket_.send_str(text)
            await socket_.send_json(["stdin", "s"])
            await until(lambda: "sample 0/100 · w4" in next(iter(sessions(folder).values())), 20, "the clamped session still stepping")
        finally:
            reader.cancel()
            await socket_.close()


async def drain(socket_: aiohttp.ClientWebSocketResponse) -> None:
    """Read and drop everything the server sends, answering its pings as a browser would."""
    async for _ in socket_:
        pass


def test_serve_refuses_plain_gets_foreign_pages_and_more_sessions_than_allowed(small_server):
    _, base, folder = small_server
    asyncio.run(limits(base, folder))


def test_a_taken_port_is_reported_before_anything_claims_to_serve(small_server):
    _, base, _ = small_server
    result = subprocess.run([BIN / "nn-by-hand", "serve", "--port", base.rsplit(":", 1)[1]], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "serving on" not in result.stdout
    assert result.stderr.startswith("nn-by-hand: --port: cannot listen on 127.0.0.1:") and result.stderr.count("\n") == 1


def test_chromium_leaves_no_process_and_no_folder_behind(monkeypatch):
    # Chromium's singleton socket lives in $TMPDIR/org.chromium.Chromium.XXXXXX/, and a socket path may have at most
    # 107 characters: with a longer folder name, a deep stress run's folder made Chromium abort at every launch.
    deep = tempfile.mkdtemp(prefix="nn-by-hand-stress-10-", dir="/tmp")
    monkeypatch.setattr(tempfile, "tempdir", deep)

    async def start_and_close() -> list[int]:
        async with chromium() as browser:
            page = await browser.new_page()
            await page.goto("about:blank")
            return [pid for pid in descendants(os.getpid()) if Path(_command(pid).split("\0")[0]).name == "chromium"]

    try:
        started = asyncio.run(start_and_close())
        assert started, "Chromium ran"
        assert not any(alive(pid) for pid in started) and os.listdir(deep) == [], "the browser left a process or its folder behind"
    finally:
        shutil.rmtree(deep, ignore_errors=True)


def descendants(root: int) -> set[int]:
    """The live processes under `root`."""
    parents = {pid: parent for pid, (parent, state) in processes().items() if state != "Z"}
    found, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in found} - found
        grown, found = bool(more), found | more
    return found - {root}


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""
