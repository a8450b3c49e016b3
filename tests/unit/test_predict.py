"""Predict mode: what is asked before each update, how guesses are read and scored.

Rule for a new weight w' = w + Δ, over every update of whole runs, in both orders and for every parameter:
the old weight w is never close unless Δ is below what the screen shows; w' as the screen writes it is
always close; a guess off by 2% of Δ is not close once 2% of Δ is more than the screen shows.
"""

import pytest

from model import Config, InputError, train
from tui.wording.fmt import last_digit, num
from tui.wording.predict import Score, Verdict, parse_guess, question


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


RUNS = {
    "noisy, notebook order": {},
    "noisy, simultaneous order": {"order": "simultaneous"},
    "tanh with biases": {"activation": "tanh", "bias": True, "epochs": 3},
    "easy, large steps": {"preset": "easy"},
}


@pytest.mark.parametrize("options", RUNS.values(), ids=RUNS)
def test_a_new_weight_is_judged_by_the_change_it_implies(options):
    run = train(Config.from_options(options))
    names = set()
    for position in range(run.first, run.final + 1):
        asked = question(run, position, "weight")
        if asked is None:
            continue
        names.add(asked.label.split()[0])
        before, after = asked.before, asked.truth
        change, shown = after - before, last_digit(after) / 2
        assert Verdict(asked, float(num(after))).close, f"{asked.label} as the screen writes it, at {position}"
        assert Verdict(asked, before + 0.995 * change).close
        if abs(change) > shown:  # below that, the screen itself shows no change (a converged run)
            assert not Verdict(asked, before).close, f"the unchanged {asked.label} at {position}"
        if 0.02 * abs(change) > shown * 1.001:
            assert not Verdict(asked, before + 1.02 * change).close
            assert not Verdict(asked, before + 0.98 * change).close
    assert names == {p.name for p in run.network.parameters}, "every parameter was asked about"


def test_a_derivative_as_the_screen_writes_it_is_close_and_two_percent_off_is_not(noisy):
    for position in range(noisy.first, noisy.final + 1):
        asked = question(noisy, position, "derivative")
        if asked is not None and abs(asked.truth) > 1e-4:
            assert Verdict(asked, float(num(asked.truth))).close
            assert not Verdict(asked, asked.truth * 1.02).close
