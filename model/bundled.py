"""The datasets scikit-learn ships inside its package, by name: nothing is downloaded.

Each is one table: its feature columns, then its target columns, named as scikit-learn names them (the target,
which scikit-learn leaves unnamed or names by class, gets a name that says what it measures). Two features and
a target are chosen from it by name as for a CSV file. The target defaults to the dataset's own; the features
to the two most correlated with it (by |Pearson r|), so that a first run on the data has something to learn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.data import Dataset


@dataclass(frozen=True)
class Bundled:
    """One of scikit-learn's bundled datasets."""

    loader: str
    """The function of sklearn.datasets that reads it."""
    target: tuple[str, ...]
    """Names of its target columns; the first is the default target."""
    summary: str
    """What it is, in a few words, for --help."""


DATASETS = {
    "diabetes": Bundled("load_diabetes", ("progression",), "442 patients; target: disease progression after a year"),
    "iris": Bundled("load_iris", ("species",), "150 flowers; target: the species as 0, 1, 2"),
    "wine": Bundled("load_wine", ("cultivar",), "178 wines; target: the cultivar as 0, 1, 2"),
    "breast_cancer": Bundled("load_breast_cancer", ("benign",), "569 tumours; target: 1 if benign, 0 if malignant"),
    "linnerud": Bundled("load_linnerud", ("Weight", "Waist", "Pulse"), "20 men's exercises; targets Weight, Waist, Pulse"),
}
"""Datasets by the name --dataset takes."""


def table(name: str) -> tuple[np.ndarray, list[str]]:
    """The dataset's columns side by side (features, then targets) and their names."""
    from sklearn import datasets  # a second's import, only for a run on one of them

    kwargs = {"scaled": False} if name == "diabetes" else {}  # the measurements as taken, not centred and scaled
    bunch = getattr(datasets, DATASETS[name].loader)(**kwargs)
    target = np.asarray(bunch.target, dtype=float).reshape(len(bunch.data), -1)
    columns = np.column_stack([np.asarray(bunch.data, dtype=float), target])
    return columns, [str(feature) for feature in bunch.feature_names] + list(DATASETS[name].target)


def most_correlated(columns: np.ndarray, target: int, candidates: int) -> list[int]:
    """Of the first `candidates` columns (the features) other than the target, the two with the largest
    |Pearson r| with the target, in the table's order."""
    y = columns[:, target]
    scores = [
        -1.0 if col == target or np.std(columns[:, col]) == 0 else abs(float(np.corrcoef(columns[:, col], y)[0, 1]))
        for col in range(candidates)
    ]
    return sorted(np.argsort(scores, kind="stable")[::-1][:2].tolist())


def load(name: str, features: str | None, target: str | None) -> Dataset:
    """Two features and a target of the dataset `name`, chosen by name (see csvdata.select)."""
    from model.csvdata import select

    columns, names = table(name)
    candidates = len(names) - len(DATASETS[name].target)
    chosen = target or DATASETS[name].target[0]
    source = f"scikit-learn's {name} dataset"
    return select(columns, names, features, chosen, source, default=lambda cols, y: most_correlated(cols, y, candidates))
