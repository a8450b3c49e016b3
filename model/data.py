"""Datasets: scikit-learn's make_regression drawn without importing it.

Importing scikit-learn takes most of a second, and the debugger's first frame
must not wait for it, so `regression` replays make_regression's draws from the
same `RandomState` in the same order. One deliberate difference: y = X·coef is
summed term by term in plain double arithmetic instead of by `np.dot`, whose
BLAS may fuse multiply and add and so move the last bit with the machine. The
term-by-term sum is what reproduces the notebook's easy run to the last bit.
Tests check the draws against scikit-learn itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.errors import InputError


@dataclass(frozen=True, eq=False, init=False)
class Dataset:
    """Input columns and target columns, one row per sample: the notebook's two features and a target, or as many
    of each as a network from a file has."""

    inputs: tuple[np.ndarray, ...]
    """Each input column, in the input layer's order (the notebook's: X1, X2)."""
    targets: tuple[np.ndarray, ...]
    """Each target column, in the output layer's order (the notebook's: y)."""
    names: tuple[str, ...]
    """Column names: the inputs', then the targets'."""
    source: str
    """Where the data came from, in words."""
    sha256: str | None
    """SHA-256 of the file's bytes as they were read, for data from a file: what the run was trained on."""

    def __init__(
        self,
        x1: np.ndarray,
        x2: np.ndarray,
        y: np.ndarray,
        names: tuple[str, ...] = ("X1", "X2", "y"),
        source: str = "",
        sha256: str | None = None,
    ) -> None:
        """The notebook's shape: two feature columns and a target."""
        self._fill((x1, x2), (y,), names, source, sha256)

    @classmethod
    def of(
        cls, inputs: tuple[np.ndarray, ...], targets: tuple[np.ndarray, ...], names: tuple[str, ...], source: str, sha256: str | None = None
    ) -> Dataset:
        """Any number of input and target columns."""
        data = cls.__new__(cls)
        data._fill(inputs, targets, names, source, sha256)
        return data

    def _fill(
        self, inputs: tuple[np.ndarray, ...], targets: tuple[np.ndarray, ...], names: tuple[str, ...], source: str, sha256: str | None
    ) -> None:
        for key, value in (("inputs", inputs), ("targets", targets), ("names", names), ("source", source), ("sha256", sha256)):
            object.__setattr__(self, key, value)

    @property
    def x1(self) -> np.ndarray:
        """The first input column, the notebook's X1."""
        return self.inputs[0]

    @property
    def x2(self) -> np.ndarray:
        """The second input column, the notebook's X2."""
        return self.inputs[1]

    @property
    def y(self) -> np.ndarray:
        """The first target column, the notebook's y."""
        return self.targets[0]

    def __len__(self) -> int:
        return len(self.targets[0])

    def standardized(self) -> Dataset:
        """The same data with each input column scaled to mean 0 and standard deviation 1: z = (x − mean) / sd."""
        columns = []
        for name, x in zip(self.names, self.inputs):
            sd = float(np.std(x))
            if not sd > 0:
                raise InputError(f"column {name} is constant; it cannot be scaled to standard deviation 1", "standardize")
            columns.append((x - np.mean(x)) / sd)
        return Dataset.of(tuple(columns), self.targets, self.names, f"{self.source}, features standardized", self.sha256)


def regression(
    n_samples: int = 100,
    informative: int = 1,
    noise: float = 0.0,
    random_state: int = 42,
) -> Dataset:
    """make_regression(n_samples, n_features=2, n_informative, noise, random_state).

    X ~ N(0, 1); the first `informative` coefficients are 100·U(0, 1), the rest
    0; y = X·coef + N(0, noise²); then rows and columns are shuffled.
    """
    rng = np.random.RandomState(random_state)
    x = rng.standard_normal(size=(n_samples, 2))
    truth = np.zeros((2, 1))
    informative = min(2, informative)
    truth[:informative, :] = 100 * rng.uniform(size=(informative, 1))
    y = (x[:, 0] * truth[0, 0] + x[:, 1] * truth[1, 0])[:, None]
    if noise > 0.0:
        y += rng.normal(scale=noise, size=y.shape)
    rows = np.arange(n_samples)
    rng.shuffle(rows)
    x, y = x[rows], y[rows]
    columns = np.arange(2)
    rng.shuffle(columns)
    x[:, :] = x[:, columns]
    y = np.squeeze(y, axis=1)
    source = (
        f"make_regression(n_samples={n_samples}, n_features=2, n_informative={informative}, noise={noise:g}, random_state={random_state})"
    )
    return Dataset(x[:, 0].copy(), x[:, 1].copy(), y, source=source)
