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
    inputs = run.description.inputs
    return _top(
        chain(run.description, name, run.config.order),
        lambda factor: digits.par(value_of(step, factor.key), given=given(factor.key, inputs)),
    )


def given(key: str, inputs: tuple[str, ...]) -> bool:
    """Whether a step's quantity may be a number as the file gives it: an input, or a parameter before the step."""
    kind, _, name = key.partition(":")
    return kind == "before" or (kind == "out" and name in inputs)


def factors(run: Run, name: str) -> tuple[Factor, ...]:
    """The factors of ∂L/∂p's chain, in reading order."""
    return factors_of(chain(run.description, name, run.config.order))


def derivative_digits(run: Run, step: SampleStep, name: str, digits: Digits) -> Digits:
    """The digits of ∂L/∂p's line: its factors and its value in one notation."""
    return digits.line(step_grad(step, name), *(value_of(step, factor.key) for factor in factors(run, name)))


def derivative_parts(run: Run, step: SampleStep, name: str, digits: Digits) -> list[str]:
    """What `∂L/∂p = …` equals, in turn: its chain, the chain with the numbers in, the value. A chain of one factor
    has no numbers to put in: its number is the value."""
    digits = derivative_digits(run, step, name, digits)
    value = digits.num(step_grad(step, name))
    if len(factors(run, name)) == 1:
        return [symbols(run, name), value]
    return [symbols(run, name), numbers(run, step, name, digits), value]


def derivative_forms(run: Run, step: SampleStep, name: str, digits: Digits) -> list[str]:
    """`∂L/∂p = chain = numbers = value`, then shorter: without the symbols, without the numbers, the value alone."""
    head, parts = f"∂L/∂{name}", derivative_parts(run, step, name, digits)
    if len(parts) == 2:
        return [f"{head} = {parts[0]} = {parts[1]}", f"{head} = {parts[1]}"]
    chained, substituted, value = parts
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
    return [fit(width, line) for line in broken(f"∂L/∂{name}", derivative_parts(run, step, name, digits), width)]


_FLOW = re.compile(r"(?<=·)|(?= \+ )|(?= = )")
"""Where a line of `flowed` may break: after a product's dot, before a sum's plus or an equals sign."""


def flowed(head: str, parts: list[str], width: int) -> list[str]:
    """`head = part = part …` filling each line of `width` columns before going on to the next, broken where `_FLOW`
    allows: a continuation starting with "=" aligned under the first one, any other indented past it."""
    lines, line = [], ""
    for piece in _FLOW.split(" = ".join([head, *parts])):
        if line.strip() and len(line) + len(piece) > width:
            lines.append(line.rstrip())
            piece = piece.lstrip()
            line = " " * (len(head) + (1 if piece.startswith("=") else 3))
        line += piece
    return [*lines, line.rstrip()]


def derivative_within(run: Run, step: SampleStep, name: str, digits: Digits, width: int, rows: int) -> list[str]:
    """The current derivative in at most `rows` lines of `width`: its chain with the numbers in, on as many lines as
    it takes, with its symbols too if they fit, else the symbols alone, else the shortest form that fits one line."""
    head, parts = f"∂L/∂{name}", derivative_parts(run, step, name, digits)
    for shown in (parts, parts[1:], [parts[0], parts[-1]]):
        lines = flowed(head, shown, width)
        if len(lines) <= rows and all(len(line) <= width for line in lines):
            return lines
    return [fit(width, *derivative_forms(run, step, name, digits))]


def unreached(run: Run, name: str) -> list[str]:
    """A derivative not computed yet: its chain, and `?` for the value."""
    return [f"∂L/∂{name} = {symbols(run, name)} = ?", f"∂L/∂{name} = ?"]


def change_forms(run: Run, name: str, grad: float, delta: float, digits: Digits) -> list[str]:
    """Δp = -lr·∂L/∂p written out with its numbers, fullest first."""
    rate, digits = lr(run.config.lr), digits.line(grad, delta)
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
        before = step.before[link.name]
        value = digits.num(before, given=True) if i == 0 else digits.par(before, given=True)
        terms.append(value if link.bias else f"{value}·{digits.par(step.nodes[link.source], given=link.source in description.inputs)}")
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
    # The weighted input's formula goes last: the activation's σ(net) is left out first.
    return [
        f"{net} = {sums} = {filled} = {total}   {applied}",
        f"{net} = {filled} = {total}   {applied}",
        f"{net} = {sums} = {total}   {applied}",
        f"{net} = {sums} = {total}   {node} = {value}",
        f"{net} = {filled} = {total}   {node} = {value}",
        f"{net} = {total}   {applied}",
        f"{net} = {total}   {node} = {value}",
        f"{node} = {f.of(total)} = {value}",
        f"{node} = {value}",
    ]


def node_lines(run: Run, step: SampleStep, node: str, digits: Digits, width: int, wrap: bool) -> list[str]:
    """A node's forward line in `width` columns; with `wrap`, on two lines when the fullest form does not fit one:
    the weighted input, then its activation under it."""
    forms = node_forms(run, step, node, digits)
    f = ACTIVATIONS[run.description.activation(node)]
    if len(forms[0]) <= width or not wrap or f.linear:
        return [fit(width, *forms)]
    d = run.description
    net = d.net(node)
    total, sums, filled = digits.num(step.nodes[net]), weighted(d, node), weighted_numbers(d, step, node, digits)
    first = fit(width, f"{net} = {sums} = {filled} = {total}", f"{net} = {filled} = {total}", f"{net} = {sums} = {total}")
    if len(first) > width:  # not even the weighted input fits a line of its own
        return [fit(width, *forms)]
    indent = " " * (len(net) + 3)
    return [first, fit(width, f"{indent}{node} = {f.of(net)} = {digits.num(step.nodes[node])}", f"{node} = {digits.num(step.nodes[node])}")]


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
        f"{'½·' if half != 1 else ''}({digits.num(step.targets[o], given=True)} - {digits.par(step.nodes[o])})²" for o in d.outputs
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
    shown = [digits.num(value, given=True) for value in values]
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
