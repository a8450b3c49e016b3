"""`serve --teach` as a class meets it: a teacher's page and students' pages in Chromium, keys typed into them,
nobody clicking.

What a teacher would call right:
- every key a student types lands where the screen says it will, whether or not the page was ever clicked,
  even one typed before the terminal appears; an open question's box takes digits at once;
- every answer typed arrives and counts once, the teacher's tally says so while they come, each student
  learns whether theirs arrived, and after the reveal each one sees the truth (with their own error if they
  answered, and that they did not if not); nobody sees the truth before the reveal;
- every page reads on the device it is opened on, a phone included, with its footer of keys and the class's
  state from the first frame;
- one teacher's page leads at a time, visibly; the teacher's q asks first; students always know whether the
  teacher is there; a teacher's page that reloads mid-question takes the class back with the question open;
- a student's connection that stalls comes back to the same seat: the same debugger, answers and view, and
  the keys typed meanwhile arrive once.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.functional.browser import DESKTOP, PHONE, Network, Terminal, chromium, fetched, free_port, student
from tests.functional.test_serve import needs_chromium, sessions
from tests.helpers import processes, until
from tui.formats.protocol import TEACHER
from tui.frontends.teach import NICENESS

pytestmark = needs_chromium
BIN = Path(sys.executable).parent
TRUTH = "-141.8247"
"""∂L/∂w5 at sample 0 of the noisy preset: the first question predict mode asks after p n n."""


class Served:
    """`nn-by-hand serve --teach` on a port of its own: the students' address and the teacher's."""

    def __init__(self, *options: str, host: str = "127.0.0.1") -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [BIN / "nn-by-hand", "serve", "--teach", "--host", host, "--port", str(self.port), *options], stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        said = [self.process.stdout.readline() for _ in range(4)]
        # The pages go to 127.0.0.1 whatever the server is bound to (see Network).
        self.students = f"http://127.0.0.1:{self.port}/"
        self.teacher = re.sub(r"http://[^/]+/", self.students, said[3].strip())

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def serve(tmp_path):
    """Start a class with these options (its transcripts in the test's folder); each ends with the test."""
    started: list[Served] = []

    def start(*options: str, host: str = "127.0.0.1") -> tuple[Served, Path]:
        started.append(Served("--transcripts", str(tmp_path), *options, host=host))
        return started[-1], tmp_path

    try:
        yield start
    finally:
        for server in started:
            server.close()


def teachers_debugger(server: Served) -> int:
    """The pid of the teacher's debugger: of the debuggers the preloaded parent forked, the one that does not yield
    the processor to the others (see NICENESS)."""
    parents = {pid: parent for pid, (parent, state) in processes().items() if state != "Z"}
    (preloaded,) = [pid for pid, parent in parents.items() if parent == server.process.pid]
    found = [pid for pid, parent in parents.items() if parent == preloaded and os.getpriority(os.PRIO_PROCESS, pid) == NICENESS[TEACHER]]
    assert len(found) == 1, found
    return found[0]


def at(sample: str, phase: str) -> re.Pattern[str]:
    """Where the run is, as a status line says it in full or, on a narrow screen, in brief."""
    return re.compile(rf"(sample |s){sample}/100 · {phase}\b")


def footer_has_its_keys(terminal: Terminal) -> bool:
    return "? Help" in terminal.rows[-1] and "q Quit" in terminal.rows[-1]


async def test_a_class_that_never_clicks_answers_and_every_answer_arrives(serve):
    server, folder = serve()
    async with chromium() as browser:
        early = await student(browser, server.students)
        await early.shows("waiting for the teacher", "status")
        assert footer_has_its_keys(early), early.text()

        teacher = await student(browser, server.teacher)
        await early.shows("following the teacher", "status")
        await teacher.shows("teaching · class of 1", "status")

        # A key typed as the page loads, before its terminal exists, reaches it once it does.
        context = await browser.new_context(viewport=DESKTOP)
        page = await context.new_page()
        keen = Terminal(page)
        await page.goto(server.students, wait_until="domcontentloaded")
        await page.keyboard.press("s")
        await keen.shows("sample 0/100 · w4", "status")
        await keen.shows("off the teacher's step", "status")
        await keen.type("j")
        await keen.shows("following the teacher", "status")

        phone = await student(browser, server.students, PHONE, mobile=True)
        await phone.shows("following", "status")
        assert 40 <= phone.size[0] <= 50, f"a phone's terminal is {phone.size[0]} columns"
        assert footer_has_its_keys(phone)
        idle = await student(browser, server.students)
        await teacher.shows("class of 4", "status")

        await teacher.type("pn")
        await teacher.shows("sample 0/100 · forward", "status")
        await teacher.type("n")
        for terminal in (early, keen, phone, idle):
            await terminal.shows("Predict ∂L/∂w5")
            footer = terminal.rows[-1]
            assert "space" not in footer and "⏎ OK" in footer and "esc Cancel" in footer, (
                f"the footer says what a key does in the box: {footer}"
            )
        await teacher.shows("Q1 answered 0 of 4 · 0 within 1%", "status")
        # None of them has ever clicked: their digits go into the box.
        # Each learns that their answer arrived, by a notice watched for from the first key typed.
        for terminal, typed in ((early, "-141.8"), (keen, "3")):
            async with terminal.expecting("Your answer to Q1 has reached the teacher"):
                await terminal.type(f"{typed}\r")
        async with phone.expecting("reached"):  # a narrow screen wraps the notice
            await phone.type("-141.82\r")
        await teacher.shows("Q1 answered 3 of 4 · 2 within 1%", "status")
        assert all(TRUTH not in terminal.text() for terminal in (early, keen, phone, idle)), "no truth before the reveal"

        await teacher.type("\x1b")
        await early.shows(f"You predicted ∂L/∂w5 = -141.8000; it is {TRUTH}")
        await keen.shows(f"You predicted ∂L/∂w5 = 3.0000; it is {TRUTH}")
        await idle.shows(f"Q1 is {TRUTH}.")
        await idle.shows("You did not answer")
        for terminal in (early, keen, idle):
            await terminal.shows("sample 0/100 · w5", "status")
        await phone.shows(at("0", "w5"), "status")
        # An anonymous class's results: a row per answer, each student a number, nobody's name.
        rows = list(csv.DictReader(io.StringIO(fetched(f"{server.teacher}/results.csv"))))
        assert len(rows) == 3 and {row["vote"] for row in rows} == {"1"}, rows
        assert len({row["student"] for row in rows}) == 3 and all(re.fullmatch(r"student \d", row["student"]) for row in rows)
        assert sorted(row["close"] for row in rows) == ["False", "True", "True"]

        await teacher.type("ps")  # predict off: s goes to the end of the sample, and the class with it
        for terminal in (early, keen, idle):
            await terminal.shows("sample 0/100 · w4", "status")
        await phone.shows(at("0", "w4"), "status")
    assert len(sessions(folder)) == 5, "one debugger per page, none started twice"


async def test_one_teacher_leads_at_a_time_asks_before_leaving_and_takes_the_class_back(serve):
    server, _ = serve("--keep-seats", "2")
    async with chromium() as browser:
        first = await student(browser, server.teacher)
        learner = await student(browser, server.students)
        await learner.shows("following the teacher", "status")

        # A second teacher's page takes the class over, and the first says so.
        second = await student(browser, server.teacher)
        await second.shows("teaching · class of 1", "status")
        await first.page.wait_for_selector("body.-closed")
        said = await first.page.text_content(".closed-dialog .message")
        assert said == "The class is now led from another page; this one no longer leads it."
        await second.type("s")
        await learner.shows("sample 0/100 · w4", "status")

        # A mid-question reload takes the class back with the question still open, and revealable.
        await second.type("pnn")
        await second.shows("Predict ∂L/∂w5")
        await learner.shows("Predict ∂L/∂w5")
        await second.page.reload()
        await second.shows("Predict ∂L/∂w5")
        await second.shows("Q1 answered 0 of 1", "status")
        # So does a new debugger, when the teacher's has died: its page says so, and a reload starts one.
        os.kill(teachers_debugger(server), signal.SIGKILL)
        await second.page.wait_for_selector("body.-closed")
        assert "Your debugger has stopped" in (await second.page.text_content(".closed-dialog .message") or "")
        await learner.shows("the teacher has left", "status")
        await second.page.reload()
        await second.shows("Predict ∂L/∂w5")
        await second.shows("Q1 answered 0 of 1", "status")
        await second.type("\x1b")
        await learner.shows("You did not answer")
        await second.shows("predict ∂L/∂w", "text")  # the teacher's predict mode came back too

        # q asks first; n stays, y ends the lead and the students are told, and the class is kept for the next.
        await second.type("q")
        await second.shows("End your lead of the class?")
        await second.type("n\r")
        await second.shows("teaching", "status")
        await second.type("qy\r")
        await learner.shows("the teacher has left; the class is kept", "status")
        third = await student(browser, server.teacher)
        await third.shows("sample 1/100 · w5", "status")
        await learner.shows("following the teacher", "status")


async def test_a_stalled_connection_comes_back_to_the_same_seat_with_its_answer_and_keys(serve):
    server, folder = serve(host="127.0.0.2")
    async with Network(server.port) as network, chromium() as browser:
        teacher = await student(browser, server.teacher.replace("127.0.0.1", "127.0.0.2"))
        learner = await student(browser, server.students)  # through the room's network
        await learner.shows("following the teacher", "status")
        await teacher.type("pnn")
        await learner.shows("Predict ∂L/∂w5")
        await learner.type("3\r")
        await learner.shows("has reached the teacher")
        await teacher.type("\x1b")
        await learner.shows("You predicted ∂L/∂w5 = 3.0000")
        await learner.shows("sample 0/100 · w5", "status")
        before = set(sessions(folder))

        stalling = asyncio.ensure_future(network.stall(20))
        await learner.page.wait_for_selector("#nn-by-hand-notice", state="visible", timeout=30_000)
        await learner.type("b")  # typed while the connection is down: kept, and taken once
        await stalling
        await learner.page.wait_for_selector("#nn-by-hand-notice", state="hidden", timeout=30_000)
        await learner.shows("sample 0/100 · forward", "status")
        await learner.shows("off the teacher's step", "status")
        assert set(sessions(folder)) == before, "the same debugger, not a new one"
        await until(lambda: "Q1 answered 1 of 1" in teacher.status or "class of 1 · Q1: 0 of 1" in teacher.status, 10, "the answer kept")


async def test_a_class_on_mazurs_example_follows_the_teacher_through_both_orders(serve):
    # `serve --teach --lesson mazur`: the students' debuggers show the teacher's step of Mazur's network, and an order
    # switch is rebuilt on every screen, with the post's figure of each order.
    server, _ = serve("--lesson", "mazur")
    async with chromium() as browser:
        teacher = await student(browser, server.teacher)
        learner = await student(browser, server.students)
        await learner.shows("following the teacher", "status")
        await teacher.shows("teaching · class of 1", "status")
        await learner.shows("Mazur's example, in both orders")
        await teacher.type("s")  # the lesson waits at its first stop: the teacher steps by hand meanwhile
        await learner.shows("mazur · lr 0.5 · notebook · epoch 1/10000 · sample 0/1 · w4", "status")
        await learner.shows("0.291027924", "status")  # the post's error after the first round: the notebook order's
        await teacher.type("o")
        await learner.shows("simultaneous · epoch 1/10000 · sample 0/1 · w4", "status")
        await learner.shows("0.291027774", "status")
        await learner.shows("w1 0.15 → 0.149780716")  # the post's new w1: the simultaneous order's
