"""How numbers are written on screen: short, signed where it matters, never misleading."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from model.description import DECIMALS, Description
from model.numbers import typed


def num(value: float, decimals: int = DECIMALS) -> str:
    """Four decimals (or `decimals`) in the everyday range, scientific notation outside it: the notebook's way (a
    network from a file's is `Digits`)."""
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    if 10.0 ** (1 - decimals) <= abs(value) < 1e6:
        return f"{value:.{decimals}f}"
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


SIGNIFICANT = 4
"""Significant digits a network from a file's small numbers keep at least: a product of them reads right."""


def _exact(text: str, value: float) -> str:
    """`text` without its trailing zeros when that is still exactly `value` (a round number from the file, 0.05),
    else `text` whole."""
    short = text.rstrip("0").rstrip(".") if "." in text else text
    return short if float(short) == value else text


@dataclass(frozen=True)
class Digits:
    """How one network's numbers are written: `num`, `par`, `signed` and `delta` at its decimals.

    The notebook's network writes four decimals, and scientific notation outside the everyday range (see `num`). A
    network from a file writes all its decimals (0.511301270), and more for a small number, down to SIGNIFICANT
    significant digits; scientific notation only where even that is long; a line of numbers in one notation (see
    `line`); and a number from its file as short as it was written (see `num`).
    """

    decimals: int = DECIMALS
    """Decimals in the everyday range (see `num`)."""
    trim: bool = False
    """A network from a file's way (see above); the notebook's keeps its four decimals."""
    scientific: bool = False
    """Every number in scientific notation: a line with one number too small or too large for fixed notation."""

    @classmethod
    def of(cls, description: Description) -> Digits:
        """The digits a network's description asks for."""
        return cls(description.decimals, trim=not description.builtin)

    def fixed(self, value: float) -> bool:
        """Whether `value` is written in fixed notation by a network from a file, its line apart."""
        magnitude = abs(value)
        return not math.isfinite(value) or value == 0 or min(1e-4, 10.0 ** (1 - self.decimals)) <= magnitude < 1e6

    def line(self, *values: float) -> Digits:
        """The digits for a line that writes `values`: all in scientific notation if one of them must be."""
        if not self.trim or self.scientific or all(map(self.fixed, values)):
            return self
        return replace(self, scientific=True)

    def num(self, value: float, given: bool = False) -> str:
        """`value` written; `given` for a number from the file (an input, a target, a starting value), whose trailing
        zeros are cut where it is exactly what remains: 0.05, not 0.050000000."""
        if not self.trim:
            return num(value, self.decimals)
        if not math.isfinite(value):
            return str(value)
        if value == 0:
            return "0"
        if self.scientific or not self.fixed(value):
            return f"{value:.{SIGNIFICANT - 1 + max(0, self.decimals - DECIMALS)}e}"
        places = max(self.decimals, SIGNIFICANT - 1 - math.floor(math.log10(abs(value))))
        text = f"{value:.{places}f}"
        return _exact(text, value) if given else text

    def par(self, value: float, given: bool = False) -> str:
        """In parentheses when negative, for substituted formulas."""
        text = self.num(value, given)
        return f"({text})" if text.startswith("-") else text

    def signed(self, value: float) -> str:
        """With an explicit + on positive values."""
        text = self.num(value)
        return text if text.startswith("-") or text == "0" else "+" + text

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
