"""What a run looks like at one position, and where a run stopped being finite."""

from __future__ import annotations

from dataclasses import dataclass

from model.step import SampleStep
from model.weights import Weights


@dataclass(frozen=True)
class Divergence:
    """Where a run first produced a non-finite number; the run ends just before it."""

    epoch: int
    """1-based epoch of the diverging sample."""
    sample: int
    """0-based row of the diverging sample."""
    quantity: str
    """The first quantity that was not finite, e.g. "∂L/∂w5" or "RMSE"."""

    def __str__(self) -> str:
        return f"diverged at epoch {self.epoch}, sample {self.sample} ({self.quantity} is not finite)"


@dataclass(frozen=True)
class Moment:
    """What the run looks like at one position."""

    position: int
    """0 = start; otherwise 1 + (micro-steps per sample)·step + phase."""
    step: SampleStep | None
    """The sample being worked on; None at the start."""
    phase: int
    """0 = forward pass, i ≥ 1 = the i-th update of the sample; −1 at the start."""
    weights: Weights
    """Parameters after this micro-step."""
    completed: int
    """Sample-steps fully done."""
    rmse: float
    """Full-data RMSE after the last completed sample-step (the initial RMSE at first)."""

    @property
    def phase_name(self) -> str:
        """ "start", "forward" or the parameter being updated."""
        if self.step is None:
            return "start"
        return "forward" if self.phase == 0 else self.step.updates[self.phase - 1].name

    @property
    def sample_done(self) -> bool:
        """True once every update of the current sample is applied."""
        return self.step is not None and self.phase == len(self.step.updates)
