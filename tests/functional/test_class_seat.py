"""A debugger's seat in a class, in-process: the class's server on its socket, a teacher's seat speaking the protocol.

Rules: a question the teacher opens reaches every student who follows, even one whose debugger has just started and
has not trained that far yet: it waits for training, just before the question, then asks it. And while it is open, no
student's screen goes past it, so nobody reads its answer before the reveal.
"""

from __future__ import annotations

import json

from tests.helpers import debugger, until
from tui.formats.protocol import STUDENT, TEACHER, Ask, State, send
from tui.frontends.classpictures import seats
from tui.frontends.teach import Class
from tui.records.session import Session
from tui.wording.predict import question


async def test_a_student_behind_in_training_gets_the_class_question_once_it_catches_up(gated, noisy):
    position = next(p for p in range(600, 800) if question(noisy, p, "derivative") is not None)  # beyond the first stretch
    asked = question(noisy, position, "derivative")
    assert asked is not None
    lesson = Class()
    await lesson.start()
    try:
        session = Session(classroom=(str(lesson.path), lesson.seat(STUDENT), STUDENT))
        async with seats(lesson, 1, TEACHER) as (teacher,), debugger(gated, session) as (app, _):
            send(teacher, Ask(asked.label, asked.hint, asked.truth, asked.before, position, "derivative"))
            screen = app.main_screen
            await until(lambda: screen.seeking is not None, 20, "the student's screen waiting for training")
            assert screen.asking is None, "nothing asked before training gets there"
            gated.let(4)
            await until(lambda: screen.asking is not None, 30, "the question, once training got there")
            assert screen.asking == asked and screen.position == position - 1
    finally:
        await lesson.stop()


async def test_a_student_off_the_teachers_step_cannot_pass_the_open_question_until_it_is_revealed(noisy):
    position = next(p for p in range(1, 50) if question(noisy, p, "derivative") is not None)
    asked = question(noisy, position, "derivative")
    assert asked is not None
    lesson = Class()
    await lesson.start()
    try:
        session = Session(classroom=(str(lesson.path), lesson.seat(STUDENT), STUDENT))
        async with seats(lesson, 1, TEACHER) as (teacher,), debugger(noisy, session) as (app, pilot):
            screen, link = app.main_screen, app.main_screen.classlink
            assert link is not None
            screen.go(position - 1)  # where the teacher is: its record is this screen's
            await pilot.pause()
            send(teacher, State(json.loads(screen.saving.saved().dumps())))
            await until(lambda: link.latest is not None, 10, "the teacher's step")
            await pilot.press("b")
            await until(lambda: not link.following, 10, "off the teacher's step")
            send(teacher, Ask(asked.label, asked.hint, asked.truth, asked.before, position, "derivative"))
            await until(lambda: link.asked is not None, 10, "the question, kept for j")
            await pilot.press("n", "n", "n", "s")
            assert screen.position == position - 1 and screen.asking is None, "no move past the question before its reveal"
            await pilot.press("j")
            await until(lambda: screen.asking == asked, 10, "j opening the question")
    finally:
        await lesson.stop()
