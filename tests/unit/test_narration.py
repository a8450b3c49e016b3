"""Narration covers every phase, both orders, epoch ends, the end of a run and divergence, with live numbers."""

import pytest

from model import Config, Network, train
from tui.wording.fmt import delta, num
from tui.wording.narration import narrate


@pytest.fixture(scope="module")
def simultaneous():
    return train(Config.from_options({"order": "simultaneous"}))


def test_start_quotes_the_initial_rmse(noisy):
    assert "131.8235" in narrate(noisy, noisy.at(0))


def test_forward_quotes_the_residual_and_which_way_y_hat_must_go(noisy):
    moment = noisy.at(noisy.position(1, 0))
    text = narrate(noisy, moment)
    assert text.startswith("Epoch 1 begins.")
    assert f"r = y - ŷ = {num(moment.step.residual)}" in text
    assert "too high" in text and "move ŷ down" in text  # y = -86.45 < ŷ = -1.83


PHASES = Network().phases


@pytest.mark.parametrize("phase", PHASES[1:])
def test_every_update_names_its_derivative_and_change(noisy, phase):
    moment = noisy.at(noisy.position(1, 3, phase))
    update = moment.step.updates[moment.phase - 1]
    text = narrate(noisy, moment)
    assert f"∂L/∂{phase} = " in text and num(update.grad) in text
    assert f"{phase} goes {'up' if update.delta > 0 else 'down'} by {delta(abs(update.delta), sign=False)}, to {num(update.new)}" in text


@pytest.mark.parametrize("phase", PHASES[1:])
@pytest.mark.parametrize("order", ["notebook", "simultaneous"])
def test_the_narration_writes_each_formula_as_the_panels_do(phase, order):
    run = train(Config.from_options({"order": order, "epochs": "1"}))
    moment = run.at(run.position(1, 3, phase))
    assert f"∂L/∂{phase} = {run.network.derivative(run.network.parameter(phase), order)} = " in narrate(run, moment)


def test_output_weights_explain_that_lr_absorbs_the_factor_two(noisy):
    assert "lr absorbs the 2" in narrate(noisy, noisy.at(noisy.position(1, 0, "w5")))


def test_the_two_orders_say_which_w5_the_derivative_uses(noisy, simultaneous):
    notebook = narrate(noisy, noisy.at(noisy.position(1, 0, "w1")))
    step = noisy.step(0)
    assert (
        f"with w5′ = {num(step.after['w5'])}" in notebook
        and f"updated earlier in this sample (the forward pass used {num(step.before['w5'])})" in notebook
    )
    other = narrate(simultaneous, simultaneous.at(simultaneous.position(1, 0, "w1")))
    assert f"with w5 = {num(step.before['w5'])}" in other and "forward pass's value" in other


def test_sample_and_epoch_ends_report_the_rmse(noisy):
    text = narrate(noisy, noisy.at(noisy.position(1, 99, "w4")))
    assert "Sample 99 is done" in text and "Epoch 1 ends with RMSE 129.8450." in text
    last = narrate(noisy, noisy.at(noisy.positions - 1))
    assert "Training is complete" in last


def test_divergence_is_explained_at_the_last_step():
    run = train(Config.from_options({"lr": "5"}))
    text = narrate(run, run.at(run.positions - 1))
    assert f"at epoch {run.divergence.epoch}, sample {run.divergence.sample}" in text and "smaller --lr" in text


def test_every_update_says_which_way_its_weight_moved_or_that_it_stayed(tmp_path):
    # A zero input (X1 = 0 on row 0) leaves w1 and w2 where they were: "goes nowhere by 0" would say nothing of why.
    path = tmp_path / "zeros.csv"
    path.write_text("a,b,y\n" + "".join(f"{i % 3},{i % 5 + 1},{2 * i + 1}\n" for i in range(9)))
    run = train(Config.from_options({"data": str(path), "epochs": 1}))
    stayed = 0
    for position in range(1, run.positions):
        moment = run.at(position)
        if moment.phase == 0:
            continue
        update = moment.step.updates[moment.phase - 1]
        text = narrate(run, moment)
        assert "nowhere" not in text
        if update.delta == 0:
            stayed += 1
            assert f"{update.name} stays at {num(update.new)}" in text
        else:
            assert f"{update.name} goes {'up' if update.delta > 0 else 'down'} by {delta(abs(update.delta), sign=False)}" in text
    assert stayed >= 2
