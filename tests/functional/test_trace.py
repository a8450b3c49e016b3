"""`nn-by-hand trace` and the command line's handling of bad input: in this process, or in its own where a pipe or a terminal matters."""

import csv
import io
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sklearn

from model import Config, train
from tests.helpers import run, stderr_on_a_terminal


def test_console_script_is_installed():
    assert (Path(sys.executable).parent / "nn-by-hand").exists()


def test_text_tells_the_notebooks_story():
    result = run("trace")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "RMSE after the first sample: 131.80677685986092" in out
    for epoch, value in enumerate(
        ["129.8450062254458", "123.33196509825842", "111.44619152943271", "104.25314828273383", "102.76034914846261"], 1
    ):
        assert f"RMSE after epoch {epoch}: {value}" in out
    assert "w5 = 3.63496368138127" in out
    assert "R² 0.4144461358278726, RMSE 101.32961290191164" in out


def test_jsonl_has_every_field_of_every_sample_step():
    result = run("trace", "--format", "jsonl", "--preset", "easy", "--epochs", "1")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 100 and result.returncode == 0
    first = rows[0]
    keys = {"epoch", "sample", "x1", "x2", "y", "h1", "h2", "y_hat", "residual", "loss", "grads", "deltas"}
    assert keys | {"weights_before", "weights_after", "beta1", "beta2", "rmse"} <= first.keys()
    assert (first["epoch"], first["sample"], rows[-1]["sample"]) == (1, 0, 99)
    assert first["rmse"] == 105.2827433708648
    assert list(first["grads"]) == ["w1", "w2", "w3", "w4", "w5", "w6"]
    trained = train(Config.from_options({"preset": "easy", "epochs": "1"}))
    step = trained.step(42)
    assert rows[42]["grads"]["w3"] == next(u.grad for u in step.updates if u.name == "w3")
    assert rows[42]["weights_after"] == step.after.as_dict() and rows[41]["weights_after"] == rows[42]["weights_before"]


def test_csv_flattens_and_every_epoch_keeps_the_last_rows():
    result = run("trace", "--format", "csv", "--every", "epoch")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["epoch"], r["sample"]) for r in table] == [(str(e), "99") for e in range(1, 6)]
    assert float(table[-1]["rmse"]) == 102.76034914846261
    assert float(table[-1]["weights_after.w6"]) == 8.365682752343316
    assert "grads.w1" in table[0] and "deltas.w4" in table[0]
    # A text cell reads as the JSON row's string, not as Python's repr of it.
    assert (table[0]["lr"], table[0]["order"], table[0]["edits"]) == ("0.0001", "notebook", "")


def test_divergence_prints_rows_up_to_it_and_exits_3():
    result = run("trace", "--format", "jsonl", "--lr", "0.5")
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nn-by-hand: diverged at epoch 1, sample ")
    sample = int(lines[0].split("sample ")[1].split()[0])
    assert len(result.stdout.splitlines()) == sample
    assert "Warning" not in result.stderr


def test_trace_adds_the_pre_activations_the_biases_and_their_derivatives():
    result = run("trace", "--format", "jsonl", "--activation", "tanh", "--bias", "--epochs", "1")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 100 and result.returncode == 0
    names = ["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"]
    for group in ("grads", "deltas", "weights_before", "weights_after"):
        assert list(rows[0][group]) == names
    assert {"z1", "z2"} <= rows[0].keys() and "beta1" not in rows[0]  # tanh units: no linear β
    trained = train(Config.from_options({"activation": "tanh", "bias": True, "epochs": "1"}))
    step = trained.step(7)
    assert rows[7]["z1"] == step.nodes["z1"] and rows[7]["h1"] == step.nodes["H1"]
    assert rows[7]["grads"]["b2"] == next(u.grad for u in step.updates if u.name == "b2")
    table = list(csv.DictReader(io.StringIO(run("trace", "--format", "csv", "--bias", "--epochs", "1").stdout)))
    linear = train(Config.from_options({"bias": True, "epochs": "1"}))
    assert float(table[-1]["beta0"]) == linear.network.betas(linear.at(linear.positions - 1).weights)["beta0"]
    assert "grads.b3" in table[0] and "weights_after.b1" in table[0]


@pytest.mark.parametrize(
    ("args", "expected", "absent"),
    [
        (["--bias", "--preset", "easy", "--lr", "0.001"], "LinearRegression(fit_intercept=True)", "fit_intercept=False"),
        (["--activation", "relu"], "relu units: ŷ is not linear in X1, X2, so no β compares with LinearRegression", "β1 ="),
        ([], "β1 = w1·w5 + w2·w6 = ", "fit_intercept=True"),
    ],
)
def test_the_beta_comparison_is_made_only_where_a_linear_beta_exists(args, expected, absent):
    result = run("trace", *args)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout and absent not in result.stdout


def test_biases_with_linear_units_reach_linear_regression_with_an_intercept(tmp_path):
    """On noise-free data with an intercept of 5, SGD with biases finds it, as LinearRegression(fit_intercept=True) does."""
    from model.reference import reference

    rng = np.random.RandomState(0)
    x = rng.standard_normal((50, 2))
    path = tmp_path / "intercept.csv"
    np.savetxt(path, np.column_stack([x, 3 * x[:, 0] - 2 * x[:, 1] + 5]), delimiter=",", header="a,b,y", comments="")
    trained = train(Config.from_options({"bias": True, "data": str(path), "epochs": "200", "lr": "0.01"}))
    betas = trained.network.betas(trained.at(trained.positions - 1).weights)
    fitted = reference(trained.data).matching(trained.network).betas
    assert fitted == pytest.approx({"beta1": 3, "beta2": -2, "beta0": 5}, rel=1e-12)
    assert betas == pytest.approx(fitted, rel=1e-12)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--lr", "0"], "--lr: must be a positive number"),
        (["--lr", "nan"], "--lr: must be a finite number"),
        (["--lr", "abc"], "--lr: 'abc' is not a number"),
        (["--epochs", "0"], "--epochs: must be at least 1"),
        (["--samples", "1"], "--samples: must be at least 2"),
        (["--preset", "hard"], "--preset: unknown preset 'hard'"),
        (["--order", "sideways"], "--order: unknown order 'sideways'"),
        (["--activation", "softmax"], "--activation: unknown activation 'softmax'; choose one of linear, tanh, sigmoid, relu"),
        (["--activation", "[/x]"], "--activation: unknown activation '[/x]'"),
        (["--data", "/no/such.csv"], "--data: no file '/no/such.csv'"),
        (["--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, words):
    for command in (["trace", *args], args):
        if args[0] == "--format" and command == args:
            continue
        result = run(*command)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("nn-by-hand: ") and words in result.stderr


def test_bad_csv_is_reported_by_the_command(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b,c\n1,2,3\n4,oops,6\n")
    result = run("trace", "--data", str(path))
    assert result.returncode == 2 and result.stderr == f"nn-by-hand: --data: {path} line 3 column 2: 'oops' is not a number\n"


def test_own_data_trains(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("temp,rain,sales\n" + "".join(f"{i},{i % 3},{2 * i + (i % 3)}\n" for i in range(10)))
    result = run("trace", "--data", str(path), "--lr", "0.001", "--epochs", "2")
    assert result.returncode == 0, result.stderr
    assert "data: " + str(path) in result.stdout and "RMSE after epoch 2" in result.stdout


def test_raw_real_data_that_diverges_says_what_to_try():
    data = Path(sklearn.__file__).parent / "datasets" / "data" / "linnerud_exercise.csv"
    result = run("trace", "--data", str(data))
    assert result.returncode == 3
    assert result.stderr.endswith("; try a smaller --lr than 0.0001, or --standardize to put the features on one scale\n")
    assert run("trace", "--data", str(data), "--standardize").returncode == 0


def test_a_reader_that_goes_away_ends_quietly_with_the_runs_status():
    diverging = subprocess.run(
        f"{sys.executable} -m tui trace --format jsonl --lr 0.02 --epochs 50 | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert diverging.returncode == 3 and diverging.stdout.count("\n") == 1
    assert diverging.stderr.startswith("nn-by-hand: diverged at") and diverging.stderr.count("\n") == 1
    fine = subprocess.run(
        f"{sys.executable} -m tui trace --format jsonl --epochs 50 | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (fine.returncode, fine.stderr) == (0, "")
    both = subprocess.run(  # stderr into the same pipe: the divergence cannot be said, its status still is
        f"{sys.executable} -m tui trace --lr 0.02 --epochs 50 2>&1 | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert both.returncode == 3 and both.stdout.startswith("preset noisy") and both.stderr == ""


def test_on_a_terminal_stderr_shows_a_progress_bar_that_is_erased_and_stdout_is_unchanged(tmp_path):
    command = str(Path(sys.executable).parent / "nn-by-hand")
    args = [command, "trace", "--format", "csv", "--samples", "5000", "--epochs", "1", "--lr", "1e-6"]
    piped = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and piped.stderr == "", "no bar where stderr is not a terminal"
    with open(tmp_path / "out.csv", "w") as out:
        shown, text = stderr_on_a_terminal(args, out, 300)
    assert shown.returncode == 0
    for stage in ("training", "writing"):  # a linear network's RMSE takes no time worth a bar (model/loss.py)
        assert f"\r{stage:<8} [" in text and f"\r{stage:<8} [{'#' * 30}] 100%" in text, stage
    assert text.endswith("\r\x1b[2K"), "the bar is erased at the end"
    assert (tmp_path / "out.csv").read_text() == piped.stdout


def test_edits_replay_forks_each_row_from_the_run_that_computed_it():
    """Rule: before an edit a row is the run's as it was, after it the fork's; a row's own settings compute it."""
    edits = ["1 30 w3=0.5", "2 10 lr=3e-4"]  # a fork of a fork: as deep as the debugger goes
    result = run("trace", "--format", "jsonl", "--epochs", "3", *(word for edit in edits for word in ("--edit", edit)))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    base = train(Config.from_options({"epochs": "3"}))
    assert rows[:31] == [json.loads(line) for line in run("trace", "--format", "jsonl", "--epochs", "3").stdout.splitlines()[:31]]
    assert rows[30]["weights_after"]["w3"] == base.weights[31, 2] and rows[31]["weights_before"]["w3"] == 0.5
    assert rows[31]["rmse"] != base.rmse[32] and len(rows) == 300
    # Each row's update is its own run's: lr 1e-4 up to sample 2 10 (step 110) included, 3e-4 after it.
    for step, lr in ((31, 1e-4), (110, 1e-4), (111, 3e-4), (299, 3e-4)):
        assert math.isclose(rows[step]["deltas"]["w5"], -(lr / 2) * rows[step]["grads"]["w5"], rel_tol=1e-9)
    # Every row names the settings that computed it: the row's own lr is the one its update used.
    for row in rows:
        assert math.isclose(row["deltas"]["w5"], -(row["lr"] / 2) * row["grads"]["w5"], rel_tol=1e-9)
    made = [("", 1e-4)] * 31 + [("w3 = 0.5", 1e-4)] * 80 + [("w3 = 0.5; lr = 0.0003", 3e-4)] * 189
    assert [(row["edits"], row["lr"]) for row in rows] == made and {row["order"] for row in rows} == {"notebook"}
    text = run("trace", "--epochs", "3", *(word for edit in edits for word in ("--edit", edit))).stdout
    assert "edit after epoch 1, sample 30: w3 = 0.5, RMSE from there" in text
    assert "edit after epoch 2, sample 10: lr = 0.0003" in text and text.startswith("preset noisy")
    deeper = run("trace", *(word for edit in [*edits, "2 20 order=simultaneous"] for word in ("--edit", edit)))
    assert (
        deeper.returncode == 2 and deeper.stderr == "nn-by-hand: --edit: at most 2 edits, each forking the run the one before made; got 3\n"
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("2 17 w9=1", "--edit: unknown name 'w9'"),
        ("w3=1", "--edit: 'w3=1' is not EPOCH SAMPLE NAME=VALUE"),
        ("9 0 w3=1", "--edit: no step at epoch 9, sample 0"),
        ("1 ² w3=1", "--edit: sample: '²' is not a whole number"),
        ("1 5 lr=0", "--edit: lr: must be a positive number"),
        ("1 5 w3=\x1b]2;x\x07", "--edit: w3: '\\x1b]2;x\\x07' is not a number"),
    ],
)
def test_a_bad_edit_is_one_line_and_status_2(edit, message):
    result = run("trace", "--edit", edit)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"nn-by-hand: {message}") and result.stderr.count("\n") == 1


def test_an_edit_before_the_one_it_follows_is_refused():
    result = run("trace", "--edit", "2 0 w3=1", "--edit", "1 5 w3=2")
    assert result.returncode == 2
    assert result.stderr == "nn-by-hand: --edit: this fork begins after epoch 2, sample 0; earlier steps belong to the run it came from\n"


def test_the_text_names_where_its_data_comes_from_and_every_is_for_rows(tmp_path, capsys):
    from tui.frontends.cli import main

    path = tmp_path / "d.csv"
    path.write_text("a,b,y\n" + "".join(f"{i % 5},{i % 3},{i % 7}\n" for i in range(20)))
    assert main(["trace", "--data", str(path)]) == 0
    first, second = capsys.readouterr().out.splitlines()[:2]
    assert not first.startswith("preset") and first.startswith("linear units") and str(path) in second
    assert main(["trace"]) == 0 and capsys.readouterr().out.startswith("preset noisy, linear units")
    assert main(["trace", "--every", "epoch"]) == 2  # the text format has no rows to choose: said, not ignored
    assert capsys.readouterr().err == (
        "nn-by-hand: --every: chooses the rows of --format jsonl or csv; the text format always shows each epoch's end\n"
    )
