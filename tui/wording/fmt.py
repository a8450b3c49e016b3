"""How numbers are written on screen: short, signed where it matters, never misleading."""

from __future__ import annotations

import math

from model.numbers import typed


def num(value: float) -> str:
    """Four decimals in the everyday range, scientific notation outside it."""
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e6:
        return f"{value:.4f}"
    return f"{value:.4e}"


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


def lr(value: float) -> str:
    """A learning rate as people write it, and as a fork's edit names it: 0.0001, 0.004, 1."""
    return typed(value)


def short(name: str, width: int = 12) -> str:
    """A column name cut to `width` characters, so a long one cannot wrap a line of numbers."""
    return name if len(name) <= width else name[: width - 1] + "…"


def fit(width: int, *forms: str) -> str:
    """The first (fullest) form that fits in `width` columns, or the last: a line shortens rather than wraps."""
    return next((form for form in forms if len(form) <= width), forms[-1])
