"""The class in the server: only the teacher's seat leads, each student answers once the question that is open,
no student ever gets the truth before the reveal or anyone's answer, and nothing malformed changes anything."""

from __future__ import annotations

import asyncio
import json
import shutil

import pytest

from tui.formats.bus import send
from tui.frontends.teach import STUDENT, TEACHER, Class
from tui.wording.pool import Pool, results_csv, results_json
from tui.wording.predict import Question

ASK = {"label": "∂L/∂w5", "hint": "-2·H1·r", "truth": -49.7229, "before": None, "position": 30, "kind": "derivative"}


class Writer:
    """A seat's end of the socket, keeping what the server sends it."""

    def __init__(self) -> None:
        self.sent: list[dict] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.sent.append(json.loads(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def room():
    """A class with its teacher and three students connected."""
    lesson = Class()
    teacher = lesson.seat(TEACHER)
    lesson.links[teacher], lesson.teacher = Writer(), teacher
    students = [lesson.seat(STUDENT) for _ in range(3)]
    for seat in students:
        lesson.links[seat] = Writer()
    yield lesson, teacher, students
    shutil.rmtree(lesson.folder, ignore_errors=True)


def kinds(writer: Writer) -> list[str]:
    return [next(iter(message)) for message in writer.sent]


def test_only_the_teachers_seat_moves_the_class_asks_or_reveals(room):
    lesson, teacher, students = room
    for kind, value in [("state", {"position": 3}), ("ask", ASK), ("reveal", True), ("tally", ["x"]), ("hello", teacher)]:
        lesson._handle(students[0], kind, value)
    assert lesson.state is None and lesson.pools == []
    assert all(writer.sent == [] for seat, writer in lesson.links.items() if seat != teacher)
    lesson._handle(teacher, "state", {"position": 3})
    assert lesson.state == {"position": 3} and all(kinds(lesson.links[seat]) == ["state"] for seat in students)


@pytest.mark.parametrize(
    "bad",
    [
        {**ASK, "truth": 1},  # a truth is a float, never JSON's integer
        {**ASK, "truth": float("nan")},
        {**ASK, "before": "x"},
        {**ASK, "kind": "everything"},
        {**ASK, "position": True},
        {**ASK, "label": ["∂L/∂w5"]},
        "ask",
        None,
    ],
)
def test_a_malformed_question_is_not_asked(room, bad):
    lesson, teacher, students = room
    lesson._handle(teacher, "ask", bad)
    assert lesson.pools == [] and all(lesson.links[seat].sent == [] for seat in students)


def test_each_student_answers_the_open_question_once_and_only_it(room):
    lesson, teacher, (a, b, c) = room
    lesson._handle(a, "answer", {"number": 1, "guess": 1.0})  # nothing asked yet
    lesson._handle(teacher, "ask", ASK)
    pool = lesson.pools[-1]
    assert pool.answers == {}
    for _ in range(1000):  # a thousand answers a second from one student
        lesson._handle(a, "answer", {"number": 1, "guess": -49.72})
    for forged in (
        {"number": 2, "guess": 5.0},
        {"number": 1, "guess": 5},
        {"number": 1, "guess": float("inf")},
        {"number": 1},
        [1, 5.0],
        "5",
    ):
        lesson._handle(b, "answer", forged)
    assert pool.answers == {a: -49.72}
    lesson._handle(b, "answer", {"number": 1, "guess": 3.0})
    lesson._handle(teacher, "reveal", True)
    lesson._handle(c, "answer", {"number": 1, "guess": -49.7229})  # too late
    assert pool.answers == {a: -49.72, b: 3.0} and pool.revealed


def test_no_student_gets_the_truth_before_the_reveal_nor_anyones_answer(room):
    lesson, teacher, (a, b, c) = room
    lesson._handle(teacher, "ask", ASK)
    lesson._handle(a, "answer", {"number": 1, "guess": -49.72})
    lesson._handle(b, "answer", {"number": 1, "guess": 3.0})
    for seat in (a, b, c):
        asked, *later = lesson.links[seat].sent
        assert asked == {"ask": {"number": 1, "position": 30, "kind": "derivative"}} and later == []
    lesson._handle(teacher, "reveal", True)
    for seat in (a, b, c):
        assert lesson.links[seat].sent[-1] == {"reveal": {"number": 1, "truth": -49.7229}}
        assert "-49.72," not in json.dumps(lesson.links[seat].sent) and "3.0" not in json.dumps(lesson.links[seat].sent)


def test_the_teacher_sees_how_many_answered_and_came_close_as_they_answer(room):
    lesson, teacher, (a, b, _) = room
    lesson._handle(teacher, "ask", ASK)
    lesson._handle(a, "answer", {"number": 1, "guess": -49.72})
    lesson._handle(b, "answer", {"number": 1, "guess": 3.0})
    tallies = [message["tally"]["status"][-1] for message in lesson.links[teacher].sent if "tally" in message]
    assert tallies == ["Q1 answered 0 of 3 · 0 within 1%", "Q1 answered 1 of 3 · 1 within 1%", "Q1 answered 2 of 3 · 1 within 1%"]
    told = lesson.links[teacher].sent[-1]["tally"]
    assert told["status"][0].endswith("errors under    █  █ over")
    assert told["chart"].splitlines()[0] == "Q1 answered 2 of 3 · 1 within 1%"
    assert [line.split()[-1] for line in told["chart"].splitlines()[1:] if line.endswith(("1", "2"))] == ["1", "1"]
    lesson._handle(teacher, "reveal", True)
    assert lesson.links[teacher].sent[-1] == {"tally": {"status": ["class of 3 · Q1: 1 of 2 within 1%", "class of 3"], "chart": ""}}


def test_a_reloaded_teachers_page_is_brought_to_where_the_class_is(room):
    lesson, teacher, _ = room
    lesson._handle(teacher, "state", {"position": 12})
    again = lesson.seat(TEACHER)
    lesson.links[again], lesson.teacher = Writer(), again
    lesson._greet(again)
    assert lesson.links[again].sent[0] == {"state": {"position": 12}}
    lesson._handle(teacher, "state", {"position": 0})  # the tab before, if it still talks, leads no more
    assert lesson.state == {"position": 12}


async def test_only_a_seat_the_server_gave_out_gets_in_and_only_once():
    lesson = Class()
    await lesson.start()
    try:
        seat = lesson.seat(STUDENT)
        for hello in ("no such seat", seat, seat):
            reader, writer = await asyncio.open_unix_connection(str(lesson.path))
            send(writer, "hello", hello)
            ended = await asyncio.wait_for(reader.read(), 0.5) if hello != seat or seat in lesson.links else None
            if hello == seat and ended is None:  # the first time: in, and told where the class is
                assert json.loads(await reader.readline()) == {"state": None}
                first = writer
            else:
                assert ended == b"", "refused: the connection is closed"
                writer.close()
        assert list(lesson.links) == [seat]
        first.close()
    finally:
        await lesson.stop()
    assert not lesson.folder.exists()


def test_the_results_name_questions_never_students():
    pool = Pool(1, Question("∂L/∂w5", "-2·H1·r", -49.7229), {"seat-a": -49.72, "seat-b": 3.0}, revealed=True)
    assert json.loads(results_json([pool])) == [
        {"question": 1, "asked": "∂L/∂w5", "truth": -49.7229, "answered": 2, "close": 1, "median_error": pytest.approx(26.3629)}
    ]
    assert "seat" not in results_json([pool]) + results_csv([pool])
    assert results_csv([pool]).splitlines()[1].startswith("1,∂L/∂w5,-49.7229,2,1,26.36")


def test_each_class_has_its_own_secret_and_takes_no_other():
    """A teacher's address from another class, or from this server's last run, opens nothing here."""
    one, other = Class(), Class()
    try:
        assert one.token != other.token and len(one.token) >= 32
        assert one.is_token(one.token) and not one.is_token(other.token)
        assert not any(one.is_token(wrong) for wrong in ("", one.token[:-1], one.token + "x", one.token.upper(), "é" * 32))
    finally:
        shutil.rmtree(one.folder, ignore_errors=True)
        shutil.rmtree(other.folder, ignore_errors=True)


def test_the_teacher_and_only_the_teacher_gets_the_results_to_save(room):
    lesson, teacher, (a, *_) = room
    lesson._handle(teacher, "ask", ASK)
    lesson._handle(a, "answer", {"number": 1, "guess": -49.72})
    lesson._handle(teacher, "reveal", True)
    for asker in (a, teacher):
        for kind in ("csv", "json", "exe", ["csv"]):
            lesson._handle(asker, "results", kind)
    given = [message["results"] for message in lesson.links[teacher].sent if "results" in message]
    assert [result["kind"] for result in given] == ["csv", "json"]
    assert given[0]["text"].splitlines()[1].startswith("1,∂L/∂w5,-49.7229,1,1,")
    assert not any("results" in message for message in lesson.links[a].sent)
