"""Predict, then reveal: what the learner is asked before a micro-step, and how a guess is scored."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, get_args

from model import InputError, Run
from model.numbers import real
from tui.wording.fmt import last_digit

Kind = Literal["derivative", "weight"]
"""What predict mode asks for: the derivative ∂L/∂w, or the weight after its update."""
KINDS: tuple[Kind, ...] = get_args(Kind)
"""Every kind, in the order p goes through them."""
TOLERANCE = 0.01
"""How close a guess must come: within 1% of the derivative, or of the weight's change (see `Verdict.close`)."""
RULE = (
    "a derivative is close within 1%; a new weight is judged by the change it implies, "
    "close within 1% of the true change or when it is the new weight as the screen writes it"
)
"""The scoring rule in words, for the help and the README."""


@dataclass(frozen=True)
class Question:
    """One value to predict before it is revealed."""

    label: str
    """What is asked, e.g. "∂L/∂w5" or "w5 after its update"."""
    hint: str
    """The formula that gives it."""
    truth: float
    """The value the engine computed."""
    before: float | None = None
    """The weight before its update, when the new weight is asked: a guess is judged by the change it implies."""


@dataclass(frozen=True)
class Verdict:
    """A guess set against the true value."""

    question: Question
    """What was asked."""
    guess: float
    """What the learner typed."""

    @property
    def error(self) -> float:
        """guess - truth."""
        return self.guess - self.question.truth

    @property
    def close(self) -> bool:
        """Whether the guess counts as right.

        A derivative: within TOLERANCE of it (or 1e-6, near zero). A new weight w' = w + Δ: the change the
        guess implies, guess - w, within TOLERANCE of Δ; or the guess is w' as the screen writes it
        (within half its last digit). So typing the unchanged w is never close unless Δ is below what the
        screen shows, however small Δ is beside w.
        """
        truth, before = self.question.truth, self.question.before
        if before is None:
            return math.isclose(self.guess, truth, rel_tol=TOLERANCE, abs_tol=1e-6)
        allowed = max(TOLERANCE * abs(truth - before), last_digit(truth) / 2)
        return abs(self.guess - truth) <= allowed * (1 + 1e-9)  # the guess was typed in decimal: allow its last bit


@dataclass(frozen=True)
class Score:
    """The running tally of a predict session."""

    asked: int = 0
    """Guesses made."""
    close: int = 0
    """Guesses within TOLERANCE."""

    def add(self, verdict: Verdict) -> Score:
        """The tally with one more guess."""
        return Score(self.asked + 1, self.close + verdict.close)

    def __str__(self) -> str:
        return f"{self.close}/{self.asked} within {TOLERANCE:.0%}"


def question(run: Run, position: int, kind: Kind) -> Question | None:
    """What to ask before showing `position`; None when it is not a weight update."""
    moment = run.at(position)
    if moment.step is None or moment.phase < 1 or position != moment.position:
        return None
    update = moment.step.updates[moment.phase - 1]
    network = run.notebook
    if network is None:
        from tui.wording.described import symbols

        formula, rate = symbols(run, update.name), "lr"
    else:
        formula, rate = network.derivative(network.parameter(update.name), run.config.order), "(lr/2)"
    if kind == "derivative":
        return Question(f"∂L/∂{update.name}", formula, update.grad)
    hint = f"{update.name} - {rate}·∂L/∂{update.name}, with ∂L/∂{update.name} = {formula}"
    return Question(f"{update.name} after its update", hint, update.new, before=update.old)


def parse_guess(text: str) -> float:
    """The number typed; InputError says, in a few words, why it is not one."""
    try:
        return real("guess", text)
    except InputError:
        raise InputError("type a finite number, e.g. -141.8 or 0.38 or 3e-4") from None
