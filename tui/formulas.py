"""How each weight's derivative and change are written, symbolically and with numbers.

The panels, the narration and predict mode all write formulas through here.
Each weight's two facts are stated once: the node value it multiplies, and,
for an input weight, the output weight its signal passes through. In notebook
order that output weight has just been updated, which a prime marks: w5′.
"""

from __future__ import annotations

from model import SampleStep, Update
from tui.fmt import num, par

FEEDS = {"w5": "H1", "w6": "H2", "w1": "X1", "w2": "X1", "w3": "X2", "w4": "X2"}
"""The node value each weight multiplies."""
OUTER = {"w1": "w5", "w3": "w5", "w2": "w6", "w4": "w6"}
"""For an input weight, the output weight its signal passes through."""


def outer(name: str, order: str) -> str:
    """The output weight an input weight's derivative uses, primed in notebook order (just updated)."""
    return OUTER[name] + ("′" if order == "notebook" else "")


def factor(name: str, order: str) -> str:
    """The (…) in Δw = lr·(…)·r: ∂ŷ/∂w, e.g. "H1" or "w5′·X1"."""
    return f"{outer(name, order)}·{FEEDS[name]}" if name in OUTER else FEEDS[name]


def factor_numbers(step: SampleStep, update: Update, alone: bool = False) -> str:
    """`factor` with the sample's numbers substituted; negative numbers in parentheses unless `alone` is one number."""
    value = getattr(step, FEEDS[update.name].lower())
    if update.uses is None:
        return num(value) if alone else par(value)
    return f"{par(update.uses)}·{par(value)}"


def formula(name: str, order: str) -> str:
    """∂L/∂w = −2·(…)·r, symbolically."""
    return f"−2·{factor(name, order)}·r"


def formula_numbers(step: SampleStep, update: Update) -> str:
    """`formula` with the sample's numbers substituted."""
    return f"−2·{factor_numbers(step, update)}·{par(step.residual)}"
