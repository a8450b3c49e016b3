"""`nn-by-hand trace` and the command line's handling of bad input, run as a user runs them."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import sklearn

from model import Config, train


def cli(*args):
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=120)


def test_console_script_is_installed():
    assert (Path(sys.executable).parent / "nn-by-hand").exists()


def test_text_tells_the_notebooks_story():
    result = cli("trace")
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
    result = cli("trace", "--format", "jsonl", "--preset", "easy", "--epochs", "1")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 100 and result.returncode == 0
    first = rows[0]
    keys = {"epoch", "sample", "x1", "x2", "y", "h1", "h2", "y_hat", "residual", "loss", "grads", "deltas"}
    assert keys | {"weights_before", "weights_after", "beta1", "beta2", "rmse"} <= first.keys()
    assert (first["epoch"], first["sample"], rows[-1]["sample"]) == (1, 0, 99)
    assert first["rmse"] == 105.2827433708648
    assert list(first["grads"]) == ["w1", "w2", "w3", "w4", "w5", "w6"]
    run = train(Config.from_options({"preset": "easy", "epochs": "1"}))
    step = run.step(42)
    assert rows[42]["grads"]["w3"] == next(u.grad for u in step.updates if u.name == "w3")
    assert rows[42]["weights_after"] == step.after.as_dict() and rows[41]["weights_after"] == rows[42]["weights_before"]


def test_csv_flattens_and_every_epoch_keeps_the_last_rows():
    result = cli("trace", "--format", "csv", "--every", "epoch")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["epoch"], r["sample"]) for r in table] == [(str(e), "99") for e in range(1, 6)]
    assert float(table[-1]["rmse"]) == 102.76034914846261
    assert float(table[-1]["weights_after.w6"]) == 8.365682752343316
    assert "grads.w1" in table[0] and "deltas.w4" in table[0]


def test_divergence_prints_rows_up_to_it_and_exits_3():
    result = cli("trace", "--format", "jsonl", "--lr", "0.5")
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nn-by-hand: diverged at epoch 1, sample ")
    sample = int(lines[0].split("sample ")[1].split()[0])
    assert len(result.stdout.splitlines()) == sample
    assert "Warning" not in result.stderr


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
        (["--data", "/no/such.csv"], "--data: no file /no/such.csv"),
        (["--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, words):
    for command in (["trace", *args], args):
        if args[0] == "--format" and command == args:
            continue
        result = cli(*command)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("nn-by-hand: ") and words in result.stderr


def test_bad_csv_is_reported_by_the_command(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b,c\n1,2,3\n4,oops,6\n")
    result = cli("trace", "--data", str(path))
    assert result.returncode == 2 and result.stderr == f"nn-by-hand: --data: {path} line 3 column 2: 'oops' is not a number\n"


def test_own_data_trains(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("temp,rain,sales\n" + "".join(f"{i},{i % 3},{2 * i + (i % 3)}\n" for i in range(10)))
    result = cli("trace", "--data", str(path), "--lr", "0.001", "--epochs", "2")
    assert result.returncode == 0, result.stderr
    assert "data: " + str(path) in result.stdout and "RMSE after epoch 2" in result.stdout


def test_raw_real_data_that_diverges_says_what_to_try():
    data = Path(sklearn.__file__).parent / "datasets" / "data" / "linnerud_exercise.csv"
    result = cli("trace", "--data", str(data))
    assert result.returncode == 3
    assert result.stderr.endswith("; try a smaller --lr than 0.0001, or --standardize to put the features on one scale\n")
    assert cli("trace", "--data", str(data), "--standardize").returncode == 0


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
