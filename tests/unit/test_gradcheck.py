"""The gradient check: it passes wherever the derivatives are the gradient, and catches them where they are not."""

import itertools
from dataclasses import replace

import pytest

from model import ACTIVATIONS, Config, train
from model.gradcheck import RELATIVE, Check, gradient_checks

COMBINATIONS = list(itertools.product(ACTIVATIONS, (False, True), ("noisy", "easy")))


@pytest.mark.parametrize("activation, bias, preset", COMBINATIONS)
def test_every_derivative_of_a_whole_run_passes_in_simultaneous_order(activation, bias, preset):
    """Including converged samples, whose r is rounding noise, and saturated tanh units."""
    run = train(Config.from_options({"activation": activation, "bias": bias, "preset": preset, "order": "simultaneous"}))
    failed = [(k, c) for k in range(0, run.steps, 4) for c in gradient_checks(run.network, run.step(k), "simultaneous") if not c.passed]
    assert failed == []


@pytest.mark.parametrize("activation, bias", [(a, b) for a, b, preset in COMBINATIONS if preset == "noisy"])
def test_notebook_order_rows_behind_an_updated_output_weight_differ_and_say_why(activation, bias):
    run = train(Config.from_options({"activation": activation, "bias": bias}))
    for k in (0, 1, 50):
        step = run.step(k)
        for c, u in zip(gradient_checks(run.network, step, "notebook"), step.updates):
            outer = run.network.outer(run.network.parameter(u.name))
            assert c.uses_update == (outer is not None)
            if outer is None:
                assert c.passed
            else:  # the finite difference is the analytic value with w5 (or w6) as the forward pass had it
                true = c.analytic * step.before[outer.name] / step.after[outer.name]
                assert c.numeric == pytest.approx(true, rel=1e-6, abs=c.rounding)


def test_a_derivative_that_forgets_the_activations_slope_fails():
    run = train(Config.from_options({"activation": "tanh", "bias": True, "order": "simultaneous"}))
    for k in (0, 1, 2, 3):
        step = run.step(k)
        wrong = []
        for u in step.updates:  # drop f′(z): the bug the check exists to catch
            slope = u.factors[1] if run.network.outer(run.network.parameter(u.name)) is not None else 1.0
            wrong.append(replace(u, grad=u.grad / slope))
        results = gradient_checks(run.network, replace(step, updates=tuple(wrong)), "simultaneous")
        for c, u in zip(results, step.updates):
            assert c.passed == (run.network.outer(run.network.parameter(u.name)) is None)


@pytest.mark.parametrize("scale", [1 + 1e-5, 1 - 1e-4, 1.01, -1.0])
def test_a_derivative_off_by_more_than_the_tolerance_fails(scale):
    run = train(Config.from_options({"order": "simultaneous"}))
    step = run.step(0)
    results = gradient_checks(
        run.network, replace(step, updates=tuple(replace(u, grad=u.grad * scale) for u in step.updates)), "simultaneous"
    )
    assert not any(c.passed for c in results)


def test_relative_difference_is_symmetric_and_zero_for_zero():
    assert Check("w1", 0.0, 0.0, False, 0.0).relative == 0.0
    assert Check("w1", 1.0, 1.0 + 2 * RELATIVE, False, 0.0).passed is False
    assert Check("w1", 2.0, 1.0, False, 0.0).relative == Check("w1", 1.0, 2.0, False, 0.0).relative == 0.5
