"""Plain-words narration of a micro-step, with the live numbers.

Every figure quoted comes from the model (`Moment`, `SampleStep`, `Update`);
this module only phrases them. It imports nothing from textual, so the
transcript and the tests use it without a screen.
"""

from __future__ import annotations

from model import Moment, Run, SampleStep, Update
from model.parameters import HIDDEN, pre
from tui.wording.advice import remedy
from tui.wording.fmt import delta, lr, num
from tui.wording.formulas import factor_numbers
from tui.wording.netnarration import narrate_network


def narrate(run: Run, moment: Moment) -> str:
    """One short paragraph on what this micro-step did and why."""
    if run.notebook is None:
        return narrate_network(run, moment)
    s = moment.step
    if s is None and run.branch is not None:
        return _fork_start(run, moment)
    if s is None:
        text = f"Nothing is trained yet. With the starting weights the RMSE over all {len(run.data)} samples is {num(moment.rmse)}."
        if not run.config.generated:
            text += " " + _columns(run)
        if run.divergence is not None:
            return f"{text} This run {run.divergence} before a single step could finish: try {remedy(run.config, run.data)}."
        return f"{text} Press n to send sample 0 forward through the network."
    if moment.phase == 0:
        text = _forward(run, s)
    else:
        update = s.updates[moment.phase - 1]
        text = _update(run, s, update)
    if moment.sample_done:  # the sample's outcome first: a short panel cuts the end, not the news
        text = _sample_end(run, moment) + " " + text
    return text


def _columns(run: Run) -> str:
    """Which columns the run learns from and to predict, and where each choice came from."""
    c, (x1, x2, y) = run.config, run.data.names
    file = c.data is not None
    target = "" if c.target else ", the file's last column" if file else ", the dataset's own target"
    features = "" if c.features else ", its first two other columns" if file else ", the two most correlated with it"
    return f"ŷ predicts {y}{target}, from X1 = {x1} and X2 = {x2}{features} (--target and --features choose others)."


def _fork_start(run: Run, moment: Moment) -> str:
    """What the fork changed, and what the change alone did to the RMSE."""
    branch = run.branch
    assert branch is not None
    name, was = branch.edit.name, branch.before
    old = was if isinstance(was, str) else lr(was) if name == "lr" else num(was)
    before = float(branch.base.rmse[branch.origin])
    return (
        f"A fork begins here, {branch.place}: {branch.edit} instead of {old}. With its parameters the RMSE over all "
        f"{len(run.data)} samples is {num(moment.rmse)}, against {num(before)} in the run it came from, whose RMSE is "
        f"the dimmed ghost on the sparkline. Press n to send the next sample through; u drops the fork."
    )


def _direction(value: float, up: str = "up", down: str = "down") -> str:
    return up if value > 0 else down if value < 0 else "nowhere"


def _forward(run: Run, s: SampleStep) -> str:
    start = f"Epoch {s.epoch} begins. " if s.sample == 0 else ""
    if s.residual == 0:
        verdict = "exactly right, so no weight will move"
    else:
        verdict = f"too {_direction(-s.residual, 'high', 'low')}, so every weight is about to be nudged to move ŷ {_direction(s.residual)}"
    n, f = s.nodes, run.network.f
    hidden = ", ".join(f"{unit} = {num(n[unit])}" for unit in HIDDEN)
    if not f.linear:
        inputs = " and ".join(f"{pre(unit)} = {num(n[pre(unit)])}" for unit in HIDDEN)
        hidden = f"{inputs} become " + ", ".join(f"{unit} = {f.of(pre(unit))} = {num(n[unit])}" for unit in HIDDEN)
    return (
        f"{start}Sample {s.sample} goes forward: {hidden}, so ŷ = {num(n['ŷ'])} while y = {num(s.y)}. "
        f"The residual r = y - ŷ = {num(s.residual)} says the guess was {verdict}; the loss is L = r² = {num(s.loss)}."
    )


def _update(run: Run, s: SampleStep, u: Update) -> str:
    order, network = run.config.order, run.network
    p = network.parameter(u.name)
    slope = f"{network.factor(p, order)} = {factor_numbers(u, alone=True)}"
    grad = f"∂L/∂{u.name} = {network.derivative(p, order)} = {num(u.grad)}"
    outer = network.outer(p)
    if outer is None:
        first = (
            f"{grad}. SGD steps against it by {network.change(p, order)} = {delta(u.delta)}: "
            f"lr absorbs the 2 from differentiating r², so the step is -(lr/2)·∂L/∂{u.name} with lr = {lr(run.config.lr)}."
        )
    else:
        first = f"{grad}, with {network.terms(p, order)[0].symbol} = {num(u.factors[0])}: " + _which(run, s, outer.name)
        if not network.f.linear:
            first += _saturation(run, s, u, p.into)
    if u.delta == 0:  # a zero factor or a zero residual: the why is the zero, and "goes nowhere by 0" says nothing
        moved = f"{u.name} stays at {num(u.new)}, because ŷ changes by {slope} for each unit of {u.name} and r = {num(s.residual)}."
    else:
        moved = (
            f"{u.name} goes {_direction(u.delta)} by {delta(abs(u.delta), sign=False)}, to {num(u.new)}, "
            f"because ŷ changes by {slope} for each unit of {u.name} and r asks ŷ to go {_direction(s.residual)}."
        )
    return f"{first} {moved}"


def _saturation(run: Run, s: SampleStep, u: Update, unit: str) -> str:
    """What the activation's slope does to the signal back to a hidden parameter."""
    f = run.network.f
    slope = u.factors[1]
    said = f" The slope {f.slope_of(unit, pre(unit))} = {num(slope)}"
    if slope == 0:
        return said + f" is zero: {unit} is off for this sample, so nothing reaches {u.name}."
    if abs(slope) < 0.01:
        return said + f" is nearly zero: {unit} is saturated, so {u.name} barely learns from this sample."
    return said + f" passes {slope:.0%} of the signal back through {unit}."


def _which(run: Run, s: SampleStep, weight: str) -> str:
    """Why the derivative uses this value of an output weight: the difference between the two orders."""
    forward_value = num(s.before[weight])
    if run.config.order == "notebook":
        return f"updated earlier in this sample (the forward pass used {forward_value}), as the notebook overwrites each weight in turn."
    return (
        f"the forward pass's value, so every update follows this sample's true gradient "
        f"(notebook order would use the freshly updated {num(s.after[weight])})."
    )


def _sample_end(run: Run, moment: Moment) -> str:
    s = moment.step
    assert s is not None
    before = float(run.rmse[s.index])
    went = _direction(moment.rmse - before)
    text = f"Sample {s.sample} is done: the RMSE over all samples went {went} from {num(before)} to {num(moment.rmse)}."
    if s.sample == len(run.data) - 1:
        text += f" Epoch {s.epoch} ends with RMSE {num(moment.rmse)}."
    if run.finished and moment.position == run.final:
        if run.divergence is not None:
            d = run.divergence
            text += (
                f" Training stops here: at epoch {d.epoch}, sample {d.sample} the {d.quantity} would no longer be a finite number, "
                f"because the steps grew faster than they shrank the error. Try {remedy(run.config, run.data)}."
            )
        else:
            text += " Training is complete: " + _result(run, moment)
    return text


def _result(run: Run, moment: Moment) -> str:
    """What the trained network computes, as a linear formula when it is one."""
    betas = run.network.betas(moment.weights)
    if not betas:
        return f"with {run.network.f.of('z')} units, ŷ is not a linear function of the inputs, so there is no β to compare."
    formula = f"{num(betas['beta1'])}·X1 + {num(betas['beta2'])}·X2"
    if "beta0" in betas:
        formula += f" + {num(betas['beta0'])}"
    return f"the network computes ŷ = {formula}."
