"""`nn-by-hand serve` end to end: headless Chromium opens sessions, steps one, and every app process ends."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp
import pytest

from tests.functional.cdp import Browser, group_members
from tests.helpers import until
from tui.frontends.tab import LARGEST, clamp

BIN = Path(sys.executable).parent
needs_chromium = pytest.mark.skipif(
    not shutil.which("chromium") and not os.environ.get("CI"), reason="needs Debian's chromium (.ci/run installs it)"
)
pytestmark = needs_chromium


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
        [BIN / "nn-by-hand", "serve", "--port", str(port), "--transcripts", str(tmp_path)],
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


async def scenario(server, tmp_path: Path) -> None:
    process, url, folder = server
    browser = Browser()
    try:
        await browser.start()
        first = await browser.tab(url)
        await first.call("Page.enable")
        started = await until(lambda: {p: t for p, t in sessions(folder).items() if "· start ·" in t}, 30, "first session's first frame")
        (pid,) = started
        before = await first.screenshot(tmp_path / "before.png")

        # Rule: the terminal takes the keyboard when the page opens, with no click.
        await first.wait_for_terminal()
        await first.press("s")
        await until(lambda: "sample 0/100 · w4" in sessions(folder)[pid], 30, "the app stepping to the end of sample 0")
        for _ in range(100):  # the page paints what the app sent a moment later
            if await first.screenshot(tmp_path / "after.png") != before:
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the page did not change after s")

        second = await browser.tab(url)
        others = await until(lambda: [p for p in sessions(folder) if p != pid], 30, "a second session")
        assert alive(pid) and alive(others[0])

        await browser.close_tab(first)
        await until(lambda: not alive(pid), 5, "closing the tab ending its app process")
        assert alive(others[0]), "closing one tab ended another tab's session"

        process.send_signal(signal.SIGINT)
        await until(lambda: not alive(others[0]), 5, "stopping the server ending the remaining session")
        assert process.wait(5) == 0
        del second
    finally:
        await browser.close()


def test_each_tab_gets_a_session_that_steps_and_ends_with_it(server, tmp_path):
    asyncio.run(scenario(server, tmp_path))


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


def test_sizes_from_a_browser_are_cut_to_a_sane_terminal():
    assert clamp("20000", "20000") == LARGEST
    assert clamp(-3, "x") == (1, 40)
    assert clamp("120", "40") == (120, 40)


def test_chromium_starts_under_a_temporary_folder_as_deep_as_a_stress_runs(monkeypatch):
    # Chromium's singleton socket lives in $TMPDIR/org.chromium.Chromium.XXXXXX/, and a socket path may have at most
    # 107 characters: with a longer profile name, the tenth stress run's folder made Chromium abort at every launch.
    deep = tempfile.mkdtemp(prefix="nn-by-hand-stress-10-", dir="/tmp")
    monkeypatch.setattr(tempfile, "tempdir", deep)

    async def start_and_close() -> int:
        browser = Browser()
        try:
            await browser.start(attempts=1)
            assert browser.process is not None
            return browser.process.pid
        finally:
            await browser.close()

    try:
        group = asyncio.run(start_and_close())
        # Nothing of the browser may outlive close: a helper still exiting once made its profile's folders again.
        assert group_members(group) == [] and os.listdir(deep) == [], "the browser left a process or its folder behind"
    finally:
        shutil.rmtree(deep, ignore_errors=True)
