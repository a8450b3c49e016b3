"""The class's votes and what comes of them: results per student, question and vote with a summary per question,
for the teacher only; an answer from a student who left; Peer Instruction's second vote (the first vote's answers
shown or not, never the truth), how sure each student is, eyes up and the shift; names, seen by the teacher only.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

from tests.unit.seats import ASK, Writer, say
from tui.formats.protocol import STUDENT, TEACHER
from tui.frontends.teach import Class
from tui.wording.pool import Pool, Vote
from tui.wording.predict import Question
from tui.wording.results import text


def test_the_results_are_a_row_per_student_question_and_vote_and_a_summary_per_question():
    pool = Pool(1, Question("∂L/∂w5", "-2·H1·r", -49.7229), "epoch 1/5 · sample 0/100 · w5", revealed=True)
    pool.votes[0].update({"seat-a": Vote(-49.72, "sure"), "seat-b": Vote(3.0, "sure"), "seat-c": Vote(-99.4458, "sure")})
    pool.votes.append({"seat-a": Vote(-49.72, "sure"), "seat-b": Vote(-49.7, "think so")})  # seat-c votes once
    names = {"seat-a": "student 1", "seat-b": "student 2", "seat-c": "student 3"}
    answers = list(csv.DictReader(io.StringIO(text("results.csv", [pool], names))))
    assert list(answers[0]) == [
        "question",
        "asked",
        "step",
        "vote",
        "student",
        "answer",
        "error",
        "relative_error",
        "close",
        "confidence",
        "left",
    ]
    assert len(answers) == 5 and answers[1]["student"] == "student 2" and answers[1]["vote"] == "1"
    assert float(answers[1]["error"]) == 3.0 + 49.7229 and float(answers[1]["relative_error"]) == (3.0 + 49.7229) / 49.7229
    assert float(answers[2]["relative_error"]) == -1.0, "twice the truth: under by 100%"
    assert (answers[1]["close"], answers[1]["confidence"]) == ("False", "sure") and answers[4]["confidence"] == "think so"
    (line,) = json.loads(text("results.json", [pool], names))["questions"]
    assert {k: line[k] for k in ("answered", "close", "answered_2", "close_2", "moved_to_close", "moved_away")} == {
        "answered": 3,
        "close": 1,
        "answered_2": 2,
        "close_2": 2,
        "moved_to_close": 1,
        "moved_away": 0,
    }
    assert line["wrong_and_sure"] == 1 and line["truth"] == -49.7229, "seat-c's sure, wrong and only answer counts"
    assert "seat" not in "".join(text(kind, [pool], names) for kind in ("results.csv", "summary.csv", "results.json"))


def test_the_teacher_and_only_the_teacher_gets_the_results_to_save(room):
    lesson, teacher, (a, *_) = room
    say(lesson, teacher, ASK)
    say(lesson, a, {"kind": "answer", "number": 1, "vote": 1, "guess": -49.72})
    say(lesson, teacher, {"kind": "reveal"})
    for asker in (a, teacher):
        for file in ("results.csv", "summary.csv", "results.json", "x.exe", ["results.csv"]):
            say(lesson, asker, {"kind": "want_results", "file": file})
    given = [message for message in lesson.links[teacher].sent if message["kind"] == "results"]
    assert [result["file"] for result in given] == ["results.csv", "summary.csv", "results.json"]
    assert given[0]["text"].splitlines()[1].startswith("1,∂L/∂w5,,1,student 1,-49.72,")
    assert not any(message["kind"] == "results" for message in lesson.links[a].sent)


def test_an_answer_from_a_student_who_left_counts_once_and_the_results_say_so(room):
    lesson, teacher, (a, b, _) = room
    say(lesson, teacher, ASK)
    say(lesson, a, {"kind": "answer", "number": 1, "vote": 1, "guess": -49.72})
    say(lesson, b, {"kind": "answer", "number": 1, "vote": 1, "guess": 3.0})
    lesson.leave(a)  # closed the page, and the seat waited for it in vain
    status = lesson.questions.tally(len(lesson.students)).status[0]
    assert status.startswith("Q1 answered 1 of 2 (+1 who left)"), "the class's count is of those still in it"
    say(lesson, teacher, {"kind": "reveal"})
    (result,) = json.loads(lesson.results("results.json"))["questions"]
    assert (result["answered"], result["close"], result["left"]) == (2, 1, 1)
    assert [row.endswith(",True") for row in lesson.results("results.csv").splitlines()[1:]] == [True, False]


def test_peer_instruction_a_second_vote_confidence_eyes_up_and_the_shift(room):
    lesson, teacher, (a, b, c) = room
    say(lesson, teacher, ASK)
    say(lesson, a, {"kind": "answer", "number": 1, "vote": 1, "guess": 3.0})
    say(lesson, a, {"kind": "sure", "number": 1, "vote": 1, "confidence": "sure"})
    say(lesson, b, {"kind": "answer", "number": 1, "vote": 1, "guess": -49.72})
    for student in (a, b, c):
        say(lesson, student, {"kind": "revote", "show": True})  # no student opens a vote
        say(lesson, student, {"kind": "freeze", "on": True})  # nor holds the class
    assert lesson.pools[-1].vote == 1 and not lesson.frozen
    assert "wrong and sure: 1" in lesson.links[teacher].sent[-1]["chart"]

    say(lesson, teacher, {"kind": "freeze", "on": True})
    assert all(lesson.links[s].sent[-1] == {"kind": "frozen", "on": True} for s in (a, b, c))
    say(lesson, teacher, {"kind": "freeze", "on": False})
    say(lesson, teacher, {"kind": "revote", "show": False})
    second = lesson.links[c].sent[-1]
    assert second == {"kind": "asked", "number": 1, "position": 30, "question": "derivative", "vote": 2, "first": None}
    say(lesson, a, {"kind": "answer", "number": 1, "vote": 1, "guess": 1.0})  # the first vote is over
    assert lesson.links[a].sent[-1]["reason"] == "that vote is over"
    say(lesson, a, {"kind": "answer", "number": 1, "vote": 2, "guess": -49.7})
    say(lesson, b, {"kind": "answer", "number": 1, "vote": 2, "guess": -49.72})
    chart = lesson.links[teacher].sent[-1]["chart"]
    assert "vote 1" in chart and "vote 2" in chart and "voted twice): 1 moved to within 1%, 0 moved away" in chart
    assert lesson.links[teacher].sent[-1]["status"][-1] == "Q1 vote 2: answered 2 of 3 · 2 within 1% (vote 1: 1)"
    say(lesson, teacher, {"kind": "revote", "show": True})  # there is no third
    assert lesson.pools[-1].vote == 2


def test_a_second_vote_may_show_the_first_votes_answers_never_the_truth(room):
    lesson, teacher, (a, b, c) = room
    say(lesson, teacher, ASK)
    say(lesson, a, {"kind": "answer", "number": 1, "vote": 1, "guess": -49.7229})
    say(lesson, b, {"kind": "answer", "number": 1, "vote": 1, "guess": 3.0})
    say(lesson, teacher, {"kind": "revote", "show": True})
    first = lesson.links[c].sent[-1]["first"]
    assert "The first vote's 2 answers" in first and "within" not in first and "-49.7229" in first  # an answer, not the truth
    board = lesson.board()["question"]
    assert board == {"number": 1, "asked": "∂L/∂w5", "step": "", "vote": 2, "answered": 0, "of": 3}, "no truth, no answer"


def test_names_are_asked_refused_with_a_reason_and_seen_by_the_teacher_only():
    lesson = Class(names=True)
    try:
        teacher, one, two = lesson.seat(TEACHER), lesson.seat(STUDENT), lesson.seat(STUDENT)
        for seat in (teacher, one, two):
            lesson.join(seat, Writer())
        assert lesson.links[one].sent[0]["names"] is True
        for name, reason in (("  ", "empty"), ("x" * 25, "at most 24"), ("Ada\x1b[2J", "control"), ("[b]Ada", "brackets")):
            say(lesson, one, {"kind": "name", "name": name})
            assert reason in lesson.links[one].sent[-1]["reason"], name
        say(lesson, one, {"kind": "name", "name": "Ada"})
        assert lesson.links[one].sent[-1] == {"kind": "named", "name": "Ada"}
        say(lesson, two, {"kind": "name", "name": "ada"})
        assert lesson.links[two].sent[-1]["reason"] == "another student has that name"
        say(lesson, teacher, ASK)
        say(lesson, one, {"kind": "answer", "number": 1, "vote": 1, "guess": -49.72})
        assert ",Ada," in lesson.results("results.csv")
        assert all("Ada" not in json.dumps(lesson.links[s].sent) for s in (two, teacher)), "no one else is told a name"
    finally:
        shutil.rmtree(lesson.folder, ignore_errors=True)
