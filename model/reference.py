"""scikit-learn's LinearRegression on the same data, to compare the network with.

With linear units the network computes ŷ = β1·X1 + β2·X2, plus β0 when it has
biases (see `Network.betas`). Without biases the matching reference is
LinearRegression(fit_intercept=False); with them, fit_intercept=True. With any
other activation ŷ is not linear in X1, X2 and no β exists to compare. The
notebook also scores an ordinary fit with an intercept; both fits are here.
scikit-learn is imported only when a reference is asked for, since the import
takes most of a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.data import Dataset
from model.parameters import Network


@dataclass(frozen=True)
class Fit:
    """One least-squares fit of y on X1, X2."""

    betas: dict[str, float]
    """Coefficients keyed as `Network.betas` keys them: beta1, beta2, and beta0 for the intercept if fitted."""
    rmse: float
    """Its RMSE on the data."""
    r2: float
    """Its R² on the data."""


@dataclass(frozen=True)
class Reference:
    """Both fits: without intercept (the notebook network's match) and with one."""

    plain: Fit
    """LinearRegression(fit_intercept=False)."""
    full: Fit
    """LinearRegression(fit_intercept=True)."""

    def matching(self, network: Network) -> Fit | None:
        """The fit the network can reach: plain without biases, full with them; None unless the units are linear."""
        if not network.f.linear:
            return None
        return self.full if network.bias else self.plain


def reference(data: Dataset) -> Reference:
    """Fit both linear regressions to `data`."""
    from sklearn.linear_model import LinearRegression

    x = np.column_stack([data.x1, data.x2])

    def fit(intercept: bool) -> Fit:
        model = LinearRegression(fit_intercept=intercept).fit(x, data.y)
        betas = {"beta1": float(model.coef_[0]), "beta2": float(model.coef_[1])}
        if intercept:
            betas["beta0"] = float(model.intercept_)
        rmse = float(np.sqrt(np.mean((data.y - model.predict(x)) ** 2)))
        return Fit(betas, rmse, float(model.score(x, data.y)))

    return Reference(fit(False), fit(True))
