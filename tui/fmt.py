"""How numbers are written on screen: short, signed where it matters, never misleading."""

from __future__ import annotations

import math


def num(value: float) -> str:
    """Four decimals in the everyday range, scientific notation outside it."""
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e6:
        return f"{value:.4f}"
    return f"{value:.4e}"


def signed(value: float) -> str:
    """`num` with an explicit + on positive values."""
    text = num(value)
    return text if text.startswith("-") else "+" + text


def par(value: float) -> str:
    """`num`, in parentheses when negative, for substituted formulas."""
    text = num(value)
    return f"({text})" if text.startswith("-") else text


def lr(value: float) -> str:
    """A learning rate as people write it: 0.0001, 0.004."""
    return f"{value:g}"
