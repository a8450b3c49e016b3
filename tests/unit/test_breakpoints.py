"""Breakpoints stop at the first position that meets them, found without stepping."""

import pytest

from model import Config, InputError, train
from model.breakpoints import AtSample, ChangeAbove, RmseBelow, RmseRises, next_hit, parse


@pytest.fixture(scope="module")
def run():
    return train(Config.of("noisy"))


def scan(run, point, after, upto):
    """The same search done the slow way, one position at a time."""
    for position in range(after + 1, upto + 1):
        m = run.at(position)
        if isinstance(point, AtSample) and m.step and (m.step.epoch, m.step.sample, m.phase) == (point.epoch, point.sample, 0):
            return position
        if isinstance(point, RmseRises) and m.sample_done and run.rmse[m.completed] > run.rmse[m.completed - 1]:
            return position
        if isinstance(point, RmseBelow) and m.sample_done and run.rmse[m.completed] < point.value:
            return position
        if isinstance(point, ChangeAbove) and m.phase > 0 and abs(m.step.updates[m.phase - 1].delta) > point.value:
            return position
    return None


@pytest.mark.parametrize("point", [AtSample(2, 17), RmseRises(), RmseBelow(120.0), ChangeAbove(0.05)])
@pytest.mark.parametrize("after", [0, 5, 700, 1400])
def test_next_hit_matches_a_step_by_step_scan(run, point, after):
    hit = next_hit(run, [point], after, run.positions - 1)
    expected = scan(run, point, after, run.positions - 1)
    assert (hit[0] if hit else None) == expected


def test_the_earliest_of_several_wins(run):
    position, point = next_hit(run, [AtSample(3, 0), RmseRises()], 0, run.positions - 1)
    assert point == RmseRises() and position < run.position(3, 0)


def test_no_hit_outside_the_range(run):
    assert next_hit(run, [AtSample(1, 5)], run.position(1, 5), run.positions - 1) is None


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("3 17", AtSample(3, 17)),
        ("at 3, 17", AtSample(3, 17)),
        ("rises", RmseRises()),
        ("below 110", RmseBelow(110)),
        ("dw 0.01", ChangeAbove(0.01)),
    ],
)
def test_parse(text, point):
    assert parse(text) == point


@pytest.mark.parametrize("text", ["", "soon", "below x", "dw -1", "1 2 3"])
def test_parse_refuses_nonsense(text):
    with pytest.raises(InputError, match="breakpoint:"):
        parse(text)
