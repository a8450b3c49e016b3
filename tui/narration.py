"""Plain-words narration of a micro-step, with the live numbers.

Every figure quoted comes from the model (`Moment`, `SampleStep`, `Update`);
this module only phrases them. It imports nothing from textual, so the
transcript and the tests use it without a screen.
"""

from __future__ import annotations

from model import Moment, Run, SampleStep, Update
from model.run import remedy
from tui.fmt import delta, lr, num
from tui.formulas import OUTER, factor, factor_numbers, formula, outer


def narrate(run: Run, moment: Moment) -> str:
    """One short paragraph on what this micro-step did and why."""
    s = moment.step
    if s is None:
        text = f"Nothing is trained yet. With the starting weights the RMSE over all {len(run.data)} samples is {num(moment.rmse)}."
        if run.divergence is not None:
            return f"{text} This run {run.divergence} before a single step could finish: try {remedy(run.config)}."
        return f"{text} Press n to send sample 0 forward through the network."
    if moment.phase == 0:
        text = _forward(s)
    else:
        update = s.updates[moment.phase - 1]
        text = _update(run, s, update)
    if moment.sample_done:  # the sample's outcome first: a short panel cuts the end, not the news
        text = _sample_end(run, moment) + " " + text
    return text


def _direction(value: float, up: str = "up", down: str = "down") -> str:
    return up if value > 0 else down if value < 0 else "nowhere"


def _forward(s: SampleStep) -> str:
    start = f"Epoch {s.epoch} begins. " if s.sample == 0 else ""
    if s.residual == 0:
        verdict = "exactly right, so no weight will move"
    else:
        verdict = f"too {_direction(-s.residual, 'high', 'low')}, so every weight is about to be nudged to move ŷ {_direction(s.residual)}"
    return (
        f"{start}Sample {s.sample} goes forward: H1 = {num(s.h1)}, H2 = {num(s.h2)}, so ŷ = {num(s.y_hat)} while y = {num(s.y)}. "
        f"The residual r = y − ŷ = {num(s.residual)} says the guess was {verdict}; the loss is L = r² = {num(s.loss)}."
    )


def _update(run: Run, s: SampleStep, u: Update) -> str:
    order = run.config.order
    slope = f"{factor(u.name, order)} = {factor_numbers(s, u, alone=True)}"
    grad = f"∂L/∂{u.name} = {formula(u.name, order)} = {num(u.grad)}"
    if u.uses is None:
        first = (
            f"{grad}. SGD steps against it by lr·{factor(u.name, order)}·r = {delta(u.delta)}: "
            f"lr absorbs the 2 from differentiating r², so the step is −(lr/2)·∂L/∂{u.name} with lr = {lr(run.config.lr)}."
        )
    else:
        first = f"{grad}, with {outer(u.name, order)} = {num(u.uses)}: " + _which(run, s, OUTER[u.name])
    moved = (
        f"{u.name} goes {_direction(u.delta)} by {delta(abs(u.delta), sign=False)}, to {num(u.new)}, "
        f"because ŷ changes by {slope} for each unit of {u.name} and r asks ŷ to go {_direction(s.residual)}."
    )
    return f"{first} {moved}"


def _which(run: Run, s: SampleStep, weight: str) -> str:
    """Why the derivative uses this value of w5 or w6: the difference between the two orders."""
    forward_value = num(getattr(s.before, weight))
    if run.config.order == "notebook":
        return f"updated earlier in this sample (the forward pass used {forward_value}), as the notebook overwrites each weight in turn."
    return (
        f"the forward pass's value, so all six updates follow this sample's true gradient "
        f"(notebook order would use the freshly updated {num(getattr(s.after, weight))})."
    )


def _sample_end(run: Run, moment: Moment) -> str:
    s = moment.step
    assert s is not None
    before = float(run.rmse[s.index])
    went = _direction(moment.rmse - before)
    text = f"Sample {s.sample} is done: the RMSE over all samples went {went} from {num(before)} to {num(moment.rmse)}."
    if s.sample == len(run.data) - 1:
        text += f" Epoch {s.epoch} ends with RMSE {num(moment.rmse)}."
    if moment.position == run.positions - 1:
        if run.divergence is not None:
            d = run.divergence
            text += (
                f" Training stops here: at epoch {d.epoch}, sample {d.sample} the {d.quantity} would no longer be a finite number, "
                f"because the steps grew faster than they shrank the error. Try {remedy(run.config)}."
            )
        else:
            w = moment.weights
            text += f" Training is complete: the network computes ŷ = {num(w.beta1)}·X1 + {num(w.beta2)}·X2."
    return text
