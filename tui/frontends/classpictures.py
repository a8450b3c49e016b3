"""`make screenshots`'s pictures of a class: the teacher's screen while the class answers, and again in a second vote,
a student's on a phone, and the projector's board. Each is saved by the debugger itself (the board by Chromium, when
it is there) while seats on the class's socket say what teachers' and students' debuggers say."""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from model import Config, Training
from tui.app.debugger import Debugger
from tui.formats.protocol import STUDENT, TEACHER, VERSION, Answer, Ask, Hello, State, Sure, send
from tui.frontends.board import BOARD
from tui.frontends.teach import Class
from tui.records.session import Session
from tui.wording.predict import question

CLASS_GUESSES = (-0.002, 0.004, -0.008, 0.3)
"""The class's answers in the classroom pictures, as shares of the truth off it: three close, one not."""
SECOND_GUESSES = (-0.002, 0.004, -0.008, 0.005, 0.2)
"""The second vote's: four close now, one still not."""
PHONE = (43, 46)
"""The terminal a phone's page gets (390 by 844 CSS pixels), in cells."""


@contextlib.asynccontextmanager
async def seats(lesson: Class, count: int, role: str = STUDENT) -> AsyncIterator[list[asyncio.StreamWriter]]:
    """`count` seats of `role` on the class's socket, each saying hello as a debugger would."""
    writers = []
    for _ in range(count):
        _, writer = await asyncio.open_unix_connection(str(lesson.path))
        send(writer, Hello(lesson.seat(role), VERSION))
        writers.append(writer)
    try:
        yield writers
    finally:
        for writer in writers:
            writer.close()


async def until(condition: object, every: float = 0.05) -> None:
    while not condition():  # type: ignore[operator]
        await asyncio.sleep(every)


async def classroom(path: Path, size: tuple[int, int] = (120, 40), second: bool = False, board: Path | None = None) -> str:
    """The teacher's screen in a class of five while they answer its first question (or, with `second`, its second
    vote, both histograms side by side), saved to `path`; with `board`, the projector's board after the reveal too.
    Returns the teacher's status line."""
    lesson = Class()
    await lesson.start()
    try:
        async with seats(lesson, 5) as writers:
            app = Debugger(Training(Config.of("noisy")), Session(classroom=(str(lesson.path), lesson.seat(TEACHER), TEACHER)))
            async with app.run_test(size=size) as pilot:
                await app.ready.wait()
                await until(lambda: lesson.teacher in lesson.links and lesson.state is not None)
                await pilot.press("s", "s", "p", "n", "n")
                await until(lambda: lesson.pools)
                truth, link = lesson.pools[-1].question.truth, app.main_screen.classlink
                assert link is not None
                for writer, off, sure in zip(writers, CLASS_GUESSES, ("sure", "think so", "guess", "sure"), strict=False):
                    send(writer, Answer(1, 1, truth * (1 + off)))
                    send(writer, Sure(1, 1, sure))  # type: ignore[arg-type]
                await until(lambda: f"answered {len(CLASS_GUESSES)} of" in link.tally[0] and "wrong and sure: 1" in _chart(lesson))
                if second:
                    await until(lambda: link.asked is not None)
                    await pilot.press("f2")
                    await until(lambda: lesson.pools[-1].vote == 2)
                    for writer, off in zip(writers, SECOND_GUESSES, strict=True):
                        send(writer, Answer(1, 2, truth * (1 + off)))
                        send(writer, Sure(1, 2, "sure"))
                    await until(lambda: "vote 2: answered 5 of" in link.tally[0] and "voted twice): 1 moved" in _chart(lesson))
                app.main_screen.redraw()
                await pilot.pause()
                app.save_screenshot(path.name, str(path.parent))
                status = str(app.main_screen.query_one("#status").render())
                if board is not None:
                    await pilot.press("escape")
                    await until(lambda: lesson.pools[-1].revealed)
                    picture(lesson.board(), board)
            return status
    finally:
        await lesson.stop()


def _chart(lesson: Class) -> str:
    return lesson.questions.tally(len(lesson.students)).chart


def picture(state: object, path: Path) -> None:
    """The board's page showing `state`, as Chromium draws it, saved to `path` (nothing without Chromium)."""
    chromium = shutil.which("chromium")
    if chromium is None:
        return
    page = BOARD.replace("<script>", f"<script>window.BOARD_STATE = {json.dumps(state)};\n", 1)
    with tempfile.TemporaryDirectory(prefix="nn-by-hand-board-") as folder:
        html = Path(folder, "board.html")
        html.write_text(page, encoding="utf-8")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-background-networking"]
        subprocess.run(
            [chromium, *flags, f"--user-data-dir={folder}/profile", "--window-size=1280,720", f"--screenshot={path}", html.as_uri()],
            capture_output=True,
            timeout=60,
            check=False,
        )


async def student_on_a_phone(path: Path, size: tuple[int, int] = PHONE) -> str:
    """A student's screen on a phone while the class's first question is open, an answer half typed, saved to `path`;
    returns its status line. The teacher is a seat on the class's socket, saying what the teacher's debugger says."""
    teacher_app = Debugger(Training(Config.of("noisy")))
    async with teacher_app.run_test(size=(120, 40)) as pilot:  # where the teacher is: the forward pass of sample 0
        await teacher_app.ready.wait()
        await pilot.press("n")
        record = json.loads(teacher_app.main_screen.saving.saved().dumps())
        asked = question(teacher_app.main_screen.trained, 2, "derivative")
    assert asked is not None
    lesson = Class()
    await lesson.start()
    try:
        async with seats(lesson, 1, TEACHER) as (teacher,):
            lesson.teacher_page(True)
            session = Session(classroom=(str(lesson.path), lesson.seat(STUDENT), STUDENT), served=True)
            app = Debugger(Training(Config.of("noisy")), session)
            async with app.run_test(size=size) as pilot:
                await app.ready.wait()
                send(teacher, State(record, "epoch 1/5 · sample 0/100 · forward"))
                send(teacher, Ask(asked.label, asked.hint, asked.truth, asked.before, 2, "derivative"))
                await until(lambda: app.main_screen.asking is not None)
                await pilot.press(*"-141.8")
                await pilot.pause()
                app.save_screenshot(path.name, str(path.parent))
                return str(app.main_screen.query_one("#status").render())
    finally:
        await lesson.stop()


async def class_pictures(folder: Path) -> list[Path]:
    """Every picture of a class, in `folder`."""
    teacher = folder / "classroom-teacher-120x40.svg"
    await classroom(teacher)
    second, board = folder / "classroom-second-vote-120x40.svg", folder / "classroom-board.png"
    await classroom(second, second=True, board=board)
    phone = folder / f"classroom-student-phone-{PHONE[0]}x{PHONE[1]}.svg"
    await student_on_a_phone(phone)
    return [teacher, second, *([board] if board.exists() else []), phone]
