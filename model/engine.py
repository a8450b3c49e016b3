"""Which arithmetic a description runs on: the notebook's own fast path for its network, compiled code for any other.

The notebook's network keeps its hand-written loop and its residual
y − X1·β1 − X2·β2, which reproduce the notebook to the last bit; every other
description runs the code `compiled` writes for it. Both fill the same
records, so a run, a trace or a screen never asks which one it has.
"""

from __future__ import annotations

import numpy as np

from model import described, sgd
from model.data import Dataset
from model.description import Description, Order
from model.network import FullRmse, forward_batch
from model.parameters import notebook_of
from model.step import Batch

FullData = FullRmse | described.FullError
"""The full-data RMSE of any parameters of a network on a data set."""


def batch(description: Description, before: np.ndarray, data: Dataset, rows: np.ndarray, lr: float, order: Order) -> Batch:
    """Every quantity of the sample-steps whose parameters-before are the rows of `before`, on data rows `rows`."""
    network = notebook_of(description)
    if network is not None:
        return forward_batch(network, before, data.x1[rows], data.x2[rows], data.y[rows], lr, order)
    return described.batch(description, before, data, rows, lr, order)


def descend(description: Description, data: Dataset, weights: np.ndarray, first: int, last: int, lr: float, order: Order) -> None:
    """Fill weights[first + 1 .. last] with the parameters after sample-steps first .. last − 1, from weights[first]."""
    network = notebook_of(description)
    if network is not None:
        sgd.descend(network, data, weights, first, last, lr, order)
    else:
        described.descend(description, data, weights, first, last, lr, order)


def full_data(description: Description, data: Dataset) -> FullData:
    """The full-data RMSE of `description`'s parameters on `data`; the data's moments are found once, here."""
    network = notebook_of(description)
    return FullRmse.of(network, data) if network is not None else described.FullError(description, data)
