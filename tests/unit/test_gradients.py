"""Every ∂L/∂w against central finite differences of the per-sample loss."""

import pytest

from model import UPDATE_ORDER, Config, train
from model.weights import NAMES


def loss(w, x1, x2, y):
    """L = (y − ŷ)² with ŷ = w5·(w1·X1 + w3·X2) + w6·(w2·X1 + w4·X2)."""
    w1, w2, w3, w4, w5, w6 = w
    return (y - (w5 * (w1 * x1 + w3 * x2) + w6 * (w2 * x1 + w4 * x2))) ** 2


def central(f, at, h):
    return (f(at + h) - f(at - h)) / (2 * h)


def fd_of_loss(step, name):
    """∂L/∂w by central difference, at the weights before the sample."""
    i = NAMES.index(name)
    w = list(step.before)
    h = 1e-6 * max(abs(w[i]), 1.0)

    def f(v):
        return loss([*w[:i], v, *w[i + 1 :]], step.x1, step.x2, step.y)

    return central(f, w[i], h)


def fd_chain(step, name, w5, w6):
    """(∂L/∂ŷ)·(∂ŷ/∂H)·(∂H/∂w), each factor by central difference; ∂ŷ/∂H at the given w5, w6."""
    y_hat = step.y - step.residual
    dl = central(lambda v: (step.y - v) ** 2, y_hat, 1e-6 * max(abs(y_hat), 1.0))
    hidden = 0 if name in ("w1", "w3") else 1
    h = [step.h1, step.h2]

    def out(v):
        hs = [*h[:hidden], v, *h[hidden + 1 :]]
        return w5 * hs[0] + w6 * hs[1]

    dy = central(out, h[hidden], 1e-6 * max(abs(h[hidden]), 1.0))
    x = step.x1 if name in ("w1", "w2") else step.x2
    w = dict(zip(NAMES, step.before))
    partner = {"w1": "w3", "w3": "w1", "w2": "w4", "w4": "w2"}[name]
    xo = step.x2 if name in ("w1", "w2") else step.x1
    dh = central(lambda v: v * x + w[partner] * xo, w[name], 1e-6 * max(abs(w[name]), 1.0))
    return dl * dy * dh


STEPS = [0, 1, 57, 99, 250, 499]


@pytest.fixture(scope="module", params=["noisy", "easy"])
def runs(request):
    base = Config.of(request.param)
    return {order: train(Config.from_options({"preset": request.param, "order": order})) for order in ("notebook", "simultaneous")} | {
        "preset": base
    }


def test_simultaneous_order_derivatives_are_the_gradient_at_the_old_weights(runs):
    run = runs["simultaneous"]
    for k in (s for s in STEPS if s < run.steps):
        step = run.step(k)
        for u in step.updates:
            assert u.grad == pytest.approx(fd_of_loss(step, u.name), rel=1e-6, abs=1e-9)


def test_notebook_order_w5_w6_are_the_gradient_and_w1_to_w4_use_the_new_w5_w6(runs):
    run = runs["notebook"]
    for k in (s for s in STEPS if s < run.steps):
        step = run.step(k)
        by_name = {u.name: u for u in step.updates}
        for name in ("w5", "w6"):
            assert by_name[name].grad == pytest.approx(fd_of_loss(step, name), rel=1e-6, abs=1e-9)
        for name in ("w1", "w2", "w3", "w4"):
            fd = fd_chain(step, name, step.after.w5, step.after.w6)
            assert by_name[name].grad == pytest.approx(fd, rel=1e-6, abs=1e-9)
            partner = step.after.w5 if name in ("w1", "w3") else step.after.w6
            assert by_name[name].uses == partner


def test_simultaneous_rows_use_the_old_w5_w6(runs):
    step = runs["simultaneous"].step(3)
    assert [u.uses for u in step.updates] == [None, None, step.before.w5, step.before.w6, step.before.w5, step.before.w6]


def test_change_is_minus_half_lr_times_derivative_and_old_plus_change_is_new(runs):
    for order in ("notebook", "simultaneous"):
        run = runs[order]
        for k in (s for s in STEPS if s < run.steps):
            step = run.step(k)
            assert [u.name for u in step.updates] == list(UPDATE_ORDER)
            for u in step.updates:
                assert u.delta == pytest.approx(-(run.config.lr / 2) * u.grad, rel=1e-12)
                assert u.old + u.delta == u.new


def test_forward_pass_values(runs):
    step = runs["notebook"].step(0)
    w = step.before
    assert step.h1 == w.w1 * step.x1 + w.w3 * step.x2
    assert step.h2 == w.w2 * step.x1 + w.w4 * step.x2
    assert step.y_hat == w.w5 * step.h1 + w.w6 * step.h2
    assert step.residual == pytest.approx(step.y - step.y_hat, rel=1e-12)
    assert step.loss == step.residual**2
