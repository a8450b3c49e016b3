"""What a sample-step holds, for any network: its forward pass, its residuals and loss, and each update.

`Batch` keeps consecutive sample-steps as arrays, one entry per step; `SampleStep`
is one of them as Python floats. Both engines (the notebook's and the one of
networks described in a file) fill the same records, named by the description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from model.description import Description
from model.weights import Weights

T = TypeVar("T")


def _single(values: dict[str, T], what: str) -> T:
    if len(values) != 1:
        raise ValueError(f"this network has {len(values)} outputs: ask for its {what} by output")
    return next(iter(values.values()))


@dataclass(frozen=True, eq=False)
class Batch:
    """Every quantity of a run of consecutive sample-steps, one array entry per step."""

    description: Description
    """The network the steps ran through."""
    targets: dict[str, np.ndarray]
    """Each output's target, by output node."""
    nodes: dict[str, np.ndarray]
    """Node values by name, as `Description.node_values` lists them (the notebook's: X1, X2, z1, z2, H1, H2, ŷ)."""
    residuals: dict[str, np.ndarray]
    """r = t − o, by output node."""
    loss: np.ndarray
    """Per-sample loss."""
    before: np.ndarray
    """Parameters before the step, shape (n, parameters), in storage order."""
    after: np.ndarray
    """Parameters after the step."""
    grads: np.ndarray
    """∂L/∂p, in storage order."""
    deltas: np.ndarray
    """Δp applied, in storage order."""
    factors: dict[str, tuple[np.ndarray, ...]]
    """For each trained parameter, the values of its derivative's factors in the order they are written."""
    signals: dict[str, np.ndarray] = field(default_factory=dict)
    """For a network from a file, the backward pass by `chains.quantity` key: slope:, dout: and dnet: of each node."""

    @property
    def y(self) -> np.ndarray:
        """The target, for a network with one output."""
        return _single(self.targets, "target")

    @property
    def residual(self) -> np.ndarray:
        """r = t − o, for a network with one output."""
        return _single(self.residuals, "residual")

    def betas(self) -> dict[str, np.ndarray]:
        """β1, β2 (and β0 with biases) after each step, for the notebook's network with linear units; empty otherwise."""
        from model.parameters import notebook_of

        network = notebook_of(self.description)
        return {} if network is None else network.betas(dict(zip(self.description.names, self.after.T)))

    def checked(self) -> list[tuple[str, np.ndarray]]:
        """Every computed quantity by name, in the order a divergence is looked for: node values, residuals, the
        loss, each derivative and each new value, in update order."""
        d = self.description
        residuals = [("r", self.residual)] if len(self.residuals) == 1 else [(f"r_{o}", r) for o, r in self.residuals.items()]
        updates = [d.column(link.name) for link in d.updates]
        return [
            *((name, values) for name, values in self.nodes.items() if name not in d.inputs),
            *residuals,
            ("L", self.loss),
            *((f"∂L/∂{d.names[i]}", self.grads[:, i]) for i in updates),
            *((d.names[i], self.after[:, i]) for i in updates),
        ]


@dataclass(frozen=True)
class Update:
    """One parameter's micro-step: its derivative, its change, old and new value."""

    name: str
    """Parameter name, e.g. w1 or b1."""
    grad: float
    """∂L/∂p of the per-sample loss."""
    delta: float
    """Δp, the change applied."""
    old: float
    """Value before the update."""
    new: float
    """Value after the update."""
    factors: tuple[float, ...]
    """The values of its derivative's factors, in the order they are written."""


@dataclass(frozen=True)
class SampleStep:
    """One sample through the network and back: forward pass, then one update per trained parameter."""

    index: int
    """0-based sample-step number within the run."""
    epoch: int
    """1-based epoch."""
    sample: int
    """0-based row of the data."""
    targets: dict[str, float]
    """Each output's target, by output node."""
    nodes: dict[str, float]
    """Node values by name (the notebook's: X1, X2, z1, z2, H1, H2, ŷ)."""
    residuals: dict[str, float]
    """r = t − o, by output node."""
    loss: float
    """The sample's loss."""
    before: Weights
    """Parameters before this sample."""
    after: Weights
    """Parameters after all its updates."""
    updates: tuple[Update, ...]
    """The updates, in update order."""
    rmse: float
    """Full-data RMSE after this sample."""
    signals: dict[str, float] = field(default_factory=dict)
    """The backward pass of a network from a file (see `Batch.signals`)."""

    @property
    def y(self) -> float:
        """The target, for a network with one output."""
        return _single(self.targets, "target")

    @property
    def residual(self) -> float:
        """r = t − o, for a network with one output."""
        return _single(self.residuals, "residual")

    def weights_at(self, phase: int) -> Weights:
        """Parameters after `phase` micro-steps of this sample (0 = forward pass only)."""
        return self.before.with_values({u.name: u.new for u in self.updates[: max(phase, 0)]})


def sample_step(batch: Batch, row: int, index: int, epoch: int, sample: int, rmse: float) -> SampleStep:
    """Row `row` of a batch as a SampleStep."""
    d = batch.description

    def floats(values: dict[str, np.ndarray]) -> dict[str, float]:
        return {name: float(array[row]) for name, array in values.items()}

    updates = tuple(
        Update(
            link.name,
            float(batch.grads[row, d.column(link.name)]),
            float(batch.deltas[row, d.column(link.name)]),
            float(batch.before[row, d.column(link.name)]),
            float(batch.after[row, d.column(link.name)]),
            tuple(float(values[row]) for values in batch.factors[link.name]),
        )
        for link in d.updates
    )
    before, after = (Weights(d.names, tuple(map(float, rows[row]))) for rows in (batch.before, batch.after))
    nodes, residuals = floats(batch.nodes), floats(batch.residuals)
    return SampleStep(
        index,
        epoch,
        sample,
        floats(batch.targets),
        nodes,
        residuals,
        float(batch.loss[row]),
        before,
        after,
        updates,
        rmse,
        floats(batch.signals),
    )
