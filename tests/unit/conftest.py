"""Fixtures for the unit tests: a class with its teacher and students connected."""

from __future__ import annotations

import shutil

import pytest

from tests.unit.seats import Writer
from tui.formats.protocol import STUDENT, TEACHER
from tui.frontends.teach import Class


@pytest.fixture
def room():
    """A class with its teacher and three students connected."""
    lesson = Class()
    teacher = lesson.seat(TEACHER)
    students = [lesson.seat(STUDENT) for _ in range(3)]
    for seat in (teacher, *students):
        lesson.join(seat, Writer())
    for writer in lesson.links.values():
        writer.sent.clear()
    yield lesson, teacher, students
    shutil.rmtree(lesson.folder, ignore_errors=True)
