"""Any network from a file: every derivative equals torch.autograd's, in both orders, on random shapes, activations
and losses; the compiled loop and the rebuilt steps agree bit for bit; the finite differences agree; and the
notebook's network, as the built-in description, is the notebook's arithmetic up to rounding."""

import itertools

import numpy as np
import pytest
import torch
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


def autograd(d: Description, values: dict[str, float], x: list[float], t: list[float], lr: float, order: str) -> dict[str, float]:
    """∂L/∂p of one sample by torch.autograd. In notebook order each layer's signal comes back through the layers
    above as already updated in this sample, with the forward pass's slopes: autograd differentiates a copy of the
    layers above that is linear around the forward pass and carries the updated weights."""

    def run(params: dict, z: dict | None = None, start: int = 1) -> tuple[dict, dict]:
        outs = {name: torch.tensor(value, dtype=torch.float64) for name, value in zip(d.inputs, x)}
        outs[ONE] = torch.tensor(1.0, dtype=torch.float64)
        nets = {}
        for depth, names in enumerate(d.layers[1:], 1):
            f = {"linear": lambda v: v, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}[d.activations[depth - 1]]
            for node in names:
                if z is not None and depth < start:
                    outs[node] = torch.tensor(plain_outs[node], dtype=torch.float64)
                    continue
                if z is not None and depth == start:
                    nets[node] = z[node]
                    outs[node] = f(z[node])
                    continue
                net = sum(params[link.name] * outs[link.source] for link in d.into(node))
                nets[node] = net
                if z is None:
                    outs[node] = f(net)
                else:  # linear around the forward pass: its value, and its slope there
                    outs[node] = plain_outs[node] + slopes[node] * (net - net.detach())
        return nets, outs

    def loss(outs: dict) -> torch.Tensor:
        squares = sum((torch.tensor(target, dtype=torch.float64) - outs[o]) ** 2 for o, target in zip(d.outputs, t))
        return squares / 2 if d.loss == "half-squared" else squares

    params = {name: torch.tensor(value, dtype=torch.float64, requires_grad=True) for name, value in values.items()}
    nets, outs = run(params)
    loss(outs).backward()
    if order == "simultaneous":
        return {name: float(p.grad) for name, p in params.items()}
    plain_outs = {name: float(value.detach()) for name, value in outs.items()}
    slopes = {}
    for node, net in nets.items():
        z = net.detach().clone().requires_grad_(True)
        f = {"linear": lambda v: v, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}[d.activation(node)]
        slopes[node] = float(torch.autograd.grad(f(z), z)[0]) if d.activation(node) != "linear" else 1.0
    current = dict(values)
    grads = {}
    for depth in range(len(d.layers) - 1, 0, -1):
        z = {node: nets[node].detach().clone().requires_grad_(True) for node in d.layers[depth]}
        fixed = {name: torch.tensor(value, dtype=torch.float64) for name, value in current.items()}
        _, linear_outs = run(fixed, z, depth)
        outputs = {o: linear_outs[o].detach().clone().requires_grad_(True) for o in d.outputs}
        signal = torch.autograd.grad(loss(outputs), list(outputs.values()))
        surrogate = sum(g * linear_outs[o] for g, o in zip(signal, d.outputs))
        deltas = dict(zip(z, torch.autograd.grad(surrogate, list(z.values()))))
        for link in d.links:
            if d.layer_of_link(link) == depth:
                grads[link.name] = sum(float(deltas[t]) * (1.0 if link.bias else plain_outs[link.source]) for t in link.targets)
                if link.name not in d.fixed:
                    current[link.name] = current[link.name] - lr * grads[link.name]
    return grads


@given(d=networks(), order=st.sampled_from(["notebook", "simultaneous"]), samples=st.lists(VALUES, min_size=24, max_size=24))
def test_every_derivative_equals_torch_autograd_in_both_orders(d, order, samples):
    torch.set_num_threads(1)
    lr, sample = 0.3, data(d, samples)
    before = np.array([[link.initial for link in d.links]])
    got = batch(d, before, sample, np.array([0]), lr, order)
    x, t = [float(column[0]) for column in sample.inputs], [float(column[0]) for column in sample.targets]
    want = autograd(d, {link.name: link.initial for link in d.links}, x, t, lr, order)
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
        chain = gradient(d, update.name, order == "notebook")
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
