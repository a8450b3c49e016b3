"""Lesson files: the shipped ones load, and every mistake gets one line naming the file and the key."""

import pytest

from model import Config, InputError, train
from model.breakpoints import RmseBelow
from model.options import RUN_OPTIONS
from tui.formats.lesson import load_lesson
from tui.formats.lessons import SHIPPED
from tui.frontends.options import parser
from tui.frontends.start import config_of


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_lessons_load_and_their_notes_fit_their_run(name):
    lesson = load_lesson(name)
    run = train(Config.from_options(lesson.run))
    placed = lesson.note_positions(run)
    assert len(placed) == len(lesson.notes) and lesson.session.keys and lesson.session.title


def test_easy_lesson_ends_comparing_with_linear_regression():
    lesson = load_lesson("easy")
    assert lesson.session.breakpoints == (RmseBelow(1e-6),) and lesson.session.log_scale
    assert "LinearRegression" in lesson.notes[-1].text and lesson.notes[-1].at == "3 99 w4"


def write(tmp_path, text):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize(
    "text, message",
    [
        ("title = ", "not valid TOML"),
        ("colour = 1", "unknown key 'colour'"),
        ("[run]\nlearning_rate = 1", "run: unknown key 'learning_rate'"),
        ('[run]\n"\\u001b]0;x\\u0007" = 1', "run: unknown key '\\x1b]0;x\\x07'"),
        ('[initial]\nw1 = "a"\nw2 = 1\nw3 = 1\nw4 = 1\nw5 = 1\nw6 = 1', "initial.w1: must be a number"),
        ("[show]\nnetwork = 1", "show.network: must be true or false"),
        ('[show]\npredict = "always"', "show.predict: must be off, derivative or weight"),
        ('[play]\nkeys = "s banana"', "play.keys: unknown key 'banana'"),
        ("[play]\nspeed = 0", "play.speed: must be from 1 to 20000"),
        ("[play]\npace = -1", "play.pace: must be from 0 to 60 seconds"),
        ('breakpoints = ["sometimes"]', "breakpoints[0]: 'sometimes' is not one of"),
        ('[[notes]]\nat = "1 0 w9"\ntext = "x"', "notes[0].at: unknown phase 'w9'"),
        ('[[notes]]\nat = "start"', "notes[0]: needs exactly two keys"),
        ('[play]\nkeys = "n"\n[[play.steps]]\nkeys = "n"', "play.steps: give keys or steps, not both"),
        ('[[play.steps]]\nkeys = "n"\n[[play.steps]]\nanswer = "about 3"', "play.steps[1].answer: must be a number"),
        ("[[play.steps]]\nanswer = inf", "play.steps[0].answer: must be a finite number"),
        ("[[play.steps]]\nwait = 1", "play.steps[0].wait: must be true or false"),
        ("[[play.steps]]\n", "play.steps[0]: an empty step does nothing"),
        ('[[play.steps]]\nkeys = "n"\nsay = "hi"', "play.steps[0]: unknown key 'say'"),
        ('[play]\nsteps = ["n"]', "play.steps[0]: must be a [[play.steps]] table"),
    ],
)
def test_mistakes_name_the_file_and_the_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_lesson(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("[initial]\nw1 = 1", "initial: give every one of w1, w2, w3, w4, w5, w6; missing w2, w3, w4, w5, w6"),
        (
            "[run]\nbias = true\n[initial]\nw1 = 1\nw2 = 1\nw3 = 1\nw4 = 1\nw5 = 1\nw6 = 1",
            "initial: give every one of w1, w2, w3, w4, w5, w6, b1, b2, b3; missing b1, b2, b3",
        ),
        (
            "[initial]\nw1 = 1\nw2 = 1\nw3 = 1\nw4 = 1\nw5 = 1\nw6 = 1\nb1 = 0",
            "initial.b1: this network has no b1; biases need bias = true",
        ),
    ],
)
def test_initial_parameters_must_be_exactly_the_networks(tmp_path, text, message):
    from tui.frontends.options import parser
    from tui.frontends.start import config_of

    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        config_of(parser().parse_args([]), load_lesson(path))
    assert str(caught.value) == f"{path}: {message}"


def test_initial_parameters_with_biases_start_the_run(tmp_path):
    from tui.frontends.options import parser
    from tui.frontends.start import config_of

    values = "\n".join(f"{name} = {i / 10}" for i, name in enumerate(["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"], 1))
    config = config_of(
        parser().parse_args([]), load_lesson(write(tmp_path, f'[run]\nbias = true\nactivation = "tanh"\n[initial]\n{values}'))
    )
    assert train(config).weights[0].tolist() == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


def test_a_note_beyond_the_run_is_reported_with_its_key(tmp_path):
    lesson = load_lesson(write(tmp_path, '[run]\nepochs = 2\n[[notes]]\nat = "3 0"\ntext = "x"'))
    with pytest.raises(InputError, match=r"bad.toml: notes\[0\].at: no step at epoch 3"):
        lesson.note_positions(train(Config.from_options(lesson.run)))


def test_a_missing_lesson_lists_the_shipped_ones():
    with pytest.raises(InputError, match="--lesson: no lesson file 'nope' \\(shipped lessons: noisy, easy, tanh, mazur\\)"):
        load_lesson("nope")


def test_csv_data_is_found_beside_the_lesson(tmp_path):
    (tmp_path / "points.csv").write_text("a,b,y\n1,2,3\n2,1,4\n")
    lesson = load_lesson(write(tmp_path, '[run]\ndata = "points.csv"'))
    assert lesson.run["data"] == str(tmp_path / "points.csv")


@pytest.mark.parametrize("features", ['["b", "a"]', '"b,a"', "[2, 1]", '"2,1"'])
def test_features_are_a_toml_list_or_the_command_lines_text(tmp_path, features):
    (tmp_path / "points.csv").write_text("a,b,y\n1,2,3\n2,1,4\n")
    lesson = load_lesson(write(tmp_path, f'[run]\ndata = "points.csv"\nfeatures = {features}'))
    assert lesson.run["features"] in ("b,a", "2,1")


def test_a_note_at_the_end_is_shown_at_the_runs_last_step(tmp_path):
    from tui.frontends.options import parser
    from tui.frontends.start import config_of

    lesson = load_lesson(write(tmp_path, '[[notes]]\nat = "end"\ntext = "the end"'))
    run = train(config_of(parser().parse_args([]), lesson))
    assert lesson.note_positions(run) == {run.final: "the end"}


def test_the_tanh_lesson_says_what_its_run_does():
    from tui.frontends.options import parser
    from tui.frontends.start import config_of

    run = train(config_of(parser().parse_args([]), load_lesson("tanh")))
    first, w = run.step(0), run.weights
    by_name = {u.name: u for u in first.updates}
    slope = {name: u.factors[1] for name, u in by_name.items() if name in ("w1", "w2")}
    assert slope["w1"] < 1e-6 < 0.3 < slope["w2"]  # H1 saturated, H2 not
    assert abs(by_name["w2"].delta) > 1000 * abs(by_name["w1"].delta)
    assert run.steps == 100 and run.network.phases[-1] == "b3"
    moved = dict(zip(run.network.names, w[-1] - w[0]))
    assert abs(moved["w1"]) < 1 and abs(moved["w3"]) < 1 and abs(moved["w2"]) > 1 and abs(moved["w4"]) > 1


@pytest.mark.parametrize("name", SHIPPED)
def test_every_figure_a_shipped_lesson_quotes_is_one_its_run_computes(name):
    # Rule: a four-decimal figure in a note is the run's own: its lr, an RMSE it passes through, or a
    # LinearRegression fit of its data, with or without the intercept (the note must say which).
    import re

    from model.reference import reference
    from tui.frontends.options import parser
    from tui.frontends.start import config_of

    lesson = load_lesson(name)
    run = train(config_of(parser().parse_args(["--lesson", name]), lesson))
    if run.notebook is None:  # a network from a file: any figure its run computes, in either order, at the decimals quoted
        computed = _figures(run)
        for note in lesson.notes:
            for figure in re.findall(r"-?\d+\.\d{3,}", note.text):
                decimals = len(figure.split(".")[1])
                assert any(f"{value:.{decimals}f}" == figure for value in computed), f"{name}: {figure} at {note.at} is not computed"
        return
    fits = reference(run.data)
    computed = [run.config.lr, *run.rmse.tolist(), fits.plain.rmse, fits.full.rmse, *fits.plain.betas.values(), *fits.full.betas.values()]
    shown = {f"{value:.4f}" for value in computed}
    for note in lesson.notes:
        for figure in re.findall(r"\d+\.\d{4}", note.text):
            assert figure in shown, f"{name}: the note at {note.at} quotes {figure}, which the run does not compute"
        if "LinearRegression" in note.text and f"{fits.full.rmse:.2f}" in note.text:
            assert "with an intercept" in note.text and run.network.bias, "compared with a fit this network cannot reach"


def test_help_names_every_shipped_lesson_and_each_has_its_file():
    from importlib import resources

    from tui.frontends.options import parser

    shown = " ".join(parser().format_help().split())
    assert all(name in shown.split("--lesson NAME|FILE a lesson:")[1][:80] for name in SHIPPED)
    files = {path.name.removesuffix(".toml") for path in resources.files("tui.formats.lessons").iterdir() if path.name.endswith(".toml")}
    assert files == set(SHIPPED), "a lesson file ships without its name, or a name without its file"


@pytest.mark.parametrize("phase", ["w9", "b1"])
def test_an_unknown_phase_in_a_note_lists_the_phases_of_the_lessons_own_network(tmp_path, phase):
    from tui.frontends.cli import build

    with pytest.raises(InputError) as refused:
        build(["--lesson", write(tmp_path, f'[[notes]]\nat = "1 0 {phase}"\ntext = "x"'), "--screenshot", "x.svg"])
    assert f"unknown phase '{phase}'; choose one of forward, w5, w6, w1, w2, w3, w4" in str(refused.value)
    assert "b1," not in str(refused.value), "a network without biases offered b1..b3"


@pytest.mark.parametrize("key", RUN_OPTIONS)
def test_a_lesson_names_every_run_option_it_refuses_in_its_own_terms(tmp_path, key):
    # Rule: the file's own name for the field (run.lr), never the command line's (--lr), wherever it appears.
    path = write(tmp_path, f'[run]\n{key} = "x"\n')
    with pytest.raises(InputError) as refused:
        config_of(parser().parse_args([]), load_lesson(path))
    message = str(refused.value)
    assert message.startswith(f"{path}: run.{key}: ") and "--" not in message, message


def test_a_refusal_about_a_run_option_names_it_as_whoever_gave_it_wrote_it(tmp_path, capsys):
    """Data that is refused once it is read is the lesson's run.data, unless the command line gave --data."""
    from tui.frontends.cli import main

    (tmp_path / "two.csv").write_text("a,y\n1,2\n3,4\n")
    (tmp_path / "three.csv").write_text("a,b,y\n1,2,3\n")
    lesson = tmp_path / "lesson.toml"
    lesson.write_text('[run]\ndata = "two.csv"\n')
    assert main(["--lesson", str(lesson), "--screenshot", str(tmp_path / "x.svg")]) == 2
    assert capsys.readouterr().err.startswith(f"nn-by-hand: {lesson}: run.data: ")
    assert main(["--lesson", str(lesson), "--data", str(tmp_path / "three.csv"), "--screenshot", str(tmp_path / "x.svg")]) == 2
    assert capsys.readouterr().err.startswith("nn-by-hand: --data: ")


def test_steps_are_keys_then_the_answer_typed_then_enter_then_a_stop(tmp_path):
    path = write(
        tmp_path,
        '[[play.steps]]\nkeys = "n n"\nanswer = -141.8247\nwait = true\n[[play.steps]]\nanswer = 2e-05\n[[play.steps]]\nkeys = "s"',
    )
    keys = load_lesson(path).session.keys
    assert keys == ("n", "n", *"-141.8247", "enter", "wait", *"2e-05", "enter", "s")


def _figures(run) -> list[float]:
    """Every quantity a network from a file's run computes in its first steps, in either order, its loss after every
    step and its outputs at the end."""
    from dataclasses import replace

    import numpy as np

    from model import ORDERS
    from model.described import FullError, outputs_after

    found = [run.config.lr]
    for order in ORDERS:
        other = train(replace(run.config, order=order))
        b = other.batch(0, min(other.steps, 4))
        half = 0.5 if other.description.loss == "half-squared" else 1.0
        for group in (b.nodes, b.signals, b.residuals, b.targets):
            found += [float(v) for values in group.values() for v in values]
        found += b.loss.tolist()
        for array in (b.grads, b.deltas, b.before, b.after):
            found += array.ravel().tolist()
        found += [half * float(r) ** 2 for values in b.residuals.values() for r in values]
        found += FullError(other.description, other.data).loss(other.weights).tolist()
        for values in outputs_after(other.description, other.weights[-1:], other.data, np.arange(len(other.data))).values():
            found += values.tolist()
    return found
