"""`make screenshots`: the README's pictures, saved by the command line's own --screenshot, and the teacher's
screen in a class, saved by the debugger itself while students' seats answer on the class's socket.

The snapshot tests build the same states, and a test the classroom picture's, so the pictures are tested.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from tui.frontends.cli import main as command


@dataclass(frozen=True)
class Shot:
    """One state of the debugger worth a picture."""

    name: str
    """File stem."""
    argv: tuple[str, ...] = ()
    """Command-line options."""
    keys: str = ""
    """Key script that reaches the state."""


SHOTS = (
    Shot("start"),
    Shot("mid-sample-w1", keys="n n n n"),
    Shot("epoch-5-end", keys="end"),
    Shot("easy-converged-log", ("--preset", "easy"), "end l"),
    Shot("help", keys="s question_mark"),
    Shot("light-theme", ("--theme", "textual-light"), "s s n n"),
    Shot("lesson-narration", ("--lesson", "noisy"), "n n n n"),
    Shot("predict-ask", keys="p n n"),
    Shot("predict-reveal", keys="p n n minus 1 4 0 enter n minus 2 7 0 enter"),
    Shot("diverged", ("--epochs", "400"), "end l"),
    Shot("tanh-bias-mid-sample", ("--activation", "tanh", "--bias"), "s n n n n n"),
    Shot("gradient-check", ("--activation", "tanh", "--bias", "--order", "simultaneous"), "s s c"),
    Shot("fork-ghost", keys="e f l r = 5 e minus 4 enter e e"),
    Shot("beta-space-start", ("--preset", "easy"), "v"),
    Shot("beta-space-mid", ("--preset", "easy"), "v s s s s s s s s s s"),
    Shot("beta-space-end", ("--preset", "easy"), "v end"),
    Shot("beta-space-fork", ("--preset", "easy"), "s s s s s f w 1 = 3 enter v e"),
    Shot("network-mazur-w1", ("--network", "mazur", "--order", "simultaneous"), "n n n n n n"),
    Shot("network-xor-first-layer", ("--network", "xor"), "s s" + " n" * 21),
)
"""The states pictured in the README and held by snapshot tests."""

SIZES = ((120, 40), (80, 24))


CLASS_GUESSES = (-0.002, 0.004, -0.008, 0.3)
"""The class's answers in the classroom picture, as shares of the truth off it: three close, one not."""


async def classroom(path: Path, size: tuple[int, int] = (120, 40), students: int = 5) -> str:
    """The teacher's screen in a class of `students` while they answer its first question, saved to `path`;
    returns its status line. The students are debuggers' seats on the class's socket, answering as theirs would."""
    from model import Config, Training
    from tui.app.debugger import Debugger
    from tui.app.session import Session
    from tui.formats.protocol import STUDENT, TEACHER, VERSION, Answer, Hello, send
    from tui.frontends.teach import Class

    lesson = Class()
    await lesson.start()
    try:
        seats = []
        for _ in range(students):
            _, writer = await asyncio.open_unix_connection(str(lesson.path))
            send(writer, Hello(lesson.seat(STUDENT), VERSION))
            seats.append(writer)
        session = Session(classroom=(str(lesson.path), lesson.seat(TEACHER), TEACHER))
        app = Debugger(Training(Config.of("noisy")), session)
        async with app.run_test(size=size) as pilot:
            await app.ready.wait()
            while lesson.teacher not in lesson.links or lesson.state is None:
                await asyncio.sleep(0.05)
            await pilot.press("s", "s", "p", "n", "n")
            while not lesson.pools:
                await asyncio.sleep(0.05)
            truth = lesson.pools[-1].question.truth
            for writer, off in zip(seats, CLASS_GUESSES, strict=False):
                send(writer, Answer(1, truth * (1 + off)))
            link = app.main_screen.classlink
            assert link is not None
            while f"answered {len(CLASS_GUESSES)} of" not in link.tally[0]:
                await asyncio.sleep(0.05)
            app.main_screen.redraw()
            await pilot.pause()
            app.save_screenshot(path.name, str(path.parent))
            status = app.main_screen.query_one("#status").render()
        for writer in seats:
            writer.close()
        return str(status)
    finally:
        await lesson.stop()


PHONE = (43, 46)
"""The terminal a phone's page gets (390 by 844 CSS pixels), in cells."""


async def student_on_a_phone(path: Path, size: tuple[int, int] = PHONE) -> str:
    """A student's screen on a phone while the class's first question is open, an answer half typed, saved to `path`;
    returns its status line. The teacher is a seat on the class's socket, saying what the teacher's debugger says."""
    import json

    from model import Config, Training
    from tui.app.debugger import Debugger
    from tui.app.session import Session
    from tui.formats.protocol import STUDENT, TEACHER, VERSION, Ask, Hello, State, send
    from tui.frontends.teach import Class
    from tui.wording.predict import question

    run = Training(Config.of("noisy"))
    teacher_app = Debugger(run)
    async with teacher_app.run_test(size=(120, 40)) as pilot:  # where the teacher is: the forward pass of sample 0
        await teacher_app.ready.wait()
        await pilot.press("n")
        record = json.loads(teacher_app.main_screen.saved().dumps())
        asked = question(teacher_app.main_screen.trained, 2, "derivative")
    assert asked is not None
    lesson = Class()
    await lesson.start()
    try:
        _, teacher = await asyncio.open_unix_connection(str(lesson.path))
        send(teacher, Hello(lesson.seat(TEACHER), VERSION))
        lesson.teacher_page(True)
        app = Debugger(Training(Config.of("noisy")), Session(classroom=(str(lesson.path), lesson.seat(STUDENT), STUDENT), served=True))
        async with app.run_test(size=size) as pilot:
            await app.ready.wait()
            send(teacher, State(record))
            send(teacher, Ask(asked.label, asked.hint, asked.truth, asked.before, 2, "derivative"))
            while app.main_screen.asking is None:
                await asyncio.sleep(0.05)
            await pilot.press(*"-141.8")
            await pilot.pause()
            app.save_screenshot(path.name, str(path.parent))
            status = app.main_screen.query_one("#status").render()
        teacher.close()
        return str(status)
    finally:
        await lesson.stop()


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    folder.mkdir(exist_ok=True)
    path = folder / "classroom-teacher-120x40.svg"
    asyncio.run(classroom(path))
    print(path)
    path = folder / f"classroom-student-phone-{PHONE[0]}x{PHONE[1]}.svg"
    asyncio.run(student_on_a_phone(path))
    print(path)
    for shot in SHOTS:
        for width, height in SIZES:
            path = folder / f"{shot.name}-{width}x{height}.svg"
            status = command([*shot.argv, "--keys", shot.keys, "--screenshot", str(path), "--size", f"{width}x{height}"])
            if status:
                return status
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
