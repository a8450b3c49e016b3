"""A description turned into straight-line float code: its SGD loop, and the same arithmetic on arrays.

The notebook's fast path is a loop written out by hand on Python floats. Any
other network gets the same kind of loop, written out from its description:
one local variable per node value, weighted input, slope, signal and
parameter, and the chain rule of `chains` as plain multiplications and
additions in the chains' own order (products left to right, each sum in
parentheses). The code has no names from the file in it, only numbered
variables, and is made once per description and order.

The same lines run on arrays of sample-steps (`Code.step`), with each
activation applied element by element through the very function the loop
calls, so every quantity of any step is rebuilt with the loop's floats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.activations import ACTIVATIONS
from model.chains import quantity
from model.description import Description
from model.parameters import Order

Trainer = Callable[[list[float], list[list[float]], list[list[float]], float], list[float]]
"""(parameters, input columns, target columns, lr) → the parameters after every sample, flattened."""
Stepper = Callable[[np.ndarray, list[np.ndarray], list[np.ndarray], float], dict[str, Any]]
"""(parameters before each step as rows, each step's input and target columns, lr) → every quantity by key."""


@dataclass(frozen=True)
class Code:
    """One network's arithmetic in one order, as functions."""

    train: Trainer
    """The SGD loop: only the parameters, as fast as Python floats go."""
    step: Stepper
    """Everything about given sample-steps at once (see `chains.quantity` for the keys; "r:o1" and "L" too)."""
    source: str
    """The code, for reading."""


def compile_code(description: Description, order: Order) -> Code:
    """The loop and the array version of `description` in `order`."""
    d = description
    v = _Variables(d)
    forward, backward, fixed = _forward(d, v), *_backward(d, v, order)
    rate = "nrate = -(lr * 0.5)" if d.halved else "nrate = -lr"
    functions: dict[str, Callable[..., Any]] = {}
    for layer, name in enumerate(d.activations, 1):
        functions[f"f{layer}"], functions[f"slope{layer}"] = ACTIVATIONS[name].scalar, ACTIVATIONS[name].slope
    defaults = ", ".join(f"{key}={key}" for key in functions)
    params = ", ".join(f"p{i}" for i in range(len(d.links)))
    samples = ", ".join([*(f"v{v.node[name]}" for name in d.inputs), *(f"t{k}" for k in range(len(d.outputs)))])
    moved = [v.column[link.name] for link in d.updates]
    loop = [
        f"def train(w, X, T, lr, {defaults}):",
        f"    {params}, = w",
        f"    {rate}",
        "    out = []",
        "    keep = out.extend",
        f"    for {samples} in zip(*X, *T):",
        *(f"        {line}" for line in [*forward, *backward]),
        *([f"        {', '.join(f'p{i}' for i in moved)}, = {', '.join(f'q{i}' for i in moved)},"] if moved else []),
        f"        keep(({params},))",
        "    return out",
    ]
    keys, variables = zip(*_quantities(d, v))
    array = [
        f"def step(P, X, T, lr, {defaults}):",
        *(f"    p{i} = P[:, {i}]" for i in range(len(d.links))),
        *(f"    v{v.node[name]} = X[{j}]" for j, name in enumerate(d.inputs)),
        *(f"    t{k} = T[{k}]" for k in range(len(d.outputs))),
        f"    {rate}",
        *(f"    {line}" for line in [*forward, *backward, *fixed]),
        f"    return ({', '.join(variables)},)",
    ]
    source = "\n".join([*loop, "", *array]) + "\n"
    scalar: dict[str, Any] = dict(functions)
    exec(compile("\n".join(loop), f"<{d.shape()} network, {order} order>", "exec"), scalar)  # numbered variables only
    vector: dict[str, Any] = {**functions, **{f"f{i}": ACTIVATIONS[name].exact for i, name in enumerate(d.activations, 1)}}
    exec(compile("\n".join(array), f"<{d.shape()} network, {order} order, arrays>", "exec"), vector)
    steps = vector["step"]

    def step(before: np.ndarray, inputs: list[np.ndarray], targets: list[np.ndarray], lr: float) -> dict[str, Any]:
        return dict(zip(keys, steps(before, inputs, targets, lr)))

    return Code(scalar["train"], step, source)


class _Variables:
    """The numbers standing for a description's names in its code: v3 for the fourth node, p5 for the sixth parameter."""

    def __init__(self, d: Description) -> None:
        self.node = {name: i for i, name in enumerate(n for layer in d.layers for n in layer)}
        self.column = {link.name: i for i, link in enumerate(d.links)}


def _forward(d: Description, v: _Variables) -> list[str]:
    """Each node's weighted input, value and slope, layer by layer; then each residual."""
    lines = []
    for layer, names in enumerate(d.layers[1:], 1):
        for name in names:
            g = v.node[name]
            terms = [f"p{v.column[link.name]}" + ("" if link.bias else f" * v{v.node[link.source]}") for link in d.into(name)]
            lines.append(f"n{g} = {' + '.join(terms)}")
            if ACTIVATIONS[d.activations[layer - 1]].linear:
                lines.append(f"v{g} = n{g}")
            else:
                lines += [f"v{g} = f{layer}(n{g})", f"s{g} = slope{layer}(n{g}, v{g})"]
    lines += [f"r{k} = t{k} - v{v.node[name]}" for k, name in enumerate(d.outputs)]
    return lines


def _backward(d: Description, v: _Variables, order: Order) -> tuple[list[str], list[str]]:
    """Layer by layer from the output: each node's ∂L/∂n and δ, then the derivative and update of each parameter
    feeding the layer. Also, apart, the derivatives of the fixed parameters, which the loop has no use for."""
    lines, fixed = [], []
    weight = "q" if order == "notebook" else "p"  # the weights on the way back: updated in this sample, or not yet
    for layer in range(len(d.layers) - 1, 0, -1):
        for name in d.layers[layer]:
            g = v.node[name]
            if name in d.outputs:
                k = d.outputs.index(name)
                lines.append(f"e{g} = -r{k}" if d.loss == "half-squared" else f"e{g} = -2.0 * r{k}")
            else:
                lines.append(f"e{g} = {' + '.join(f'd{v.node[t]} * {weight}{v.column[link.name]}' for t, link in d.out_of(name))}")
            lines.append(f"d{g} = e{g}" if ACTIVATIONS[d.activations[layer - 1]].linear else f"d{g} = e{g} * s{g}")
        for link in d.links:
            if d.layer_of_link(link) == layer:
                i = v.column[link.name]
                grad = f"g{i} = {' + '.join(f'd{v.node[t]}' + ('' if link.bias else f' * v{v.node[link.source]}') for t in link.targets)}"
                if link.name in d.fixed:
                    fixed += [grad, f"c{i} = 0.0"]
                    lines.append(f"q{i} = p{i}")
                else:
                    lines += [grad, f"c{i} = nrate * g{i}", f"q{i} = p{i} + c{i}"]
    return lines, fixed


def _quantities(d: Description, v: _Variables) -> list[tuple[str, str]]:
    """(key, variable) of everything the array version returns."""
    found = [(quantity("out", name), f"v{g}") for name, g in v.node.items()]
    for name, g in v.node.items():
        if name not in d.inputs:
            found += [(quantity("net", name), f"n{g}"), (quantity("dout", name), f"e{g}"), (quantity("dnet", name), f"d{g}")]
            if not ACTIVATIONS[d.activation(name)].linear:
                found.append((quantity("slope", name), f"s{g}"))
    for link in d.links:
        i = v.column[link.name]
        found += [
            (quantity(kind, link.name), f"{letter}{i}") for kind, letter in (("before", "p"), ("after", "q"), ("grad", "g"), ("delta", "c"))
        ]
    found += [(f"r:{name}", f"r{k}") for k, name in enumerate(d.outputs)]
    half = d.loss == "half-squared"
    found.append(("L", " + ".join(f"0.5 * r{k} * r{k}" if half else f"r{k} * r{k}" for k in range(len(d.outputs)))))
    return found
