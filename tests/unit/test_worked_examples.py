"""The shipped worked examples reproduce every figure their sources print, to the digits printed.

Mazur's post prints its per-step weights from the simultaneous order (w1 uses the w5..w8 from before the sample)
and its errors after one round and after 10,000 from the notebook order (w1 uses the w5..w8 just updated): each
figure is held in the order that produces it, and the two orders are shown to differ where the post says so.
Hagan, Demuth and Beale's chapter 11 example computes every sensitivity first: the simultaneous order.
"""

import math

import numpy as np
import pytest

from model import Config, train
from model.described import FullError, outputs_after


def printed(value: float, text: str) -> bool:
    """Whether `value` rounds to `text` at the number of decimals printed."""
    decimals = len(text.split(".")[1])
    return f"{value:.{decimals}f}" == text or f"{round(value, decimals):.{decimals}f}" == text


def mazur(order: str, epochs: int = 1):
    return train(Config.from_options({"network": "mazur", "order": order, "epochs": str(epochs)}))


MAZUR_FORWARD = {
    "net_h1": "0.3775",
    "h1": "0.593269992",
    "h2": "0.596884378",
    "net_o1": "1.105905967",
    "o1": "0.75136507",
    "o2": "0.772928465",
}
MAZUR_SIMULTANEOUS = {  # the new weights after one round, as the post updates them: all from the old ones
    "w5": "0.35891648",
    "w6": "0.408666186",
    "w7": "0.511301270",
    "w8": "0.561370121",
    "w1": "0.149780716",
    "w2": "0.19956143",
    "w3": "0.24975114",
    "w4": "0.29950229",
}


@pytest.mark.parametrize("order", ["notebook", "simultaneous"])
def test_mazur_forward_pass_error_and_output_layer_figures(order):
    step = mazur(order).step(0)
    for name, text in MAZUR_FORWARD.items():
        assert printed(step.nodes[name], text), (name, step.nodes[name], text)
    halves = {o: 0.5 * r * r for o, r in step.residuals.items()}
    assert printed(halves["o1"], "0.274811083") and printed(halves["o2"], "0.023560026")
    assert printed(step.loss, "0.298371109")
    assert printed(step.signals["dout:o1"], "0.74136507"), "∂E/∂out_o1"
    assert printed(step.signals["slope:o1"], "0.186815602"), "∂out_o1/∂net_o1"
    assert printed(step.signals["dnet:o1"], "0.138498562"), "∂E_o1/∂net_o1"
    grads = {u.name: u.grad for u in step.updates}
    assert printed(grads["w5"], "0.082167041")
    for name in ("w5", "w6", "w7", "w8"):  # the output layer's updates are the same in both orders
        assert printed(step.after[name], MAZUR_SIMULTANEOUS[name])


def test_mazur_hidden_layer_figures_in_simultaneous_order():
    step = mazur("simultaneous").step(0)
    assert printed(step.signals["dnet:o1"] * 0.40, "0.055399425"), "∂E_o1/∂out_h1 = δ_o1·w5"
    # The post multiplies its figures as printed, to 9 decimals: δ_o2·w7 itself is -0.0190491183 to 10.
    assert printed(round(step.signals["dnet:o2"], 9) * 0.50, "-0.019049119"), "∂E_o2/∂out_h1 = δ_o2·w7"
    assert printed(step.signals["dout:h1"], "0.036350306"), "∂E_total/∂out_h1"
    assert printed(step.signals["slope:h1"], "0.241300709"), "∂out_h1/∂net_h1"
    assert printed(next(u.grad for u in step.updates if u.name == "w1"), "0.000438568")
    for name, text in MAZUR_SIMULTANEOUS.items():
        assert printed(step.after[name], text), (name, step.after[name], text)


def test_mazur_errors_after_one_round_tell_the_two_orders_apart():
    errors = {}
    for order in ("notebook", "simultaneous"):
        run = mazur(order)
        errors[order] = float(FullError(run.description, run.data).loss(run.weights[1:2])[0])
    assert printed(errors["notebook"], "0.291027924"), "the post's error after the first round"
    assert printed(errors["simultaneous"], "0.291027774"), "what its per-step weights give"
    notebook = mazur("notebook").step(0)
    assert not printed(notebook.after["w1"], "0.149780716"), "in notebook order w1 uses the w5..w8 just updated"


def test_mazur_after_10000_rounds_in_notebook_order():
    run = mazur("notebook", 10_000)
    final = run.weights[-1:]
    assert printed(float(FullError(run.description, run.data).loss(final)[0]), "0.000035085")
    outputs = outputs_after(run.description, final, run.data, np.array([0]))
    assert printed(float(outputs["o1"][0]), "0.015912196") and printed(float(outputs["o2"][0]), "0.984065734")
    simultaneous = mazur("simultaneous", 10_000)
    assert not printed(float(outputs_after(run.description, simultaneous.weights[-1:], run.data, np.array([0]))["o1"][0]), "0.015912196")


HAGAN = {  # chapter 11's example, one iteration at p = 1
    "a1_1": "0.321",
    "a1_2": "0.368",
    "a2": "0.446",
}


def test_hagan_chapter_11_example():
    config = Config.from_options({"network": "hagan"})
    assert config.order == "simultaneous" and config.lr == 0.1
    run = train(config)
    step = run.step(0)
    assert step.targets["a2"] == 1 + math.sin(math.pi / 4)
    for name, text in HAGAN.items():
        assert printed(step.nodes[name], text), (name, step.nodes[name])
    assert printed(step.residuals["a2"], "1.261"), "e = t − a"
    assert printed(step.signals["dnet:a2"], "-2.522"), "s² = −2·(t − a)"
    assert printed(step.signals["dnet:a1_1"], "-0.0495") and printed(step.signals["dnet:a1_2"], "0.0997"), "s¹"
    after = step.after
    assert printed(after["w2_1"], "0.171") and printed(after["w2_2"], "-0.0772"), "W²(1)"
    assert printed(after["b2"], "0.732"), "b²(1)"
    assert printed(after["w1_1"], "-0.265") and printed(after["w1_2"], "-0.420"), "W¹(1)"
    assert printed(after["b1_1"], "-0.475") and printed(after["b1_2"], "-0.140"), "b¹(1)"
