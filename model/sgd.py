"""The SGD loop itself: the only sequential part of a run.

It tracks nothing but the six weights, as plain Python floats, which keeps a
sample-step near a microsecond. Everything else about a step is recomputed
from the weights before it (see `network.forward_batch`), with the same
operations in the same order, so both agree bit for bit; a test holds them to it.
"""

from __future__ import annotations

import numpy as np

from model.data import Dataset
from model.weights import Weights


def _epoch_notebook(w: list[float], x1s: list[float], x2s: list[float], ys: list[float], lr: float) -> list[float]:
    """One pass in notebook order; returns the weights after every sample, flattened."""
    w1, w2, w3, w4, w5, w6 = w
    out: list[float] = []
    keep = out.extend
    for x1, x2, y in zip(x1s, x2s, ys):
        r = y - x1 * (w1 * w5 + w2 * w6) - x2 * (w3 * w5 + w4 * w6)
        w5 += lr * (w1 * x1 + w3 * x2) * r
        w6 += lr * (w2 * x1 + w4 * x2) * r
        w1 += lr * w5 * x1 * r
        w2 += lr * w6 * x1 * r
        w3 += lr * w5 * x2 * r
        w4 += lr * w6 * x2 * r
        keep((w1, w2, w3, w4, w5, w6))
    return out


def _epoch_simultaneous(w: list[float], x1s: list[float], x2s: list[float], ys: list[float], lr: float) -> list[float]:
    """One pass where every derivative uses the weights from before the sample."""
    w1, w2, w3, w4, w5, w6 = w
    out: list[float] = []
    keep = out.extend
    for x1, x2, y in zip(x1s, x2s, ys):
        r = y - x1 * (w1 * w5 + w2 * w6) - x2 * (w3 * w5 + w4 * w6)
        v5, v6 = w5, w6
        w5 += lr * (w1 * x1 + w3 * x2) * r
        w6 += lr * (w2 * x1 + w4 * x2) * r
        w1 += lr * v5 * x1 * r
        w2 += lr * v6 * x1 * r
        w3 += lr * v5 * x2 * r
        w4 += lr * v6 * x2 * r
        keep((w1, w2, w3, w4, w5, w6))
    return out


def descend(data: Dataset, start: Weights, lr: float, epochs: int, order: str) -> np.ndarray:
    """Weights after every sample-step, row 0 being `start`: shape (steps + 1, 6).

    Stops after the first epoch whose weights are not all finite; the caller
    finds the exact step where anything first went non-finite.
    """
    epoch = _epoch_notebook if order == "notebook" else _epoch_simultaneous
    x1s, x2s, ys = data.x1.tolist(), data.x2.tolist(), data.y.tolist()
    n = len(ys)
    weights = np.empty((epochs * n + 1, 6))
    weights[0] = start
    for e in range(epochs):
        rows = np.array(epoch(weights[e * n].tolist(), x1s, x2s, ys, lr)).reshape(n, 6)
        weights[e * n + 1 : (e + 1) * n + 1] = rows
        if not np.isfinite(rows).all():
            return weights[: (e + 1) * n + 1]
    return weights
