"""A network as data: its layers of nodes, the parameters joining them, its activations and loss.

Every node after the inputs computes a weighted sum of the layer before it and
passes it through its layer's activation:

    net_n = Σ p·(the value p multiplies)     n = f(net_n)

A parameter multiplies one node of the layer before its targets, or 1 for a
bias, and feeds one node or several (a bias shared by a layer). The loss of a
sample sums over the outputs: ½·Σ(t − o)² ("half-squared") or Σ(t − o)²
("squared"), and SGD steps by Δp = −lr·∂L/∂p. The notebook's own network is
one such description (see `parameters.builtin`), whose learning rate absorbs
the loss's factor 2: Δp = −(lr/2)·∂L/∂p.

Updates run layer by layer from the output, each layer's biases first (see
`updates`); which weights the hidden layers' derivatives use is the run's
order (`Order`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal, get_args

import numpy as np

from model.activations import ACTIVATIONS

Order = Literal["notebook", "simultaneous"]
"""Update order: the notebook's (each layer's derivatives use the layers above as already updated in this sample)
or the textbook's simultaneous one (every derivative uses the values from before the sample)."""
ORDERS: tuple[Order, ...] = get_args(Order)
"""Every order, in the order the option lists them."""
Loss = Literal["half-squared", "squared"]
"""L = ½·Σ(t − o)² or L = Σ(t − o)²."""
LOSSES: tuple[Loss, ...] = get_args(Loss)
"""Every loss, as a file names it."""
ONE = "1"
"""What a bias multiplies, as a file writes its source."""
MOST_LAYERS = 4
"""Most layers, the inputs' included: what the screen can draw side by side."""
MOST_NODES = 6
"""Most nodes in one layer."""
MOST_PARAMETERS = 30
"""Most parameters: each has its rows on the screen."""
DECIMALS = 4
"""Decimals the screen writes numbers with, unless a description asks for more (to show a source's printed figures)."""
MOST_DECIMALS = 12
"""Most decimals a description may ask for: beyond, a double's digits are noise."""


@dataclass(frozen=True)
class Link:
    """One parameter: a weight from a node, or a bias, into one node or several of the next layer."""

    name: str
    """Its name, e.g. "w5" or "b1"."""
    source: str
    """The node whose value it multiplies, or ONE for a bias."""
    targets: tuple[str, ...]
    """The nodes it feeds, all in one layer."""
    initial: float | None = None
    """Its starting value; None: drawn from the seed."""

    @property
    def bias(self) -> bool:
        """Whether it multiplies 1."""
        return self.source == ONE


@dataclass(frozen=True)
class Examples:
    """Samples written in the description itself: one row of inputs and one of targets each."""

    inputs: tuple[tuple[float, ...], ...]
    """Each sample's input values, in the input layer's order."""
    targets: tuple[tuple[float, ...], ...]
    """Each sample's target values, in the output layer's order."""


@dataclass(frozen=True)
class Description:
    """A whole network: the single place its shape, parameters and training conventions are written."""

    layers: tuple[tuple[str, ...], ...]
    """Node names, layer by layer, the inputs first."""
    activations: tuple[str, ...]
    """One per layer after the inputs, a key of ACTIVATIONS."""
    loss: Loss
    """The loss of one sample."""
    links: tuple[Link, ...]
    """Every parameter, in storage order (the columns of every weights array)."""
    lr: float = 0.1
    """The learning rate the file gives (an option may override it)."""
    epochs: int = 1
    """Passes over the data the file gives (an option may override it)."""
    fixed: tuple[str, ...] = ()
    """Parameters that are never trained."""
    data: Examples | None = None
    """Samples given in the file, if any."""
    source: str = ""
    """Where it came from, in words: a file's name, "mazur", or "" for the notebook's network."""
    halved: bool = False
    """The learning rate absorbs the loss's factor 2, as the notebook writes it: Δp = −(lr/2)·∂L/∂p."""
    order: Order = "notebook"
    """The update order the file gives (an option may override it)."""
    sequence: tuple[str, ...] = ()
    """The parameters' update order, when the description gives one (the notebook's); empty: layer by layer from
    the output."""
    nets: tuple[tuple[str, str], ...] = ()
    """Names of nodes' weighted inputs where they are not net_<node> (the notebook's z1 for H1; the node's own name
    where it has no separate one)."""
    decimals: int = DECIMALS
    """Decimals the screen writes numbers with: Mazur's post prints nine."""

    @property
    def builtin(self) -> bool:
        """Whether this is the notebook's network, which has its own fast arithmetic."""
        return self.halved

    @property
    def inputs(self) -> tuple[str, ...]:
        """The input nodes."""
        return self.layers[0]

    @property
    def outputs(self) -> tuple[str, ...]:
        """The output nodes."""
        return self.layers[-1]

    @cached_property
    def layer_of(self) -> dict[str, int]:
        """Each node's layer, 0 for the inputs."""
        return {node: i for i, layer in enumerate(self.layers) for node in layer}

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Parameter names in storage order."""
        return tuple(link.name for link in self.links)

    @cached_property
    def by_name(self) -> dict[str, Link]:
        """Each parameter by name."""
        return {link.name: link for link in self.links}

    def column(self, name: str) -> int:
        """The storage column of a parameter."""
        return self.names.index(name)

    def parameter(self, name: str) -> Link:
        """The parameter called `name`."""
        return self.by_name[name]

    def layer_of_link(self, link: Link) -> int:
        """The layer a parameter feeds."""
        return self.layer_of[link.targets[0]]

    @cached_property
    def updates(self) -> tuple[Link, ...]:
        """The trained parameters in update order: the given order, or layer by layer from the output, each layer's
        biases first, then its weights, each as stored.

        The order within a layer changes no number (every derivative of a layer uses the signal that reaches it, made
        before any of the layer's updates), only what is shown first: a bias's derivative is its nodes' signal itself,
        which each of the layer's weights then multiplies by the value it carries, so predict mode asks for it before
        any weight's factors put it on screen."""
        trained = [link for link in self.links if link.name not in self.fixed]
        if self.sequence:
            return tuple(self.by_name[name] for name in self.sequence if name not in self.fixed)
        return tuple(sorted(trained, key=lambda link: (-self.layer_of_link(link), not link.bias)))

    @cached_property
    def phases(self) -> tuple[str, ...]:
        """The micro-steps of one sample: the forward pass, then one update per trained parameter."""
        return ("forward", *(link.name for link in self.updates))

    def into(self, node: str) -> tuple[Link, ...]:
        """The parameters feeding `node`, in storage order: its weighted input sums them in that order."""
        return tuple(link for link in self.links if node in link.targets)

    def out_of(self, node: str) -> tuple[tuple[str, Link], ...]:
        """(target, weight) for each edge leaving `node`, targets in layer order: what its derivative sums over."""
        after = self.layers[self.layer_of[node] + 1] if self.layer_of[node] + 1 < len(self.layers) else ()
        return tuple((target, link) for target in after for link in self.into(target) if link.source == node)

    def activation(self, node: str) -> str:
        """The activation of a node after the inputs."""
        return self.activations[self.layer_of[node] - 1]

    def net(self, node: str) -> str:
        """The name of a node's weighted input: net_h1, or the notebook's z1."""
        return dict(self.nets).get(node, f"net_{node}")

    @cached_property
    def node_values(self) -> tuple[str, ...]:
        """Every value a sample's forward pass holds, in the order they are computed: inputs, then each node's
        weighted input and value."""
        computed = [(self.net(node), node) for layer in self.layers[1:] for node in layer]
        return (*self.inputs, *dict.fromkeys(name for pair in computed for name in pair))

    def shape(self) -> str:
        """The layer sizes, e.g. "2-2-2"."""
        return "-".join(str(len(layer)) for layer in self.layers)

    def describe(self) -> str:
        """A few words naming the network, e.g. "2-2-2 network (sigmoid, sigmoid), half-squared loss"."""
        return f"{self.shape()} network ({', '.join(self.activations)}), {self.loss} loss"

    def initial_weights(self, seed: int) -> tuple[float, ...]:
        """Starting values: those the description gives, and uniform [0, 1) draws from RandomState(seed) for the
        others, in storage order, as the notebook seeds its weights."""
        draws = iter(np.random.RandomState(seed).rand(sum(link.initial is None for link in self.links)).tolist())
        return tuple(next(draws) if link.initial is None else link.initial for link in self.links)


def is_linear(description: Description, node: str) -> bool:
    """Whether a node passes its weighted input on unchanged (its derivative has no slope factor)."""
    return ACTIVATIONS[description.activation(node)].linear
