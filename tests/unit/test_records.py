"""A saved session is two records, each field named once in its record and read by one reader."""

from dataclasses import fields

from tui.formats import saved
from tui.formats.saved import Saved, SavedRun
from tui.records.state import ScreenState


def test_each_record_field_has_its_one_reader_and_the_records_share_no_name():
    run, screen = {f.name for f in fields(SavedRun)}, {f.name for f in fields(ScreenState)}
    assert set(saved._RUN) == run and set(saved._SCREEN) == screen
    assert not run & screen, "one JSON object holds both records"
    assert {f.name for f in fields(Saved)} == {"run", "screen"}


def test_the_screen_record_names_nothing_that_recreates_the_run():
    """Options, data, lesson, forks and breakpoints re-create the run; the screen only looks at it."""
    assert not {f.name for f in fields(ScreenState)} & {"run", "initial", "data", "lesson", "forks", "breakpoints"}
