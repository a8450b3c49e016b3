"""Activations of the hidden units H1, H2: H = f(z), with z the unit's weighted input.

    linear   f(z) = z                  f′(z) = 1
    tanh     f(z) = tanh(z)            f′(z) = 1 − H²
    sigmoid  f(z) = 1 / (1 + e^−z)     f′(z) = H·(1 − H)
    relu     f(z) = max(z, 0)          f′(z) = [z > 0]

Each slope is written in terms of z and H, with plain arithmetic that gives the
same float on a Python number as on a numpy array. The activation itself is
evaluated by `math` on every path that must agree with the SGD loop to the
last bit (numpy's vectorised tanh and exp may round differently); only the
full-data RMSE, computed in one place, uses numpy's fast versions.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


def _sigmoid(z: float) -> float:
    """1 / (1 + e^−z), written so that e^… never overflows."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _sigmoid_array(z: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        e = np.exp(-np.abs(z))
        return np.asarray(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


@dataclass(frozen=True)
class Activation:
    """One choice of f for the hidden units, with its slope."""

    name: str
    """Name used by --activation."""
    symbol: str
    """How H = f(z) is written, with z standing for the unit's input, e.g. "tanh(z)"; "" when H = z."""
    slope_symbol: str
    """f′(z) written with H (and z), e.g. "(1 - H²)"; "" for linear, whose slope is 1."""
    scalar: Callable[[float], float]
    """f on one Python float: the SGD loop's version."""
    fast: Callable[[Any], Any]
    """f on an array or a numpy scalar, numpy-vectorised: for the full-data RMSE and the gradient check only."""
    slope: Callable[[Any, Any], Any]
    """f′ from (z, H), on floats or arrays alike."""

    @property
    def linear(self) -> bool:
        """Whether H = z, so the network is a linear model."""
        return self.name == "linear"

    def exact(self, z: np.ndarray) -> np.ndarray:
        """f on an array, element by element with `scalar`, so it agrees with the SGD loop bit for bit."""
        if self.linear:
            return z
        return np.fromiter(map(self.scalar, z.tolist()), dtype=float, count=len(z))

    def of(self, z: str) -> str:
        """H written for the input `z`, e.g. "tanh(z1)"."""
        return self.symbol.replace("z", z) if self.symbol else z

    def slope_of(self, unit: str, z: str) -> str:
        """f′ written for one unit, e.g. "(1 - H1²)"; "" for linear."""
        return self.slope_symbol.replace("H", unit).replace("z", z)


ACTIVATIONS = {
    a.name: a
    for a in (
        Activation("linear", "", "", float, lambda z: z, lambda z, h: 1.0),
        Activation("tanh", "tanh(z)", "(1 - H²)", math.tanh, np.tanh, lambda z, h: 1.0 - h * h),
        Activation("sigmoid", "σ(z)", "H·(1 - H)", _sigmoid, _sigmoid_array, lambda z, h: h * (1.0 - h)),
        Activation(
            "relu", "relu(z)", "[z > 0]", lambda z: z if z > 0 else 0.0, lambda z: np.where(z > 0, z, 0.0), lambda z, h: (z > 0) * 1.0
        ),
    )
}
"""Activations by name; "linear" is the notebook's."""
