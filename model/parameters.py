"""The network's structure as data: one entry per parameter, and what follows from it.

    z1 = w1·X1 + w3·X2 (+ b1)    H1 = f(z1)
    z2 = w2·X1 + w4·X2 (+ b2)    H2 = f(z2)
    ŷ  = w5·H1 + w6·H2 (+ b3)    r = y − ŷ    L = r²

Each parameter p multiplies one node value (X1, X2, H1, H2, or 1 for a bias)
on its way into one node. By the chain rule

    ∂L/∂p = −2·(∂ŷ/∂p)·r,   ∂ŷ/∂p = value it multiplies             (into ŷ)
                            ∂ŷ/∂p = w_out·f′(z)·value it multiplies  (into H1, H2)

where w_out is the output weight that the hidden unit's signal passes through
(w5 for H1, w6 for H2). SGD steps by Δp = lr·(∂ŷ/∂p)·r = −(lr/2)·∂L/∂p: the
learning rate absorbs the loss's factor 2, as the notebook writes it.

The output weights are updated first. In "notebook" order the hidden layer's
parameters then use the w_out just updated (written w5′); in "simultaneous"
order every derivative uses the values from before the sample. The engine's
columns, every panel's formula, the narration, predict mode, breakpoints and
trace all read these entries; no formula is written anywhere else.

The entries themselves come from the network's description (`builtin`), the
same kind of record a file describes any other network with (see
`description`): this module is the notebook's view of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from model.activations import ACTIVATIONS, Activation
from model.description import ONE, Description, Link
from model.description import ORDERS as ORDERS
from model.description import Order as Order

OUTPUT = "ŷ"
"""The output node."""


@dataclass(frozen=True)
class Parameter:
    """One weight or bias: the single place its facts are written."""

    name: str
    """w1..w6, b1..b3."""
    feeds: str
    """The node value it multiplies: X1, X2, H1, H2, or "1" for a bias."""
    into: str
    """The node it feeds: H1, H2 or ŷ."""
    turn: int
    """Its place in the update order within a sample, from 1."""

    @property
    def bias(self) -> bool:
        """Whether it is a bias (it multiplies 1)."""
        return self.feeds == "1"


def builtin(activation: str = "linear", bias: bool = False) -> Description:
    """The notebook's network as a description: the one place its edges and its update order are written.

    Its loss is L = r² and its learning rate absorbs the factor 2 (`halved`); b1..b3 exist with `bias`.
    """
    links = (
        Link("w1", "X1", ("H1",)),
        Link("w2", "X1", ("H2",)),
        Link("w3", "X2", ("H1",)),
        Link("w4", "X2", ("H2",)),
        Link("w5", "H1", (OUTPUT,)),
        Link("w6", "H2", (OUTPUT,)),
        Link("b1", ONE, ("H1",)),
        Link("b2", ONE, ("H2",)),
        Link("b3", ONE, (OUTPUT,)),
    )
    order = ("w5", "w6", "w1", "w2", "w3", "w4", "b1", "b2", "b3")
    kept = tuple(link for link in links if bias or not link.bias)
    return Description(
        layers=(("X1", "X2"), ("H1", "H2"), (OUTPUT,)),
        activations=(activation, "linear"),
        loss="squared",
        links=kept,
        halved=True,
        sequence=tuple(name for name in order if any(link.name == name for link in kept)),
        nets=(("H1", "z1"), ("H2", "z2"), (OUTPUT, OUTPUT)),
    )


PARAMETERS = tuple(
    Parameter(link.name, link.source, link.targets[0], builtin(bias=True).sequence.index(link.name) + 1)
    for link in builtin(bias=True).links
)
"""Every parameter the network can have, in storage order (the columns of every weights array)."""

HIDDEN = ("H1", "H2")
"""The hidden units."""


def pre(unit: str) -> str:
    """The name of a hidden unit's input: z1 for H1."""
    return unit.replace("H", "z")


INPUTS = ("X1", "X2")
"""The input nodes."""
NODES = (*INPUTS, *map(pre, HIDDEN), *HIDDEN, OUTPUT)
"""Every node's value a sample's forward pass holds, in the order they are computed."""


@dataclass(frozen=True)
class Term:
    """One factor of ∂ŷ/∂p, named so that the engine can give its value and the screen its symbol."""

    kind: str
    """"outer" (an output weight), "slope" (f′ of a hidden unit) or "node" (the value p multiplies)."""
    of: str
    """The output weight, the hidden unit, or the node."""
    symbol: str
    """How it is written, e.g. "w5′", "(1 - H1²)", "X1"."""


@dataclass(frozen=True)
class Network:
    """One choice of activation and biases: which parameters exist, in which order, and their derivatives."""

    activation: str = "linear"
    """The hidden units' activation, a key of ACTIVATIONS."""
    bias: bool = False
    """Whether b1, b2 (on H1, H2) and b3 (on ŷ) exist."""

    @cached_property
    def description(self) -> Description:
        """This network as a description: the notebook's own (see `builtin`)."""
        return builtin(self.activation, self.bias)

    @property
    def f(self) -> Activation:
        """The activation itself."""
        return ACTIVATIONS[self.activation]

    @cached_property  # asked for at every step drawn and every stretch trained
    def parameters(self) -> tuple[Parameter, ...]:
        """The parameters this network has, in storage order."""
        return tuple(p for p in PARAMETERS if self.bias or not p.bias)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Parameter names in storage order."""
        return tuple(p.name for p in self.parameters)

    @cached_property
    def updates(self) -> tuple[Parameter, ...]:
        """The parameters in update order."""
        return tuple(sorted(self.parameters, key=lambda p: p.turn))

    @cached_property
    def phases(self) -> tuple[str, ...]:
        """The micro-steps of one sample: the forward pass, then one update per parameter."""
        return ("forward", *(p.name for p in self.updates))

    @cached_property
    def notebook_weights(self) -> bool:
        """Linear units and no biases: the notebook's own network, whose arithmetic is kept to the last bit."""
        return self.f.linear and not self.bias

    def column(self, name: str) -> int:
        """The storage column of a parameter."""
        return self.names.index(name)

    def inputs(self, node: str) -> tuple[Parameter, ...]:
        """The parameters feeding `node`, in storage order: its weighted sum is Σ p·(what p multiplies)."""
        return tuple(p for p in self.parameters if p.into == node)

    def sum_symbol(self, node: str) -> str:
        """The weighted input of a node, written out: "w1·X1 + w3·X2 + b1"."""
        return " + ".join(p.name if p.bias else f"{p.name}·{p.feeds}" for p in self.inputs(node))

    def outer(self, p: Parameter) -> Parameter | None:
        """The output weight a hidden parameter's signal passes through (w5 for H1's); None for the output's own."""
        if p.into == OUTPUT:
            return None
        return next(q for q in self.parameters if q.into == OUTPUT and q.feeds == p.into)

    @cached_property
    def outer_names(self) -> tuple[str, ...]:
        """The output weights that hidden signals pass through (w5, w6), in update order."""
        return tuple(p.name for p in self.updates if p.into == OUTPUT and p.feeds in HIDDEN)

    def terms(self, p: Parameter, order: Order) -> tuple[Term, ...]:
        """The factors of ∂ŷ/∂p, left to right, as the engine multiplies them."""
        out = self.outer(p)
        terms = []
        if out is not None:
            terms.append(Term("outer", out.name, out.name + ("′" if order == "notebook" else "")))
            if not self.f.linear:
                terms.append(Term("slope", p.into, self.f.slope_of(p.into, pre(p.into))))
        if not p.bias:
            terms.append(Term("node", p.feeds, p.feeds))
        return tuple(terms)

    def factor(self, p: Parameter, order: Order) -> str:
        """∂ŷ/∂p written out, e.g. "w5′·X1"; "1" for b3."""
        return "·".join(t.symbol for t in self.terms(p, order)) or "1"

    def derivative(self, p: Parameter, order: Order) -> str:
        """∂L/∂p = -2·(∂ŷ/∂p)·r, written out."""
        return "·".join(["-2", *(t.symbol for t in self.terms(p, order)), "r"])

    def change(self, p: Parameter, order: Order) -> str:
        """Δp = lr·(∂ŷ/∂p)·r, written out."""
        return "·".join(["lr", *(t.symbol for t in self.terms(p, order)), "r"])

    def beta_terms(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """For linear units, what each coefficient of ŷ = β1·X1 + β2·X2 (+ β0) multiplies together; empty otherwise.

        β for an input sums, over the hidden units, the weight from it times the unit's output weight
        (β1 = w1·w5 + w2·w6); β0 does the same with the hidden biases, plus b3.
        """
        if not self.f.linear:
            return {}
        terms: dict[str, tuple[tuple[str, ...], ...]] = {}
        for node, label in (("X1", "beta1"), ("X2", "beta2"), ("1", "beta0")):
            found = []
            for p in self.parameters:
                if p.feeds == node:
                    out = self.outer(p)
                    found.append((p.name,) if out is None else (p.name, out.name))
            if found:
                terms[label] = tuple(found)
        return terms

    def beta_symbol(self, label: str) -> str:
        """A coefficient written out, e.g. "w1·w5 + w2·w6"."""
        return " + ".join("·".join(names) for names in self.beta_terms()[label])

    def beta_formula(self, label: str) -> str:
        """A coefficient's name and what it is made of, e.g. "β1 = w1·w5 + w2·w6"."""
        return f"{beta_name(label)} = {self.beta_symbol(label)}"

    def betas(self, w: Mapping[str, Any]) -> dict[str, Any]:
        """The coefficients' values (see `beta_terms`), summed left to right; floats or arrays alike."""
        betas = {}
        for label, terms in self.beta_terms().items():
            total = None
            for names in terms:
                product = w[names[0]] if len(names) == 1 else w[names[0]] * w[names[1]]
                total = product if total is None else total + product
            betas[label] = total
        return betas

    def describe(self) -> str:
        """A few words naming the network, e.g. "tanh units with biases"."""
        return f"{self.activation} units" + (" with biases" if self.bias else "")

    def parameter(self, name: str) -> Parameter:
        """The parameter called `name`."""
        return next(p for p in self.parameters if p.name == name)


def notebook_of(description: Description) -> Network | None:
    """The notebook's network that `description` is, if it is one; None for a network from a file."""
    if not description.builtin:
        return None
    return Network(description.activations[0], any(link.bias for link in description.links))


def beta_name(label: str) -> str:
    """A coefficient's label as it is written: "β1" for "beta1"."""
    return label.replace("beta", "β")
