"""The full-data MSE as a quadratic form: it agrees with the element-wise sum to 1e-9 wherever it is used."""

import numpy as np
import pytest

from model import Config, train
from model.loss import AGREES, QuadraticLoss
from model.network import QUADRATIC_FROM, FullRmse


def elementwise(x1, x2, y, betas, intercept):
    return np.array([np.mean((y - (x1 * b[0] + x2 * b[1] + (b[2] if intercept else 0.0))) ** 2) for b in betas])


@pytest.mark.parametrize("intercept", [False, True])
@pytest.mark.parametrize("noise", [10.0, 1e-3, 1e-9, 0.0])
@pytest.mark.parametrize("seed", range(3))
def test_the_form_agrees_with_the_elementwise_sum_from_a_perfect_fit_to_divergence(seed, noise, intercept):
    rs = np.random.RandomState(seed)
    n = 3_000
    x1, x2 = rs.randn(n) * rs.uniform(0.1, 100) + rs.uniform(-5, 5), rs.randn(n) * rs.uniform(0.1, 100)
    y = rs.uniform(-50, 50) * x1 + rs.uniform(-50, 50) * x2 + (rs.uniform(-9, 9) if intercept else 0) + noise * rs.randn(n)
    form = QuadraticLoss.of(x1, x2, y, intercept)
    k = len(form.optimum)
    # From the optimum itself out to β far past any sensible run (a divergence), on a log scale.
    betas = form.optimum + rs.randn(300, k) * np.logspace(-14, 12, 300)[:, None]
    mse, truth = form.mse(betas), elementwise(x1, x2, y, betas, intercept)
    used = ~np.isnan(mse)
    assert used.sum() > 100, "the form should serve every β away from a perfect fit"
    assert np.all(np.abs(mse[used] / truth[used] - 1) <= AGREES)
    if noise == 0.0:
        assert not used[0], "at a perfect fit the element-wise sum is rounding: the form must leave it to that sum"


def test_the_naive_expansion_would_cancel_where_the_form_does_not():
    rs = np.random.RandomState(7)
    x1, x2 = rs.randn(10_000) + 1000, rs.randn(10_000)
    y = 3 * x1 - 2 * x2 + 1e-3 * rs.randn(10_000)
    form = QuadraticLoss.of(x1, x2, y, intercept=False)
    beta = form.optimum + 1e-4
    naive = np.mean(y * y) - 2 * beta @ np.array([np.mean(x1 * y), np.mean(x2 * y)]) + beta @ form.gram @ beta
    truth = elementwise(x1, x2, y, [beta], False)[0]
    assert abs(naive / truth - 1) > 100 * AGREES  # cancelled
    assert abs(form.mse(beta[None, :])[0] / truth - 1) <= AGREES


@pytest.mark.parametrize("intercept", [False, True])
def test_each_rows_mse_is_the_same_float_however_many_rows_are_given(intercept):
    rs = np.random.RandomState(3)
    x1, x2 = rs.randn(2_000), rs.randn(2_000) * 30
    form = QuadraticLoss.of(x1, x2, 4 * x1 - x2 + rs.randn(2_000), intercept)
    betas = form.optimum + rs.randn(500, len(form.optimum)) * np.logspace(-6, 3, 500)[:, None]
    together = form.mse(betas)
    for size in (1, 3, 64):
        apart = np.concatenate([form.mse(betas[a : a + size]) for a in range(0, len(betas), size)])
        assert apart.tobytes() == together.tobytes(), size


def test_a_beta_that_is_not_finite_is_left_to_the_elementwise_sum():
    x1 = np.linspace(-1, 1, 50)
    form = QuadraticLoss.of(x1, x1**2, 2 * x1, intercept=False)
    assert np.isnan(form.mse(np.array([[np.inf, 0.0], [np.nan, 1.0], [1e308, 1e308]]))).all()


@pytest.mark.parametrize("options", [{}, {"bias": True}, {"lr": "0.05", "epochs": "3"}])
def test_a_large_runs_rmse_agrees_with_an_elementwise_recomputation(options):
    config = Config.from_options({"samples": str(QUADRATIC_FROM * 2), "epochs": "2", **options})
    run = train(config)
    d, weights = run.data, run.weights
    betas = run.network.betas(dict(zip(run.network.names, weights.T)))
    fitted = np.outer(betas["beta1"], d.x1) + np.outer(betas["beta2"], d.x2) + (betas["beta0"][:, None] if "beta0" in betas else 0)
    with np.errstate(all="ignore"):
        truth = np.sqrt(np.mean((d.y - fitted) ** 2, axis=1))
    finite = np.isfinite(truth)
    assert np.array_equal(finite, np.isfinite(run.rmse))
    assert np.all(np.abs(run.rmse[finite] / truth[finite] - 1) <= AGREES)


def test_small_data_is_summed_element_by_element_bit_for_bit():
    run = train(Config.of("noisy"))
    d = run.data
    w = {name: column[:, None] for name, column in zip(run.network.names, run.weights.T)}
    betas = run.network.betas(w)
    residual = d.y - (d.x1 * betas["beta1"] + d.x2 * betas["beta2"])
    residual *= residual
    assert np.array_equal(FullRmse.of(run.network, d)(run.weights), np.sqrt(residual.mean(axis=1)))
