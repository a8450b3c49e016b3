"""SGD on the six weights written as plainly as possible: the yardstick the engine is checked and timed against."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def mean_square(y: np.ndarray, fitted: np.ndarray) -> float:
    """Mean of the squared errors."""
    return float(np.mean((y - fitted) ** 2))


def plain_sgd(run, mse: Callable[[np.ndarray, np.ndarray], float] = mean_square) -> tuple[list[float], list[float]]:
    """Replay `run`'s configuration one sample at a time on Python floats.

    Returns the final weights w1..w6 and the full-data RMSE after every sample,
    scored with `mse` (the notebook scores with scikit-learn's mean_squared_error).
    The arithmetic is grouped as in the notebook, so the engine must agree bit for bit.
    """
    d = run.data
    w1, w2, w3, w4, w5, w6 = run.weights[0].tolist()
    lr = run.config.lr
    seen = []
    for _ in range(run.config.epochs):
        for j in range(len(d)):
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
