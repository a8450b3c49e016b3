"""Breakpoints stop exactly where their definition says, over whole runs, in both orders.

The oracle walks every position of a run one by one and applies each kind's
definition as written in its docstring; `next_hit`, which scans stored arrays,
must stop at exactly those positions and nowhere else.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import ACTIVATIONS, ORDERS, Config, InputError, train
from model.breakpoints import AtSample, ChangeAbove, RmseBelow, RmseRises, next_hit, parse


def defined_stops(run, point) -> list[int]:
    """Every position where `point` stops, by its definition, found one position at a time."""
    stops = []
    for position in range(1, run.positions):
        m = run.at(position)
        before, after = float(run.rmse[m.completed - 1]), float(run.rmse[m.completed])
        if isinstance(point, AtSample):
            hit = (m.step.epoch, m.step.sample, m.phase) == (point.epoch, point.sample, 0)
        elif isinstance(point, RmseRises):
            hit = m.sample_done and after > before
        elif isinstance(point, RmseBelow):  # crosses: from at least the value to below it
            hit = m.sample_done and before >= point.value > after
        else:
            hit = m.phase > 0 and abs(m.step.updates[m.phase - 1].delta) > point.value
        if hit:
            stops.append(position)
    return stops


def found_stops(run, point) -> list[int]:
    """Every stop `next_hit` finds, resuming from each one as play or `end` would."""
    stops, after = [], 0
    while (hit := next_hit(run, [point], after, run.positions - 1)) is not None:
        stops.append(hit[0])
        after = hit[0]
    return stops


@pytest.fixture(scope="module", params=ORDERS)
def noisy(request):
    return train(Config.from_options({"order": request.param, "epochs": "2"}))


@pytest.mark.parametrize("point", [AtSample(2, 17), RmseRises(), RmseBelow(125.0), RmseBelow(131.0), ChangeAbove(0.05)])
def test_every_kind_stops_exactly_where_defined_over_the_notebooks_run(noisy, point):
    assert found_stops(noisy, point) == defined_stops(noisy, point)


def test_below_stops_once_at_the_crossing_not_at_every_sample_after_it(noisy):
    stops = found_stops(noisy, RmseBelow(125.0))
    assert stops and all(noisy.rmse[noisy.at(p).completed - 1] >= 125.0 for p in stops)
    assert len(stops) < np.count_nonzero(noisy.rmse < 125.0)


@st.composite
def runs_and_breakpoints(draw):
    options = {
        "samples": str(draw(st.integers(2, 25))),
        "epochs": str(draw(st.integers(1, 4))),
        "lr": repr(draw(st.sampled_from([1e-4, 1e-3, 4e-3, 1e-2, 0.05, 0.5]))),
        "order": draw(st.sampled_from(ORDERS)),
        "seed": str(draw(st.integers(0, 2**32 - 1))),
        "random_state": str(draw(st.integers(0, 1000))),
        "noise": str(draw(st.sampled_from([0, 10, 100]))),
        "activation": draw(st.sampled_from(list(ACTIVATIONS))),
        "bias": draw(st.booleans()),
    }
    run = train(Config.from_options(options))
    if run.steps == 0:
        return run, RmseRises()
    kind = draw(st.sampled_from(["at", "rises", "below", "dw"]))
    if kind == "at":
        step = draw(st.integers(0, run.steps - 1))
        return run, AtSample(*run.locate(step))
    if kind == "rises":
        return run, RmseRises()
    if kind == "below":  # thresholds the run meets, often exactly one of its own values
        value = float(draw(st.sampled_from(run.rmse.tolist())))
        return run, RmseBelow(value * draw(st.sampled_from([1.0, 1.001, 0.999])))
    deltas = np.abs(run.batch(0, run.steps).deltas).ravel()
    return run, ChangeAbove(max(float(draw(st.sampled_from(deltas.tolist()))), 1e-300))


@given(runs_and_breakpoints())
def test_every_kind_stops_exactly_where_defined_over_random_runs(case):
    run, point = case
    assert found_stops(run, point) == defined_stops(run, point)


def test_the_earliest_of_several_wins():
    run = train(Config.of("noisy"))
    position, point = next_hit(run, [AtSample(3, 0), RmseRises()], 0, run.positions - 1)
    assert point == RmseRises() and position < run.position(3, 0)


def test_no_hit_outside_the_range():
    run = train(Config.of("noisy"))
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


@pytest.mark.parametrize("text", ["", "soon", "below x", "dw -1", "1 2 3", "² 0", "0 1", "below 1e999", "dw nan", "[/x]"])
def test_parse_refuses_nonsense(text):
    with pytest.raises(InputError, match="breakpoint:"):
        parse(text)


@pytest.mark.parametrize("text", ["9999 0", "6 0", "1 100", "5 99999999999999999999999999999"])
def test_a_sample_the_run_does_not_have_is_refused_as_g_refuses_it(text):
    run = train(Config.of("noisy"))
    with pytest.raises(InputError) as refused:
        parse(text, run)
    with pytest.raises(InputError) as g:
        run.parse_position(text)
    assert str(refused.value) == str(g.value) and str(g.value).startswith("no step at epoch")
