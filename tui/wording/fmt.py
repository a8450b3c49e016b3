"""How numbers are written on screen: short, signed where it matters, never misleading."""

from __future__ import annotations

import math
from dataclasses import dataclass

from model.description import DECIMALS, Description
from model.numbers import typed


def num(value: float, decimals: int = DECIMALS, trim: bool = False) -> str:
    """Four decimals (or `decimals`) in the everyday range, scientific notation outside it; `trim` drops trailing
    zeros, as a network from a file's numbers are written: its round inputs and targets stay short."""
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    if 10.0 ** (1 - decimals) <= abs(value) < 1e6:
        text = f"{value:.{decimals}f}"
        return text.rstrip("0").rstrip(".") if trim else text
    return f"{value:.{decimals}e}"


def last_digit(value: float) -> float:
    """What one unit of the last digit `num` writes is worth for `value`: 1e-4, or less in scientific notation."""
    if not math.isfinite(value) or value == 0:
        return 0.0
    if 1e-3 <= abs(value) < 1e6:
        return 1e-4
    return 10.0 ** (math.floor(math.log10(abs(float(f"{value:.4e}")))) - 4)


def signed(value: float) -> str:
    """`num` with an explicit + on positive values."""
    text = num(value)
    return text if text.startswith("-") else "+" + text


def tight(value: float, digits: int = 4, sign: bool = False) -> str:
    """`digits` significant digits, trailing zeros kept, for labels in a drawing where every column counts: 0.7320,
    -1.105e+13."""
    return f"{value:+#.{digits}g}" if sign else f"{value:#.{digits}g}"


def delta(value: float, sign: bool = True) -> str:
    """A weight change, always in scientific notation: changes span many decades, and one column reads in one format."""
    if not math.isfinite(value):
        return str(value)
    return f"{value:+.4e}" if sign else f"{value:.4e}"


def par(value: float) -> str:
    """`num`, in parentheses when negative, for substituted formulas."""
    text = num(value)
    return f"({text})" if text.startswith("-") else text


@dataclass(frozen=True)
class Digits:
    """How one network's numbers are written: `num`, `par`, `signed` and `delta` at its decimals."""

    decimals: int = DECIMALS
    """Decimals in the everyday range (see `num`)."""
    trim: bool = False
    """Trailing zeros dropped: a network from a file's way; the notebook's keeps its four decimals."""

    @classmethod
    def of(cls, description: Description) -> Digits:
        """The digits a network's description asks for."""
        return cls(description.decimals, trim=not description.builtin)

    def num(self, value: float) -> str:
        return num(value, self.decimals, self.trim)

    def par(self, value: float) -> str:
        """In parentheses when negative, for substituted formulas."""
        text = self.num(value)
        return f"({text})" if text.startswith("-") else text

    def signed(self, value: float) -> str:
        """With an explicit + on positive values."""
        text = self.num(value)
        return text if text.startswith("-") else "+" + text

    def delta(self, value: float, sign: bool = True) -> str:
        """A change: at four decimals always in scientific notation (see `delta`); with more, as `num` writes it, signed,
        so that a change reads to the digits its weight does."""
        if not self.trim:
            return delta(value, sign)
        return self.signed(value) if sign else self.num(value)


def lr(value: float) -> str:
    """A learning rate as people write it, and as a fork's edit names it: 0.0001, 0.004, 1."""
    return typed(value)


def short(name: str, width: int = 12) -> str:
    """A column name cut to `width` characters, so a long one cannot wrap a line of numbers."""
    return name if len(name) <= width else name[: width - 1] + "…"


def fit(width: int, *forms: str) -> str:
    """The first (fullest) form that fits in `width` columns, or the last: a line shortens rather than wraps."""
    return next((form for form in forms if len(form) <= width), forms[-1])
