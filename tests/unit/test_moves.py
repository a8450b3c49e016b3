"""Moves, decided without a screen: a move forward stops at the first breakpoint past where the run is (and
past what was already searched), never behind it; a move back never stops; a target beyond what is trained is
waited for."""

from hypothesis import given
from hypothesis import strategies as st

from model import Config, Training
from model.breakpoints import AtSample, ChangeAbove, RmseRises
from tests.unit.test_breakpoints import defined_stops
from tui.app.moves import Seek, plan

POINTS = [RmseRises(), ChangeAbove(0.05), AtSample(1, 40)]
_STOPS: dict[int, list[int]] = {}


def stops_of(run, points) -> list[int]:
    """Every position where one of `points` stops, by definition (worked out once per run)."""
    key = hash((id(run), tuple(map(str, points))))
    if key not in _STOPS:
        _STOPS[key] = sorted({stop for point in points for stop in defined_stops(run, point)})
    return _STOPS[key]


def test_forward_moves_stop_at_the_first_defined_stop_and_backward_moves_do_not(noisy):
    stops = stops_of(noisy, POINTS)
    for position in range(0, noisy.final, 37):
        for target in (position + 1, position + 50, noisy.final + 10, 0, position - 5):
            move = plan(noisy, position, target, POINTS, stop_at_breakpoints=True)
            clamped = min(max(target, 0), noisy.final)
            ahead = [stop for stop in stops if position < stop <= clamped]
            assert move.to == (ahead[0] if ahead else clamped) and move.seek is None
            assert (move.fired is not None) == bool(ahead)
            assert plan(noisy, position, target, POINTS, stop_at_breakpoints=False).to == clamped


@given(scanned=st.integers(0, 500), position=st.integers(0, 400))
def test_what_was_already_searched_is_not_searched_again(noisy, scanned, position):
    stops = [stop for stop in stops_of(noisy, POINTS[:1]) if stop > max(position, scanned)]
    move = plan(noisy, position, noisy.final, POINTS[:1], True, scanned)
    assert move.to == (stops[0] if stops else noisy.final)


def test_a_target_training_has_not_reached_is_waited_for_with_what_is_trained_searched():
    training = Training(Config.from_options({"epochs": "5"}))
    training.stretch = 60
    run = training.advance()
    trained = run.positions - 1
    move = plan(run, 0, run.final, [], stop_at_breakpoints=True)
    assert move.to is None and move.seek == Seek(run.final, True, trained)
    assert plan(run, 0, trained, [], True).to == trained
