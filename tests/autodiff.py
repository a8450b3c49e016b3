"""A small scalar reverse-mode autodiff in long double, micrograd's way: each operation's forward and backward rule
side by side, and `backward` walking the graph from the loss.

It is the independent reference for every derivative of a network from a file: a graph of values that each pass
their gradient back, where the engine writes each derivative as a chain of factors and compiles it into float code.
Everything here is numpy's long double, so the reference's own rounding is far below the engine's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from model.description import ONE, Description

Real = np.longdouble


class Value:
    """A number in the graph: its value, the gradient of the loss with respect to it, and how to pass that back."""

    def __init__(self, data: float | Real, parents: tuple[Value, ...] = ()) -> None:
        self.data = Real(data)
        self.grad = Real(0)
        self.parents = parents
        self.back: Callable[[], None] = lambda: None

    def __add__(self, other: Value | float) -> Value:
        other = lift(other)
        out = Value(self.data + other.data, (self, other))

        def back() -> None:
            self.grad += out.grad
            other.grad += out.grad

        out.back = back
        return out

    def __mul__(self, other: Value | float) -> Value:
        other = lift(other)
        out = Value(self.data * other.data, (self, other))

        def back() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out.back = back
        return out

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Value | float) -> Value:
        return self + -lift(other)

    def __rsub__(self, other: float) -> Value:
        return lift(other) + -self

    __radd__ = __add__
    __rmul__ = __mul__

    def square(self) -> Value:
        out = Value(self.data * self.data, (self,))

        def back() -> None:
            self.grad += 2 * self.data * out.grad

        out.back = back
        return out

    def tanh(self) -> Value:
        t = np.tanh(self.data)
        out = Value(t, (self,))

        def back() -> None:
            self.grad += (1 - t * t) * out.grad

        out.back = back
        return out

    def sigmoid(self) -> Value:
        s = 1 / (1 + np.exp(-self.data))
        out = Value(s, (self,))

        def back() -> None:
            self.grad += s * (1 - s) * out.grad

        out.back = back
        return out

    def relu(self) -> Value:
        out = Value(self.data if self.data > 0 else Real(0), (self,))

        def back() -> None:
            self.grad += (self.data > 0) * out.grad

        out.back = back
        return out

    def linear(self) -> Value:
        return self

    def backward(self) -> None:
        """Every gradient of this value, each node's rule applied once all that depends on it has passed its part back."""
        order: list[Value] = []
        seen: set[int] = set()

        def visit(node: Value) -> None:
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = Real(1)
        for node in reversed(order):
            node.back()


def lift(value: Value | float) -> Value:
    """A constant as a value of the graph."""
    return value if isinstance(value, Value) else Value(value)


def total(values: Iterable[Value]) -> Value:
    """A sum of values, left to right."""
    result = Value(0)
    for value in values:
        result = result + value
    return result


def activate(name: str, z: Value) -> Value:
    """The activation `name` applied to `z`."""
    op: Callable[[Value], Value] = getattr(Value, name)
    return op(z)


def gradients(d: Description, values: dict[str, float], x: list[float], t: list[float], lr: float, order: str) -> dict[str, float]:
    """∂L/∂p of one sample, for every parameter of `d` at `values`, in `order`.

    Simultaneous order: one backward pass through the network. Notebook order, layer by layer from the output: the
    layer's weighted inputs are the leaves, and every layer above is the network linearised around the sample's
    forward pass (its values and slopes) carrying the weights as already updated in this sample; then the layer's
    parameters are updated before the next layer down is differentiated.
    """
    params = {name: Value(value) for name, value in values.items()}
    nets, outs = _forward(d, params, x)
    loss = _loss(d, outs, t)
    if order == "simultaneous":
        loss.backward()
        return {name: float(p.grad) for name, p in params.items()}
    slopes = {}
    for node, net in nets.items():
        leaf = Value(net.data)
        activate(d.activation(node), leaf).backward()
        slopes[node] = leaf.grad
    current = dict(values)
    grads: dict[str, float] = {}
    for depth in range(len(d.layers) - 1, 0, -1):
        z = {node: Value(nets[node].data) for node in d.layers[depth]}
        linear = {name: Value(outs[name].data) for layer in d.layers[:depth] for name in layer}
        linear[ONE] = Value(1)
        for node in d.layers[depth]:
            linear[node] = activate(d.activation(node), z[node])
        for layer in d.layers[depth + 1 :]:
            for node in layer:
                net = total(Value(current[link.name]) * linear[link.source] for link in d.into(node))
                linear[node] = outs[node].data + slopes[node] * (net - net.data)  # the forward pass's value, its slope
        _loss(d, {o: linear[o] for o in d.outputs}, t).backward()
        for link in d.links:
            if d.layer_of_link(link) == depth:
                grads[link.name] = float(sum(z[target].grad * (1 if link.bias else outs[link.source].data) for target in link.targets))
                if link.name not in d.fixed:
                    current[link.name] = current[link.name] - lr * grads[link.name]
    return grads


def _forward(d: Description, params: dict[str, Value], x: list[float]) -> tuple[dict[str, Value], dict[str, Value]]:
    """Each node's weighted input and value, layer by layer."""
    outs = {name: Value(value) for name, value in zip(d.inputs, x)}
    outs[ONE] = Value(1)
    nets = {}
    for layer in d.layers[1:]:
        for node in layer:
            nets[node] = total(params[link.name] * outs[link.source] for link in d.into(node))
            outs[node] = activate(d.activation(node), nets[node])
    return nets, outs


def _loss(d: Description, outs: dict[str, Value], t: list[float]) -> Value:
    """½·Σ(t − o)² or Σ(t − o)²."""
    squares = total((target - outs[o]).square() for o, target in zip(d.outputs, t))
    return squares * 0.5 if d.loss == "half-squared" else squares
