"""A parameter's derivative and change with the sample's numbers substituted.

The symbols come from the network's description (`Network.derivative`,
`Network.factor`, `Network.change`); this module only puts each factor's
value where its symbol stands, for the panels, the narration and predict mode.
"""

from __future__ import annotations

from model import SampleStep, Update
from tui.wording.fmt import num, par


def factor_numbers(update: Update, alone: bool = False) -> str:
    """∂ŷ/∂p with numbers, e.g. "0.5123·(-1.2)"; negative numbers in parentheses unless `alone` is one number."""
    if not update.factors:
        return "1"
    if alone and len(update.factors) == 1:
        return num(update.factors[0])
    return "·".join(par(value) for value in update.factors)


def derivative_numbers(step: SampleStep, update: Update) -> str:
    """∂L/∂p = -2·(∂ŷ/∂p)·r with numbers."""
    return "·".join(["-2", *(par(value) for value in update.factors), par(step.residual)])


def change_numbers(step: SampleStep, update: Update, lr: str) -> str:
    """Δp = lr·(∂ŷ/∂p)·r with numbers, the learning rate written as `lr`."""
    return "·".join([lr, *(par(value) for value in update.factors), par(step.residual)])
