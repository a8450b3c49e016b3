"""scikit-learn's LinearRegression on the same data, to compare the network with.

The network is linear with zero biases, so it can only reach ŷ = β1·X1 + β2·X2:
the matching reference is LinearRegression(fit_intercept=False). The notebook
also scores an ordinary fit with an intercept; both are here. scikit-learn is
imported only when a reference is asked for, since the import takes most of a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.data import Dataset


@dataclass(frozen=True)
class Reference:
    """Least-squares fits of y on X1, X2."""

    beta1: float
    """X1 coefficient without intercept: what β1 = w1·w5 + w2·w6 should reach."""
    beta2: float
    """X2 coefficient without intercept: what β2 = w3·w5 + w4·w6 should reach."""
    rmse: float
    """RMSE of the fit without intercept: the lowest the network can get."""
    r2_intercept: float
    """R² of the ordinary fit with an intercept."""
    rmse_intercept: float
    """RMSE of the ordinary fit with an intercept."""


def reference(data: Dataset) -> Reference:
    """Fit both linear regressions to `data`."""
    from sklearn.linear_model import LinearRegression

    x = np.column_stack([data.x1, data.x2])
    plain = LinearRegression(fit_intercept=False).fit(x, data.y)
    full = LinearRegression().fit(x, data.y)

    def rmse(model: LinearRegression) -> float:
        return float(np.sqrt(np.mean((data.y - model.predict(x)) ** 2)))

    return Reference(float(plain.coef_[0]), float(plain.coef_[1]), rmse(plain), float(full.score(x, data.y)), rmse(full))
