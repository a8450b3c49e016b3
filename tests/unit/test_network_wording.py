"""How a network from a file's numbers and formulas are written: one notation a line, enough significant digits
that a product shown reads right, a number from the file as short as it was written, a computed one to every decimal
the network asks for, and a node's formula dropped only when no form with it fits."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import Config, train
from model.networks import SHIPPED
from tui.wording import described
from tui.wording.fmt import SIGNIFICANT, Digits

NUMBER = re.compile(r"(?<![\w.′])-?\d+(?:\.\d+)?(?:e[+-]\d+)?")
MAGNITUDES = st.floats(1e-12, 1e5).flatmap(lambda m: st.sampled_from([m, -m]))


def notations(line: str) -> set[str]:
    """The notations of the numbers on `line`, integers apart (a count, a 1 of a bias)."""
    return {"scientific" if "e" in n else "fixed" for n in NUMBER.findall(line) if "." in n or "e" in n}


@given(values=st.lists(MAGNITUDES, min_size=1, max_size=5), decimals=st.sampled_from([4, 6, 9]))
def test_a_line_is_in_one_notation_and_each_number_keeps_its_significant_digits(values, decimals):
    digits = Digits(decimals, trim=True).line(*values)
    written = [digits.num(value) for value in values]
    assert len(notations(" ".join(written))) == 1, written
    for value, text in zip(values, written, strict=True):
        assert math.isclose(float(text), value, rel_tol=10 ** (1 - SIGNIFICANT)), (value, text)
        if "e" not in text:
            assert len(text.split(".")[1]) >= decimals, f"{text}: fewer than the {decimals} decimals asked for"


@pytest.mark.parametrize("value", [0.05, 0.5, -0.13, 0.35, 1.0, 0.15])
def test_a_number_from_the_file_stays_as_written_and_a_computed_one_keeps_every_decimal(value):
    digits = Digits(9, trim=True)
    assert digits.num(value, given=True) == repr(value).removesuffix(".0")
    assert digits.num(value + 1e-12) == f"{value:.9f}", "a computed number: every decimal the network asks for"
    assert Digits().num(value) == f"{value:.4f}", "the notebook's network keeps its four decimals"


def runs():
    """Every shipped network in both orders, one epoch, and a deep one whose last derivatives are small."""
    for name in SHIPPED:
        for order in ("notebook", "simultaneous"):
            yield train(Config.from_options({"network": name, "order": order, "epochs": "1"}))


@pytest.mark.parametrize("run", list(runs()), ids=lambda r: f"{r.description.source}-{r.config.order}")
def test_every_change_and_derivative_shown_reads_right(run):
    """Δp = -lr·(∂L/∂p as shown) is the change as shown, to the digits shown; a chain of one factor is not written
    twice; every line is in one notation."""
    digits = Digits.of(run.description)
    steps = {id(step): step for p in range(run.positions) if (step := run.at(p).step) is not None}
    for step in steps.values():
        for u in step.updates:
            line = described.change_forms(run, u.name, u.grad, u.delta, digits)[1]
            grad, change = (float(n) for n in NUMBER.findall(line.split("·", 1)[1].replace("(", "").replace(")", "")))
            assert math.isclose(-run.config.lr * grad, change, rel_tol=2e-3, abs_tol=1e-15), line
            assert len(notations(line)) <= 1, line
            for form in described.derivative_forms(run, step, u.name, digits):
                assert len(notations(form)) <= 1, form
                parts = form.split(" = ")
                assert parts[-2].strip("()") != parts[-1] or len(parts) == 2, f"the value written twice: {form}"


@pytest.mark.parametrize("run", list(runs())[::2], ids=lambda r: r.description.source)
def test_a_nodes_formula_is_dropped_only_when_no_form_with_it_fits(run):
    step = run.at(run.positions - 1).step
    assert step is not None
    digits = Digits.of(run.description)
    for node in (node for layer in run.description.layers[1:] for node in layer):
        forms = described.node_forms(run, step, node, digits)
        sums, filled = described.weighted(run.description, node), described.weighted_numbers(run.description, step, node, digits)
        with_formula = [form for form in forms if sums in form or filled in form]
        for width in range(20, 140):
            line = described.node_lines(run, step, node, digits, width, wrap=False)[0]
            if any(len(form) <= width for form in with_formula):
                assert sums in line or filled in line, f"{node} at {width}: {line}"
            wrapped = described.node_lines(run, step, node, digits, width, wrap=True)
            if len(wrapped) == 2:
                assert sums in wrapped[0] or filled in wrapped[0], f"{node} at {width}: {wrapped}"
            assert all(len(text) <= width for text in wrapped) or wrapped == [forms[-1]], f"{node} at {width}: {wrapped}"
