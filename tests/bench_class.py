"""`make bench`'s classroom figures: `serve --teach` with 40 students' tabs opened at once, as websocket clients.

- the first frame of each tab: the median and the last, from the moment all 40 ask;
- memory: the server and every process it started, as PSS (shared pages counted once), per session;
- a teacher's key: how long until every student's screen shows the step it leads to (median of the keys), and
  the CPU time a key costs each debugger and the server: on 2 cores, the whole class's share bounds the first;
- the same key while one device floods the server, as a ratio to the key without it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from tests.functional.browser import free_port
from tests.helpers import processes

STUDENTS = 40
KEYS = 10
BIN = Path(sys.executable).parent


class Tab:
    """A tab's terminal as bytes: enough to see when a frame comes and what its status line says."""

    def __init__(self) -> None:
        self.seen = b""
        self.first: float | None = None

    async def open(self, http: aiohttp.ClientSession, url: str, origin: str) -> None:
        self.websocket = await http.ws_connect(f"{url}?width=120&height=40", headers={"Origin": origin}, max_msg_size=0)
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.seen = (self.seen + message.data)[-50_000:]  # a frame's changes, and more
                if self.first is None and b"RMSE" in message.data:
                    self.first = time.monotonic()


def _tree(root: int) -> set[int]:
    """`root` and every process under it."""
    parents = {pid: parent for pid, (parent, _) in processes().items()}
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        grown, tree = bool(more), tree | more
    return tree


def _cpu_seconds(pids: set[int]) -> dict[int, float]:
    """CPU time (user and system) each process has used so far."""
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def _pss_mb(root: int) -> float:
    """PSS of `root` and every process under it, in MB."""
    total = 0
    for pid in _tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


async def _measure(origin: str, student_ws: str, teacher_ws: str, server: int) -> None:
    async with aiohttp.ClientSession() as http:
        teacher = Tab()
        await teacher.open(http, teacher_ws, origin)
        while teacher.first is None:
            await asyncio.sleep(0.05)
        students = [Tab() for _ in range(STUDENTS)]
        # Each student a device of its own: an address of its own on the loopback network.
        devices = [aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(f"127.0.1.{i + 1}", 0))) for i in range(STUDENTS)]
        asked = time.monotonic()
        await asyncio.gather(*(tab.open(device, student_ws, origin) for tab, device in zip(students, devices, strict=True)))
        while any(tab.first is None for tab in students) and time.monotonic() - asked < 120:
            await asyncio.sleep(0.05)
        firsts = sorted((tab.first or float("inf")) - asked for tab in students)
        print(
            f"  first frame of {STUDENTS} tabs opened at once: median {statistics.median(firsts):.2f} s, last {firsts[-1]:.2f} s"
            "   (targets: median at most 2.5 s, last at most 4 s)"
        )
        await asyncio.sleep(3)  # the tabs settle: training, the data table, LinearRegression
        pss = await asyncio.to_thread(_pss_mb, server)  # in a thread: the websockets must answer their pings meanwhile
        print(f"  memory: {pss / (STUDENTS + 1):.1f} MB PSS per session, the server's included (target: at most 30 MB)")
        before = _cpu_seconds(_tree(server))
        reached, own = [], []
        for step in range(1, KEYS + 1):
            words = f"sample {step - 1}/100 · w4".encode()  # s goes to the end of the next sample, from 0
            sent = time.monotonic()
            await teacher.websocket.send_str(json.dumps(["stdin", "s"]))
            while not all(words in tab.seen for tab in students) and time.monotonic() - sent < 30:
                if len(own) < step and words in teacher.seen:
                    own.append(time.monotonic() - sent)
                await asyncio.sleep(0.005)
            reached.append(time.monotonic() - sent)
            if len(own) < step:
                own.append(reached[-1])
        after = _cpu_seconds(set(before))
        print(
            f"  a teacher's key on all {STUDENTS} students' screens: median {statistics.median(reached):.2f} s, "
            f"slowest {max(reached):.2f} s (target: median at most 0.5 s); on the teacher's own: median {statistics.median(own):.2f} s"
        )
        debuggers = sorted(after[pid] - before[pid] for pid in after if pid != server)
        everyone = sum(after[pid] - before[pid] for pid in after)
        print(
            f"  CPU per key: a debugger's median {1000 * statistics.median(debuggers) / KEYS:.0f} ms, "
            f"the server's {1000 * (after[server] - before[server]) / KEYS:.0f} ms, all together {1000 * everyone / KEYS:.0f} ms"
        )
        flooding = asyncio.create_task(_flood(origin, student_ws))
        await asyncio.sleep(3)  # the flood under way: its sessions open, its requests hang, its keys pour
        flooded = []
        for step in range(KEYS + 1, 2 * KEYS + 1):
            words = f"sample {step - 1}/100 · w4".encode()
            sent = time.monotonic()
            await teacher.websocket.send_str(json.dumps(["stdin", "s"]))
            while not all(words in tab.seen for tab in students) and time.monotonic() - sent < 30:
                await asyncio.sleep(0.005)
            flooded.append(time.monotonic() - sent)
        flooding.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await flooding
        for device in devices:
            await device.close()
        print(
            f"  the same key while one device floods the server (sessions that never answer, half-sent requests, 64 KiB "
            f"of keys at a time): median {statistics.median(flooded):.2f} s, {statistics.median(flooded) / statistics.median(reached):.1f}x"
            " the key without it (target: a flood is the flooder's alone)"
        )


async def _flood(origin: str, student_ws: str) -> None:
    """One device doing its worst: websockets opened as fast as the server takes them and never read, requests whose
    headers never end, and every session it gets sent keys as fast as it can."""
    connector = aiohttp.TCPConnector(local_addr=("127.0.0.9", 0), limit=0)
    held: list[object] = []
    async with aiohttp.ClientSession(connector=connector) as http:
        keys = json.dumps(["stdin", "9" * 60_000])
        host, port = origin.removeprefix("http://").split(":")
        try:
            while True:
                for _ in range(20):  # half-sent requests
                    try:
                        _, writer = await asyncio.open_connection(host, int(port), local_addr=("127.0.0.9", 0))
                        writer.write(b"GET / HTTP/1.1\r\nHost: x")
                        held.append(writer)
                    except OSError:
                        break
                try:
                    socket_ = await http.ws_connect(f"{student_ws}?width=120&height=40", headers={"Origin": origin}, autoping=False)
                    held.append(socket_)
                except (aiohttp.ClientError, OSError):
                    pass
                for socket_ in [h for h in held if isinstance(h, aiohttp.ClientWebSocketResponse) and not h.closed]:
                    with contextlib.suppress(ConnectionError, RuntimeError):
                        await socket_.send_str(keys)
                await asyncio.sleep(0.01)
        finally:
            for item in held:
                with contextlib.suppress(Exception):
                    if isinstance(item, aiohttp.ClientWebSocketResponse):
                        await item.close()
                    else:
                        item.close()  # type: ignore[attr-defined]


def classroom() -> None:
    port = free_port()
    server = subprocess.Popen([BIN / "nn-by-hand", "serve", "--teach", "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        said = [server.stdout.readline() for _ in range(4)] if server.stdout else []
        origin, teacher = f"http://127.0.0.1:{port}", said[3].strip()
        token = teacher.rsplit("/", 1)[1]
        print(f"serve --teach, {STUDENTS} students and a teacher, websocket clients on this machine")
        asyncio.run(_measure(origin, f"ws://127.0.0.1:{port}/ws", f"ws://127.0.0.1:{port}/teach/{token}/ws", server.pid))
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    classroom()
