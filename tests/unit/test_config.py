"""Options override presets; bad values are named in one line."""

import pytest

from model import Config, InputError


def test_options_override_the_preset():
    c = Config.from_options({"preset": "easy", "lr": "0.01", "epochs": "2", "order": "simultaneous", "samples": "30"})
    assert (c.preset, c.lr, c.epochs, c.order, c.samples, c.informative, c.noise) == ("easy", 0.01, 2, "simultaneous", 30, 2, 0.0)
    assert len(c.load()) == 30


def test_unset_options_keep_the_preset():
    assert Config.from_options({"lr": None, "preset": None}) == Config.of("noisy")


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"lr": "0"}, "--lr: must be a positive number"),
        ({"lr": "-1"}, "--lr: must be a positive number"),
        ({"lr": "nan"}, "--lr: must be a finite number"),
        ({"lr": "inf"}, "--lr: must be a finite number"),
        ({"lr": "fast"}, "--lr: 'fast' is not a number"),
        ({"epochs": "0"}, "--epochs: must be at least 1"),
        ({"epochs": "1.5"}, "--epochs: '1.5' is not a whole number"),
        ({"samples": "1"}, "--samples: must be at least 2"),
        ({"preset": "hard"}, "--preset: unknown preset 'hard'; choose one of noisy, easy"),
        ({"order": "random"}, "--order: unknown order 'random'"),
        ({"informative": "3"}, "--informative: must be from 0 to 2"),
        ({"noise": "-1"}, "--noise: must be 0 or more"),
        ({"seed": "-4"}, "--seed: must be from 0 to"),
        ({"data": "x.csv", "samples": "5"}, "--samples: applies to generated data only"),
        ({"target": "y"}, "--target: needs --data"),
    ],
)
def test_bad_options_are_named(options, words):
    with pytest.raises(InputError) as error:
        Config.from_options(options)
    assert str(error.value).startswith(words)
