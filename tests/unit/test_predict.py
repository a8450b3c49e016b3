"""Predict mode: what is asked before each update, how guesses are read and scored."""

import pytest

from model import Config, InputError, train
from tui.predict import Score, Verdict, parse_guess, question


@pytest.fixture(scope="module")
def noisy():
    return train(Config.of("noisy"))


def test_only_updates_are_asked(noisy):
    assert question(noisy, 0, "derivative") is None
    assert question(noisy, noisy.position(1, 0), "derivative") is None


def test_questions_carry_the_engines_values(noisy):
    position = noisy.position(1, 0, "w1")
    update = noisy.at(position).step.updates[2]
    asked = question(noisy, position, "derivative")
    assert (asked.label, asked.truth) == ("∂L/∂w1", update.grad) and "w5′" in asked.hint
    asked = question(noisy, position, "weight")
    assert asked.truth == update.new and asked.label == "w1 after its update"


def test_guesses_within_one_percent_are_close(noisy):
    asked = question(noisy, noisy.position(1, 0, "w5"), "derivative")
    near, far = Verdict(asked, asked.truth * 1.005), Verdict(asked, asked.truth * 1.5)
    assert near.close and not far.close
    assert far.error == pytest.approx(asked.truth * 0.5)
    assert str(Score().add(near).add(far)) == "1/2 within 1%"


@pytest.mark.parametrize("text", ["abc", "", "1,5", "nan", "inf", "--3", "²", "١٢", "1e999", "9" * 5000, "[/x]", "\x1b]2;t\x07"])
def test_non_numbers_are_refused_with_a_message(text):
    with pytest.raises(InputError, match="type a finite number"):
        parse_guess(text)


def test_numbers_are_read_including_a_typographic_minus():
    assert parse_guess(" −141.8 ") == -141.8
    assert parse_guess("3e-4") == 3e-4
