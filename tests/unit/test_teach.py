"""The class in the server: only the teacher's seat leads, each student answers once the question that is open
and is told whether it counts, no student ever gets the truth before the reveal or anyone's answer, students
always know whether the teacher is there, and nothing malformed changes anything.

Messages reach the class as the server reads them off its socket: each line decoded by the protocol (which
refuses anything malformed), then handled if the seat may send it. The votes and what comes of them (results, a
second vote, confidence, eyes up, names) are in `test_teach_votes.py`.
"""

from __future__ import annotations

import asyncio
import json
import shutil

import msgspec
import pytest

from tests.unit.seats import ASK, Writer, say
from tui.formats.protocol import (
    STUDENT,
    TEACHER,
    VERSION,
    Answer,
    Ask,
    Freeze,
    Hello,
    Name,
    Reveal,
    Revote,
    State,
    Sure,
    WantResults,
    decode,
    encode,
    send,
)
from tui.frontends.teach import Class
from tui.wording.pool import Vote


def test_only_the_teachers_seat_moves_the_class_asks_or_reveals(room):
    lesson, teacher, students = room
    teachers = (
        {"kind": "state", "record": {"position": 3}},
        ASK,
        {"kind": "revote", "show": True},
        {"kind": "freeze", "on": True},
        {"kind": "reveal"},
        {"kind": "want_results", "file": "results.csv"},
    )
    for line in teachers:
        say(lesson, students[0], line)
    assert lesson.state is None and lesson.pools == [] and not lesson.frozen
    assert all(lesson.links[seat].sent == [] for seat in students)
    say(lesson, teacher, {"kind": "state", "record": {"position": 3}})
    assert lesson.state == {"position": 3} and all(lesson.links[seat].kinds() == ["where"] for seat in students)
    say(lesson, teacher, ASK)
    for line in teachers[2:5]:  # with a question open: no second vote, no eyes up, no reveal from a student
        say(lesson, students[0], line)
    assert lesson.pools[-1].vote == 1 and not lesson.pools[-1].revealed and not lesson.frozen


@pytest.mark.parametrize(
    "bad",
    [
        {**ASK, "truth": 1e999},
        {**ASK, "truth": "1"},
        {**ASK, "before": "x"},
        {**ASK, "question": "everything"},
        {**ASK, "position": -1},
        {**ASK, "label": ["∂L/∂w5"]},
        {**ASK, "label": "x" * 401},
        {**ASK, "extra": 1},
        {k: v for k, v in ASK.items() if k != "hint"},
        '{"kind": "ask", "truth": NaN}',
        "ask",
        "[" * 10_000,
    ],
)
def test_a_malformed_question_is_not_asked(room, bad):
    lesson, teacher, students = room
    say(lesson, teacher, bad)
    assert lesson.pools == [] and all(lesson.links[seat].sent == [] for seat in students)


def test_each_student_answers_the_open_question_once_only_it_and_is_told_whether_it_counts(room):
    lesson, teacher, (a, b, c) = room
    say(lesson, a, {"kind": "answer", "number": 1, "vote": 1, "guess": 1.0})  # nothing asked yet
    assert lesson.links[a].sent[-1] == {"kind": "refused", "number": 1, "reason": "that question is no longer open"}
    say(lesson, teacher, ASK)
    pool = lesson.pools[-1]
    for _ in range(1000):  # a thousand answers a second from one student
        say(lesson, a, {"kind": "answer", "number": 1, "vote": 1, "guess": -49.72})
    assert [m["kind"] for m in lesson.links[a].sent].count("taken") == 1 and {"kind": "taken", "number": 1, "vote": 1} in lesson.links[
        a
    ].sent
    assert lesson.links[a].sent[-1]["reason"] == "you had answered it already"
    for forged in (
        {"kind": "answer", "number": 1, "vote": 1, "guess": "5"},
        {"kind": "answer", "number": 1, "vote": 1, "guess": 1e999},
        {"kind": "answer", "number": 1, "vote": 1},
        {"kind": "answer", "number": 1, "vote": 1, "guess": 5.0, "seat": a},
        {"kind": "answer", "number": 1, "vote": 3, "guess": 5.0},
        [1, 5.0],
        "5",
    ):
        say(lesson, b, forged)
    say(lesson, b, {"kind": "answer", "number": 2, "vote": 1, "guess": 5.0})
    assert pool.answers == {a: Vote(-49.72)}
    say(lesson, b, {"kind": "answer", "number": 1, "vote": 1, "guess": 3.0})
    say(lesson, teacher, {"kind": "reveal"})
    say(lesson, c, {"kind": "answer", "number": 1, "vote": 1, "guess": -49.7229})  # too late
    assert pool.answers == {a: Vote(-49.72), b: Vote(3.0)} and pool.revealed
    assert lesson.links[c].sent[-1] == {"kind": "refused", "number": 1, "reason": "the teacher had already shown the truth"}


def test_no_student_gets_the_truth_before_the_reveal_nor_anyones_answer(room):
    lesson, teacher, (a, b, c) = room
    say(lesson, teacher, ASK)
    say(lesson, a, {"kind": "answer", "number": 1, "vote": 1, "guess": -49.72})
    say(lesson, b, {"kind": "answer", "number": 1, "vote": 1, "guess": 3.0})
    for seat in (a, b, c):
        asked = lesson.links[seat].sent[0]
        assert asked == {"kind": "asked", "number": 1, "position": 30, "question": "derivative", "vote": 1, "first": None}
        assert "-49.7229" not in json.dumps(lesson.links[seat].sent)
    say(lesson, teacher, {"kind": "reveal"})
    for seat in (a, b, c):
        assert lesson.links[seat].sent[-1] == {"kind": "revealed", "number": 1, "truth": -49.7229}
    assert "3.0" not in json.dumps(lesson.links[a].sent) and "-49.72," not in json.dumps(lesson.links[b].sent)


def test_the_teacher_sees_how_many_answered_and_came_close_as_they_answer(room):
    lesson, teacher, (a, b, _) = room
    say(lesson, teacher, ASK)
    say(lesson, a, {"kind": "answer", "number": 1, "vote": 1, "guess": -49.72})
    say(lesson, b, {"kind": "answer", "number": 1, "vote": 1, "guess": 3.0})
    tallies = [message["status"][-1] for message in lesson.links[teacher].sent if message["kind"] == "tally"]
    assert tallies == ["Q1 answered 0 of 3 · 0 within 1%", "Q1 answered 1 of 3 · 1 within 1%", "Q1 answered 2 of 3 · 1 within 1%"]
    told = lesson.links[teacher].sent[-1]
    assert told["status"][0].endswith("errors under    █  █ over")
    assert told["chart"].splitlines()[0] == "Q1 answered 2 of 3 · 1 within 1%"
    say(lesson, teacher, {"kind": "reveal"})
    assert lesson.links[teacher].sent[-1] == {"kind": "tally", "status": ["class of 3 · Q1: 1 of 2 within 1%", "class of 3"], "chart": ""}


def test_a_new_teachers_debugger_is_brought_to_where_the_class_is_with_its_open_question(room):
    lesson, teacher, _ = room
    say(lesson, teacher, {"kind": "state", "record": {"position": 12}})
    say(lesson, teacher, ASK)
    again = lesson.seat(TEACHER)  # the teacher's debugger died, or its seat expired: a new one takes the class
    assert teacher not in lesson.seats and lesson.links.get(teacher) is None
    lesson.join(again, Writer())
    welcome = lesson.links[again].sent[0]
    assert welcome["kind"] == "welcome" and welcome["record"] == {"position": 12}
    assert welcome["asked"] == {"kind": "asked", "number": 1, "position": 30, "question": "derivative", "vote": 1, "first": None}
    say(lesson, teacher, {"kind": "state", "record": {"position": 0}})  # the one before, if it still talks, leads no more
    assert lesson.state == {"position": 12}
    say(lesson, again, {"kind": "reveal"})
    assert lesson.pools[-1].revealed


def test_students_know_whether_the_teacher_is_there(room):
    lesson, _teacher, (a, _, _) = room
    assert lesson.presence == "waiting"
    lesson.teacher_page(True)
    lesson.teacher_page(True)  # told once
    lesson.teacher_page(False)
    assert [m for m in lesson.links[a].sent if m["kind"] == "teacher"] == [
        {"kind": "teacher", "presence": "here"},
        {"kind": "teacher", "presence": "left"},
    ]
    late = lesson.seat(STUDENT)
    lesson.join(late, Writer())
    assert lesson.links[late].sent[0]["teacher"] == "left"


async def test_only_a_seat_the_server_gave_out_gets_in_once_and_in_its_version():
    lesson = Class()
    await lesson.start()
    try:
        seat = lesson.seat(STUDENT)
        first = None
        for hello in (Hello("no such seat", VERSION), Hello(seat, VERSION + 1), Hello(seat, VERSION), Hello(seat, VERSION)):
            reader, writer = await asyncio.open_unix_connection(str(lesson.path))
            send(writer, hello)
            if first is None and hello.seat == seat and hello.version == VERSION:
                welcome = decode(await reader.readline(), server=False)
                assert type(welcome).__name__ == "Welcome"
                first = writer
                continue
            said = await asyncio.wait_for(reader.read(), 5)
            if hello.version != VERSION:
                assert b"goodbye" in said and b"version" in said, "a debugger of another version is told why"
            else:
                assert said == b"", "refused: the connection is closed"
            writer.close()
        assert list(lesson.links) == [seat]
        first.close()
    finally:
        await lesson.stop()
    assert not lesson.folder.exists()


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


def test_every_message_kind_round_trips_and_says_who_may_send_it():
    """The protocol's list is whole: each message a debugger sends names its senders, and each decodes as itself."""
    from tui.formats import protocol

    sent = (
        Hello("s" * 24, VERSION),
        State({"a": 1}, "epoch 1/5"),
        Ask("l", "h", 1.5, None, 3, "weight"),
        Revote(True),
        Reveal(),
        Freeze(True),
        WantResults("summary.csv"),
        Answer(1, 2, 2.5),
        Sure(1, 1, "guess"),
        Name("Ada"),
    )
    for message in sent:
        assert decode(encode(message), server=True) == message and type(message) in protocol.SENT_BY
        assert decode(encode(message), server=False) is None, "a debugger's message is not one the server sends"
    assert set(protocol.SENT_BY) == set(msgspec.inspect.type_info(protocol.FromDebugger).types[i].cls for i in range(len(sent)))
