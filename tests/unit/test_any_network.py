"""Any network from a file: every derivative equals an independent reference's (a scalar autodiff in long double,
tests/autodiff.py), in both orders, on random shapes, activations and losses; the compiled loop and the rebuilt steps
agree bit for bit; the finite differences agree; and the notebook's network, as the built-in description, is the
notebook's arithmetic up to rounding."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.activations import ACTIVATIONS
from model.data import Dataset
from model.described import batch, descend
from model.description import LOSSES, ONE, Description, Link
from model.gradcheck import network_checks
from model.network import forward_batch
from model.parameters import Network
from model.step import sample_step
from tests.autodiff import gradients

VALUES = st.floats(-1.5, 1.5, allow_nan=False).filter(lambda v: abs(v) > 1e-3)


@st.composite
def networks(draw, smooth: bool = False) -> Description:
    """A random network: 2 to 4 layers of 1 to 3 nodes, each layer fully joined to the next, biases absent, one per
    node or one shared by the layer, perhaps one parameter fixed."""
    widths = draw(st.lists(st.integers(1, 3), min_size=2, max_size=4))
    layers = tuple(tuple(f"n{depth}{i}" for i in range(width)) for depth, width in enumerate(widths))
    kinds = ["linear", "tanh", "sigmoid"] if smooth else list(ACTIVATIONS)
    activations = tuple(draw(st.sampled_from(kinds)) for _ in layers[1:])
    links: list[Link] = []
    for before, after in itertools.pairwise(layers):
        for target in after:
            for source in before:
                links.append(Link(f"w{len(links) + 1}", source, (target,), draw(VALUES)))
        biases = draw(st.sampled_from(["none", "each", "shared"]))
        if biases == "shared":
            links.append(Link(f"b{len(links) + 1}", ONE, after, draw(VALUES)))
        elif biases == "each":
            for target in after:
                links.append(Link(f"b{len(links) + 1}", ONE, (target,), draw(VALUES)))
    fixed = (draw(st.sampled_from([link.name for link in links])),) if len(links) > 1 and draw(st.booleans()) else ()
    return Description(layers, activations, draw(st.sampled_from(LOSSES)), tuple(links), fixed=fixed, source="random")


def data(d: Description, draw_values: list[float]) -> Dataset:
    """Two samples, their inputs and targets from `draw_values`."""
    values = iter(draw_values)
    inputs = tuple(np.array([next(values), next(values)]) for _ in d.inputs)
    targets = tuple(np.array([next(values), next(values)]) for _ in d.outputs)
    return Dataset.of(inputs, targets, (*d.inputs, *d.outputs), "random")


@given(d=networks(), order=st.sampled_from(["notebook", "simultaneous"]), samples=st.lists(VALUES, min_size=24, max_size=24))
def test_every_derivative_equals_the_autodiff_references_in_both_orders(d, order, samples):
    lr, sample = 0.3, data(d, samples)
    before = np.array([[link.initial for link in d.links]])
    got = batch(d, before, sample, np.array([0]), lr, order)
    x, t = [float(column[0]) for column in sample.inputs], [float(column[0]) for column in sample.targets]
    want = gradients(d, {link.name: link.initial for link in d.links}, x, t, lr, order)
    for i, name in enumerate(d.names):
        assert got.grads[0, i] == pytest.approx(want[name], rel=1e-9, abs=1e-12), (name, order, d)
        if name in d.fixed:
            assert got.after[0, i] == before[0, i] and got.deltas[0, i] == 0
        else:
            assert got.deltas[0, i] == -lr * got.grads[0, i] and got.after[0, i] == before[0, i] + got.deltas[0, i]


@given(d=networks(), order=st.sampled_from(["notebook", "simultaneous"]), samples=st.lists(VALUES, min_size=24, max_size=24))
def test_the_loop_and_the_rebuilt_steps_give_the_same_floats_and_the_chains_their_derivatives(d, order, samples):
    from model.chains import evaluate, gradient

    sample = data(d, samples)
    weights = np.empty((6, len(d.links)))
    weights[0] = [link.initial for link in d.links]
    descend(d, sample, weights, 0, 2, 0.3, order)
    descend(d, sample, weights, 2, 5, 0.3, order)  # in two stretches, across an epoch's end
    rebuilt = batch(d, weights[:5], sample, np.arange(5) % 2, 0.3, order)
    assert np.array_equal(rebuilt.after, weights[1:6], equal_nan=True)
    step = sample_step(rebuilt, 3, 3, 2, 1, 0.0)
    quantities = {**step.signals, **{f"out:{k}": v for k, v in step.nodes.items()}}
    quantities.update((f"before:{k}", v) for k, v in step.before.as_dict().items())
    quantities.update((f"after:{k}", v) for k, v in step.after.as_dict().items())
    for update in step.updates:
        for brief in (False, True):  # written out in full, and as the screen writes it
            chain = gradient(d, update.name, order == "notebook", brief)
            value = evaluate(chain, quantities.__getitem__)
            assert value == update.grad or (np.isnan(value) and np.isnan(update.grad)), "the chain is the engine's arithmetic"


@given(d=networks(smooth=True), samples=st.lists(VALUES, min_size=24, max_size=24))
def test_the_finite_differences_agree_in_simultaneous_order(d, samples):
    sample = data(d, samples)
    before = np.array([[link.initial for link in d.links]])
    step = sample_step(batch(d, before, sample, np.array([0]), 0.3, "simultaneous"), 0, 0, 1, 0, 0.0)
    for check in network_checks(d, step, "simultaneous"):
        assert check.passed and not check.uses_update, check


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("order", ["notebook", "simultaneous"])
def test_the_built_in_description_runs_the_notebooks_arithmetic(noisy, activation, bias, order):
    """The general engine on the notebook's own description gives the notebook engine's numbers up to rounding."""
    network = Network(activation, bias)
    d = network.description
    assert d.names == network.names and d.phases == network.phases
    rows = np.arange(100)
    before = np.random.RandomState(0).rand(100, len(d.names))
    notebook = forward_batch(network, before, noisy.data.x1, noisy.data.x2, noisy.data.y, 1e-4, order)
    general = batch(d, before, noisy.data, rows, 1e-4, order)
    scale = np.abs(notebook.grads).max()
    assert np.allclose(general.grads, notebook.grads, rtol=1e-9, atol=1e-12 * scale)
    assert np.allclose(general.after, notebook.after, rtol=1e-12)
    assert np.allclose(general.loss, notebook.loss, rtol=1e-9, atol=1e-9 * notebook.loss.max())


@given(d=networks(smooth=True), samples=st.lists(VALUES, min_size=24, max_size=24))
def test_the_reference_itself_agrees_with_central_differences(d, samples):
    """The reference is checked on its own: in simultaneous order its derivatives are the loss's, which a central
    difference in long double measures without either engine."""
    from model.gradcheck import network_loss

    sample = data(d, samples)
    x, t = [float(column[0]) for column in sample.inputs], [float(column[0]) for column in sample.targets]
    values = {link.name: link.initial for link in d.links}
    want = gradients(d, values, x, t, 0.3, "simultaneous")
    base = {name: np.longdouble(value) for name, value in values.items()}
    for name in d.names:
        h = np.longdouble(1e-6)
        plus = network_loss(d, {**base, name: base[name] + h}, tuple(x), tuple(t))
        minus = network_loss(d, {**base, name: base[name] - h}, tuple(x), tuple(t))
        assert want[name] == pytest.approx(float((plus - minus) / (2 * h)), rel=1e-6, abs=1e-9), name
