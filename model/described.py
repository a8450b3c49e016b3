"""The engine of a network described in a file: its SGD loop, its sample-steps rebuilt, its full-data error.

The loop and the rebuild are the description's compiled code (see `compiled`),
so stepping, seeking and headless traces give the loop's floats. The
full-data error runs the network on every sample with numpy, in place, as the
notebook's RMSE does for its non-linear variants with numpy's fast
activations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from model.chains import Factor, factors, gradient
from model.compiled import Code, compile_code
from model.data import Dataset
from model.description import Description, Order
from model.step import Batch


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^−z) in place; e^−z overflowing to infinity gives 0, the limit."""
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    return np.asarray(np.reciprocal(z, out=z))


_FAST: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "linear": lambda z: z,
    "tanh": lambda z: np.asarray(np.tanh(z, out=z)),
    "sigmoid": _sigmoid,
    "relu": lambda z: np.asarray(np.maximum(z, 0.0, out=z)),
}
"""Each activation on a scratch array, in place: the full-data error's, where the last bit does not matter."""


@lru_cache(maxsize=16)
def code(description: Description, order: Order) -> Code:
    """The description's arithmetic in `order`, made once."""
    return compile_code(description, order)


@lru_cache(maxsize=16)
def chain_factors(description: Description, order: Order) -> dict[str, tuple[Factor, ...]]:
    """For each trained parameter, the factors of its derivative in reading order."""
    return {link.name: factors(gradient(description, link.name, order == "notebook")) for link in description.updates}


def batch(description: Description, before: np.ndarray, data: Dataset, rows: np.ndarray, lr: float, order: Order) -> Batch:
    """All quantities of sample-steps whose parameters-before are the rows of `before` and whose samples are `rows`."""
    d, n = description, len(rows)
    targets = {name: column[rows] for name, column in zip(d.outputs, data.targets)}
    with np.errstate(all="ignore"):
        found = code(d, order).step(before, [column[rows] for column in data.inputs], list(targets.values()), lr)

    def values(key: str) -> np.ndarray:
        return np.broadcast_to(np.asarray(found[key], dtype=float), (n,))

    nodes = {name: values(f"out:{name}") for name in d.inputs}
    for layer in d.layers[1:]:
        for node in layer:
            nodes[d.net(node)], nodes[node] = values(f"net:{node}"), values(f"out:{node}")

    def columns(kind: str) -> np.ndarray:
        return np.stack([values(f"{kind}:{name}") for name in d.names], axis=1)

    signals = {key: values(key) for key in found if key.split(":")[0] in ("slope", "dout", "dnet")}
    chains = {name: tuple(values(factor.key) for factor in chain) for name, chain in chain_factors(d, order).items()}
    residuals = {name: values(f"r:{name}") for name in d.outputs}
    grads, deltas, after = columns("grad"), columns("delta"), columns("after")
    return Batch(d, targets, nodes, residuals, values("L"), before, after, grads, deltas, chains, signals)


def descend(description: Description, data: Dataset, weights: np.ndarray, first: int, last: int, lr: float, order: Order) -> None:
    """Fill weights[first + 1 .. last] with the parameters after sample-steps first .. last − 1, from weights[first]
    (as `sgd.descend` does for the notebook's network)."""
    train = code(description, order).train
    n, k = len(data), weights.shape[1]
    step = first
    while step < last:
        row = step % n
        stop = min(last, step + n - row)
        a, b = row, row + stop - step
        inputs = [column[a:b].tolist() for column in data.inputs]
        targets = [column[a:b].tolist() for column in data.targets]
        after = train(weights[step].tolist(), inputs, targets, lr)
        weights[step + 1 : stop + 1] = np.array(after).reshape(stop - step, k)
        step = stop


@dataclass(frozen=True, eq=False)
class FullError:
    """The full-data RMSE, sqrt(mean over samples and outputs of (t − o)²), and the mean loss, of any parameters."""

    description: Description
    """The network whose parameters are given."""
    data: Dataset
    """The samples the means run over."""

    @property
    def cost(self) -> int:
        """Element-wise operations per row of parameters, roughly."""
        return len(self.data) * len(self.description.links)

    def outputs(self, weights: np.ndarray) -> list[np.ndarray]:
        """Each output node's value on every sample, shape (rows of `weights`, samples), each product and sum made
        in place in arrays of that shape: the RMSE of every step of a stretch costs a few passes over memory."""
        d = self.description
        shape = (len(weights), len(self.data))
        w = {name: column[:, None] for name, column in zip(d.names, weights.T)}
        values = {name: column[None, :] for name, column in zip(d.inputs, self.data.inputs)}
        term = np.empty(shape)
        with np.errstate(all="ignore"):
            for layer, nodes in enumerate(d.layers[1:]):
                for node in nodes:
                    total = np.zeros(shape)
                    for link in d.into(node):
                        if link.bias:
                            total += w[link.name]
                        else:
                            total += np.multiply(w[link.name], values[link.source], out=term)
                    values[node] = _FAST[d.activations[layer]](total)
        return [np.broadcast_to(values[node], shape) for node in d.outputs]

    def _squares(self, weights: np.ndarray) -> np.ndarray:
        """Σ over the outputs of (t − o)², per row of parameters and sample."""
        total = np.zeros((len(weights), len(self.data)))
        with np.errstate(all="ignore"):
            for target, output in zip(self.data.targets, self.outputs(weights)):
                residual = target[None, :] - output
                total += residual * residual
        return total

    def _means(self, weights: np.ndarray) -> np.ndarray:
        """The mean over the samples of Σ over the outputs of (t − o)², for each row, a bounded block at a time."""
        out = np.empty(len(weights))
        rows = max(1, 16_384 // len(self.data))  # scratch arrays that stay in the processor's cache
        for start in range(0, len(weights), rows):
            out[start : start + rows] = self._squares(weights[start : start + rows]).mean(axis=1)
        return out

    def __call__(self, weights: np.ndarray) -> np.ndarray:
        """The RMSE for each row of `weights` (storage order); rows are independent, so any split gives the same floats."""
        with np.errstate(all="ignore"):
            return np.asarray(np.sqrt(self._means(weights) / len(self.description.outputs)))

    def loss(self, weights: np.ndarray) -> np.ndarray:
        """The loss averaged over the samples (½·Σ(t − o)² or Σ(t − o)² each), for each row of `weights`."""
        half = 0.5 if self.description.loss == "half-squared" else 1.0
        with np.errstate(all="ignore"):
            return np.asarray(half * self._means(weights))


def outputs_after(description: Description, after: np.ndarray, data: Dataset, rows: np.ndarray) -> dict[str, np.ndarray]:
    """Each output for the same samples with the parameters after the steps: the next forward pass, as the loop
    would compute it."""
    inputs = [column[rows] for column in data.inputs]
    targets = [column[rows] for column in data.targets]
    with np.errstate(all="ignore"):
        found = code(description, "simultaneous").step(after, inputs, targets, 0.0)
    return {name: np.broadcast_to(np.asarray(found[f"out:{name}"], dtype=float), (len(rows),)) for name in description.outputs}
