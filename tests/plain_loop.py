"""SGD written as plainly as possible: the yardstick the engine is checked and timed against."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np


def mean_square(y: np.ndarray, fitted: np.ndarray) -> float:
    """Mean of the squared errors."""
    return float(np.mean((y - fitted) ** 2))


def plain_sgd(run, mse: Callable[[np.ndarray, np.ndarray], float] = mean_square) -> tuple[list[float], list[float]]:
    """Replay `run`'s configuration one sample at a time on Python floats (the notebook's network).

    Returns the final weights w1..w6 and the full-data RMSE after every sample,
    scored with `mse` (the notebook scores with scikit-learn's mean_squared_error).
    The arithmetic is grouped as in the notebook, so the engine must agree bit for bit.
    """
    return plain_steps(run.data, run.weights[0].tolist(), run.config.lr, 0, run.config.epochs * len(run.data), mse)


def plain_steps(
    d, weights: list[float], lr: float, first: int, stop: int, mse: Callable[[np.ndarray, np.ndarray], float] = mean_square
) -> tuple[list[float], list[float]]:
    """`plain_sgd`'s loop from `weights` over sample-steps first..stop − 1 (row = step mod rows): a fork's yardstick."""
    w1, w2, w3, w4, w5, w6 = weights
    seen = []
    for step in range(first, stop):
        j = step % len(d)
        a, b = d.x1[j], d.x2[j]
        r = d.y[j] - a * (w1 * w5 + w2 * w6) - b * (w3 * w5 + w4 * w6)
        w5 += lr * (w1 * a + w3 * b) * r
        w6 += lr * (w2 * a + w4 * b) * r
        w1 += lr * w5 * a * r
        w2 += lr * w6 * a * r
        w3 += lr * w5 * b * r
        w4 += lr * w6 * b * r
        fitted = d.x1 * (w1 * w5 + w2 * w6) + d.x2 * (w3 * w5 + w4 * w6)
        seen.append(float(np.sqrt(mse(d.y, fitted))))
    return [w1, w2, w3, w4, w5, w6], seen


def plain_tanh_bias_sgd(run, mse: Callable[[np.ndarray, np.ndarray], float] = mean_square) -> tuple[list[float], list[float]]:
    """The same loop for tanh units with biases, in notebook order, written out by hand."""
    d = run.data
    w1, w2, w3, w4, w5, w6, b1, b2, b3 = run.weights[0].tolist()
    lr = run.config.lr
    seen = []
    for _ in range(run.config.epochs):
        for j in range(len(d)):
            a, b = d.x1[j], d.x2[j]
            h1 = math.tanh(w1 * a + w3 * b + b1)
            h2 = math.tanh(w2 * a + w4 * b + b2)
            r = d.y[j] - (w5 * h1 + w6 * h2 + b3)
            w5 += lr * h1 * r
            w6 += lr * h2 * r
            s1, s2 = 1 - h1 * h1, 1 - h2 * h2
            w1 += lr * w5 * s1 * a * r
            w2 += lr * w6 * s2 * a * r
            w3 += lr * w5 * s1 * b * r
            w4 += lr * w6 * s2 * b * r
            b1 += lr * w5 * s1 * r
            b2 += lr * w6 * s2 * r
            b3 += lr * r
            fitted = w5 * np.tanh(w1 * d.x1 + w3 * d.x2 + b1) + w6 * np.tanh(w2 * d.x1 + w4 * d.x2 + b2) + b3
            seen.append(float(np.sqrt(mse(d.y, fitted))))
    return [w1, w2, w3, w4, w5, w6, b1, b2, b3], seen
