"""A network from a file drawn by layers: the inputs, then for each layer after them a block of its parameters and
its nodes.

In a block, row r belongs to the layer's r-th node: the parameters feeding it, one column per node of the layer
before (and one for a bias), then an arrow to the node and its value. So a column is a source, a row a target,
and a cell an edge. Sign and size are drawn by the cell's line, so they survive a monochrome terminal: solid for
positive, dashed for negative, heavy for a parameter at least half as large as the largest; colour repeats the
sign. The parameter being updated is highlighted, and a parameter that is never trained is dimmed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.text import Text

from model import Moment, Run
from model.activations import ACTIVATIONS
from model.description import ONE, Description, Link
from tui.wording.fmt import Digits, fit

# (positive, heavy) → the line a cell starts with
_LINES = {(True, False): "─", (True, True): "━", (False, False): "╌", (False, True): "╍"}
Label = Callable[[str, float], str]
"""How a cell or a node is labelled: its name and value, as much of them as the width allows."""


def _label(digits: Digits, places: int | None, sign: bool) -> Label:
    """A name and its value: as `digits` writes it (`places` None), to `places` significant digits, or (0) the name."""

    def label(name: str, value: float) -> str:
        if places == 0:
            return name
        if places is None:
            return f"{name} {digits.signed(value) if sign else digits.num(value)}"
        return f"{name} {value:+.{places}g}" if sign else f"{name} {value:.{places}g}"

    return label


def _nothing(name: str, value: float) -> str:
    return ""


def _labels(digits: Digits) -> list[tuple[Label, Label]]:
    """(edge, node) labels, fullest first: numbers as the other panels write them, then to fewer significant digits,
    then names alone, then the edges' lines alone."""
    forms = [(_label(digits, places, True), _label(digits, places, False)) for places in (None, 4, 3, 2)]
    names = _label(digits, 0, True)
    return [*forms, (names, _label(digits, 2, False)), (names, names), (_nothing, names)]


def _into(d: Description, layer: int) -> list[str]:
    """The sources of a layer's parameters, as columns: the nodes of the layer before, then "1" if any has a bias."""
    sources = list(d.layers[layer - 1])
    if any(link.bias and d.layer_of_link(link) == layer for link in d.links):
        sources.append(ONE)
    return sources


def _edge(d: Description, source: str, target: str) -> Link | None:
    return next((link for link in d.into(target) if link.source == source), None)


def drawing(run: Run, moment: Moment, width: int) -> Text:
    """The network at `moment`, as wide as fits in `width`, with its legend."""
    d, digits = run.description, Digits.of(run.description)
    values = moment.weights
    biggest = max((abs(v) for v in values.values()), default=1.0) or 1.0
    active = moment.phase_name if moment.phase > 0 else None
    step = moment.step
    nodes = {} if step is None else step.nodes
    for edge_label, node_label in _labels(digits):
        rows = _rows(d, values, nodes, biggest, active, edge_label, node_label)
        if max(row.cell_len for row in rows) <= width:
            break
    marks = "─ positive  ╌ negative  heavy: |p| ≥ half the largest" + ("  dim: never trained" if d.fixed else "")
    said = fit(
        width,
        f"{marks}" + (f"   highlighted: {active}, being updated" if active else ""),
        marks,
        "─ + ╌ -  heavy: large",
        "",
    )
    return Text("\n").join([*rows, Text(said, style="dim")])


def _rows(
    d: Description,
    values: Mapping[str, float],
    nodes: dict[str, float],
    biggest: float,
    active: str | None,
    edge_label: Label,
    node_label: Label,
) -> list[Text]:
    """The header and one row per node of the widest layer."""
    w = dict(values)
    height = max(len(layer) for layer in d.layers)
    blocks: list[list[Text]] = [[Text("inputs", style="dim"), *(_node(name, nodes, node_label, bold=False) for name in d.inputs)]]
    for layer in range(1, len(d.layers)):
        columns: list[list[Text]] = []
        for source in _into(d, layer):
            column = [Text("1" if source == ONE else source, style="dim")]
            for target in d.layers[layer]:
                link = _edge(d, source, target)
                column.append(Text("·", style="dim") if link is None else _cell(link, w[link.name], biggest, active, d, edge_label))
            columns.append(column)
        kind = ACTIVATIONS[d.activations[layer - 1]]
        heads = [Text(kind.of("·") if not kind.linear else "linear", style="dim")]
        heads += [Text.assemble("▶ ", _node(name, nodes, node_label, bold=True)) for name in d.layers[layer]]
        blocks.append(_join([*columns, heads], " "))
    rows = _join(blocks, " │ ")
    return [*rows, *(Text("") for _ in range(height + 1 - len(rows)))]


def _node(name: str, nodes: dict[str, float], label: Label, bold: bool) -> Text:
    shown = label(name, nodes[name]) if name in nodes else f"{name} ·"
    return Text(shown, style="bold" if bold else "")


def _cell(link: Link, value: float, biggest: float, active: str | None, d: Description, label: Label) -> Text:
    line = _LINES[(value >= 0, abs(value) >= biggest / 2)]
    colour = "green" if value >= 0 else "red"
    look = f"bold reverse {colour}" if link.name == active else f"dim {colour}" if link.name in d.fixed else colour
    shown = label(link.name, value)
    return Text(f"{line} {shown}" if shown else line * 2, style=look)


def _join(columns: list[list[Text]], gap: str) -> list[Text]:
    """Columns of lines side by side, each padded to its widest line; a shorter column is padded with blank lines."""
    height = max(len(column) for column in columns)
    widths = [max(line.cell_len for line in column) for column in columns]
    rows = []
    for r in range(height):
        row = Text()
        for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
            cell = column[r] if r < len(column) else Text("")
            if i:
                row.append(gap)
            row.append_text(cell)
            row.append(" " * (width - cell.cell_len))
        row.rstrip()
        rows.append(row)
    return rows
