"""What holds when people (or scripts) push on `serve`: nothing of the server's leaks, and its limits hold.

Rules: a download from a served session names no folder of the server; --verbose's log never holds the teacher's
secret; a page is built from the Host header the server checked, never from the request line; one device cannot take
the room's places, nor any student the teacher's; a debugger that dies frees its place at once; on every interface,
only this machine's own addresses are answered.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp

from model import Config, Training
from tests.functional.browser import free_port
from tests.functional.test_serve import needs_chromium, sessions
from tests.functional.wsclient import Tab
from tests.helpers import debugger, run, until
from tui.records.session import Session

BIN = Path(sys.executable).parent


def test_a_served_sessions_download_names_no_folder_of_the_server_and_resumes_beside_its_files(tmp_path, monkeypatch):
    server = tmp_path / "on" / "the" / "server"
    server.mkdir(parents=True)
    (server / "points.csv").write_text("a,b,y\n1,2,3\n2,1,4\n3,3,7\n", encoding="utf-8")
    lesson = server / "class.toml"
    lesson.write_text('title = "Points"\n[run]\ndata = "points.csv"\n', encoding="utf-8")
    delivered: list[str] = []

    async def download() -> None:
        config = Config.from_options({"data": str(server / "points.csv")})
        async with debugger(Training(config), Session(served=True, lesson=str(lesson))) as (app, _):
            monkeypatch.setattr(app, "deliver_text", lambda file, **kwargs: delivered.append(file.read()))
            app.main_screen.saving.save_session()

    asyncio.run(download())
    (text,) = delivered
    assert str(tmp_path) not in text and "/on/the/server" not in text, "no folder of the server in the download"
    assert '"points.csv"' in text and '"class.toml"' in text
    elsewhere = tmp_path / "at" / "home"
    elsewhere.mkdir(parents=True)
    for name in ("points.csv", "class.toml"):
        (elsewhere / name).write_bytes((server / name).read_bytes())
    (elsewhere / "session.json").write_text(text, encoding="utf-8")
    result = run("--resume", "session.json", "--screenshot", "again.svg", cwd=elsewhere)
    assert result.returncode == 0 and not result.stderr, result.stderr


@needs_chromium
async def test_the_log_of_verbose_never_holds_the_teachers_secret_and_pages_follow_the_checked_host(tmp_path):
    port = free_port()
    log = (tmp_path / "log").open("w")
    server = subprocess.Popen(
        [BIN / "nn-by-hand", "serve", "--teach", "--verbose", "--port", str(port)], stdout=subprocess.PIPE, stderr=log, text=True
    )
    try:
        assert server.stdout is not None
        teacher = [server.stdout.readline() for _ in range(4)][3].strip()
        token = teacher.rsplit("/", 1)[1]
        # An absolute-form request line names another host; the page's websocket must still point at the Host checked.
        for path in (f"/teach/{token}", "/", f"/teach/{token}/results.csv"):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET http://evil.example:{port}{path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            page = (await reader.read()).decode(errors="replace")
            writer.close()
            assert "evil.example" not in page, f"a page built from the request line: {path}"
            if path != f"/teach/{token}/results.csv":
                assert re.search(rf'data-session-websocket-url="ws://127\.0\.0\.1:{port}/', page), path
        await until(lambda: (tmp_path / "log").read_text().count("GET") >= 3, 10, "the log's lines")
        said = (tmp_path / "log").read_text()
        assert token not in said and "/teach/TOKEN" in said, said
    finally:
        server.terminate()
        server.wait(timeout=30)
        assert server.stdout is not None
        server.stdout.close()
        log.close()


UPGRADE = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Key": "x3JJHMbDL1EzLkh9GBhXDw==", "Sec-WebSocket-Version": "13"}


async def test_places_are_per_device_the_teachers_is_kept_and_a_dead_debugger_frees_its_own(tmp_path):
    """On every interface, with room for two students and one session per device."""
    port = free_port()
    options = ["--teach", "--host", "0.0.0.0", "--port", str(port), "--max-sessions", "2", "--per-device", "1", "--keep-seats", "1"]
    server = subprocess.Popen([BIN / "nn-by-hand", "serve", *options, "--transcripts", str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        teacher = [server.stdout.readline() for _ in range(4)][3].strip()
        base, token = f"http://127.0.0.1:{port}", teacher.rsplit("/", 1)[1]

        def device(address: str) -> aiohttp.ClientSession:
            return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(address, 0)))

        async with device("127.0.0.1") as a, device("127.0.0.2") as b, device("127.0.0.3") as c:
            first = await Tab(f"ws://127.0.0.1:{port}/ws", base).open(a)
            (pid,) = await until(lambda: list(sessions(tmp_path)), 30, "the first student's debugger")
            refused = await a.get(f"{base}/ws", headers={"Origin": base, **UPGRADE})
            assert refused.status == 429, "a second session on one device"
            second = await Tab(f"ws://127.0.0.1:{port}/ws", base).open(b)
            refused = await c.get(f"{base}/ws", headers={"Origin": base, **UPGRADE})
            assert refused.status == 503, "the room is full"
            leading = await Tab(f"ws://127.0.0.1:{port}/teach/{token}/ws", base).open(a)  # the teacher's place is kept
            await leading.shows("teaching · class of 2", "status")

            # On every interface: the address a request came in on is this machine's; any other is refused.
            page = await c.get(f"http://127.0.0.5:{port}/", headers={"Host": f"127.0.0.5:{port}"})
            assert page.status == 503, "answered (the room is full): 127.0.0.5 is where it came in"
            foreign = await c.get(f"{base}/ws", headers={"Origin": f"http://1.2.3.4:{port}", **UPGRADE})
            assert foreign.status == 403

            # A debugger that dies closes its page at once, saying so, and frees its place.
            os.kill(pid, signal.SIGKILL)
            await until(lambda: first.websocket.closed, 10, "the dead debugger's page closed")
            assert first.websocket.close_code == 4002
            third = await Tab(f"ws://127.0.0.1:{port}/ws", base).open(c)
            for tab in (second, third, leading):
                await tab.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        assert server.stdout is not None
        server.stdout.close()
