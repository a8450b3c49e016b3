"""Forks: an edit at any position gives the run a plain SGD loop gives from the edited weights, and nothing before it changes."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import Config, InputError, Training, train
from model.edit import Edit
from model.run import lead
from model.training import finish, fork
from tests.plain_loop import plain_steps

RUNS = {
    "notebook": {"epochs": "2"},
    "simultaneous": {"epochs": "2", "order": "simultaneous"},
    "tanh-bias": {"epochs": "2", "activation": "tanh", "bias": True},
}


@pytest.fixture(scope="module", params=RUNS, ids=str)
def base(request):
    return train(Config.from_options(RUNS[request.param]))


def forked(run, position, text):
    return finish(fork(run, position, Edit.parse(text, run.network)))


@given(position=st.integers(0, 2 * 100 * 10), stretch=st.integers(1, 150))
def test_an_edit_that_changes_nothing_gives_the_same_floats_in_stretches_of_any_length(base, position, stretch):
    position = min(position, base.final)
    origin = base.step_of(position) + 1
    same = Edit("w3", float(base.weights[origin, base.network.column("w3")]))
    training = fork(base, position, same)
    while not training.finished:
        training.advance(stretch)
    run = training.run
    assert run.weights.tobytes() == base.weights.tobytes() and run.rmse.tobytes() == base.rmse.tobytes()
    assert run.origin == origin and run.first == (base.end_of(origin - 1) if origin else 0)


@given(step=st.integers(0, 299), value=st.floats(-3, 3), lr=st.sampled_from([None, 1e-5, 3e-4]))
def test_a_fork_is_the_plain_loop_from_the_edited_weights_and_shares_everything_before(step, value, lr):
    base = train(Config.from_options({"epochs": "3"}))
    position = base.start_of(step) + step % 7  # any phase of the sample: the edit waits for its end
    run = forked(base, position, f"w5 = {value!r}")
    if lr is not None:
        run = forked(run, run.first, f"lr = {lr!r}")
    origin = step + 1
    assert run.origin == origin and run.first == base.end_of(step)
    assert run.weights[:origin].tobytes() == base.weights[:origin].tobytes()
    assert run.rmse[:origin].tobytes() == base.rmse[:origin].tobytes()
    start = base.weights[origin].tolist()
    start[4] = value
    assert run.at(run.first).weights.numbers == tuple(start)
    weights, seen = plain_steps(base.data, start, lr or base.config.lr, origin, base.planned)
    assert run.divergence is None
    assert run.weights[-1].tolist() == weights and run.rmse[origin + 1 :].tolist() == seen


def test_positions_before_a_fork_are_not_its_own(base):
    position = base.position(1, 40, "w6")
    run = forked(base, position, "lr = 0.001")
    assert run.first == base.end_of(base.step_of(position)) and run.at(0).position == run.first
    assert run.at(run.first).step is None and run.at(run.first).completed == run.origin
    assert run.parse_position("start") == run.first
    assert run.previous_sample_end(run.first + 3) == run.first
    with pytest.raises(InputError, match="this fork begins after epoch 1, sample 40"):
        run.position(1, 12)
    with pytest.raises(IndexError):
        run.step(run.origin - 1)
    assert run.position(1, 41) == run.first + 1
    assert run.position(1, 40, run.network.phases[-1]) == run.first  # the end of the sample it forks after is its start
    assert run.config.lr == 0.001 and base.config.lr != 0.001
    assert run.branch is not None and run.branch.before == base.config.lr and run.branch.place == "after epoch 1, sample 40"


def test_an_order_edit_keeps_the_weights_and_changes_the_updates(base):
    other = "simultaneous" if base.config.order == "notebook" else "notebook"
    run = forked(base, base.position(2, 0), f"order = {other}")
    assert run.config.order == other and run.at(run.first).weights == base.at(run.first).weights
    assert run.rmse[run.origin] == base.rmse[run.origin] and run.rmse[-1] != base.rmse[-1]


def test_a_fork_at_the_start_and_a_fork_of_a_fork():
    base = train(Config.of("easy"))
    first = forked(base, 0, "w1 = 0.5")
    assert first.origin == 0 and first.first == 0 and first.at(0).weights["w1"] == 0.5
    second = forked(first, first.position(2, 10), "lr = 0.001")
    assert second.edits == (Edit("w1", 0.5), Edit("lr", 0.001)) and second.ancestry == (base, first, second)
    assert [(run, a, b) for run, a, b in second.lineage()] == [(first, 0, 111), (second, 111, 300)]
    assert second.weights[:111].tobytes() == first.weights[:111].tobytes()


def test_a_fork_diverges_on_its_own_and_says_where():
    base = train(Config.of("noisy"))
    run = forked(base, base.position(3, 5), "lr = 0.05")
    assert base.divergence is None and run.divergence is not None
    assert (run.divergence.epoch, run.divergence.sample) >= (3, 6) and run.steps < run.planned
    assert np.isfinite(run.rmse).all() and np.isfinite(run.weights).all()


def test_lead_is_the_ghosts_rmse_minus_the_forks_where_the_ghost_has_the_step():
    base = train(Config.of("noisy"))
    run = forked(base, base.position(1, 50), "w3 = 0")
    for completed in (0, 30, run.origin, run.origin + 1, run.steps):
        assert lead(run, base, completed) == base.rmse[completed] - run.rmse[completed]
    assert lead(run, base, run.origin - 1) == 0
    early = Training(Config.of("noisy")).advance(10)
    assert lead(run, early, 11) is None and lead(run, early, 10) is not None


EDIT_REFUSALS = {
    "w3": "type NAME = VALUE",
    "= 3": "unknown name ''",
    "w9 = 1": "unknown name 'w9'; change one of w1, w2, w3, w4, w5, w6, lr, order",
    "b1 = 1": "unknown name 'b1'",
    "w3 = inf": "w3: must be a finite number",
    "w3 = nan": "w3: must be a finite number",
    "w3 = 1e999": "w3: must be a finite number",
    "w3 = ²": "w3: '²' is not a number",
    "w3 = [/x]": "w3: '[/x]' is not a number",
    "w3 = \x1b]2;pwned\x07": "w3: '\\x1b]2;pwned\\x07' is not a number",
    "lr = 0": "lr: must be a positive number",
    "lr = -1e-3": "lr: must be a positive number",
    "order = sideways": "order: unknown order 'sideways'; choose one of notebook, simultaneous",
    "w3 = " + "9" * 5000: "w3: '9999",
}


@pytest.mark.parametrize("text", EDIT_REFUSALS)
def test_every_bad_edit_is_refused_in_one_short_line(text):
    network = Config.of("noisy").network
    with pytest.raises(InputError) as caught:
        Edit.parse(text, network)
    message = str(caught.value)
    assert message.startswith(EDIT_REFUSALS[text]) and "\n" not in message and len(message) < 120
    assert message.isprintable()


@given(st.text(max_size=60))
def test_any_text_is_an_edit_or_an_input_error(text):
    network = Config.from_options({"bias": True}).network
    try:
        edit = Edit.parse(text, network)
    except InputError as error:
        assert str(error).isprintable() and len(str(error)) < 120
    else:
        assert edit.name in (*network.names, "lr", "order")
        assert isinstance(edit.value, str) or math.isfinite(edit.value)


def test_an_edit_whose_rmse_is_not_finite_is_refused():
    base = train(Config.of("noisy"))
    with pytest.raises(InputError, match=r"w5 = 1e\+300: the RMSE from there on is not finite"):
        fork(base, 10, Edit.parse("w5 = 1e300", base.network))


PLACED = {
    "2 17 w3=0.5": ("2 17", Edit("w3", 0.5)),
    "start lr = 1e-3": ("start", Edit("lr", 0.001)),
    " 1 0  order=simultaneous ": ("1 0", Edit("order", "simultaneous")),
}


@pytest.mark.parametrize("text", PLACED)
def test_a_placed_edit_names_a_sample_or_the_start(text):
    assert Edit.placed(text, Config.of("noisy").network) == PLACED[text]


@pytest.mark.parametrize("text", ["w3=0.5", "2 w3=0.5", "2 17 w1 w3=0.5", "start 2 w3=1", "2 17 w3"])
def test_a_placed_edit_without_its_place_is_refused(text):
    with pytest.raises(InputError, match="is not EPOCH SAMPLE NAME=VALUE or start NAME=VALUE"):
        Edit.placed(text, Config.of("noisy").network)


@pytest.mark.parametrize("value", ["1.0", "1", "1e-4", "0.00012345678", "3E-4", "2.50"])
def test_a_fork_is_named_as_the_status_line_writes_its_lr_and_reads_back_exactly(value):
    from model.parameters import Network
    from tui.wording.fmt import lr

    edit = Edit.parse(f"lr = {value}", Network())
    assert str(edit) == f"lr = {lr(edit.value)}", "the fork's name and the status line write one lr two ways"
    assert Edit.parse(str(edit), Network()) == edit, "a saved fork's edit reads back as the same edit"
