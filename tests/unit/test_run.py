"""Stepping, stepping back, seeking and the headless rows give the same floats."""

import numpy as np
import pytest

from model import PHASES, Config, InputError, train
from model.config import MAX_STEPS
from model.network import rmse_of


@pytest.fixture(scope="module", params=["notebook", "simultaneous"])
def run(request):
    return train(Config.from_options({"order": request.param, "epochs": "3"}))


def test_positions_cover_start_and_seven_micro_steps_per_sample(run):
    assert run.positions == 1 + 7 * 300
    start = run.at(0)
    assert start.step is None and start.phase_name == "start" and start.rmse == run.rmse[0]
    last = run.at(run.positions - 1)
    assert last.sample_done and last.completed == 300 and last.weights == tuple(run.weights[-1])


def test_micro_steps_apply_one_weight_at_a_time(run):
    previous = run.at(1).weights
    assert previous == tuple(run.weights[0])
    for position in range(2, 8):
        moment = run.at(position)
        changed = [name for name, a, b in zip(moment.weights._fields, previous, moment.weights) if a != b]
        assert changed == [PHASES[moment.phase]]
        previous = moment.weights


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
    for k in (0, 1, 150, 300):
        w1, w2, w3, w4, w5, w6 = run.weights[k]
        direct = np.sqrt(np.mean((d.y - (d.x1 * (w1 * w5 + w2 * w6) + d.x2 * (w3 * w5 + w4 * w6))) ** 2))
        assert run.rmse[k] == pytest.approx(direct, rel=1e-12)


def test_rmse_does_not_depend_on_the_chunking():
    run = train(Config.of("easy"))
    one_by_one = np.array([rmse_of(run.weights[k : k + 1], run.data.x1, run.data.x2, run.data.y)[0] for k in range(run.steps + 1)])
    assert np.array_equal(one_by_one, run.rmse)


def test_seek_rejects_positions_outside_the_run(run):
    with pytest.raises(ValueError, match="no step at epoch 4"):
        run.position(4, 0)
    with pytest.raises(ValueError, match=r"samples 0\.\.99"):
        run.position(1, 100)


def test_betas_are_the_linear_coefficients(run):
    w = run.at(run.positions - 1).weights
    assert w.beta1 == w.w1 * w.w5 + w.w2 * w.w6 and w.beta2 == w.w3 * w.w5 + w.w4 * w.w6


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
