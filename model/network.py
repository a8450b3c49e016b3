"""Forward pass, partial derivatives and weight updates of one SGD sample-step.

    H1 = w1·X1 + w3·X2        H2 = w2·X1 + w4·X2        ŷ = w5·H1 + w6·H2
    r  = y − ŷ                 L  = r²                    (per-sample loss)

    ∂L/∂w5 = −2·H1·r           ∂L/∂w6 = −2·H2·r
    ∂L/∂w1 = −2·w5·X1·r        ∂L/∂w2 = −2·w6·X1·r
    ∂L/∂w3 = −2·w5·X2·r        ∂L/∂w4 = −2·w6·X2·r

    Δw = lr·(…)·r = −(lr/2)·∂L/∂w     (the learning rate absorbs the factor 2)

Updates run in the order w5, w6, w1, w2, w3, w4. In "notebook" order the rows
for w1..w4 use the w5 and w6 just updated; in "simultaneous" order every
derivative uses the weights as they were before the sample.

Every expression is evaluated with the same operations, in the same order, as
the notebook's loop, so the floats match it to the last bit: r is computed as
y − X1·β1 − X2·β2 (equal to y − ŷ up to rounding), and Δw as lr·(…)·r rather
than from ∂L/∂w. These functions work on arrays of sample-steps at once; the
element-wise results are the same whatever the batch size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.weights import NAMES, Weights

UPDATE_ORDER = ("w5", "w6", "w1", "w2", "w3", "w4")
"""The order of the weight updates within one sample."""

PHASES = ("forward", *UPDATE_ORDER)
"""Micro-steps of one sample: the forward pass, then one per weight update."""

_COLUMN = {name: i for i, name in enumerate(NAMES)}


@dataclass(frozen=True, eq=False)
class Batch:
    """Every quantity of a run of consecutive sample-steps, one array entry per step."""

    x1: np.ndarray
    """X1 of each step's row."""
    x2: np.ndarray
    """X2 of each step's row."""
    y: np.ndarray
    """Target of each step's row."""
    h1: np.ndarray
    """Hidden neuron H1."""
    h2: np.ndarray
    """Hidden neuron H2."""
    y_hat: np.ndarray
    """Prediction ŷ = w5·H1 + w6·H2."""
    residual: np.ndarray
    """r = y − ŷ, computed as the notebook does."""
    loss: np.ndarray
    """Per-sample loss L = r²."""
    before: np.ndarray
    """Weights before the step, shape (n, 6), columns w1..w6."""
    after: np.ndarray
    """Weights after the step."""
    grads: np.ndarray
    """∂L/∂w, columns w1..w6."""
    deltas: np.ndarray
    """Δw applied, columns w1..w6."""
    used: np.ndarray
    """The w5 and w6 that the rows for w1..w4 use, shape (n, 2)."""
    beta1: np.ndarray
    """β1 = w1·w5 + w2·w6 after the step."""
    beta2: np.ndarray
    """β2 = w3·w5 + w4·w6 after the step."""


def forward_batch(before: np.ndarray, x1: np.ndarray, x2: np.ndarray, y: np.ndarray, lr: float, order: str) -> Batch:
    """All quantities of sample-steps whose weights-before are the rows of `before`."""
    w1, w2, w3, w4, w5, w6 = before.T
    with np.errstate(all="ignore"):
        residual = y - x1 * (w1 * w5 + w2 * w6) - x2 * (w3 * w5 + w4 * w6)
        h1 = w1 * x1 + w3 * x2
        h2 = w2 * x1 + w4 * x2
        y_hat = w5 * h1 + w6 * h2
        d5 = lr * h1 * residual
        d6 = lr * h2 * residual
        n5 = w5 + d5
        n6 = w6 + d6
        u5, u6 = (n5, n6) if order == "notebook" else (w5, w6)
        d1 = lr * u5 * x1 * residual
        d2 = lr * u6 * x1 * residual
        d3 = lr * u5 * x2 * residual
        d4 = lr * u6 * x2 * residual
        grads = np.stack(
            [
                -2 * u5 * x1 * residual,
                -2 * u6 * x1 * residual,
                -2 * u5 * x2 * residual,
                -2 * u6 * x2 * residual,
                -2 * h1 * residual,
                -2 * h2 * residual,
            ],
            axis=1,
        )
        after = np.stack([w1 + d1, w2 + d2, w3 + d3, w4 + d4, n5, n6], axis=1)
        loss = residual * residual
        a1, a2, a3, a4, a5, a6 = after.T
        beta1 = a1 * a5 + a2 * a6
        beta2 = a3 * a5 + a4 * a6
    deltas = np.stack([d1, d2, d3, d4, d5, d6], axis=1)
    used = np.stack([u5, u6], axis=1)
    return Batch(x1, x2, y, h1, h2, y_hat, residual, loss, before, after, grads, deltas, used, beta1, beta2)


def rmse_of(weights: np.ndarray, x1: np.ndarray, x2: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Full-data RMSE for each row of weights: sqrt(mean((y − X1·β1 − X2·β2)²)).

    The residual vector is formed element by element as the notebook does;
    the easy preset ends near 1e-13, where that rounding is all there is.
    """
    out = np.empty(len(weights))
    rows = max(1, 400_000 // len(y))  # bounded scratch memory
    with np.errstate(all="ignore"):
        for start in range(0, len(weights), rows):
            w1, w2, w3, w4, w5, w6 = weights[start : start + rows].T
            b1 = (w1 * w5 + w2 * w6)[:, None]
            b2 = (w3 * w5 + w4 * w6)[:, None]
            residual = y - (x1 * b1 + x2 * b2)
            residual *= residual
            out[start : start + rows] = np.sqrt(residual.mean(axis=1))
    return out


@dataclass(frozen=True)
class Update:
    """One weight's micro-step: its derivative, its change, old and new value."""

    name: str
    """Weight name, w1..w6."""
    grad: float
    """∂L/∂w of the per-sample loss."""
    delta: float
    """Δw = −(lr/2)·∂L/∂w, the change applied."""
    old: float
    """Value before the update."""
    new: float
    """Value after the update."""
    uses: float | None
    """For w1..w4, the value of w5 or w6 in the derivative; None for w5, w6."""


@dataclass(frozen=True)
class SampleStep:
    """One sample through the network and back: forward pass, then six updates."""

    index: int
    """0-based sample-step number within the run."""
    epoch: int
    """1-based epoch."""
    sample: int
    """0-based row of the data."""
    x1: float
    """Input X1."""
    x2: float
    """Input X2."""
    y: float
    """Target."""
    h1: float
    """Hidden H1 = w1·X1 + w3·X2."""
    h2: float
    """Hidden H2 = w2·X1 + w4·X2."""
    y_hat: float
    """Output ŷ = w5·H1 + w6·H2."""
    residual: float
    """r = y − ŷ."""
    loss: float
    """L = r²."""
    before: Weights
    """Weights before this sample."""
    after: Weights
    """Weights after all six updates."""
    updates: tuple[Update, ...]
    """The six updates in UPDATE_ORDER."""
    rmse: float
    """Full-data RMSE after this sample."""

    def weights_at(self, phase: int) -> Weights:
        """Weights after `phase` micro-steps of this sample (0 = forward pass only)."""
        done = {u.name: u.new for u in self.updates[: max(phase, 0)]}
        return Weights(*(done.get(name, old) for name, old in zip(NAMES, self.before)))


def sample_step(batch: Batch, row: int, index: int, epoch: int, sample: int, rmse: float) -> SampleStep:
    """Row `row` of a batch as a SampleStep."""
    used = {"w5": None, "w6": None, "w1": 0, "w3": 0, "w2": 1, "w4": 1}
    updates = tuple(
        Update(
            name,
            float(batch.grads[row, _COLUMN[name]]),
            float(batch.deltas[row, _COLUMN[name]]),
            float(batch.before[row, _COLUMN[name]]),
            float(batch.after[row, _COLUMN[name]]),
            None if used[name] is None else float(batch.used[row, used[name]]),
        )
        for name in UPDATE_ORDER
    )
    return SampleStep(
        index,
        epoch,
        sample,
        float(batch.x1[row]),
        float(batch.x2[row]),
        float(batch.y[row]),
        float(batch.h1[row]),
        float(batch.h2[row]),
        float(batch.y_hat[row]),
        float(batch.residual[row]),
        float(batch.loss[row]),
        Weights(*map(float, batch.before[row])),
        Weights(*map(float, batch.after[row])),
        updates,
        rmse,
    )
