"""The SGD loop itself: the only sequential part of a run.

It tracks nothing but the parameters, as plain Python floats, which keeps a
sample-step near a microsecond. Everything else about a step is recomputed
from the parameters before it (see `network.forward_batch`), with the same
operations in the same order, so both agree bit for bit; a test holds them to
it for every activation, with and without biases, in both orders. The loops
are that one computation unrolled by hand for speed: the notebook's network
has its own two, which keep the notebook's arithmetic; every other network
runs `_epoch_general`.
"""

from __future__ import annotations

import numpy as np

from model.data import Dataset
from model.parameters import Network, Order


def _epoch_notebook(w: list[float], x1s: list[float], x2s: list[float], ys: list[float], lr: float) -> list[float]:
    """One pass in notebook order over the samples given; returns the weights after every sample, flattened."""
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


def _epoch_general(
    w: list[float], x1s: list[float], x2s: list[float], ys: list[float], lr: float, network: Network, order: Order
) -> list[float]:
    """One pass of any network: activation f on H1, H2, and biases b1, b2, b3 if it has them."""
    f, slope, notebook, bias = network.f.scalar, network.f.slope, order == "notebook", network.bias
    w1, w2, w3, w4, w5, w6, b1, b2, b3 = w if bias else (*w, 0.0, 0.0, 0.0)
    out: list[float] = []
    keep = out.extend
    for x1, x2, y in zip(x1s, x2s, ys):
        z1 = w1 * x1 + w3 * x2 + b1 if bias else w1 * x1 + w3 * x2
        z2 = w2 * x1 + w4 * x2 + b2 if bias else w2 * x1 + w4 * x2
        h1, h2 = f(z1), f(z2)
        s1, s2 = slope(z1, h1), slope(z2, h2)
        r = y - (w5 * h1 + w6 * h2 + b3 if bias else w5 * h1 + w6 * h2)
        v5, v6 = w5, w6
        w5 += lr * h1 * r
        w6 += lr * h2 * r
        if notebook:
            v5, v6 = w5, w6
        w1 += lr * v5 * s1 * x1 * r
        w2 += lr * v6 * s2 * x1 * r
        w3 += lr * v5 * s1 * x2 * r
        w4 += lr * v6 * s2 * x2 * r
        if bias:
            b1 += lr * v5 * s1 * r
            b2 += lr * v6 * s2 * r
            b3 += lr * r
            keep((w1, w2, w3, w4, w5, w6, b1, b2, b3))
        else:
            keep((w1, w2, w3, w4, w5, w6))
    return out


def descend(network: Network, data: Dataset, weights: np.ndarray, first: int, last: int, lr: float, order: Order) -> None:
    """Fill weights[first + 1 .. last] with the parameters after sample-steps first .. last − 1, from weights[first].

    Sample-step k works on data row k mod n, so a stretch that crosses the end
    of an epoch goes on from row 0. The loop resumes from the stored floats,
    so any split of a run into stretches gives the same floats as one stretch.
    """
    if network.notebook_weights:
        notebook = _epoch_notebook if order == "notebook" else _epoch_simultaneous

        def run(w: list[float], x1s: list[float], x2s: list[float], ys: list[float]) -> list[float]:
            return notebook(w, x1s, x2s, ys, lr)
    else:

        def run(w: list[float], x1s: list[float], x2s: list[float], ys: list[float]) -> list[float]:
            return _epoch_general(w, x1s, x2s, ys, lr, network, order)

    n, k = len(data), weights.shape[1]
    step = first
    while step < last:
        row = step % n
        stop = min(last, step + n - row)  # no further than the epoch's end
        a, b = row, row + stop - step
        after = run(weights[step].tolist(), data.x1[a:b].tolist(), data.x2[a:b].tolist(), data.y[a:b].tolist())
        weights[step + 1 : stop + 1] = np.array(after).reshape(stop - step, k)
        step = stop
