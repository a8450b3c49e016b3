"""The six weights and the linear coefficients they amount to."""

from __future__ import annotations

from typing import NamedTuple

NAMES = ("w1", "w2", "w3", "w4", "w5", "w6")
"""Weight names in storage order (columns of every weights array)."""


class Weights(NamedTuple):
    """One value per edge: w1, w3 feed H1; w2, w4 feed H2; w5, w6 feed ŷ."""

    w1: float
    """X1 → H1."""
    w2: float
    """X1 → H2."""
    w3: float
    """X2 → H1."""
    w4: float
    """X2 → H2."""
    w5: float
    """H1 → ŷ."""
    w6: float
    """H2 → ŷ."""

    @property
    def beta1(self) -> float:
        """β1 = w1·w5 + w2·w6, the coefficient of X1 in ŷ = β1·X1 + β2·X2."""
        return self.w1 * self.w5 + self.w2 * self.w6

    @property
    def beta2(self) -> float:
        """β2 = w3·w5 + w4·w6, the coefficient of X2."""
        return self.w3 * self.w5 + self.w4 * self.w6

    def as_dict(self) -> dict[str, float]:
        """The weights keyed by name, w1 first."""
        return dict(zip(NAMES, self))
