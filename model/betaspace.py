"""β-space: where the run's linear coefficients go, over the contours of the full-data loss.

With linear units the network computes ŷ = β1·X1 + β2·X2 (+ β0 with biases),
with β1 = w1·w5 + w2·w6 and β2 = w3·w5 + w4·w6 (see `Network.betas`). The
full-data MSE depends on the weights only through β, so each contour of the
loss over (β1, β2) is an ellipse around the least-squares optimum β*:

    MSE(β) = S + dᵀH·d,   d = β − β*,   S = the least MSE,

with H = XᵀX / n over the columns X1, X2. With biases, β0 is taken at its
best for each (β1, β2), which makes H the covariance of X1 and X2 (the
Schur complement of the column of ones). Many weight sets give one β: the
picture shows what SGD does to β, not to the six weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from model.data import Dataset
from model.loss import QuadraticLoss
from model.run import Run

RINGS = 5
"""Contours drawn: evenly spaced rings from the optimum out to the furthest point shown."""
POINTS = 1_000
"""Most points of a path: longer paths are thinned evenly, their last point kept."""


@dataclass(frozen=True)
class Contour:
    """One level set of the loss over (β1, β2)."""

    rmse: float
    """The RMSE along it."""
    beta1: np.ndarray
    """β1 of points around it."""
    beta2: np.ndarray
    """β2 of the same points."""


@dataclass(frozen=True)
class Path:
    """(β1, β2) after each sample-step of a run, up to one of them."""

    beta1: np.ndarray
    """β1 after sample-steps 0..k (thinned for long runs)."""
    beta2: np.ndarray
    """β2 of the same steps."""


@dataclass(frozen=True)
class Picture:
    """Everything the β-space view draws at one position."""

    optimum: tuple[float, float]
    """LinearRegression's (β1, β2): least squares over the same data (β0 at its best with biases)."""
    least: float
    """The RMSE at the optimum."""
    path: Path
    """The run's β up to the current step; its last point is the current one."""
    ghost: Path | None
    """The run forked from, over the same steps, if there is one."""
    contours: tuple[Contour, ...]
    """Rings of the loss, innermost first."""


def path(run: Run, completed: int) -> Path:
    """(β1, β2) after sample-steps 0..completed of `run`."""
    rows = np.arange(min(completed, run.steps) + 1)
    if len(rows) > POINTS:
        rows = np.unique(np.append(np.linspace(0, rows[-1], POINTS).astype(int), rows[-1]))
    w = run.weights[rows]
    betas = run.network.betas({name: w[:, run.network.column(name)] for name in run.network.names})
    return Path(np.asarray(betas["beta1"]), np.asarray(betas["beta2"]))


def picture(run: Run, completed: int, ghost: Run | None = None) -> Picture | None:
    """The β-space picture of `run` after `completed` sample-steps; None unless its units are linear."""
    if not run.network.f.linear:
        return None
    h, optimum, least = _loss(run.data, run.network.bias)
    mine = path(run, completed)
    theirs = path(ghost, completed) if ghost is not None else None
    furthest = _furthest(h, optimum, [mine] if theirs is None else [mine, theirs])
    return Picture(optimum, float(np.sqrt(least)), mine, theirs, _rings(h, optimum, least, furthest))


@lru_cache(maxsize=4)
def _loss(data: Dataset, bias: bool) -> tuple[np.ndarray, tuple[float, float], float]:
    """H, β* and S of the data (see the module's docstring), found once per data set."""
    loss = QuadraticLoss.of(data.x1, data.x2, data.y, bias)
    h = loss.gram[:2, :2]
    if bias:  # β0 at its best: the Schur complement of the intercept's column
        h = h - np.outer(loss.gram[:2, 2], loss.gram[2, :2]) / loss.gram[2, 2]
    return h, (float(loss.optimum[0]), float(loss.optimum[1])), loss.least


def _furthest(h: np.ndarray, optimum: tuple[float, float], paths: list[Path]) -> float:
    """The largest dᵀH·d over every point of `paths`: the outermost ring passes through it."""
    largest = 0.0
    for p in paths:
        d = np.stack([p.beta1 - optimum[0], p.beta2 - optimum[1]], axis=1)
        with np.errstate(all="ignore"):
            excess = np.einsum("ij,jk,ik->i", d, h, d)
        finite = excess[np.isfinite(excess)]
        largest = max(largest, float(finite.max()) if len(finite) else 0.0)
    return largest


def _rings(h: np.ndarray, optimum: tuple[float, float], least: float, furthest: float) -> tuple[Contour, ...]:
    """`RINGS` ellipses dᵀH·d = furthest·(k / RINGS)², evenly spaced out to the furthest point."""
    values, vectors = np.linalg.eigh(h)
    if furthest <= 0 or values.min() <= 0:  # a path at the optimum, or data with no spread
        return ()
    t = np.linspace(0, 2 * np.pi, 181)
    unit = np.stack([np.cos(t), np.sin(t)])
    rings = []
    for k in range(1, RINGS + 1):
        excess = furthest * (k / RINGS) ** 2
        d = vectors @ (np.sqrt(excess / values)[:, None] * unit)
        rings.append(Contour(float(np.sqrt(least + excess)), optimum[0] + d[0], optimum[1] + d[1]))
    return tuple(rings)
