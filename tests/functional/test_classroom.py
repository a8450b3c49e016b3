"""`serve --teach` end to end, through websocket clients that read each tab's terminal with pyte, and once
through the real pages in headless Chromium.

What a teacher would call right: every student who follows sees the teacher's step; a student who looks away
is told so and gets back with one key; a question reaches every student, the teacher sees how many answered
and how many came close while they answer, and the truth reaches the students only when the teacher
reveals it, each with their own error; the class lives in the server, so the teacher's tab can reload; and
however many students redraw after a key, the teacher's own screen is not kept waiting.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pyte
import pytest

from tests.functional.cdp import Browser
from tests.functional.test_serve import free_port, needs_chromium, sessions
from tests.helpers import until

BIN = Path(sys.executable).parent
SIZE = (120, 40)


class Tab:
    """One browser tab, as its page's terminal: what it shows, and the keys typed into it."""

    def __init__(self, websocket_url: str, origin: str) -> None:
        self.url, self.origin = websocket_url, origin
        self.screen = pyte.Screen(*SIZE)
        self.stream = pyte.ByteStream(self.screen)

    async def open(self, session: aiohttp.ClientSession) -> Tab:
        url = f"{self.url}?width={SIZE[0]}&height={SIZE[1]}"
        self.websocket = await session.ws_connect(url, headers={"Origin": self.origin})
        self.task = asyncio.create_task(self._read())
        await self.shows("RMSE")
        await self.websocket.send_str(json.dumps(["focus"]))
        return self

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    @property
    def status(self) -> str:
        return self.screen.display[0]

    async def type(self, keys: str) -> None:
        await self.websocket.send_str(json.dumps(["stdin", keys]))

    async def shows(self, words: str, where: str = "text", timeout: float = 30) -> None:
        """Wait until the screen (or its status line) shows `words`."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if words in (self.status if where == "status" else self.text()):
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"{words!r} is not on the screen:\n{self.text()}")

    async def close(self) -> None:
        await self.websocket.close()
        self.task.cancel()


@pytest.fixture
def classroom():
    """A class on a port of its own: its students' address, its teacher's, and the server."""
    port = free_port()
    server = subprocess.Popen([BIN / "nn-by-hand", "serve", "--teach", "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        said = [server.stdout.readline() for _ in range(4)]
        yield said, server, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def websocket_of(page: str) -> str:
    """The websocket a page's terminal connects to, named as textual-serve's page names it."""
    return re.search(r'data-session-websocket-url="([^"]+)"', page).group(1)


async def test_the_class_follows_the_teacher_answers_together_and_sees_the_truth_when_the_teacher_reveals(classroom):
    said, server, origin = classroom
    students, teacher = said[2].strip(), said[3].strip()
    assert students == f"{origin}/" and teacher.startswith(f"{origin}/teach/")
    token = teacher.rsplit("/", 1)[1]
    assert len(token) >= 32, "at least 128 random bits (192 here), URL-safe"
    async with aiohttp.ClientSession() as http:
        student_page = await (await http.get(students)).text()
        teacher_page = await (await http.get(teacher)).text()
        assert token not in student_page and websocket_of(student_page) == f"ws://127.0.0.1:{origin.rsplit(':', 1)[1]}/ws"
        assert websocket_of(teacher_page).endswith(f"/teach/{token}/ws")
        for wrong in (f"{origin}/teach/{token[:-1]}x", f"{origin}/teach/", f"{origin}/teach/{token}x/results.csv"):
            answer = await http.get(wrong)
            assert answer.status == 404 and token not in await answer.text(), wrong

        t = await Tab(websocket_of(teacher_page), origin).open(http)
        a = await Tab(websocket_of(student_page), origin).open(http)
        b = await Tab(websocket_of(student_page), origin).open(http)
        await t.shows("class of 2", "status")
        await a.shows("following the teacher", "status")

        # Following: the teacher's moves are every student's.
        await t.type("sss")
        for tab in (t, a, b):
            await tab.shows("sample 2/100 · w4", "status")

        # Looking away, and back with j; the others stay with the teacher.
        await a.type("b")
        await a.shows("off the teacher's step · j goes back", "status")
        await t.type("s")
        await b.shows("sample 3/100 · w4", "status")
        assert "sample 3/100" not in a.status
        await a.type("j")
        await a.shows("following the teacher", "status")
        await a.shows("sample 3/100 · w4", "status")

        # A question for the whole class: asked by the teacher's predict mode, the truth kept from the students.
        await t.type("pn")
        await t.shows("sample 4/100 · forward", "status")
        await t.type("n")
        for tab in (a, b):
            await tab.shows("Predict ∂L/∂w5")
        await t.shows("Q1 answered 0 of 2 · 0 within 1%", "status")
        await a.type("-49.72\r")  # the truth is -49.7229: within 1%
        await t.shows("Q1 answered 1 of 2 · 1 within 1%", "status")
        await a.shows("The answer shows when the teacher reveals it")
        assert "-49.7229" not in a.text() and "-49.7229" not in b.text(), "no truth before the reveal"
        await b.type("3\r")
        await t.shows("Q1 answered 2 of 2 · 1 within 1%", "status")

        # The teacher reveals: each student sees the truth and their own error, and no one else's.
        await t.type("\x1b")
        await a.shows("You predicted ∂L/∂w5 = -49.7200; it is -49.7229")
        await b.shows("You predicted ∂L/∂w5 = 3.0000; it is -49.7229")
        assert "-49.7200" not in b.text() and "3.0000" not in a.text()
        for tab in (t, a, b):
            await tab.shows("sample 4/100 · w5", "status")

        # The class's results: per question, with no seat or student in them.
        results = await (await http.get(f"{teacher}/results.json")).json()
        assert results == [
            {
                "question": 1,
                "asked": "∂L/∂w5",
                "truth": results[0]["truth"],
                "answered": 2,
                "close": 1,
                "median_error": results[0]["median_error"],
            }
        ]
        assert abs(results[0]["truth"] + 49.7229) < 1e-4
        csv = await (await http.get(f"{teacher}/results.csv")).text()
        assert csv.splitlines()[0] == "question,asked,truth,answered,close,median_error" and len(csv.splitlines()) == 2

        # A student leaving changes nothing for the others; the teacher's tab reloads and takes the class back.
        await b.close()
        await t.close()
        t = await Tab(websocket_of(teacher_page), origin).open(http)
        await t.shows("sample 4/100 · w5", "status")
        await t.shows("class of 1", "status")
        await t.type("n")
        await a.shows("sample 4/100 · w6", "status")

        # What a student's tab sends the server is only ever its own terminal's input; anything else is dropped.
        for garbage in (
            json.dumps(["state", {"position": 0}]),
            json.dumps(["answer", 1.0]),
            "x" * 1_000_000,
            "[[[[",
            json.dumps(["stdin"]),
        ):
            await a.websocket.send_str(garbage)
        await a.websocket.send_bytes(b"\x00" * 1000)
        await t.type("o")  # the order switch is followed too: the run is rebuilt from the teacher's record
        await a.shows("simultaneous", "status")
        await a.shows("sample 4/100 · w6", "status")
        await a.close()
        await t.close()
    assert server.poll() is None, "the server serves on"


@needs_chromium
async def test_in_chromium_the_teachers_page_leads_the_students_page_and_a_students_key_stays_theirs(tmp_path):
    port = free_port()
    command = [BIN / "nn-by-hand", "serve", "--teach", "--port", str(port), "--transcripts", str(tmp_path)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    browser = Browser()
    try:
        students, teacher = [server.stdout.readline().strip() for _ in range(4)][2:] if server.stdout else ["", ""]
        await browser.start()
        teaching = await browser.tab(teacher)
        (lead,) = await until(lambda: list(sessions(tmp_path)), 30, "the teacher's debugger")
        student = await browser.tab(students)
        (follower,) = await until(lambda: [pid for pid in sessions(tmp_path) if pid != lead], 30, "the student's debugger")

        def shown(pid: int, words: str) -> bool:
            return words in sessions(tmp_path)[pid]

        await teaching.wait_for_terminal()
        await teaching.press("s")
        await until(lambda: shown(follower, "sample 0/100 · w4"), 30, "the student's page following the teacher's s")
        assert shown(lead, "sample 0/100 · w4")
        await student.wait_for_terminal()
        await student.press("s")
        await until(lambda: shown(follower, "sample 1/100 · w4"), 30, "the student's own s")
        assert not shown(lead, "sample 1/100"), "a student's key moved the teacher"
        # Many students redrawing after the teacher's key never slow the teacher's own screen: theirs yield to it.
        assert (os.getpriority(os.PRIO_PROCESS, lead), os.getpriority(os.PRIO_PROCESS, follower)) == (0, 19)
    finally:
        await browser.close()
        server.terminate()
        server.wait(timeout=30)
        if server.stdout:
            server.stdout.close()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_classroom_picture_shows_the_teacher_the_class_answering(tmp_path, size):
    from tui.frontends.screenshots import CLASS_GUESSES, classroom

    path = tmp_path / "teacher.svg"
    status = await classroom(path, size)
    said = f"Q1 answered {len(CLASS_GUESSES)} of 5 · 3 within 1%"
    assert status.startswith(said if size[0] >= 100 else "teaching · ")  # a narrow status line names the class only
    picture = path.read_text().replace("&#160;", " ")
    assert said in picture and "under by 10-100% " in picture and "within 1% " in picture  # in the prompt: the histogram


async def test_the_teachers_page_is_a_session_like_any_and_its_websocket_is_checked_for_its_origin():
    port = free_port()
    server = subprocess.Popen(
        [BIN / "nn-by-hand", "serve", "--teach", "--port", str(port), "--max-sessions", "1"], stdout=subprocess.PIPE, text=True
    )
    try:
        teacher = [server.stdout.readline() for _ in range(4)][3].strip()
        origin = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as http:
            page = await (await http.get(teacher)).text()
            refused = await http.get(
                websocket_of(page).replace("ws:", "http:"),
                headers={
                    "Origin": "http://evil.example",
                    "Upgrade": "websocket",
                    "Connection": "Upgrade",
                    "Sec-WebSocket-Key": "x3JJHMbDL1EzLkh9GBhXDw==",
                    "Sec-WebSocket-Version": "13",
                },
            )
            assert refused.status == 403
            t = await Tab(websocket_of(page), origin).open(http)
            full = await http.get(
                f"{origin}/ws",
                headers={
                    "Origin": origin,
                    "Upgrade": "websocket",
                    "Connection": "Upgrade",
                    "Sec-WebSocket-Key": "x3JJHMbDL1EzLkh9GBhXDw==",
                    "Sec-WebSocket-Version": "13",
                },
            )
            assert full.status == 503, "the teacher's page is the one session --max-sessions 1 allows"
            await t.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
