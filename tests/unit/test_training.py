"""Training in stretches: the same floats as in one go, snapshots that never change, the run's reach while it trains."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import Config, InputError, Training, train
from model.training import LONGEST, WORK

RUNS = {
    "notebook": {"epochs": "3"},
    "simultaneous": {"epochs": "3", "order": "simultaneous"},
    "tanh-bias": {"epochs": "3", "activation": "tanh", "bias": True},
    "relu": {"epochs": "2", "activation": "relu"},
    "diverging": {"epochs": "50", "lr": "0.02"},
    "quadratic": {"samples": "1500", "epochs": "2", "lr": "1e-4"},
}


def in_one_go(options: dict) -> Training:
    training = Training(Config.from_options(options))
    training.advance(training.planned)
    assert training.finished
    return training


@pytest.fixture(scope="module", params=RUNS, ids=str)
def whole(request):
    return RUNS[request.param], in_one_go(RUNS[request.param]).run


@given(st.lists(st.integers(1, 260), min_size=1, max_size=8))
def test_any_split_into_stretches_gives_the_same_floats_and_the_same_divergence(whole, lengths):
    options, one = whole
    training = Training(Config.from_options(options))
    snapshots = []
    for length in [*lengths, *[97] * (one.planned // 97 + 1)]:  # 97 steps: the epochs' ends fall anywhere in a stretch
        snapshots.append((training.advance(length), training.steps))
        if training.finished:
            break
    run = training.run
    assert run.weights.tobytes() == one.weights.tobytes() and run.rmse.tobytes() == one.rmse.tobytes()
    assert run.divergence == one.divergence and run.finished
    for snapshot, steps in snapshots:  # taken along the way: a prefix of the end, untouched by what came after
        assert snapshot.steps == steps and snapshot.weights.tobytes() == one.weights[: steps + 1].tobytes()
        assert snapshot.rmse.tobytes() == one.rmse[: steps + 1].tobytes()
        assert snapshot.finished == (snapshot is snapshots[-1][0])


def test_train_reports_progress_up_to_the_whole_run(whole):
    options, one = whole
    told = []
    run = train(Config.from_options(options), progress=lambda stage, fraction: told.append((stage, fraction)))
    assert run.weights.tobytes() == one.weights.tobytes()
    fractions = [fraction for stage, fraction in told if stage == "training"]
    assert fractions == sorted(fractions) and len(fractions) == len(told) >= 1
    assert fractions[-1] == run.steps / run.planned


def test_a_stretch_is_short_whatever_the_data_size():
    linear = Training(Config.from_options({"samples": "20000"}))
    tanh = Training(Config.from_options({"samples": "20000", "activation": "tanh"}))
    assert linear.stretch == LONGEST  # the quadratic form costs O(1) per step
    assert tanh.stretch * len(tanh.data) <= WORK  # the element-wise RMSE runs over every sample


def test_a_snapshot_in_training_knows_the_positions_still_to_come():
    training = Training(Config.from_options({"epochs": "5"}))
    run = training.advance(130)
    assert not run.finished and run.steps == 130 and run.planned == 500
    assert run.positions == 1 + 7 * 130 and run.final == 7 * 500
    assert run.position(5, 99, "w4") == run.final  # g and breakpoints may name what is not trained yet
    assert run.next_epoch_end(run.positions - 1) == run.end_of(199)
    with pytest.raises(InputError, match=r"epochs 1\.\.5"):
        run.position(6, 0)


def test_a_finished_divergent_run_reaches_only_its_last_trained_step():
    run = in_one_go(RUNS["diverging"]).run
    assert run.finished and run.divergence is not None and run.final == run.positions - 1 and run.reach == run.steps
    with pytest.raises(InputError, match="no step at epoch"):
        run.position(50, 0)
