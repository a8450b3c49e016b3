"""Gradient check: every analytic ∂L/∂p of a sample against a central finite difference, for any network.

    numeric  = (L(p + h) − L(p − h)) / 2h,   h = 1e-5·max(1, |p|)
    relative = |analytic − numeric| / max(|analytic|, |numeric|)   (0 when both are 0)

L is the sample's loss (y − ŷ)² with every other parameter at its value in
the forward pass, evaluated in extended precision (numpy's longdouble) so that
the subtraction of two nearly equal losses keeps enough digits. The check
passes when the relative difference is below RELATIVE, or when the whole
difference is within rounding: the finite difference's own (a few units of
the last place of the terms of ŷ, times 2|r|, divided by 2h) plus the
analytic value's. r = y − ŷ is
only good to a few units of the last place of the terms that make up ŷ, and a
slope such as 1 − H² to a few units of the last place of 1. That case is real:
once a run has converged, r is rounding noise and so is every derivative; a
saturated tanh unit's slope keeps almost no correct digits.
In notebook order the hidden layer's derivatives use
the output weights just updated (w5′, w6′), so they are not the gradient at
the forward pass: those rows differ on purpose, and `Check.uses_update` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from model.activations import ACTIVATIONS
from model.chains import evaluate, factors, gradient
from model.description import ONE, Description
from model.parameters import HIDDEN, OUTPUT, Network, Order
from model.step import SampleStep

RELATIVE = 1e-6
"""Largest relative difference that passes."""


@dataclass(frozen=True)
class Check:
    """One parameter's analytic derivative set against the finite difference."""

    name: str
    """Parameter name."""
    analytic: float
    """∂L/∂p as the engine computed it (and the update used)."""
    numeric: float
    """The central finite difference at the forward pass."""
    uses_update: bool
    """The analytic value used an output weight this sample had already updated (notebook order)."""
    rounding: float
    """How far apart the two may be from rounding alone."""

    @property
    def relative(self) -> float:
        """|analytic − numeric| / max(|analytic|, |numeric|), 0 when both are 0."""
        scale = max(abs(self.analytic), abs(self.numeric))
        return abs(self.analytic - self.numeric) / scale if scale else 0.0

    @property
    def passed(self) -> bool:
        """Whether the two agree: relative difference below RELATIVE, or a difference within rounding."""
        return self.relative < RELATIVE or abs(self.analytic - self.numeric) <= self.rounding

    @property
    def within_rounding_only(self) -> bool:
        """Passed only because both values are at the level of rounding."""
        return self.passed and self.relative >= RELATIVE


def loss(network: Network, values: dict[str, np.longdouble], x1: float, x2: float, y: float) -> np.longdouble:
    """The sample's loss (y − ŷ)² for the given parameter values, in extended precision."""
    nodes: dict[str, Any] = {"X1": np.longdouble(x1), "X2": np.longdouble(x2), "1": np.longdouble(1)}
    for unit in (*HIDDEN, OUTPUT):
        total = sum((values[p.name] * nodes[p.feeds] for p in network.inputs(unit)), np.longdouble(0))
        nodes[unit] = total if unit == OUTPUT else network.f.fast(total)
    residual = np.longdouble(y) - nodes[OUTPUT]
    return np.longdouble(residual * residual)


def gradient_checks(network: Network, step: SampleStep, order: Order) -> tuple[Check, ...]:
    """The check of every parameter of `step`, in update order."""
    base = {name: np.longdouble(value) for name, value in step.before.as_dict().items()}
    x1, x2, y = step.nodes["X1"], step.nodes["X2"], step.y
    size = abs(y) + _magnitude(network, step)
    residual_rounding = 4 * _EPS * size
    checks = []
    for update in step.updates:
        p = network.parameter(update.name)
        h = np.longdouble(1e-5) * max(np.longdouble(1), abs(base[p.name]))
        plus = loss(network, {**base, p.name: base[p.name] + h}, x1, x2, y)
        minus = loss(network, {**base, p.name: base[p.name] - h}, x1, x2, y)
        numeric = float((plus - minus) / (2 * h))
        # L = r² is good to a few units of the last place of r's terms, times 2|r|.
        rounding = float(8 * _EPS_LONG * (plus + minus + 2 * abs(step.residual) * size) / (2 * h))
        kinds = [term.kind for term in network.terms(p, order)]
        rounding += 2 * abs(float(np.prod(update.factors))) * residual_rounding  # ∂ŷ/∂p times r's rounding
        if "slope" in kinds:  # the slope's own rounding, times the other factors and r
            others = np.prod([abs(v) for kind, v in zip(kinds, update.factors) if kind != "slope"])
            rounding += 2 * abs(step.residual) * float(others) * 8 * _EPS
        uses_update = order == "notebook" and network.outer(p) is not None
        checks.append(Check(p.name, update.grad, numeric, uses_update, rounding))
    return tuple(checks)


def _magnitude(network: Network, step: SampleStep) -> float:
    """Σ|term| over the products that make up ŷ, through the hidden units: what r's rounding scales with."""
    w, nodes = step.before, {**step.nodes, "1": 1.0}
    total = 0.0
    for p in network.inputs(OUTPUT):
        total += abs(w[p.name] * nodes[p.feeds])
        if p.feeds in HIDDEN:
            total += abs(w[p.name]) * sum(abs(w[q.name] * nodes[q.feeds]) for q in network.inputs(p.feeds))
    return total


_EPS = float(np.finfo(float).eps)
_EPS_LONG = np.finfo(np.longdouble).eps


def network_loss(
    description: Description, values: dict[str, np.longdouble], inputs: tuple[float, ...], targets: tuple[float, ...]
) -> np.longdouble:
    """A network from a file's loss on one sample, in extended precision."""
    nodes: dict[str, Any] = {name: np.longdouble(x) for name, x in zip(description.inputs, inputs)}
    nodes[ONE] = np.longdouble(1)
    for layer, names in enumerate(description.layers[1:]):
        f = ACTIVATIONS[description.activations[layer]].fast
        for node in names:
            total = sum((values[link.name] * nodes[link.source] for link in description.into(node)), np.longdouble(0))
            nodes[node] = np.longdouble(f(np.array([total]))[0])
    squares = sum(((np.longdouble(t) - nodes[o]) ** 2 for o, t in zip(description.outputs, targets)), np.longdouble(0))
    return np.longdouble(squares / 2 if description.loss == "half-squared" else squares)


def network_checks(description: Description, step: SampleStep, order: Order) -> tuple[Check, ...]:
    """The check of every trained parameter of a step of a network from a file, in update order.

    The analytic value's rounding is bounded by its chain evaluated on the factors' sizes: each of its products
    and sums rounds by a unit of the last place, and each factor carries a few of its own.
    """
    base = {name: np.longdouble(value) for name, value in step.before.as_dict().items()}
    inputs = tuple(step.nodes[name] for name in description.inputs)
    targets = tuple(step.targets[name] for name in description.outputs)
    sizes = {key: abs(value) for key, value in step.signals.items()}
    sizes.update((f"out:{name}", abs(value)) for name, value in step.nodes.items())
    sizes.update((f"before:{name}", abs(value)) for name, value in step.before.as_dict().items())
    sizes.update((f"after:{name}", abs(value)) for name, value in step.after.as_dict().items())
    checks = []
    for update in step.updates:
        name = update.name
        h = np.longdouble(1e-5) * max(np.longdouble(1), abs(base[name]))
        plus = network_loss(description, {**base, name: base[name] + h}, inputs, targets)
        minus = network_loss(description, {**base, name: base[name] - h}, inputs, targets)
        numeric = float((plus - minus) / (2 * h))
        chain = gradient(description, name, order == "notebook")
        size = evaluate(chain, lambda key: sizes.get(key, 0.0))
        rounding = float(8 * _EPS_LONG * (plus + minus) / (2 * h)) + 16 * len(factors(chain)) * _EPS * size
        uses_update = order == "notebook" and any(f.kind == "weight" for f in factors(chain))
        checks.append(Check(name, update.grad, numeric, uses_update, rounding))
    return tuple(checks)
