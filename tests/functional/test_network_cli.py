"""A network from a file at the command line: trace reproduces Mazur's post, refusals are one line, a saved session
keeps the network it ran and resumes it on screen, and a lesson names or embeds one."""

import csv
import io
import itertools
import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from model import Config, InputError, Training, train
from model.training import finish
from tests.helpers import run
from tui.formats.saved import Saved, SavedRun, read_saved, rebuild
from tui.frontends.story import SHOWN, shown_epochs
from tui.records.state import ScreenState

MAZUR = Path(str(resources.files("model.networks") / "mazur.toml"))


def digits(value: float, text: str) -> bool:
    """Whether `value` is `text` at the decimals printed."""
    return f"{value:.{len(text.split('.')[1])}f}" == text


@pytest.fixture(scope="module")
def mazur_rows(tmp_path_factory) -> list[dict]:
    """`trace --network mazur.toml --format jsonl`: the file as a user would have it, 10,000 rounds in notebook order."""
    path = tmp_path_factory.mktemp("net") / "mazur.toml"
    shutil.copy(MAZUR, path)
    result = run("trace", "--network", str(path), "--format", "jsonl")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_trace_reproduces_the_posts_figures_in_notebook_order(mazur_rows):
    first, last = mazur_rows[0], mazur_rows[-1]
    assert len(mazur_rows) == 10_000 and (last["epoch"], last["sample"], first["order"]) == (10_000, 0, "notebook")
    assert digits(first["nodes"]["net_h1"], "0.3775") and digits(first["nodes"]["h1"], "0.593269992")
    assert digits(first["nodes"]["o1"], "0.75136507") and digits(first["nodes"]["o2"], "0.772928465")
    assert digits(first["loss"], "0.298371109") and digits(first["grads"]["w5"], "0.082167041")
    assert digits(first["dL_dnode"]["o1"], "0.74136507") and digits(first["dL_dnet"]["o1"], "0.138498562")
    assert digits(first["weights_after"]["w5"], "0.35891648") and digits(first["weights_after"]["w8"], "0.561370121")
    assert digits(first["mean_loss"], "0.291027924"), "the error after the first round"
    assert digits(last["mean_loss"], "0.000035085"), "after 10,000 rounds"
    assert digits(last["outputs_after"]["o1"], "0.015912196") and digits(last["outputs_after"]["o2"], "0.984065734")
    assert list(first["grads"]) == ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2"]
    assert first["deltas"]["b1"] == 0 and last["weights_after"]["b2"] == 0.6, "b1 and b2 are never trained"
    for before, after in itertools.pairwise(mazur_rows):
        assert before["weights_after"] == after["weights_before"]


def test_trace_in_simultaneous_order_gives_the_posts_per_step_weights():
    result = run("trace", "--network", "mazur", "--format", "jsonl", "--order", "simultaneous", "--epochs", "1")
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert digits(row["dL_dnode"]["h1"], "0.036350306") and digits(row["grads"]["w1"], "0.000438568")
    for name, text in {"w1": "0.149780716", "w2": "0.19956143", "w3": "0.24975114", "w4": "0.29950229"}.items():
        assert digits(row["weights_after"][name], text)
    assert digits(row["mean_loss"], "0.291027774") and row["order"] == "simultaneous"


def test_csv_rows_flatten_the_groups_and_text_tells_the_run():
    table = list(csv.DictReader(io.StringIO(run("trace", "--network", "hagan", "--format", "csv").stdout)))
    assert len(table) == 1 and float(table[0]["nodes.a2"]) == pytest.approx(0.446, abs=5e-4)
    assert {"targets.a2", "residuals.a2", "dL_dnet.a1_1", "grads.w1_1", "weights_after.b2", "outputs_after.a2", "mean_loss"} <= set(
        table[0]
    )
    text = run("trace", "--network", "mazur", "--epochs", "3").stdout
    assert text.startswith(
        "network mazur: 2-2-2 network (sigmoid, sigmoid), half-squared loss, notebook order, lr 0.5, 3 epochs, 1 sample\n"
    )
    assert "after the first sample: mean loss 0.2910279239" in text and "never trained: b1, b2" in text


def test_an_edit_forks_a_network_from_a_file_by_its_own_names():
    rows = [
        json.loads(line)
        for line in run("trace", "--network", "mazur", "--epochs", "4", "--format", "jsonl", "--edit", "2 0 w7=0.1").stdout.splitlines()
    ]
    assert rows[2]["weights_before"]["w7"] == 0.1 and rows[2]["edits"] == "w7 = 0.1" and rows[1]["edits"] == ""
    refused = run("trace", "--network", "mazur", "--edit", "1 0 w9=1")
    assert refused.returncode == 2 and refused.stderr.startswith("nn-by-hand: --edit: unknown name 'w9'; change one of w1, w2")


def test_a_bad_file_is_one_line_and_status_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(MAZUR.read_text().replace('["h2", "o2", 0.55]', '["i2", "o2", 0.55]'))
    for argv in (["trace", "--network", str(path)], ["--network", str(path)], ["record", str(tmp_path / "x.cast"), "--network", str(path)]):
        result = run(*argv)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == "nn-by-hand: bad.toml: parameters.w8: joins i2 to o2: a weight joins a node to one in the next layer\n"


def test_a_saved_session_keeps_the_network_it_ran(tmp_path):
    path = tmp_path / "net.toml"
    shutil.copy(MAZUR, path)
    config = Config.from_options({"network": str(path), "epochs": "3", "order": "simultaneous"})
    trained = finish(Training(config))
    screen = ScreenState(6, None, {}, (), None, False, False, False, 10, 0, None)  # w1's update
    text = Saved(SavedRun.of(trained, None, ()), screen).dumps()
    path.write_text("the file changed since")  # the session carries the network itself
    saved = read_saved(json.loads(text), "s.json")
    assert saved.run.network is not None and saved.run.network["source"] == "net.toml"
    training, _ghosts, _points = rebuild(saved, "s.json")
    again = finish(training)
    assert again.description == trained.description and (again.config.order, again.config.epochs) == ("simultaneous", 3)
    assert (again.weights == trained.weights).all() and (again.rmse == trained.rmse).all()
    session = tmp_path / "s.json"
    session.write_text(text)
    result = run("--resume", str(session), "--screenshot", str(tmp_path / "x.svg"))
    assert result.returncode == 0 and "0.149780716" in (tmp_path / "x.svg").read_text(), "the screen of the network it ran"
    table = json.loads(text)
    table["network"]["parameters"]["w1"] = ["i1", "o1", 0.15]
    session.write_text(json.dumps(table))
    result = run("--resume", str(session))
    assert result.returncode == 2 and result.stderr.startswith(
        f"nn-by-hand: --resume: {session}: network: net.toml: parameters.w1: joins i1 to o1"
    )


def test_the_readmes_network_file_runs_and_its_error_line_is_what_the_program_says(tmp_path):
    from tests.functional.test_readme import block

    text = block("toml", "## Your own network")
    path = tmp_path / "net.toml"
    path.write_text(text, encoding="utf-8")
    rows = [json.loads(line) for line in run("trace", "--network", str(path), "--format", "jsonl").stdout.splitlines()]
    assert len(rows) == 3 and rows[0]["weights_before"]["w7"] == 0.5 and rows[0]["deltas"]["b2"] == 0
    path.write_text(text.replace('w8 = ["h2", "o2"]', 'w8 = ["i2", "o2"]'), encoding="utf-8")
    assert run("trace", "--network", str(path)).stderr == block("", "A mistake gets one line naming the file")
    example = block("sh", "in the trace and on screen.").strip()
    assert run(*example.split()[1:]).returncode == 0
    lesson = tmp_path / "one.toml"
    lesson.write_text(block("toml", "its notes then name that network's parameters and phases"), encoding="utf-8")
    result = run("--lesson", str(lesson), "--keys", "n n", "--screenshot", str(tmp_path / "one.svg"))
    assert result.returncode == 0 and "the&#160;whole&#160;chain" in (tmp_path / "one.svg").read_text(), "the lesson's note, on screen"


def test_a_lessons_network_is_read_beside_it_or_embedded_in_it(tmp_path):
    from tui.formats.lesson import load_lesson

    shutil.copy(MAZUR, tmp_path / "m.toml")
    lesson = tmp_path / "l.toml"
    lesson.write_text('title = "Mazur"\n\n[run]\nnetwork = "m.toml"\norder = "simultaneous"\n\n[[notes]]\nat = "1 0 w1"\ntext = "here"\n')
    assert load_lesson(str(lesson)).run["network"] == str(tmp_path / "m.toml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run("--lesson", str(lesson), "--keys", "s", "--screenshot", str(tmp_path / "x.svg"), cwd=elsewhere)
    assert result.returncode == 0 and "0.149780716" in (tmp_path / "x.svg").read_text()
    embedded = tmp_path / "e.toml"
    embedded.write_text('title = "Mazur, embedded"\n[[notes]]\nat = "1 0 w8"\ntext = "here"\n\n' + MAZUR.read_text(encoding="utf-8"))
    read = load_lesson(str(embedded))
    assert read.run["network"].source == "e.toml", "named by its lesson's file"
    result = run("--lesson", str(embedded), "--keys", "n n n n n", "--screenshot", str(tmp_path / "y.svg"))
    assert result.returncode == 0 and "0.561370121" in (tmp_path / "y.svg").read_text(), "w8 after its update, the post's figure"


LINE = '[network]\nlayers = [["x"], ["o"]]\nactivations = ["linear"]\nloss = "squared"\nlr = 1\n'
"""An embedded network of one weight."""


@pytest.mark.parametrize(
    "text, said",
    [
        (
            "[initial]\nw1 = 1\nb = 2\n" + LINE,
            "initial: unknown key 'b'; allowed: w1",
        ),
        ('[run]\nnetwork = "mazur"\n[network]\nlayers = [["x"], ["o"]]\n', "run.network: the lesson embeds its [network] already"),
        ("[data]\ninputs = [[1]]\ntargets = [[1]]\n", "data: belongs with an embedded [network]"),
        (LINE + '[[notes]]\nat = "1 0 w7"\ntext = "x"\n', "notes[0].at: unknown phase 'w7'"),
        ('[run]\nnetwork = "nowhere.toml"\n', "l.toml: run.network: no file"),
    ],
)
def test_a_lessons_network_mistakes_are_one_line(tmp_path, text, said):
    lesson = tmp_path / "l.toml"
    lesson.write_text(text, encoding="utf-8")
    result = run("--lesson", str(lesson), "--screenshot", str(tmp_path / "x.svg"))
    assert result.returncode == 2 and said in result.stderr and result.stderr.count("\n") == 1, result.stderr


def test_a_diverging_network_from_a_file_is_reported_by_epoch_and_sample(tmp_path):
    path = tmp_path / "line.toml"
    path.write_text(
        '[network]\nlayers = [["x"], ["h"], ["o"]]\nactivations = ["linear", "linear"]\nloss = "squared"\nlr = 10\nepochs = 500\n'
        "[data]\ninputs = [[3], [1]]\ntargets = [[1], [2]]\n",
        encoding="utf-8",
    )
    result = run("trace", "--network", str(path), "--format", "jsonl")
    assert result.returncode == 3 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("nn-by-hand: diverged at epoch ") and result.stderr.endswith("try a smaller --lr than 10\n")


def test_a_saved_session_in_either_order_reads_back_and_only_as_written():
    """A network's run always writes its lr, epochs and order, the notebook order too; the notebook's own network
    writes only what differs from its preset, so its notebook order without the network is not a session it wrote."""
    for order in ("notebook", "simultaneous"):
        run = train(Config.from_options({"network": "hagan", "order": order}))
        table = json.loads(Saved(SavedRun.of(run, None, ()), ScreenState(0, None, {}, (), None, False, False, False, 10, 0, None)).dumps())
        assert read_saved(table, "s.json").run.run["order"] == order
    del table["network"]
    table["run"] = {"preset": "noisy", "epochs": 1}
    read_saved(table, "s.json")  # the notebook's own, as it writes it
    table["run"]["order"] = "notebook"
    with pytest.raises(InputError, match=r"^s\.json: run: .* are not the options this version writes for that run$"):
        read_saved(table, "s.json")


def test_a_long_runs_text_shows_round_epochs_and_the_last():
    """Every epoch of a short run; of a longer one, the multiples of the smallest round step (a digit and zeros)
    that cuts it in at most SHOWN - 1 parts, and the last."""
    for epochs in [*range(1, 40), 99, 100, 101, 110, 111, 121, 999, 1001, 3000, 10_000, 12_345, 99_999]:
        shown = shown_epochs(epochs)
        assert shown[-1] == epochs and len(shown) <= SHOWN and shown == sorted(set(shown))
        if epochs <= SHOWN:
            assert shown == list(range(1, epochs + 1))
            continue
        step = shown[0]
        assert re.fullmatch(r"[1-9]0*", str(step)), f"{epochs}: the step {step} is not round"
        assert shown[:-1] == list(range(step, epochs, step)), epochs
        digit, zeros = int(str(step)[0]), len(str(step)) - 1
        smaller = (digit - 1) * 10**zeros if digit > 1 else 9 * 10 ** (zeros - 1)
        assert smaller * (SHOWN - 1) < epochs, f"{epochs}: a step of {smaller} also divides it into SHOWN - 1 parts"
    said = [
        line.split(":")[0] for line in run("trace", "--network", "hagan", "--epochs", "3000").stdout.splitlines() if "after epoch" in line
    ]
    assert said == [f"after epoch {e}" for e in range(300, 3001, 300)]
