"""Plain-words narration of a micro-step of a network from a file, with the live numbers at the network's decimals.

It says what the notebook's narration says, for any shape: how the sample went forward and what its loss is, what
each factor of a derivative is, how a hidden node's signal sums what its edges carry back (and which weights they
carry it through: the ones just updated in notebook order, the forward pass's in simultaneous order), how the
update moves the parameter, and how the loss over all samples moved when a sample ends: for a one-sample example,
its "total error" after each round. Every figure comes from the model; this module only phrases them.
"""

from __future__ import annotations

import numpy as np

from model import Moment, Run, SampleStep, Update
from model.activations import ACTIVATIONS
from model.described import outputs_after
from model.text import counted
from tui.wording import described
from tui.wording.advice import remedy
from tui.wording.fmt import Digits, lr


def narrate_network(run: Run, moment: Moment) -> str:
    """One short paragraph on what this micro-step of a network from a file did and why."""
    digits, s = Digits.of(run.description), moment.step
    if s is None:
        return _start(run, moment, digits)
    text = _forward(run, s, digits) if moment.phase == 0 else _update(run, s, s.updates[moment.phase - 1], digits)
    if moment.sample_done:  # the sample's outcome first: a short panel cuts the end, not the news
        text = _sample_end(run, moment, digits) + " " + text
    return text


def _start(run: Run, moment: Moment, digits: Digits) -> str:
    d, n = run.description, len(run.data)
    loss = digits.num(run.mean_loss(moment.completed))
    if run.branch is not None:
        branch = run.branch
        before = digits.num(branch.base.mean_loss(branch.origin))
        return (
            f"A fork begins here, {branch.place}: {branch.edit}. With its parameters the loss averaged over all "
            f"{counted(n, 'sample')} is {loss}, against {before} in the run it came from, whose RMSE is the dimmed ghost "
            "on the sparkline. Press n to send the next sample through; u drops the fork."
        )
    text = (
        f"Nothing is trained yet: this is {d.source}, a {d.describe()}. With the starting parameters the loss averaged "
        f"over all {counted(n, 'sample')} is {loss} (RMSE {digits.num(moment.rmse)})."
    )
    if d.fixed:
        text += f" {', '.join(d.fixed)} {'is' if len(d.fixed) == 1 else 'are'} never trained."
    if run.divergence is not None:
        return f"{text} This run {run.divergence} before a single step could finish: try {remedy(run.config, run.data)}."
    return f"{text} Press n to send sample 0 forward through the network, layer by layer."


def _forward(run: Run, s: SampleStep, digits: Digits) -> str:
    d, num = run.description, digits.num
    start = f"Epoch {s.epoch} begins. " if s.sample == 0 else ""
    layers = []
    for layer in d.layers[1:-1]:
        layers.append(", ".join(_node(run, s, node, digits) for node in layer))
    hidden = f"the hidden layer{'s give' if len(layers) > 1 else ' gives'} {'; then '.join(layers)}, and " if layers else ""
    outputs = ", ".join(f"{_node(run, s, o, digits)} (target {num(s.targets[o])})" for o in d.outputs)
    half = 0.5 if d.loss == "half-squared" else 1.0
    shares = " + ".join(num(half * r * r) for r in s.residuals.values())
    each = f" = {shares}" if len(d.outputs) > 1 else ""
    return (
        f"{start}Sample {s.sample} goes forward: {hidden}the output{'s are' if len(d.outputs) > 1 else ' is'} {outputs}. "
        f"The loss {described.loss_name(d)} = {' + '.join(described.loss_terms(d))}{each} = {num(s.loss)}."
    )


def _node(run: Run, s: SampleStep, node: str, digits: Digits) -> str:
    f = ACTIVATIONS[run.description.activation(node)]
    value = digits.num(s.nodes[node])
    return f"{node} = {value}" if f.linear else f"{node} = {f.of(digits.num(s.nodes[run.description.net(node)]))} = {value}"


def _update(run: Run, s: SampleStep, u: Update, digits: Digits) -> str:
    d, num = run.description, digits.num
    link = d.parameter(u.name)
    if u.delta == 0:
        moved = f"∂L/∂{u.name} = {num(u.grad)}, so {u.name} stays at {num(u.new)}."
    else:
        way = "up" if u.delta > 0 else "down"
        moved = (
            f"∂L/∂{u.name} = {num(u.grad)}, so SGD moves {u.name} {way} by {digits.delta(abs(u.delta), sign=False)} to "
            f"{num(u.new)}: Δ{u.name} = -lr·∂L/∂{u.name} = -{lr(run.config.lr)}·{digits.par(u.grad)}."
        )
    feeds = f"{u.name} is a bias, which multiplies 1" if link.bias else f"{u.name} multiplies {link.source} = {num(s.nodes[link.source])}"
    why = [_signal(run, s, target, digits) for target in link.targets]
    sums = f" Its derivative sums the signals of the nodes it feeds: {', '.join(link.targets)}." if len(link.targets) > 1 else ""
    hidden = [target for target in link.targets if target not in d.outputs]
    order = f" {_order(run, s, [w.name for _, w in d.out_of(hidden[0])], digits)}." if hidden else ""
    return f"{moved} {feeds}.{sums} {' '.join(why)}{order}"


def _signal(run: Run, s: SampleStep, node: str, digits: Digits) -> str:
    """What reaches a node's weighted input from the loss, ∂L/∂net_node, and how."""
    d, num = run.description, digits.num
    f = ACTIVATIONS[d.activation(node)]
    net = d.net(node)
    slope = s.signals.get(f"slope:{node}")
    through = "" if f.linear or slope is None else f", times its slope ∂{node}/∂{net} = {num(slope)}{_saturation(slope)},"
    reached = f"∂L/∂{net} = {num(s.signals[f'dnet:{node}'])}"
    if node in d.outputs:
        how = "o - t" if d.loss == "half-squared" else "-2·(t - o)"
        return f"At {node}, ∂L/∂{node} = {how} = {num(s.signals[f'dout:{node}'])}{through} gives {reached}."
    notebook = run.config.order == "notebook"
    carried = []
    for target, link in d.out_of(node):
        weight = s.after[link.name] if notebook else s.before[link.name]
        carried.append(
            f"{num(s.signals[f'dnet:{target}'] * weight)} through {link.name}{'′' if notebook else ''} = {num(weight)} from {target}"
        )
    return (
        f"{node} reaches the loss along each edge out of it, which carry back {', '.join(carried)}: "
        f"∂L/∂{node} = {num(s.signals[f'dout:{node}'])} in all{through} gives {reached}."
    )


def _order(run: Run, s: SampleStep, weights: list[str], digits: Digits) -> str:
    """Why the hidden signal uses these values of the weights above: the difference between the two orders."""
    num = digits.num
    if run.config.order == "notebook":
        was = ", ".join(f"{name} = {num(s.before[name])}" for name in weights)
        return (
            "Notebook order: the weights above as just updated in this sample, as the notebook overwrites each in turn; "
            f"the forward pass used {was}"
        )
    now = ", ".join(f"{name}′ = {num(s.after[name])}" for name in weights)
    return (
        "Simultaneous order: the weights from before the sample, so every update follows this sample's true gradient; "
        f"notebook order would use {now}"
    )


def _saturation(slope: float) -> str:
    if slope == 0:
        return ", zero: this unit is off for this sample, so nothing passes back through it"
    if abs(slope) < 0.01:
        return ", nearly zero: this unit is saturated and passes almost nothing back"
    return ""


def _sample_end(run: Run, moment: Moment, digits: Digits) -> str:
    s = moment.step
    assert s is not None
    num, n = digits.num, len(run.data)
    before, after = run.mean_loss(s.index), run.mean_loss(moment.completed)
    went = "down" if after < before else "up" if after > before else "nowhere"
    one = " (the total error after this round)" if n == 1 else ""
    everything = f"the loss averaged over all {counted(n, 'sample')}"
    text = f"Sample {s.sample} is done: {everything} went {went} from {num(before)} to {num(after)}{one}."
    if run.finished and moment.position == run.final:
        if run.divergence is not None:
            dv = run.divergence
            text += (
                f" Training stops here: at epoch {dv.epoch}, sample {dv.sample} the {dv.quantity} would no longer be a finite "
                f"number. Try {remedy(run.config, run.data)}."
            )
        else:
            final = run.weights[run.steps : run.steps + 1]
            outputs = outputs_after(run.description, final, run.data, np.array([s.sample]))
            said = ", ".join(f"{name} = {num(float(values[0]))}" for name, values in outputs.items())
            text += f" Training is complete after {run.steps} sample-steps: with the final parameters sample {s.sample} gives {said}."
    return text
