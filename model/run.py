"""A whole training run, addressable at any micro-step.

With m micro-steps per sample (the forward pass and one update per trained
parameter: 7 for the notebook's network, 10 with biases), a run of n sample-steps has
1 + m·n positions: position 0 is the start (initial parameters, nothing
computed yet); then, for each sample-step k, the positions 1 + m·k + p for
p = 0 (forward pass) and p = 1..m − 1 (the updates, in update order). Only the
parameters after every sample-step and the RMSE after it are stored; any
position is rebuilt from the parameters before its sample, so stepping,
stepping back, seeking and headless traces all give the same floats.

A run may be a snapshot of one still in training (see `training.Training`):
it then has fewer sample-steps than `planned`, and positions up to
`final` exist only once training reaches them.

A fork (see `training.fork`) shares the sample-steps before its `origin` with
the run it came from and begins at the end of the last of them, position
`first`: that is its start, with the edited parameters. Its own positions
are numbered as the base run's, so the two compare step for step.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import numpy as np

from model.config import Config
from model.data import Dataset
from model.description import Description
from model.edit import Edit
from model.engine import batch
from model.errors import InputError
from model.moment import Divergence, Moment
from model.parameters import Network, notebook_of
from model.places import parse_place
from model.step import Batch, SampleStep, sample_step
from model.text import quoted
from model.weights import Weights

Steps = TypeVar("Steps", int, np.ndarray)
"""One sample-step number or an array of them: position arithmetic is the same on both."""


@dataclass(frozen=True, eq=False)
class Branch:
    """Where a fork leaves the run it came from."""

    base: Run
    """The run forked from, as far as it was trained then."""
    origin: int
    """Sample-steps the fork shares with `base`: its own begin with step `origin`."""
    edit: Edit
    """The change made there."""
    start: Weights
    """The parameters the fork starts from: `base`'s after its step origin − 1, edited."""

    @property
    def place(self) -> str:
        """Where the fork leaves its base, in words: "after epoch 2, sample 17" or "at the start"."""
        if not self.origin:
            return "at the start"
        epoch, sample = self.base.locate(self.origin - 1)
        return f"after epoch {epoch}, sample {sample}"

    @property
    def before(self) -> float | str:
        """The value the edit replaced."""
        name, base = self.edit.name, self.base
        if name in base.description.names:
            return float(base.weights[self.origin, base.description.column(name)])
        return base.config.lr if name == "lr" else base.config.order


@dataclass(frozen=True, eq=False)
class Run:
    """Every sample-step of a training run; build one with `train`."""

    config: Config
    """The settings it ran with."""
    data: Dataset
    """The training data."""
    weights: np.ndarray
    """Parameters after each sample-step, shape (steps + 1, parameters); row 0 is the start."""
    rmse: np.ndarray
    """Full-data RMSE after each sample-step; entry 0 is the initial RMSE."""
    divergence: Divergence | None
    """Where the run diverged, if it did."""
    planned: int
    """Sample-steps the run has once fully trained, unless it diverges first."""
    branch: Branch | None = None
    """Where this run forked from another; None for a run trained from its start."""

    @property
    def network(self) -> Network:
        """The notebook's network it trains; only for a run of it (see `notebook`)."""
        return self.config.network

    @property
    def notebook(self) -> Network | None:
        """The notebook's network it trains, or None for a network from a file."""
        return notebook_of(self.description)

    @property
    def description(self) -> Description:
        """The network it trains: its layers, parameters, update order and loss."""
        return self.config.description

    @property
    def origin(self) -> int:
        """The first sample-step of this run's own: 0, or where it forked."""
        return self.branch.origin if self.branch else 0

    @property
    def first(self) -> int:
        """The run's first position: 0, or the end of the sample-step before a fork's origin."""
        return self.per_sample * self.origin

    @property
    def ancestry(self) -> tuple[Run, ...]:
        """The run trained from its start, each fork made from it in turn, and this run: oldest first."""
        return (*self.branch.base.ancestry, self) if self.branch else (self,)

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The edits that made this run, oldest first; none for a run trained from its start."""
        return tuple(run.branch.edit for run in self.ancestry if run.branch)

    @property
    def steps(self) -> int:
        """Completed sample-steps."""
        return len(self.weights) - 1

    @property
    def per_sample(self) -> int:
        """Micro-steps of one sample: the forward pass and one per parameter."""
        return len(self.description.phases)

    @property
    def positions(self) -> int:
        """Number of positions trained so far, the start included."""
        return 1 + self.per_sample * self.steps

    @property
    def finished(self) -> bool:
        """Whether training is over: every planned sample-step is done, or the run diverged."""
        return self.divergence is not None or self.steps == self.planned

    @property
    def progress(self) -> float:
        """Fraction of the run trained: 1 once finished, a divergence included."""
        return 1.0 if self.finished else self.steps / self.planned

    @property
    def reach(self) -> int:
        """Sample-steps the run has as far as is known: those trained once finished, else those planned."""
        return self.steps if self.finished else self.planned

    @property
    def final(self) -> int:
        """The last position, trained or not yet."""
        return self.per_sample * self.reach

    def start_of(self, step: Steps) -> Steps:
        """Position of the forward pass of sample-step `step`; ints or arrays."""
        return 1 + self.per_sample * step

    def end_of(self, step: Steps) -> Steps:
        """Position of the last update of sample-step `step`; ints or arrays."""
        return self.per_sample * (step + 1)

    def step_of(self, position: int) -> int:
        """The sample-step a position belongs to; −1 for the start."""
        return (position - 1) // self.per_sample if position > 0 else -1

    def completed(self, position: int) -> int:
        """Sample-steps fully done at `position`."""
        step = self.step_of(position)
        return step + (position == self.end_of(step)) if step >= 0 else 0

    def next_sample_end(self, position: int) -> int:
        """The end of the sample `position` is in, or of the next one when it is already there (within the run)."""
        return min(self.end_of(self.completed(position)), self.final)

    def next_epoch_end(self, position: int) -> int:
        """The end of the epoch `position` is in, or of the next one when it is already there (within the run)."""
        n = len(self.data)
        return min(self.end_of((self.completed(position) // n + 1) * n - 1), self.final)

    def previous_sample_end(self, position: int) -> int:
        """The end of the sample before the one `position` is in; the start when there is none."""
        step = self.step_of(position)
        return max(self.end_of(step - 1), self.first) if step >= 1 else 0

    def locate(self, step: int) -> tuple[int, int]:
        """(1-based epoch, 0-based sample row) of a sample-step."""
        epoch, sample = divmod(step, len(self.data))
        return epoch + 1, sample

    def batch(self, start: int, stop: int) -> Batch:
        """Every quantity of sample-steps start..stop−1, as arrays."""
        rows = np.arange(start, stop) % len(self.data)
        return batch(self.description, self.weights[start:stop], self.data, rows, self.config.lr, self.config.order)

    @lru_cache(maxsize=64)  # noqa: B019 (a run lives as long as its cache)
    def step(self, step: int) -> SampleStep:
        """Sample-step `step` in full."""
        if not self.origin <= step < self.steps:
            raise IndexError(f"sample-step {step} is outside {self.origin}..{self.steps - 1}")
        epoch, sample = self.locate(step)
        return sample_step(self.batch(step, step + 1), 0, step, epoch, sample, float(self.rmse[step + 1]))

    @lru_cache(maxsize=256)  # noqa: B019 (a run lives as long as its cache)
    def mean_loss(self, completed: int) -> float:
        """The loss averaged over every sample, with the parameters after `completed` sample-steps: for Mazur's
        network, his "total error"."""
        from model.described import FullError

        return float(FullError(self.description, self.data).loss(self.weights[completed : completed + 1])[0])

    def at(self, position: int) -> Moment:
        """The run at `position`, clamped to first..positions − 1."""
        position = min(max(position, self.first), self.positions - 1)
        if position == self.first:
            start = Weights(self.description.names, tuple(map(float, self.weights[self.origin])))
            return Moment(position, None, -1, start, self.origin, float(self.rmse[self.origin]))
        step, phase = divmod(position - 1, self.per_sample)
        detail = self.step(step)
        completed = self.completed(position)
        return Moment(position, detail, phase, detail.weights_at(phase), completed, float(self.rmse[completed]))

    def position(self, epoch: int, sample: int, phase: int | str = "forward") -> int:
        """Position of (1-based epoch, 0-based sample, phase name or number)."""
        phases = self.description.phases
        if isinstance(phase, str) and phase not in phases:
            raise InputError(f"unknown phase {quoted(phase)}; this network's phases are {', '.join(phases)}")
        index = phases.index(phase) if isinstance(phase, str) else phase
        step = (epoch - 1) * len(self.data) + sample
        if (
            self.origin
            and 0 <= sample < len(self.data)
            and 0 <= step < self.origin
            and (step, index) != (self.origin - 1, self.per_sample - 1)
        ):
            epoch, sample = self.locate(self.origin - 1)
            raise InputError(f"this fork begins after epoch {epoch}, sample {sample}; earlier steps belong to the run it came from")
        if not (0 <= sample < len(self.data) and 0 <= step < self.reach and 0 <= index < self.per_sample):
            last_epoch, last_sample = self.locate(self.reach - 1) if self.reach else (0, 0)
            raise InputError(
                f"no step at epoch {epoch}, sample {sample}; this run has epochs 1..{last_epoch}, "
                f"samples 0..{len(self.data) - 1} (last: epoch {last_epoch}, sample {last_sample})"
            )
        return self.start_of(step) + index

    def parse_position(self, text: str) -> int:
        """The position that `text` names ("start", "end" or "EPOCH SAMPLE [PHASE]"), as typed at g or in a lesson note.

        A fork's start is where it begins; the end is the run's last step (where it diverges, if it does).
        """
        if text.split() == ["end"]:
            return self.final
        place = parse_place(text, self.description.phases)
        return self.first if place is None else self.position(*place)

    def lineage(self) -> list[tuple[Run, int, int]]:
        """(run, first, stop): which run computed sample-steps first..stop − 1, oldest first.

        A fork's steps before its origin are those of the runs it came from.
        """
        if self.branch is None:
            return [(self, 0, self.steps)]
        earlier = [(run, a, min(b, self.origin)) for run, a, b in self.branch.base.lineage() if a < self.origin]
        return [*earlier, (self, self.origin, self.steps)]

    def epoch_rmse(self) -> list[float]:
        """RMSE at the end of each completed epoch."""
        n = len(self.data)
        return [float(self.rmse[e * n]) for e in range(1, self.steps // n + 1)]


def lead(run: Run, ghost: Run, completed: int) -> float | None:
    """How much lower `run`'s RMSE is than `ghost`'s after `completed` sample-steps (behind if negative).

    None where the ghost has no such step: not trained that far yet, or diverged before it.
    """
    if completed > ghost.steps:
        return None
    return float(ghost.rmse[completed] - run.rmse[completed])
