"""Every ∂L/∂p, for every activation, with and without biases, in both orders, against references written here.

The references are independent of the engine's description: the network's
loss written out by hand, its central finite difference, and backpropagation
written out by hand, parameter by parameter.
"""

import itertools
import math

import pytest

from model import ACTIVATIONS, Config, train

F = {
    "linear": (lambda z: z, lambda z: 1.0),
    "tanh": (math.tanh, lambda z: 1 - math.tanh(z) ** 2),
    "sigmoid": (lambda z: 1 / (1 + math.exp(-z)), lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2),
    "relu": (lambda z: max(z, 0.0), lambda z: 1.0 if z > 0 else 0.0),
}
"""Each activation and its derivative, written out independently of model.activations."""

COMBINATIONS = list(itertools.product(ACTIVATIONS, (False, True)))
STEPS = (0, 1, 57, 99, 250)


def with_biases(values: dict) -> dict:
    return {"b1": 0.0, "b2": 0.0, "b3": 0.0, **values}


def loss(activation: str, w: dict, x1: float, x2: float, y: float) -> float:
    """L = (y − ŷ)², ŷ = w5·f(w1·X1 + w3·X2 + b1) + w6·f(w2·X1 + w4·X2 + b2) + b3."""
    f = F[activation][0]
    w = with_biases(w)
    h1 = f(w["w1"] * x1 + w["w3"] * x2 + w["b1"])
    h2 = f(w["w2"] * x1 + w["w4"] * x2 + w["b2"])
    return (y - (w["w5"] * h1 + w["w6"] * h2 + w["b3"])) ** 2


def backprop(activation: str, w: dict, x1: float, x2: float, y: float, back: dict | None = None) -> dict:
    """The gradient of `loss` at w, by hand: δ = ∂L/∂ŷ, then back through w5, w6 (or `back`'s values of them) and f′."""
    f, df = F[activation]
    w = with_biases(w)
    back = back or w
    z1 = w["w1"] * x1 + w["w3"] * x2 + w["b1"]
    z2 = w["w2"] * x1 + w["w4"] * x2 + w["b2"]
    out = -2 * (y - (w["w5"] * f(z1) + w["w6"] * f(z2) + w["b3"]))
    d1, d2 = out * back["w5"] * df(z1), out * back["w6"] * df(z2)
    return {"w1": d1 * x1, "w2": d2 * x1, "w3": d1 * x2, "w4": d2 * x2, "w5": out * f(z1), "w6": out * f(z2), "b1": d1, "b2": d2, "b3": out}


def central(activation: str, w: dict, name: str, x1: float, x2: float, y: float) -> float:
    h = 1e-6 * max(abs(w[name]), 1.0)
    return (loss(activation, {**w, name: w[name] + h}, x1, x2, y) - loss(activation, {**w, name: w[name] - h}, x1, x2, y)) / (2 * h)


@pytest.fixture(scope="module", params=COMBINATIONS, ids=[f"{a}{'+bias' if b else ''}" for a, b in COMBINATIONS])
def runs(request):
    activation, bias = request.param
    options = {"activation": activation, "bias": bias}
    return {order: train(Config.from_options({**options, "order": order})) for order in ("notebook", "simultaneous")}


def steps(run):
    for k in STEPS:
        step = run.step(k)
        yield step, step.before.as_dict(), step.nodes["X1"], step.nodes["X2"], step.y


def test_simultaneous_order_is_the_gradient_at_the_forward_pass(runs):
    run = runs["simultaneous"]
    a = run.config.activation
    for step, w, x1, x2, y in steps(run):
        exact = backprop(a, w, x1, x2, y)
        for u in step.updates:
            assert u.grad == pytest.approx(exact[u.name], rel=1e-9, abs=1e-12)
            scale = max(1.0, step.loss)
            assert u.grad == pytest.approx(central(a, w, u.name, x1, x2, y), rel=1e-5, abs=1e-7 * scale)


def test_notebook_order_hidden_rows_use_the_output_weights_just_updated(runs):
    """∂L/∂p in notebook order = the true gradient with w5 (or w6) replaced by its new value, for w1..w4, b1, b2."""
    run = runs["notebook"]
    a = run.config.activation
    for step, w, x1, x2, y in steps(run):
        exact = backprop(a, w, x1, x2, y)
        notebook = backprop(a, w, x1, x2, y, back=step.after.as_dict())
        for u in step.updates:
            expected = exact[u.name] if u.name in ("w5", "w6", "b3") else notebook[u.name]
            assert u.grad == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_updates_come_in_the_notebook_order_then_the_biases(runs):
    for run in runs.values():
        expected = ["w5", "w6", "w1", "w2", "w3", "w4"] + (["b1", "b2", "b3"] if run.config.bias else [])
        assert [u.name for u in run.step(0).updates] == expected
        assert run.network.phases == ("forward", *expected)
        assert run.per_sample == 1 + len(expected)


def test_change_is_minus_half_lr_times_derivative_and_old_plus_change_is_new(runs):
    for run in runs.values():
        for step, *_ in steps(run):
            for u in step.updates:
                assert u.delta == pytest.approx(-(run.config.lr / 2) * u.grad, rel=1e-12, abs=1e-300)
                assert u.old + u.delta == u.new


def test_forward_pass_values(runs):
    run = runs["notebook"]
    a = run.config.activation
    f = F[a][0]
    for step, w, x1, x2, y in steps(run):
        w = with_biases(w)
        n = step.nodes
        assert n["z1"] == pytest.approx(w["w1"] * x1 + w["w3"] * x2 + w["b1"], rel=1e-12, abs=1e-12)
        assert n["H1"] == pytest.approx(f(n["z1"]), rel=1e-12, abs=1e-15)
        assert n["H2"] == pytest.approx(f(n["z2"]), rel=1e-12, abs=1e-15)
        assert n["ŷ"] == pytest.approx(w["w5"] * n["H1"] + w["w6"] * n["H2"] + w["b3"], rel=1e-12, abs=1e-12)
        assert step.residual == pytest.approx(y - n["ŷ"], rel=1e-9, abs=1e-9)
        assert step.loss == step.residual**2
