"""Peer Instruction in a class in Chromium: names, eyes up, a vote with confidence, a second vote, the projector's board,
the reveal, and the results with both votes. Keys are typed into the pages; nobody clicks.

What a teacher would call right: a student's name reaches only the teacher and the results; while the teacher has
everyone's eyes up, nothing a student types is acted on, then or later; each vote takes each student's answer once,
with how sure they said they were; the teacher sees both votes side by side and the shift between them; the board
never shows the truth before the reveal, nor a name or an answer; the results hold a row per student, question and
vote, and a summary per question.
"""

from __future__ import annotations

import asyncio
import csv
import io
import time
import urllib.error

import pytest
from playwright.async_api import Page

from tests.functional.browser import chromium, fetched, student
from tests.functional.test_classroom import TRUTH, Served
from tests.functional.test_serve import needs_chromium

pytestmark = needs_chromium


async def test_a_named_class_votes_twice_with_confidence_under_the_teachers_eyes_up_and_the_board(tmp_path):
    server = Served("--names", "--transcripts", str(tmp_path))
    try:
        async with chromium() as browser:
            teacher = await student(browser, server.teacher)
            ada, bo, cy, dee = [await student(browser, server.students) for _ in range(4)]
            # Each name is confirmed by a notice shown for 5 s, watched for from the first key typed.
            for page, name in ((ada, "Ada"), (bo, "Bo"), (cy, "Cy"), (dee, "Dee")):
                await page.shows("Your name for the teacher")
                if page is bo:  # Ada's, in other letters: refused, with the reason
                    async with bo.expecting("another student has that name"):
                        await bo.type("ada\r")
                async with page.expecting(f"The teacher knows you as {name}"):
                    await page.type(f"{name}\r")
            board = await browser.new_page()
            await board.goto(f"{server.teacher}/board")

            # Eyes up: held on the teacher's step, and a key typed meanwhile is acted on neither now nor later.
            await teacher.type("E")
            await ada.shows("Eyes up: the teacher has the floor")
            await board_says(board, "Eyes up")
            await ada.type("nn")
            await teacher.type("E")
            await ada.shows("following the teacher", "status")
            await teacher.type("pn")
            await teacher.shows("sample 0/100 · forward", "status")
            await ada.shows("sample 0/100 · forward", "status")
            assert "off the teacher's step" not in ada.status, "the keys typed under eyes up were dropped"
            await board_says(board, "epoch 1/5 · sample 0/100 · forward")

            # The first vote, with how sure each is.
            await teacher.type("n")
            for page in (ada, bo, cy, dee):
                await page.shows("Predict ∂L/∂w5")
            # Dee skips with escape, is told how to come back, comes back with j, and skips again.
            await dee.type("\x1b")
            await dee.shows("You skipped Q1; j opens it again")
            await dee.type("j")
            await dee.shows("Predict ∂L/∂w5")
            await dee.type("\x1b")
            await ada.type("3\r")
            await ada.shows("How sure are you of your answer?")
            await ada.type("1")  # sure, and wrong: a misconception
            await bo.type("-141.8\r")
            await bo.shows("How sure are you of your answer?")
            await bo.type("3")  # a guess
            await cy.type("50\r")
            await cy.shows("How sure are you of your answer?")
            await cy.type("x")  # skips
            await teacher.shows("Q1 answered 3 of 4 · 1 within 1%", "status")
            await teacher.shows("wrong and sure: 1")
            said = await board_says(board, "3 of 4 answered")
            assert TRUTH not in said and "Ada" not in said, "the board: no truth yet, no name"

            # Talking it over, under eyes up: F3 from the teacher's box, where E would be a letter.
            await teacher.page.keyboard.press("F3")
            await cy.shows("Eyes up: the teacher has the floor")
            await teacher.page.keyboard.press("F3")
            await cy.shows("following the teacher", "status")
            # The second vote: the first vote's answers hidden.
            await teacher.page.keyboard.press("F2")
            for page in (ada, bo, cy, dee):
                await page.shows("Predict ∂L/∂w5 (second vote)")
            await ada.type("-141.8\r")
            await ada.shows("How sure are you of your answer?")
            await ada.type("2")
            await bo.type("-141.82\r")
            await bo.shows("How sure are you of your answer?")
            await bo.type("1")
            await cy.type("60\r")
            await cy.shows("How sure are you of your answer?")
            await cy.type("1")
            await teacher.shows("Q1 vote 2: answered 3 of 4 · 2 within 1% (vote 1: 1)", "status")
            await teacher.shows("shift (3 voted twice): 1 moved to within 1%, 0 moved away")
            await board_says(board, "second vote")

            # The reveal: the truth to each student, and to the board with both votes.
            await teacher.type("\x1b")
            await ada.shows(f"You predicted ∂L/∂w5 = -141.8000; it is {TRUTH}")
            await dee.shows(f"Q1 is {TRUTH}. You did not answer it.")  # her second vote's box closed with it
            assert "(second vote)" not in dee.text()
            said = await board_says(board, "vote 2: 2 of 3 within 1%")
            assert "vote 1: 1 of 3 within 1%" in said and "-141.82" in said
            for page, others in ((ada, ("Bo", "Cy")), (bo, ("Ada", "Cy")), (cy, ("Ada", "Bo")), (dee, ("Ada", "Bo", "Cy"))):
                assert not any(name in page.text() for name in others), "a student never sees another's name"

        rows = list(csv.DictReader(io.StringIO(fetched(f"{server.teacher}/results.csv"))))
        assert len(rows) == 6 and {row["student"] for row in rows} == {"Ada", "Bo", "Cy"}
        firsts = {row["student"]: row for row in rows if row["vote"] == "1"}
        assert (firsts["Ada"]["confidence"], firsts["Bo"]["confidence"], firsts["Cy"]["confidence"]) == ("sure", "guess", "")
        assert firsts["Ada"]["close"] == "False" and firsts["Bo"]["close"] == "True"
        (summary,) = csv.DictReader(io.StringIO(fetched(f"{server.teacher}/summary.csv")))
        assert (summary["close"], summary["close_2"], summary["moved_to_close"], summary["moved_away"]) == ("1", "2", "1", "0")
        # Without the teacher's secret, neither the board nor a results file: a plain "no such page".
        token = server.teacher.rsplit("/", 1)[1]
        for guessed in (server.students.rstrip("/") + "/teach/" + "0" * len(token), server.students.rstrip("/")):
            for page in ("board", "board.json", "results.csv", "summary.csv", "results.json"):
                with pytest.raises(urllib.error.HTTPError) as refused:
                    fetched(f"{guessed}/{page}")
                assert refused.value.code == 404 and "Ada" not in refused.value.read().decode(), page
    finally:
        server.close()


async def board_says(board: Page, words: str, timeout: float = 15) -> str:
    """Wait until the board's page shows `words`; what it shows then."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if words in (said := await board.inner_text("body")):
            return said
        await asyncio.sleep(0.1)
    raise AssertionError(f"{words!r} is not on the board:\n{said}")
