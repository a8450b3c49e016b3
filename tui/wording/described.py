"""A network from a file in words and numbers: each node's forward line, the loss, each derivative as its chain of
factors and each change, with the sample's numbers substituted.

Every symbol comes from the description and its chains (`model.chains`, written in brief as the screen writes
them); every number is a quantity the engine computed for the step, looked up by its key. Each function gives the
forms of a line, fullest first, for `fit` to choose from.
"""

from __future__ import annotations

import re
from functools import lru_cache

from model import Run, SampleStep
from model.activations import ACTIVATIONS
from model.chains import Factor, Sum, gradient, written
from model.chains import factors as factors_of
from model.description import Description, Order
from tui.wording.fmt import Digits, fit, lr


def value_of(step: SampleStep, key: str) -> float:
    """A step's quantity by its key (see `model.chains.quantity`)."""
    kind, _, name = key.partition(":")
    if kind == "out":
        return step.nodes[name]
    if kind in ("before", "after"):
        return (step.before if kind == "before" else step.after)[name]
    return step.signals[key]


@lru_cache(maxsize=256)
def chain(description: Description, name: str, order: Order) -> Sum:
    """∂L/∂p of the parameter `name` as the screen writes it."""
    return gradient(description, name, order == "notebook", brief=True)


def _top(tree: Sum, value: object = None) -> str:
    """A gradient without the parentheses of its outer sum; `value` as `written` takes it."""
    return " + ".join(written(term, value) for term in tree.terms)  # type: ignore[arg-type]


def symbols(run: Run, name: str) -> str:
    """∂L/∂p's chain of factors, e.g. "∂L/∂o1·∂o1/∂net_o1·h1"."""
    return _top(chain(run.description, name, run.config.order))


def numbers(run: Run, step: SampleStep, name: str, digits: Digits) -> str:
    """∂L/∂p's chain with the step's numbers in place of its factors."""
    return _top(chain(run.description, name, run.config.order), lambda factor: digits.par(value_of(step, factor.key)))


def factors(run: Run, name: str) -> tuple[Factor, ...]:
    """The factors of ∂L/∂p's chain, in reading order."""
    return factors_of(chain(run.description, name, run.config.order))


def derivative_forms(run: Run, step: SampleStep, name: str, digits: Digits) -> list[str]:
    """`∂L/∂p = chain = numbers = value`, then shorter: without the symbols, without the numbers, the value alone."""
    head, chained, substituted, value = (
        f"∂L/∂{name}",
        symbols(run, name),
        numbers(run, step, name, digits),
        digits.num(step_grad(step, name)),
    )
    return [
        f"{head} = {chained} = {substituted} = {value}",
        f"{head} = {substituted} = {value}",
        f"{head} = {chained} = {value}",
        f"{head} = {value}",
    ]


def step_grad(step: SampleStep, name: str) -> float:
    """∂L/∂p as the update used it."""
    return next(u.grad for u in step.updates if u.name == name)


_BREAK = re.compile(r"(?<=·)|(?= \+ )")
"""Where a formula may go on to the next line: after a product's dot, before a sum's plus."""


def broken(head: str, parts: list[str], width: int) -> list[str]:
    """`head = part = part …` on as many lines as it takes in `width` columns: each part from a line of its own
    (after the first), aligned under the first "=", and a part too long for a line broken after a dot or before a
    plus, its continuation indented further. A single unbreakable piece wider than the line is left to `fit`."""
    lead, indent = f"{head} = ", " " * len(head) + " = "
    lines: list[str] = []
    for i, part in enumerate(parts):
        line = lead if i == 0 else indent
        for piece in _BREAK.split(part):
            if len(line) + len(piece) > width and line not in (lead, indent):
                lines.append(line.rstrip())
                line = " " * (len(indent) + 2) + piece.lstrip()
            else:
                line += piece
        lines.append(line.rstrip())
    return lines


def derivative_lines(run: Run, step: SampleStep, name: str, digits: Digits, width: int) -> list[str]:
    """The current update's derivative in full, on one line if it fits, else on as many as it takes."""
    forms = derivative_forms(run, step, name, digits)
    if len(forms[0]) <= width:
        return [forms[0]]
    parts = [symbols(run, name), numbers(run, step, name, digits), digits.num(step_grad(step, name))]
    return [fit(width, line) for line in broken(f"∂L/∂{name}", parts, width)]


def unreached(run: Run, name: str) -> list[str]:
    """A derivative not computed yet: its chain, and `?` for the value."""
    return [f"∂L/∂{name} = {symbols(run, name)} = ?", f"∂L/∂{name} = ?"]


def change_forms(run: Run, name: str, grad: float, delta: float, digits: Digits) -> list[str]:
    """Δp = -lr·∂L/∂p written out with its numbers, fullest first."""
    rate = lr(run.config.lr)
    return [
        f"   Δ{name} = -lr·∂L/∂{name} = -{rate}·{digits.par(grad)} = {digits.delta(delta)}",
        f"   = -{rate}·{digits.par(grad)} = {digits.delta(delta)}",
        f"   = {digits.delta(delta)}",
    ]


def weighted(description: Description, node: str) -> str:
    """A node's weighted input written out: "w1·i1 + w2·i2 + b1"."""
    return " + ".join(link.name if link.bias else f"{link.name}·{link.source}" for link in description.into(node))


def weighted_numbers(description: Description, step: SampleStep, node: str, digits: Digits) -> str:
    """The weighted input with the step's numbers: the parameters before the step, the values they multiply."""
    terms = []
    for i, link in enumerate(description.into(node)):
        value = digits.num(step.before[link.name]) if i == 0 else digits.par(step.before[link.name])
        terms.append(value if link.bias else f"{value}·{digits.par(step.nodes[link.source])}")
    return " + ".join(terms)


def node_forms(run: Run, step: SampleStep, node: str, digits: Digits) -> list[str]:
    """A node's forward line, fullest first: its weighted input as symbols, numbers and value, then its activation."""
    d = run.description
    f = ACTIVATIONS[d.activation(node)]
    value, sums, filled = digits.num(step.nodes[node]), weighted(d, node), weighted_numbers(d, step, node, digits)
    if f.linear:
        return [f"{node} = {sums} = {filled} = {value}", f"{node} = {filled} = {value}", f"{node} = {sums} = {value}", f"{node} = {value}"]
    net = d.net(node)
    total = digits.num(step.nodes[net])
    applied = f"{node} = {f.of(net)} = {value}"
    return [
        f"{net} = {sums} = {filled} = {total}   {applied}",
        f"{net} = {filled} = {total}   {applied}",
        f"{net} = {sums} = {total}   {applied}",
        f"{net} = {total}   {applied}",
        f"{net} = {total}   {node} = {value}",
        f"{node} = {f.of(total)} = {value}",
        f"{node} = {value}",
    ]


def target(node: str) -> str:
    """How an output's target is written: t_o1."""
    return f"t_{node}"


def loss_terms(description: Description) -> list[str]:
    """Each output's share of the loss, written: ½·(t_o1 - o1)² or (t_o1 - o1)²."""
    half = "½·" if description.loss == "half-squared" else ""
    return [f"{half}({target(o)} - {o})²" for o in description.outputs]


def loss_forms(run: Run, step: SampleStep, digits: Digits) -> list[str]:
    """`L = each output's share, as symbols, with numbers, each one's value, and the sum`, fullest first."""
    d = run.description
    half = 0.5 if d.loss == "half-squared" else 1.0
    shares = [half * r * r for r in step.residuals.values()]
    written_out = " + ".join(loss_terms(d))
    substituted = " + ".join(
        f"{'½·' if half != 1 else ''}({digits.num(step.targets[o])} - {digits.par(step.nodes[o])})²" for o in d.outputs
    )
    each, value = " + ".join(digits.num(share) for share in shares), digits.num(step.loss)
    one = len(d.outputs) == 1
    return [
        f"L = {written_out} = {substituted} = {value}",
        f"L = {written_out} = {value}" if one else f"L = {written_out} = {each} = {value}",
        f"L = {value}" if one else f"L = {each} = {value}",
        f"L = {value}",
    ]


def sample_forms(run: Run, step: SampleStep, digits: Digits) -> list[str]:
    """The sample's inputs and targets, by the data's column names as long as they fit, then by the nodes' symbols."""
    d = run.description
    values = [*(step.nodes[name] for name in d.inputs), *(step.targets[o] for o in d.outputs)]
    shown = [digits.num(value) for value in values]
    symbols_ = [*d.inputs, *(target(o) for o in d.outputs)]
    forms = []
    for names in (run.data.names, symbols_):
        for sep, equals in (("   ", " = "), ("  ", " = "), (" ", "=")):
            forms.append(sep + sep.join(f"{name}{equals}{value}" for name, value in zip(names, shown, strict=True)))
    return forms


RULE = "Δp = -lr·∂L/∂p"
"""How a parameter of a network from a file changes."""


def loss_name(description: Description) -> str:
    """The loss in symbols: L = ½·Σ(t - o)² or L = Σ(t - o)²."""
    return "L = ½·Σ(t - o)²" if description.loss == "half-squared" else "L = Σ(t - o)²"
