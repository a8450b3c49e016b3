"""An edit: one value changed at one point of a run, from which the run forks (see `training.fork`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from model.config import Config
from model.description import Order
from model.errors import InputError
from model.numbers import real, typed
from model.options import option
from model.text import quoted
from model.weights import Weights

NESTING = 2
"""Most edits in a row: a fork, and a fork of it. Each fork keeps arrays as large as its run's."""
SETTINGS = ("lr", "order")
"""Training settings an edit may change besides the parameters."""


class Named(Protocol):
    """Anything naming a network's parameters: a description, or the notebook's network."""

    @property
    def names(self) -> tuple[str, ...]:
        """Parameter names in storage order."""
        ...


@dataclass(frozen=True)
class Edit:
    """One value changed: a parameter, the learning rate or the update order."""

    name: str
    """A parameter's name (w1..w6, b1..b3), "lr" or "order"."""
    value: float | Order
    """The new value: a finite float, a positive one for lr, one of ORDERS for order."""

    def __str__(self) -> str:
        return f"{self.name} = {typed(self.value) if isinstance(self.value, float) else self.value}"

    @classmethod
    def parse(cls, text: str, network: Named) -> Edit:
        """An edit from "NAME = VALUE" as typed; InputError says what is wrong."""
        name, equals, value = (part.strip() for part in text.partition("="))
        names = (*network.names, *SETTINGS)
        if not equals:
            raise InputError("type NAME = VALUE, e.g. w3 = 0.5, lr = 1e-3 or order = simultaneous")
        if name not in names:
            raise InputError(f"unknown name {quoted(name)}; change one of {', '.join(names)}")
        if name in network.names:
            return cls(name, real(name, value))
        return cls(name, option(name, value, name))

    @classmethod
    def placed(cls, text: str, network: Named) -> tuple[str, Edit]:
        """("EPOCH SAMPLE" or "start", the edit) from "EPOCH SAMPLE NAME=VALUE" or "start NAME=VALUE"."""
        head, equals, value = text.partition("=")
        words = head.split()
        if not equals or len(words) != (2 if words[:1] == ["start"] else 3):
            raise InputError(f'{quoted(text)} is not EPOCH SAMPLE NAME=VALUE or start NAME=VALUE, e.g. "2 17 w3=0.5"')
        return " ".join(words[:-1]), cls.parse(f"{words[-1]} = {value}", network)

    def apply(self, config: Config, weights: Weights) -> tuple[Config, Weights]:
        """The settings and parameters with this edit made."""
        if isinstance(self.value, str):
            return replace(config, order=self.value), weights
        if self.name == "lr":
            return replace(config, lr=self.value), weights
        return config, weights.with_values({self.name: self.value})
