"""β-space: the path is the run's β, the optimum is LinearRegression's, and every ring is a level set of the loss."""

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from model import Config, train
from model.betaspace import POINTS, RINGS, picture
from model.edit import Edit
from model.training import finish, fork

RUNS = {
    "easy": {"preset": "easy"},
    "noisy": {"epochs": "2"},
    "bias": {"preset": "easy", "bias": True},
    "simultaneous": {"epochs": "2", "order": "simultaneous"},
}


@pytest.fixture(scope="module", params=RUNS, ids=str)
def run(request):
    return train(Config.from_options(RUNS[request.param]))


def element_wise_mse(run, beta1, beta2):
    """The full-data MSE of ŷ = β1·X1 + β2·X2 (+ the best β0 with biases), summed element by element."""
    d = run.data
    fitted = np.outer(beta1, d.x1) + np.outer(beta2, d.x2)
    if run.network.bias:
        fitted += (d.y - fitted).mean(axis=1, keepdims=True)
    return ((d.y - fitted) ** 2).mean(axis=1)


@pytest.mark.parametrize("fraction", [0, 0.3, 1])
def test_the_path_is_the_runs_beta_after_each_sample_up_to_the_current_one(run, fraction):
    completed = int(fraction * run.steps)
    shown = picture(run, completed)
    betas = [run.network.betas(run.at(run.end_of(k - 1) if k else 0).weights.as_dict()) for k in range(completed + 1)]
    assert shown.path.beta1.tolist() == [b["beta1"] for b in betas]
    assert shown.path.beta2.tolist() == [b["beta2"] for b in betas]


def test_a_long_path_is_thinned_evenly_and_keeps_its_last_point():
    run = train(Config.from_options({"samples": "3000", "epochs": "1", "lr": "1e-4"}))
    shown = picture(run, 2999)
    assert len(shown.path.beta1) <= POINTS + 1
    assert shown.path.beta1[-1] == run.network.betas(run.at(run.end_of(2998)).weights.as_dict())["beta1"]


def test_the_optimum_is_linear_regressions(run):
    x = np.column_stack([run.data.x1, run.data.x2])
    fitted = LinearRegression(fit_intercept=run.network.bias).fit(x, run.data.y)
    shown = picture(run, run.steps)
    assert np.allclose(shown.optimum, fitted.coef_, rtol=1e-9, atol=1e-9 * np.abs(fitted.coef_).max())
    least = np.sqrt(np.mean((run.data.y - fitted.predict(x)) ** 2))
    assert shown.least == pytest.approx(least, rel=1e-6, abs=1e-9)


def test_every_ring_is_a_level_set_of_the_loss_and_the_outermost_reaches_the_furthest_point(run):
    shown = picture(run, run.steps)
    assert len(shown.contours) == RINGS
    for ring in shown.contours:
        mse = element_wise_mse(run, ring.beta1, ring.beta2)
        assert np.allclose(mse, ring.rmse**2, rtol=1e-6)
    rmses = [ring.rmse for ring in shown.contours]
    assert rmses == sorted(rmses)
    path_mse = element_wise_mse(run, shown.path.beta1, shown.path.beta2)
    assert np.sqrt(path_mse.max()) == pytest.approx(rmses[-1], rel=1e-6)


def test_a_forks_ghost_is_drawn_over_the_same_steps():
    base = train(Config.of("easy"))
    run = finish(fork(base, base.position(1, 20), Edit("w1", 3.0)))
    shown = picture(run, 150, base)
    assert shown.ghost is not None and len(shown.ghost.beta1) == len(shown.path.beta1) == 151
    assert shown.ghost.beta1[:21].tolist() == shown.path.beta1[:21].tolist()
    assert shown.ghost.beta1[-1] != shown.path.beta1[-1]
    assert shown.ghost.beta1.tolist() == picture(base, 150).path.beta1.tolist()


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_without_linear_units_there_is_no_picture(activation):
    assert picture(train(Config.from_options({"activation": activation, "epochs": "1"})), 10) is None


def test_at_the_start_the_outer_ring_passes_through_the_start():
    run = train(Config.of("noisy"))
    shown = picture(run, 0)
    assert len(shown.path.beta1) == 1 and len(shown.contours) == RINGS
    assert shown.contours[-1].rmse == pytest.approx(run.rmse[0], rel=1e-9)
