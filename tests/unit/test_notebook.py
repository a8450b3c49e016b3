"""The notebook's printed numbers, reproduced by the engine."""

import numpy as np
import pytest

from model import Config, train
from model.reference import reference
from tests.plain_loop import plain_sgd, plain_tanh_bias_sgd


def test_noisy_initial_rmse_follows_the_backprop_equations(noisy):
    assert noisy.rmse[0] == pytest.approx(131.8235, abs=1e-4)


def test_noisy_rmse_after_first_sample_is_the_notebooks(noisy):
    assert noisy.rmse[1] == 131.80677685986092


def test_noisy_epoch_rmse_is_the_notebooks(noisy):
    expected = [129.8450062254458, 123.33196509825842, 111.44619152943271, 104.25314828273383, 102.76034914846261]
    assert noisy.epoch_rmse() == pytest.approx(expected, rel=1e-12)


def test_noisy_final_weights_are_the_notebooks(noisy):
    expected = [3.747874732214893, 8.657706751600932, 0.8844270919085827, 0.9200841095667618, 3.63496368138127, 8.365682752343316]
    assert noisy.weights[-1].tolist() == pytest.approx(expected, rel=1e-12)
    assert noisy.at(noisy.positions - 1).weights.numbers == pytest.approx(expected, rel=1e-12)


def test_easy_first_sample_and_epochs(easy):
    assert easy.rmse[1] == pytest.approx(105.2827433708648, rel=1e-12)
    first, second, third = easy.epoch_rmse()
    assert first == pytest.approx(3.0583e-4, rel=1e-4)
    assert second == pytest.approx(5.04e-9, rel=1e-3)
    assert third < 1e-12


def test_easy_final_weights_are_the_notebooks(easy):
    expected = [6.556340807199361, 10.75555705679945, 6.914105827696129, 7.997420739574159, 4.334717820507707, 5.515048597227902]
    assert easy.weights[-1].tolist() == pytest.approx(expected, rel=1e-9)


def test_easy_betas_match_linear_regression_without_intercept(easy):
    final = easy.network.betas(easy.at(easy.positions - 1).weights)
    ref = reference(easy.data).matching(easy.network).betas
    assert (ref["beta1"], ref["beta2"]) == pytest.approx((87.73730719, 74.07686178), rel=1e-9)
    assert (final["beta1"], final["beta2"]) == pytest.approx((ref["beta1"], ref["beta2"]), rel=1e-8)
    assert (final["beta1"], final["beta2"]) == pytest.approx((87.73730719279541, 74.07686177542038), rel=1e-12)


def test_linear_regression_on_the_noisy_data(noisy):
    ref = reference(noisy.data)
    assert ref.full.r2 == pytest.approx(0.4144461358278726, rel=1e-12)
    assert ref.full.rmse == pytest.approx(101.32961290191164, rel=1e-12)


def test_a_plain_loop_agrees_with_the_engine_to_the_last_bit(noisy, easy):
    """The sequential update written out on floats, with the RMSE after every sample."""
    for run in (noisy, easy):
        weights, seen = plain_sgd(run)
        assert weights == run.weights[-1].tolist()
        np.testing.assert_allclose(seen, run.rmse[1:], rtol=1e-9, atol=0)


def test_a_plain_tanh_loop_with_biases_agrees_with_the_engine_to_the_last_bit():
    """The general loop, written out by hand for tanh units with biases, in notebook order."""
    run = train(Config.from_options({"activation": "tanh", "bias": True, "epochs": "2"}))
    weights, seen = plain_tanh_bias_sgd(run)
    assert weights == run.weights[-1].tolist()
    np.testing.assert_allclose(seen, run.rmse[1:], rtol=1e-12, atol=0)
