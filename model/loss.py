"""Full-data mean squared error of a linear model in O(1) per β, as a quadratic form around the least-squares optimum.

For ŷ = X·β (columns X1, X2, and a column of ones with an intercept), write
β* for the least-squares optimum, e = y − X·β* for its residuals and d = β − β*.
Then y − X·β = e − X·d, so

    MSE(β) = S − 2·dᵀc + dᵀG·d,   S = mean(e²),  c = Xᵀe / n,  G = XᵀX / n.

S, c and G are found once, element by element. No term cancels another
catastrophically: S and dᵀG·d are never negative, and c is what rounding
left of the zero that Xᵀe is in exact arithmetic. The naive expansion
mean(y²) − 2βᵀXᵀy/n + βᵀG·β does cancel, down to nothing near a perfect fit.

Near a perfect fit the element-wise sum is itself mostly rounding: each
residual y − ŷ carries an error of about u·(|y| + |X1·β1| + |X2·β2|). Where
the form cannot promise to agree with that sum to `AGREES` relative, `mse`
says so and the caller sums element by element.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

AGREES = 1e-9
"""Relative agreement with an element-wise float64 sum that the form promises where it is used."""
SAFETY = 10.0
"""How far inside `AGREES` the error bound must fall."""
UNIT = float(np.finfo(np.float64).eps) / 2
"""Unit roundoff of float64."""


@dataclass(frozen=True)
class QuadraticLoss:
    """The moments of one data set that give its MSE for any β (see the module's docstring)."""

    optimum: np.ndarray
    """β*, least squares: (β1, β2) or (β1, β2, β0)."""
    least: float
    """S = mean(e²), the smallest MSE any β reaches."""
    cross: np.ndarray
    """c = Xᵀe / n, zero but for rounding."""
    gram: np.ndarray
    """G = XᵀX / n."""
    squares: np.ndarray
    """mean(y²) and the mean square of each column of X, for the rounding bound."""
    rows: int
    """n, the number of samples."""

    @classmethod
    def of(cls, x1: np.ndarray, x2: np.ndarray, y: np.ndarray, intercept: bool) -> QuadraticLoss:
        """The moments of the data (x1, x2, y), with a column of ones if `intercept`."""
        columns = [x1, x2, np.ones_like(y)] if intercept else [x1, x2]
        x = np.stack(columns, axis=1)
        optimum = np.linalg.lstsq(x, y, rcond=None)[0]
        e = y - x @ optimum
        n = len(y)
        squares = np.array([np.mean(y * y), *(np.mean(column * column) for column in columns)])
        return cls(optimum, float(np.mean(e * e)), x.T @ e / n, x.T @ x / n, squares, n)

    def mse(self, betas: np.ndarray) -> np.ndarray:
        """MSE for each row of `betas` (columns as `optimum`); NaN where the form cannot keep its promise
        (`AGREES`), or β is not finite: those rows are to be summed element by element."""
        with np.errstate(all="ignore"):
            d = betas - self.optimum
            cross = _dot(d, self.cross)
            quadratic = _dot(d, [_dot(d, row) for row in self.gram])
            mse = self.least - 2 * cross + quadratic
            # Rounding of the element-wise sum this stands for: each residual's, then the sum's.
            scale = np.sqrt(3 * (self.squares[0] + _dot(betas * betas, self.squares[1:])))
            best = np.sqrt(3 * (self.squares[0] + self.optimum * self.optimum @ self.squares[1:]))
            rmse = np.sqrt(np.maximum(mse, 0.0))
            size = abs(d)
            terms = np.abs(2 * cross) + _dot(size, [_dot(size, row) for row in np.abs(self.gram)])
            bound = UNIT * (2 * scale * rmse + 2 * best * np.sqrt(self.least) + 16 * terms + 4 * np.log2(max(self.rows, 2)) * mse)
            kept = np.isfinite(mse) & (mse > 0) & (SAFETY * bound <= AGREES * mse)
        return np.where(kept, mse, np.nan)


def _dot(rows: np.ndarray, weights: Sequence[Any] | np.ndarray) -> np.ndarray:
    """Σⱼ rows[:, j]·weights[j], column by column: unlike a matrix product, each row's float does not depend on how
    many rows are given, so a run's RMSE is the same whether it is computed in one go or a stretch at a time."""
    total: np.ndarray = rows[:, 0] * weights[0]
    for j in range(1, rows.shape[1]):
        total = total + rows[:, j] * weights[j]
    return total
