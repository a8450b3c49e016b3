"""Networks described in a TOML file (`--network FILE`), and the ones that ship by name.

    [network]
    layers = [["i1", "i2"], ["h1", "h2"], ["o1", "o2"]]   # node names, the inputs first
    activations = ["sigmoid", "sigmoid"]                   # one per layer after the inputs
    loss = "half-squared"                                  # or "squared"
    lr = 0.5
    epochs = 1                                             # optional
    order = "notebook"                                     # optional: or "simultaneous"
    fixed = ["b1", "b2"]                                   # optional: never trained
    decimals = 9                                           # optional: decimals on screen (default 4)

    [parameters]                                           # name = [from, to, value]; a bias comes from "1"
    w1 = ["i1", "h1", 0.15]
    b1 = ["1", ["h1", "h2"], 0.35]                         # one bias shared by two nodes
    w9 = ["h2", "o2"]                                      # no value: drawn from the seed

    [data]                                                 # optional
    inputs = [[0.05, 0.10]]
    targets = [[0.01, 0.99]]

Without [parameters], each layer is joined to the next by one weight per edge,
named w1, w2, … target by target, and no bias. A refusal is one line naming the
file, the key and what is allowed. A saved session keeps the table this reads
(`table_of`), so the network it ran comes back exactly.
"""

from __future__ import annotations

import os
import re
import tomllib
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from model.activations import ACTIVATIONS
from model.description import (
    DECIMALS,
    LOSSES,
    MOST_DECIMALS,
    MOST_LAYERS,
    MOST_NODES,
    MOST_PARAMETERS,
    ONE,
    ORDERS,
    Description,
    Examples,
    Link,
)
from model.errors import InputError
from model.networks import SHIPPED
from model.numbers import real, whole
from model.reading import MIB, read_bytes
from model.text import counted, printable, quoted

NETWORK_KEYS = ("network", "parameters", "data")
"""The tables of a network file (which a lesson may embed)."""
FILE_LIMIT = MIB
"""Most bytes of a network file."""
MOST_EXAMPLES = 10_000
"""Most samples written in a file's [data]; more belong in a CSV file."""
_NAME = re.compile(r"[^\W\d]\w{0,11}")
"""A node or parameter name: a letter, then letters, digits or _, at most 12 in all."""
_RESERVED = ("lr", "order")
"""Names an edit gives another meaning to."""


def load_network(name: str, where: str = "--network") -> Description:
    """A shipped network by name, or the TOML file `name`; InputError names the file, the key and what is allowed."""
    shipped = name in SHIPPED
    path = Path(str(resources.files("model.networks") / f"{name}.toml")) if shipped else Path(name)
    try:
        raw = read_bytes(str(path), FILE_LIMIT).raw
    except InputError as error:
        if not shipped and not os.path.lexists(path):
            raise InputError(f"{where}: no file {quoted(name)} (shipped networks: {', '.join(SHIPPED)})") from None
        raise error.at(where) from None
    source = name if shipped else printable(path.name)
    try:
        table = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{source}: not a network description: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source}: not a network description: not valid TOML: {error}") from None
    except (RecursionError, ValueError):
        raise InputError(f"{source}: not a network description: nested too deeply or a number too long to read") from None
    return read_description(table, source)


def _refuse(source: str, key: str, problem: str) -> InputError:
    return InputError(f"{source}: {key}: {problem}")


def _table(value: Any, source: str, key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _refuse(source, key, f"must be a table, e.g. [{key}]")
    for name in value:
        if name not in allowed:
            raise _refuse(source, key, f"unknown key {quoted(name)}; allowed: {', '.join(allowed)}")
    return value


def _names(value: Any, source: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _refuse(source, key, f'must be a list of names, e.g. ["h1", "h2"], got {quoted(value)}')
    for name in value:
        if not _NAME.fullmatch(name):
            raise _refuse(source, key, f"{quoted(name)} is not a name: a letter, then letters, digits or _, at most 12 in all")
    return value


def read_description(table: Any, source: str) -> Description:
    """The network a file's table describes, every rule checked; InputError names `source` and the key."""
    top = _table(table, source, "the file", NETWORK_KEYS)
    if "network" not in top:
        raise _refuse(source, "network", "missing; the file needs a [network] table with layers, activations, loss and lr")
    net = _table(top["network"], source, "network", ("layers", "activations", "loss", "lr", "epochs", "order", "fixed", "decimals"))
    for key in ("layers", "activations", "loss", "lr"):
        if key not in net:
            raise _refuse(source, f"network.{key}", "missing")
    layers = _layers(net["layers"], source)
    activations = _names(net["activations"], source, "network.activations")
    if len(activations) != len(layers) - 1:
        raise _refuse(source, "network.activations", f"give one per layer after the inputs: {len(layers) - 1}, got {len(activations)}")
    for name in activations:
        if name not in ACTIVATIONS:
            raise _refuse(source, "network.activations", f"unknown activation {quoted(name)}; choose from {', '.join(ACTIVATIONS)}")
    if net["loss"] not in LOSSES:
        raise _refuse(source, "network.loss", f"must be {' or '.join(LOSSES)}, got {quoted(net['loss'])}")
    lr = real(f"{source}: network.lr", net["lr"])
    if lr <= 0:
        raise _refuse(source, "network.lr", f"must be a positive number, got {quoted(net['lr'])}")
    epochs = whole(f"{source}: network.epochs", net.get("epochs", 1), 1)
    decimals = whole(f"{source}: network.decimals", net.get("decimals", DECIMALS), DECIMALS, MOST_DECIMALS)
    order = net.get("order", "notebook")
    if order not in ORDERS:
        raise _refuse(source, "network.order", f"must be {' or '.join(ORDERS)}, got {quoted(order)}")
    links = _links(top.get("parameters"), layers, source)
    fixed = _names(net.get("fixed", []), source, "network.fixed")
    names = [link.name for link in links]
    for name in fixed:
        if name not in names:
            raise _refuse(source, "network.fixed", f"no parameter {quoted(name)}; parameters are {', '.join(names)}")
    if len(set(fixed)) != len(fixed) or set(fixed) == set(names):
        raise _refuse(source, "network.fixed", "name each parameter once, and leave at least one to train")
    data = _examples(top["data"], layers, source) if "data" in top else None
    return Description(
        layers, tuple(activations), net["loss"], links, lr, epochs, tuple(fixed), data, source, order=order, decimals=decimals
    )


def _layers(value: Any, source: str) -> tuple[tuple[str, ...], ...]:
    key = "network.layers"
    if not isinstance(value, list) or not 2 <= len(value) <= MOST_LAYERS:
        raise _refuse(source, key, f"give from 2 to {MOST_LAYERS} layers (the inputs' included) as lists of node names")
    layers = tuple(tuple(_names(layer, source, key)) for layer in value)
    nodes = [node for layer in layers for node in layer]
    if any(not 1 <= len(layer) <= MOST_NODES for layer in layers):
        raise _refuse(source, key, f"each layer has from 1 to {MOST_NODES} nodes")
    repeated = [node for node in nodes if nodes.count(node) > 1 or node in _RESERVED]
    if repeated:
        raise _refuse(source, key, f"{quoted(repeated[0])} is used twice or reserved; each node needs a name of its own")
    return layers


def _links(value: Any, layers: tuple[tuple[str, ...], ...], source: str) -> tuple[Link, ...]:
    """The parameters of [parameters], or one weight per edge when there is none."""
    if value is None:
        edges = [(src, tgt) for before, after in pairwise(layers) for tgt in after for src in before]
        links = tuple(Link(f"w{i}", src, (tgt,)) for i, (src, tgt) in enumerate(edges, 1))
    else:
        if not isinstance(value, dict) or not value:
            raise _refuse(source, "parameters", 'must be a table of name = [from, to, value], e.g. w1 = ["i1", "h1", 0.15]')
        links = tuple(_link(name, item, layers, source) for name, item in value.items())
    if len(links) > MOST_PARAMETERS:
        raise _refuse(source, "parameters", f"{len(links)} parameters; at most {MOST_PARAMETERS} can be shown")
    nodes = [node for layer in layers for node in layer]
    clash = [link.name for link in links if link.name in nodes]
    if clash and value is None:  # the name is one given to an edge, not one the file wrote
        edge = next(link for link in links if link.name == clash[0])
        raise _refuse(
            source,
            "network.layers",
            f"node {quoted(clash[0])} has the name given to the weight from {edge.source} to {edge.targets[0]}; "
            f"rename the node, or name that weight in [parameters]",
        )
    if clash:
        raise _refuse(source, f"parameters.{clash[0]}", "is also a node's name; give it another")
    seen: set[tuple[str, str]] = set()
    for link in links:
        for target in link.targets:
            if (link.source, target) in seen:
                what = f"a second bias into {target}" if link.bias else f"a second weight from {link.source} to {target}"
                raise _refuse(source, f"parameters.{link.name}", f"{what}; each edge has one parameter")
            seen.add((link.source, target))
    for i, layer in enumerate(layers):
        for node in layer:
            fed = any(node in link.targets for link in links)
            feeds = any(link.source == node for link in links)
            if i and not fed:
                raise _refuse(source, "parameters", f"nothing feeds {node}; give it a weight from the layer before or a bias")
            if i < len(layers) - 1 and not feeds:
                raise _refuse(source, "parameters", f"{node} feeds nothing; give it a weight to the next layer")
    return links


def _link(name: str, item: Any, layers: tuple[tuple[str, ...], ...], source: str) -> Link:
    key = f"parameters.{printable(name)}"
    if not _NAME.fullmatch(name) or name in _RESERVED:
        raise _refuse(source, key, "not a parameter name: a letter, then letters, digits or _, at most 12 in all (not lr or order)")
    if not isinstance(item, list) or len(item) not in (2, 3):
        raise _refuse(source, key, 'must be [from, to, value] or [from, to], e.g. ["i1", "h1", 0.15]; a bias comes from "1"')
    layer_of = {node: i for i, layer in enumerate(layers) for node in layer}
    start, targets = item[0], item[1] if isinstance(item[1], list) else [item[1]]
    nodes = ", ".join(layer_of)
    for node in [start, *targets]:
        if not isinstance(node, str) or (node not in layer_of and node != ONE):
            raise _refuse(source, key, f'unknown node {quoted(node)}; nodes are {nodes} (and "1" for a bias)')
    if not targets or ONE in targets or len(set(targets)) != len(targets):
        raise _refuse(source, key, "give the node it feeds, or a list of different nodes of one layer")
    depth = {layer_of[target] for target in targets}
    if len(depth) != 1 or 0 in depth:
        raise _refuse(source, key, "the nodes it feeds must all be in one layer after the inputs")
    if start != ONE and layer_of[start] + 1 != depth.pop():
        raise _refuse(source, key, f"joins {start} to {targets[0]}: a weight joins a node to one in the next layer")
    value = None if len(item) == 2 else real(f"{source}: {key}", item[2])
    return Link(name, start, tuple(targets), value)


def _examples(value: Any, layers: tuple[tuple[str, ...], ...], source: str) -> Examples:
    data = _table(value, source, "data", ("inputs", "targets"))
    rows = {}
    for key, width in (("inputs", len(layers[0])), ("targets", len(layers[-1]))):
        if key not in data:
            raise _refuse(source, f"data.{key}", "missing")
        items = data[key]
        if not isinstance(items, list) or not 1 <= len(items) <= MOST_EXAMPLES:
            raise _refuse(source, f"data.{key}", f"give from 1 to {MOST_EXAMPLES:,} rows, e.g. [[0.05, 0.10]]")
        table = []
        for i, row in enumerate(items):
            row = row if isinstance(row, list) else [row]
            if len(row) != width:
                raise _refuse(source, f"data.{key}[{i}]", f"has {counted(len(row), 'value')}; the layer has {width}")
            table.append(tuple(real(f"{source}: data.{key}[{i}]", cell) for cell in row))
        rows[key] = tuple(table)
    if len(rows["inputs"]) != len(rows["targets"]):
        raise _refuse(source, "data", f"{len(rows['inputs'])} rows of inputs but {len(rows['targets'])} of targets")
    return Examples(rows["inputs"], rows["targets"])


def table_of(d: Description) -> dict[str, Any]:
    """The description as the table `read_description` reads back into it (what a saved session keeps)."""
    network: dict[str, Any] = {"layers": [list(layer) for layer in d.layers], "activations": list(d.activations), "loss": d.loss}
    network.update(lr=d.lr, epochs=d.epochs, order=d.order, fixed=list(d.fixed))
    if d.decimals != DECIMALS:  # written only when asked for, so a session saved before it existed reads the same
        network["decimals"] = d.decimals
    table: dict[str, Any] = {"network": network}
    parameters = {}
    for link in d.links:
        targets: str | list[str] = link.targets[0] if len(link.targets) == 1 else list(link.targets)
        parameters[link.name] = [link.source, targets] if link.initial is None else [link.source, targets, link.initial]
    table["parameters"] = parameters
    if d.data is not None:
        table["data"] = {"inputs": [list(row) for row in d.data.inputs], "targets": [list(row) for row in d.data.targets]}
    return table
