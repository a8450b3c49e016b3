"""Each derivative as its chain of factors, written and evaluated from one structure.

By the chain rule, with δ_n = ∂L/∂net_n the signal reaching a node's weighted input,

    ∂L/∂p = Σ over p's targets n of δ_n·(the value p multiplies; nothing for a bias)
    δ_o   = ∂L/∂o·∂o/∂net_o                          for an output o
    δ_h   = (Σ over edges h → k of δ_k·w_hk)·∂h/∂net_h   for a hidden node h

(∂n/∂net_n is left out where the activation is linear: it is 1). In notebook
order w_hk is the weight as already updated in this sample (written w5′); in
simultaneous order, as it was before the sample. For Mazur's network:

    ∂L/∂w1 = (∂L/∂o1·∂o1/∂net_o1·w5′ + ∂L/∂o2·∂o2/∂net_o2·w7′)·∂h1/∂net_h1·i1

A chain is a tree of products and sums over factors. The engine evaluates the
same tree, products left to right and each sum in parentheses, so a chain
evaluated with a step's quantities gives the very floats the update used.

Written in brief (`brief`), as the screen writes it, a chain goes one layer
back from the parameter's own nodes: the signal of a hidden node beyond them
is one factor, ∂L/∂net_n, the quantity the engine computed once for every
parameter that needs it. An output's signal is always written out. For
networks of two layers after the inputs the brief chain is the whole chain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from model.description import Description, is_linear

Kind = Literal["loss", "slope", "weight", "input", "signal"]
"""∂L/∂o of an output, ∂n/∂net_n of a node, a weight on the way back, the value a parameter multiplies, and (in a
brief chain) ∂L/∂net_n of a hidden node beyond the parameter's own."""


@dataclass(frozen=True)
class Factor:
    """One factor of a chain."""

    kind: Kind
    """What it is."""
    of: str
    """The node (loss, slope, input) or the parameter (weight) it belongs to."""
    symbol: str
    """How it is written, e.g. "∂o1/∂net_o1", "w5′", "i1"."""
    key: str
    """The step's quantity holding its value (see `quantity`)."""


@dataclass(frozen=True)
class Product:
    """Factors and sums multiplied left to right."""

    parts: tuple[Factor | Sum | Product, ...]
    """What is multiplied, in order."""


@dataclass(frozen=True)
class Sum:
    """Products added left to right."""

    terms: tuple[Product, ...]
    """What is added, in order."""


Chain = Factor | Sum | Product
"""Any part of a derivative."""


def quantity(kind: str, name: str) -> str:
    """The key of a step's quantity: "out:h1" (a node's value), "net:h1", "slope:h1", "dout:h1" (∂L/∂h1), "dnet:h1"
    (δ_h1), "grad:w1", "delta:w1" (Δw1), "before:w1", "after:w1"."""
    return f"{kind}:{name}"


def signal(description: Description, node: str, updated: bool, brief: bool = False) -> Product:
    """δ of a node: ∂L/∂net_node as a chain; `updated` says whether the weights on the way back are the ones just
    updated (notebook order); `brief`, whether the hidden nodes' signals on the way back are one factor each."""
    if node in description.outputs:
        parts: list[Chain] = [Factor("loss", node, f"∂L/∂{node}", quantity("dout", node))]
    else:
        through = (_through(description, target, link.name, updated, brief) for target, link in description.out_of(node))
        parts = [Sum(tuple(through))]
    if not is_linear(description, node):
        parts.append(Factor("slope", node, f"∂{node}/∂{description.net(node)}", quantity("slope", node)))
    return Product(tuple(parts))


def _through(description: Description, target: str, weight: str, updated: bool, brief: bool) -> Product:
    """δ of `target` times the weight that carries it back."""
    symbol, key = (f"{weight}′", quantity("after", weight)) if updated else (weight, quantity("before", weight))
    if brief and target not in description.outputs:
        delta: Chain = Factor("signal", target, f"∂L/∂{description.net(target)}", quantity("dnet", target))
    else:
        delta = signal(description, target, updated)
    return Product((delta, Factor("weight", weight, symbol, key)))


def gradient(description: Description, name: str, updated: bool, brief: bool = False) -> Sum:
    """∂L/∂p of the parameter `name` as a chain: a sum over its targets of δ times what it multiplies (`brief`: as
    the screen writes it, see above)."""
    link = description.parameter(name)
    terms = []
    for target in link.targets:
        delta = signal(description, target, updated and target not in description.outputs, brief)
        terms.append(delta if link.bias else Product((delta, Factor("input", link.source, link.source, quantity("out", link.source)))))
    return Sum(tuple(terms))


def written(chain: Chain, value: Callable[[Factor], str] | None = None) -> str:
    """The chain written out, each factor by its symbol or by `value(factor)`; sums of more than one term in
    parentheses, products joined by "·"."""
    if isinstance(chain, Factor):
        return chain.symbol if value is None else value(chain)
    if isinstance(chain, Sum):
        inner = " + ".join(written(term, value) for term in chain.terms)
        return inner if len(chain.terms) == 1 else f"({inner})"
    return "·".join(written(part, value) for part in chain.parts)


def top(chain: Sum) -> str:
    """A gradient written at its top level: without the parentheses of its outer sum."""
    return " + ".join(written(term) for term in chain.terms)


def factors(chain: Chain) -> tuple[Factor, ...]:
    """The chain's factors in reading order."""
    if isinstance(chain, Factor):
        return (chain,)
    parts = chain.terms if isinstance(chain, Sum) else chain.parts
    return tuple(factor for part in parts for factor in factors(part))


def evaluate(chain: Chain, value: Callable[[str], float]) -> float:
    """The chain's value from each factor's quantity, in the engine's order of operations."""
    if isinstance(chain, Factor):
        return value(chain.key)
    if isinstance(chain, Sum):
        total = evaluate(chain.terms[0], value)
        for term in chain.terms[1:]:
            total = total + evaluate(term, value)
        return total
    result = evaluate(chain.parts[0], value)
    for part in chain.parts[1:]:
        result = result * evaluate(part, value)
    return result
