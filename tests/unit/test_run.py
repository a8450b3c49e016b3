"""Stepping, stepping back, seeking and the headless rows give the same floats."""

import numpy as np
import pytest

from model import Config, InputError, train
from model.network import FullRmse
from model.options import MAX_STEPS

NETWORKS = [{}, {"activation": "tanh", "bias": True}, {"activation": "relu"}, {"activation": "sigmoid", "bias": True}]


@pytest.fixture(
    scope="module",
    params=[(order, network) for order in ("notebook", "simultaneous") for network in NETWORKS],
    ids=lambda p: "-".join([p[0], *map(str, p[1].values())]),
)
def run(request):
    order, network = request.param
    return train(Config.from_options({"order": order, "epochs": "3", **network}))


def test_positions_cover_start_and_a_micro_step_per_parameter_and_sample(run):
    per_sample = 1 + len(run.network.names)
    assert run.per_sample == per_sample and run.positions == 1 + per_sample * 300
    start = run.at(0)
    assert start.step is None and start.phase_name == "start" and start.rmse == run.rmse[0]
    last = run.at(run.positions - 1)
    assert last.sample_done and last.completed == 300 and last.weights.numbers == tuple(run.weights[-1])


def test_micro_steps_apply_one_parameter_at_a_time(run):
    previous = run.at(1).weights
    assert previous.numbers == tuple(run.weights[0])
    for position in range(2, 1 + run.per_sample):
        moment = run.at(position)
        changed = [name for name, a, b in zip(moment.weights.names, previous.numbers, moment.weights.numbers) if a != b]
        moved = moment.step.updates[moment.phase - 1].delta != 0  # a ReLU unit that is off moves nothing behind it
        assert run.network.phases[moment.phase] == moment.phase_name
        assert changed == ([moment.phase_name] if moved else [])
        previous = moment.weights


def test_position_arithmetic_agrees_with_the_moments(run):
    """Every position's sample end, epoch end and previous sample end, against what `at` says about them."""
    n = len(run.data)
    for position in [*range(0, 3 * run.per_sample), *range(run.positions - 3 * run.per_sample, run.positions)]:
        moment = run.at(position)
        assert run.completed(position) == moment.completed
        end = run.at(run.next_sample_end(position))
        assert end.sample_done and end.completed == min(moment.completed + 1, run.steps)
        epoch_end = run.at(run.next_epoch_end(position))
        assert epoch_end.completed == min((moment.completed // n + 1) * n, run.steps) and epoch_end.sample_done
        previous = run.previous_sample_end(position)
        if moment.step is None or moment.step.index == 0:
            assert previous == 0
        else:
            assert run.at(previous).sample_done and run.at(previous).completed == moment.step.index


def test_stepping_forward_back_and_seeking_agree_bitwise(run):
    forward = [run.at(p) for p in range(run.positions)]
    fresh = train(run.config)
    backward = [fresh.at(p) for p in reversed(range(fresh.positions))][::-1]
    assert forward == backward
    target = fresh.position(2, 57, "w3")
    assert fresh.at(target) == forward[target]
    assert forward[target].step.epoch == 2 and forward[target].step.sample == 57 and forward[target].phase_name == "w3"


def test_loop_and_vectorised_recomputation_agree_bitwise(run):
    batch = run.batch(0, run.steps)
    assert np.array_equal(batch.after, run.weights[1:])


def test_rmse_is_the_full_data_rmse_of_each_step(run):
    d = run.data
    f = {"linear": lambda z: z, "tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "relu": lambda z: np.maximum(z, 0)}[
        run.config.activation
    ]
    for k in (0, 1, 150, 300):
        w = dict(zip(run.network.names, run.weights[k]))
        b = [w.get(name, 0.0) for name in ("b1", "b2", "b3")]
        fitted = w["w5"] * f(w["w1"] * d.x1 + w["w3"] * d.x2 + b[0]) + w["w6"] * f(w["w2"] * d.x1 + w["w4"] * d.x2 + b[1]) + b[2]
        assert run.rmse[k] == pytest.approx(np.sqrt(np.mean((d.y - fitted) ** 2)), rel=1e-12)


def test_rmse_does_not_depend_on_the_chunking(run):
    full = FullRmse.of(run.network, run.data)
    one_by_one = np.array([full(run.weights[k : k + 1])[0] for k in range(run.steps + 1)])
    assert np.array_equal(one_by_one, run.rmse)


def test_seek_rejects_positions_outside_the_run(run):
    with pytest.raises(ValueError, match="no step at epoch 4"):
        run.position(4, 0)
    with pytest.raises(ValueError, match=r"samples 0\.\.99"):
        run.position(1, 100)


def test_betas_are_the_linear_coefficients_of_a_linear_network_only(run):
    w = run.at(run.positions - 1).weights.as_dict()
    betas = run.network.betas(w)
    if run.config.activation != "linear":
        assert betas == {}
        return
    assert betas["beta1"] == w["w1"] * w["w5"] + w["w2"] * w["w6"] and betas["beta2"] == w["w3"] * w["w5"] + w["w4"] * w["w6"]
    if run.config.bias:
        assert betas["beta0"] == w["b1"] * w["w5"] + w["b2"] * w["w6"] + w["b3"]


def test_divergence_is_reported_at_its_first_sample_without_warnings(recwarn):
    run = train(Config.from_options({"lr": "0.5"}))
    assert run.divergence is not None
    assert (run.divergence.epoch, run.divergence.sample) == run.locate(run.steps)
    assert str(run.divergence).startswith(f"diverged at epoch {run.divergence.epoch}, sample {run.divergence.sample}")
    assert np.isfinite(run.weights).all() and np.isfinite(run.rmse).all()
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
    bad = run.batch(run.steps - 1, run.steps)
    assert np.isfinite(bad.grads).all()


def test_divergence_later_in_a_run_is_found_exactly():
    run = train(Config.from_options({"lr": "0.02", "epochs": "50"}))
    assert run.divergence is not None and run.steps > 0
    cfg = Config.from_options({"lr": "0.02", "epochs": str(run.divergence.epoch)})
    longer = train(cfg)
    assert np.array_equal(longer.weights, run.weights)


def test_too_large_a_run_is_refused():
    with pytest.raises(InputError, match="--epochs: epochs × samples must be at most"):
        train(Config.from_options({"epochs": str(MAX_STEPS // 100 + 1)}))


@pytest.mark.parametrize("options", [{}, {"epochs": "400"}], ids=["whole run", "diverging"])
def test_g_takes_start_and_end_as_words(options):
    run = train(Config.from_options(options))
    assert run.parse_position("start") == run.first and run.parse_position(" end ") == run.final
    assert run.at(run.final).position == run.final
