"""Training a run a stretch at a time, so that its start can be shown while the rest is computed.

Each stretch runs the SGD loop from the stored parameters before it, then
the full-data RMSE of its steps, then looks for the first non-finite number.
Every quantity of a step depends only on the parameters before it, so a run
trained in stretches of any length has the same floats as one trained in a
single stretch; a test holds them to it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from model.config import Config
from model.data import Dataset
from model.edit import Edit
from model.engine import descend, full_data
from model.errors import InputError
from model.moment import Divergence
from model.options import check_steps
from model.places import parse_place
from model.run import Branch, Run
from model.weights import Weights

Progress = Callable[[str, float], None]
"""Told what is being worked on ("training") and the fraction of it done, now and then."""
LONGEST = 2_048
"""Most sample-steps in one stretch: a few milliseconds of the SGD loop, so that a screen training
behind its first frame never keeps a key waiting long for the interpreter."""
WORK = 1_000_000
"""Element-wise operations one stretch's RMSE may take (a few milliseconds too): with n samples
summed element by element, a stretch has WORK / n steps."""


class Training:
    """A run being trained: `advance` trains the next stretch, `run` is the run so far."""

    def __init__(self, config: Config, data: Dataset | None = None, branch: Branch | None = None) -> None:
        """Set up the run of `config` (on `data` if given, to skip rebuilding it), or of a fork from `branch`.

        InputError if it cannot start.
        """
        data = config.load() if data is None else data
        check_steps(config.epochs, len(data))
        self.config = config
        """The settings it runs with."""
        self.data = data
        """The training data."""
        self.planned = config.epochs * len(data)
        """Sample-steps of the whole run, unless it diverges first."""
        self.full = full_data(config.description, data)
        """The full-data RMSE of any parameters."""
        self.stretch = max(1, min(LONGEST, WORK // self.full.cost))
        """Sample-steps per `advance` that keep each one short."""
        self.branch = branch
        """Where the run forks from another, if it does."""
        self.steps = origin = branch.origin if branch else 0
        """Sample-steps trained so far (for a fork, those shared with its base count)."""
        self.divergence: Divergence | None = None
        """Where the run diverged, once it has."""
        self._weights = np.empty((self.planned + 1, len(config.description.names)))
        self._rmse = np.empty(self.planned + 1)
        self._lock = threading.Lock()  # a screen may hand a training from one worker to the next
        if branch is not None:
            self._weights[:origin] = branch.base.weights[:origin]
            self._rmse[:origin] = branch.base.rmse[:origin]
        self._weights[origin] = branch.start.numbers if branch else config.weights().numbers
        if not np.isfinite(self._weights[origin]).all():
            raise InputError("the initial parameters must be finite numbers")
        self._rmse[origin : origin + 1] = self.full(self._weights[origin : origin + 1])
        if np.isfinite(self._rmse[origin]):
            return
        if branch is not None:
            raise InputError(f"{branch.edit}: the RMSE from there on is not finite; choose a smaller value")
        raise InputError(f"{data.source}: the values are too large: the RMSE of the initial weights is not finite", "data")

    @property
    def finished(self) -> bool:
        """Whether every planned sample-step is trained, or the run has diverged."""
        return self.divergence is not None or self.steps == self.planned

    @property
    def run(self) -> Run:
        """The run as far as it is trained; its arrays are views, so taking one costs nothing."""
        steps = self.steps
        return Run(self.config, self.data, self._weights[: steps + 1], self._rmse[: steps + 1], self.divergence, self.planned, self.branch)

    def advance(self, steps: int | None = None) -> Run:
        """Train up to `steps` more sample-steps (a `stretch` if not given) and return the run so far."""
        with self._lock:
            return self._advance(steps)

    def _advance(self, steps: int | None) -> Run:
        first, last = self.steps, min(self.steps + (steps or self.stretch), self.planned)
        if self.finished or last == first:
            return self.run
        c = self.config
        descend(c.description, self.data, self._weights, first, last, c.lr, c.order)
        self._rmse[first + 1 : last + 1] = self.full(self._weights[first + 1 : last + 1])
        trained = Run(c, self.data, self._weights[: last + 1], self._rmse[: last + 1], None, self.planned, self.branch)
        bad = _first_non_finite(trained, first, last)
        if bad is None:
            self.steps = last
        else:
            step, quantity = bad
            self.steps = step
            self.divergence = Divergence(*trained.locate(step), quantity)
        return self.run


Ghost = tuple[Run, "Training | None"]
"""A run forked from, as far as it is trained, with its training if it goes on."""


def fork(run: Run, position: int, edit: Edit) -> Training:
    """The training of `run` changed by `edit` at `position`.

    The change takes effect once the sample `position` is in has finished as it
    was (at once at the start or at a sample's end): the fork starts from the
    parameters after that sample, edited, and trains with the edited settings.
    """
    origin = run.step_of(max(position, run.first)) + 1
    if origin > run.steps:
        raise ValueError(f"position {position} is beyond the trained part of the run")
    weights = Weights(run.description.names, tuple(map(float, run.weights[origin])))
    config, start = edit.apply(run.config, weights)
    return Training(config, run.data, Branch(run, origin, edit, start))


def replay(run: Run, text: str) -> Training:
    """The fork that "EPOCH SAMPLE NAME=VALUE" makes of `run` after that sample ("start NAME=VALUE": at its start)."""
    place, edit = Edit.placed(text, run.description)
    where = parse_place(place, run.description.phases)
    position = run.first if where is None else run.position(where[0], where[1], run.per_sample - 1)
    return fork(run, position, edit)


def train(config: Config, data: Dataset | None = None, progress: Progress | None = None) -> Run:
    """Run SGD for `config` to its end (on `data` if given), telling `progress` how far it has got."""
    return finish(Training(config, data), progress)


def finish(training: Training, progress: Progress | None = None) -> Run:
    """Train the rest of `training`, telling `progress` how far it has got, and return the run."""
    while not training.finished:
        training.advance()
        if progress is not None:
            progress("training", training.steps / training.planned)
    return training.run


def _first_non_finite(run: Run, start: int, stop: int) -> tuple[int, str] | None:
    """The first sample-step in start..stop − 1 with any non-finite quantity, and that quantity's name."""
    for a in range(start, stop, LONGEST):
        b = min(a + LONGEST, stop)
        checks = [*run.batch(a, b).checked(), ("RMSE", run.rmse[a + 1 : b + 1])]
        bad = [(int(np.argmin(np.isfinite(values))), name) for name, values in checks if not np.isfinite(values).all()]
        if bad:
            offset, name = min(bad, key=lambda item: item[0])
            return a + offset, name
    return None
