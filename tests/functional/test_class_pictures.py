"""The class's pictures in the README show what a class sees: the teacher's tally, the second vote beside the first,
the projector's board after the reveal and a student's phone with an answer half typed."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from tui.frontends.classpictures import classroom, student_on_a_phone


def words(svg: Path) -> str:
    """The text an SVG screenshot draws, its spaces as spaces."""
    return html.unescape(" ".join(re.findall(r">([^<>]+)</text>", svg.read_text(encoding="utf-8")))).replace("\xa0", " ")


async def test_the_teachers_pictures_show_both_votes_and_the_board(tmp_path: Path) -> None:
    second, board = tmp_path / "second.svg", tmp_path / "board.png"
    status = await classroom(second, second=True, board=board)
    assert "Q1 vote 2: answered 5 of 5 · 4 within 1% (vote 1: 3)" in status
    drawn = words(second)
    for shown in ("vote 1", "vote 2", "(4 voted twice): 1 moved to within 1%", "wrong and sure: 1"):
        assert shown in drawn, shown
    if shutil.which("chromium"):
        assert board.read_bytes().startswith(b"\x89PNG")


async def test_a_phone_shows_the_open_question_and_the_typed_answer(tmp_path: Path) -> None:
    phone = tmp_path / "phone.svg"
    status = await student_on_a_phone(phone)
    drawn = words(phone)
    assert "-141.8" in drawn and "following" in status
