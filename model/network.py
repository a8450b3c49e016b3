"""The notebook's engine: forward pass, derivatives and updates of sample-steps of its network and its variants.

Everything is read off `parameters.Network`: which sums feed which node, the
factors of each ∂ŷ/∂p, and the update order. Products are multiplied left to
right, lr (or −2) first and r last, which is also how the SGD loop groups
them, so both give the same floats. For the notebook's network (linear units,
no biases) r is computed as the notebook does, y − X1·β1 − X2·β2, equal to
y − ŷ up to rounding, so its run matches the notebook to the last bit.

These functions work on arrays of sample-steps at once; the element-wise
results are the same whatever the batch size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.data import Dataset
from model.loss import QuadraticLoss
from model.parameters import HIDDEN, OUTPUT, Network, Order, pre
from model.step import Batch

QUADRATIC_FROM = 1_000
"""Rows from which a linear network's RMSE may come from the quadratic form; the presets have 100."""


def _sum_into(network: Network, node: str, weights: dict[str, np.ndarray], nodes: dict[str, np.ndarray]) -> np.ndarray:
    """A node's weighted input Σ p·(what p multiplies), summed left to right."""
    total = None
    for p in network.inputs(node):
        term = weights[p.name] if p.bias else weights[p.name] * nodes[p.feeds]
        total = term if total is None else total + term
    assert total is not None
    return total


def forward_batch(network: Network, before: np.ndarray, x1: np.ndarray, x2: np.ndarray, y: np.ndarray, lr: float, order: Order) -> Batch:
    """All quantities of sample-steps whose parameters-before are the rows of `before`."""
    weights = dict(zip(network.names, before.T))
    nodes = {"X1": x1, "X2": x2}
    slopes = {}
    with np.errstate(all="ignore"):
        for unit in HIDDEN:
            z = nodes[pre(unit)] = _sum_into(network, unit, weights, nodes)
            nodes[unit] = network.f.exact(z)
            slopes[unit] = network.f.slope(z, nodes[unit])
        nodes[OUTPUT] = _sum_into(network, OUTPUT, weights, nodes)
        if network.notebook_weights:
            betas = network.betas(weights)
            residual = y - x1 * betas["beta1"] - x2 * betas["beta2"]
        else:
            residual = y - nodes[OUTPUT]
        updated = dict(weights)
        grads, deltas, factors = {}, {}, {}
        for p in network.updates:
            values = []
            for term in network.terms(p, order):
                if term.kind == "outer":
                    values.append(updated[term.of] if order == "notebook" else weights[term.of])
                else:
                    values.append(slopes[term.of] if term.kind == "slope" else nodes[term.of])
            delta, grad = lr, -2.0
            for value in values:
                delta, grad = delta * value, grad * value
            deltas[p.name], grads[p.name] = delta * residual, grad * residual
            updated[p.name] = weights[p.name] + deltas[p.name]
            factors[p.name] = tuple(np.broadcast_to(v, residual.shape) for v in values)
        loss = residual * residual

    def columns(values: dict[str, np.ndarray]) -> np.ndarray:
        return np.stack([np.broadcast_to(values[name], residual.shape) for name in network.names], axis=1)

    description = network.description
    targets, residuals = {OUTPUT: y}, {OUTPUT: residual}
    return Batch(description, targets, nodes, residuals, loss, before, columns(updated), columns(grads), columns(deltas), factors)


@dataclass(frozen=True, eq=False)
class FullRmse:
    """The full-data RMSE, sqrt(mean((y − ŷ)²)) over every sample, of any parameters of one network on one data set.

    For linear units ŷ = X1·β1 + X2·β2 (+ β0). From `QUADRATIC_FROM` rows on, the
    mean comes from `QuadraticLoss` in O(1) per row of parameters, wherever it
    agrees with the element-wise sum to 1e-9. Otherwise, and for every preset, ŷ
    is formed element by element as the notebook does: the easy preset ends near
    1e-13, where that rounding is all there is. Other activations run the network
    on every sample, with numpy's fast activation.
    """

    network: Network
    """The network whose parameters are given."""
    data: Dataset
    """The samples the mean runs over."""
    form: QuadraticLoss | None
    """The quadratic form, for linear units on `QUADRATIC_FROM` rows or more; None: element by element."""

    @classmethod
    def of(cls, network: Network, data: Dataset) -> FullRmse:
        """The RMSE of `network` on `data`; the data's moments are found once, here."""
        quadratic = network.f.linear and len(data) >= QUADRATIC_FROM
        return cls(network, data, QuadraticLoss.of(data.x1, data.x2, data.y, intercept=network.bias) if quadratic else None)

    @property
    def cost(self) -> int:
        """Element-wise operations per row of parameters, roughly: the samples, or 1 with the quadratic form."""
        return 1 if self.form is not None else len(self.data)

    def __call__(self, weights: np.ndarray) -> np.ndarray:
        """The RMSE for each row of `weights` (storage order); rows are independent, so any split gives the same floats."""
        network, d = self.network, self.data
        out = np.empty(len(weights))
        todo = np.arange(len(weights))
        if self.form is not None:
            with np.errstate(all="ignore"):
                betas = network.betas(dict(zip(network.names, weights.T)))
                mse = self.form.mse(np.stack([betas[label] for label in ("beta1", "beta2", "beta0") if label in betas], axis=1))
            kept = ~np.isnan(mse)
            out[kept] = np.sqrt(mse[kept])
            todo = np.flatnonzero(~kept)
        rows = max(1, 400_000 // len(d))  # bounded scratch memory
        with np.errstate(all="ignore"):
            for start in range(0, len(todo), rows):
                chosen = todo[start : start + rows]
                w = {name: column[:, None] for name, column in zip(network.names, weights[chosen].T)}
                betas = network.betas(w)
                if betas:
                    fitted = d.x1 * betas["beta1"] + d.x2 * betas["beta2"]
                    residual = d.y - (fitted + betas["beta0"] if "beta0" in betas else fitted)
                else:
                    nodes = {"X1": d.x1, "X2": d.x2}
                    for unit in HIDDEN:
                        nodes[unit] = network.f.fast(_sum_into(network, unit, w, nodes))
                    residual = d.y - _sum_into(network, OUTPUT, w, nodes)
                residual *= residual
                out[chosen] = np.sqrt(residual.mean(axis=1))
        return out
