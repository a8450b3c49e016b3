"""Network files: what they describe, and every mistake refused in one line naming the file, the key and what is
allowed."""

import json
import re

import numpy as np
import pytest

from model import Config, InputError, train
from model.description import MOST_PARAMETERS
from model.netfile import load_network, read_description, table_of
from model.networks import SHIPPED
from model.parameters import PARAMETERS, Network

GOOD = """
[network]
layers = [["i1", "i2"], ["h1", "h2"], ["o1"]]
activations = ["tanh", "linear"]
loss = "squared"
lr = 0.05
"""


def written(tmp_path, text: str) -> str:
    path = tmp_path / "net.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_without_parameters_each_layer_is_joined_to_the_next_by_one_weight_per_edge(tmp_path):
    d = load_network(written(tmp_path, GOOD))
    assert [(link.name, link.source, link.targets) for link in d.links[:3]] == [
        ("w1", "i1", ("h1",)),
        ("w2", "i2", ("h1",)),
        ("w3", "i1", ("h2",)),
    ]
    assert d.names == ("w1", "w2", "w3", "w4", "w5", "w6") and d.phases == ("forward", "w5", "w6", "w1", "w2", "w3", "w4")
    config = Config.from_options({"network": written(tmp_path, GOOD)})
    assert (config.lr, config.epochs, config.order, config.generated) == (0.05, 1, "notebook", True), "two inputs, one output"
    assert config.weights().numbers == tuple(np.random.RandomState(42).rand(6).tolist()), "values drawn from the seed"
    assert train(config).steps == 100


def test_every_shipped_network_reads_back_from_the_table_a_session_keeps():
    for name in SHIPPED:
        d = load_network(name)
        again = read_description(json.loads(json.dumps(table_of(d))), d.source)
        assert again == d


def test_the_notebooks_parameters_are_its_built_in_description():
    d = Network(bias=True).description
    assert [(p.name, p.feeds, p.into) for p in PARAMETERS] == [(link.name, link.source, link.targets[0]) for link in d.links]
    assert [p.name for p in sorted(PARAMETERS, key=lambda p: p.turn)] == list(d.phases[1:])


MISTAKES = {
    "no network": ("[data]\ninputs = [[1]]\ntargets = [[1]]", "network: missing; the file needs a [network] table"),
    "unknown key": (GOOD + "speed = 3\n", "network: unknown key 'speed'; allowed: layers, activations, loss, lr, epochs, order, fixed"),
    "missing lr": (GOOD.replace("lr = 0.05", ""), "network.lr: missing"),
    "bad lr": (GOOD.replace("0.05", "-1"), "network.lr: must be a positive number, got '-1'"),
    "activation": (
        GOOD.replace('"tanh"', '"softmax"'),
        "network.activations: unknown activation 'softmax'; choose from linear, tanh, sigmoid, relu",
    ),
    "activations count": (GOOD.replace(', "linear"]', "]"), "network.activations: give one per layer after the inputs: 2, got 1"),
    "loss": (GOOD.replace('"squared"', '"cross-entropy"'), "network.loss: must be half-squared or squared, got 'cross-entropy'"),
    "too deep": (
        GOOD.replace('["o1"]]', '["a"], ["b"], ["o1"]]').replace('["tanh", "linear"]', '["tanh"] * 4'),
        "not a network description",
    ),
    "five layers": (GOOD.replace('["o1"]]', '["a"], ["b"], ["o1"]]'), "network.layers: give from 2 to 4 layers (the inputs' included)"),
    "wide": (
        GOOD.replace('["h1", "h2"]', str([f"h{i}" for i in range(7)]).replace("'", '"')),
        "network.layers: each layer has from 1 to 6 nodes",
    ),
    "twice": (GOOD.replace('["o1"]', '["h1"]'), "network.layers: 'h1' is used twice or reserved"),
    "name": (GOOD.replace('"o1"', '"1o"'), "network.layers: '1o' is not a name"),
    "unknown node": (GOOD + '[parameters]\nw1 = ["i1", "h3", 0.1]\n', "parameters.w1: unknown node 'h3'; nodes are i1, i2, h1, h2, o1"),
    "not adjacent": (
        GOOD + '[parameters]\nw1 = ["i1", "o1", 0.1]\n',
        "parameters.w1: joins i1 to o1: a weight joins a node to one in the next layer",
    ),
    "into the inputs": (
        GOOD + '[parameters]\nb1 = ["1", "i1", 0.1]\n',
        "parameters.b1: the nodes it feeds must all be in one layer after the inputs",
    ),
    "two layers": (GOOD + '[parameters]\nb1 = ["1", ["h1", "o1"]]\n', "parameters.b1: the nodes it feeds must all be in one layer"),
    "not a list": (GOOD + "[parameters]\nw1 = 0.1\n", "parameters.w1: must be [from, to, value] or [from, to]"),
    "value": (GOOD + '[parameters]\nw1 = ["i1", "h1", "big"]\n', "parameters.w1: 'big' is not a number"),
    "second edge": (
        GOOD + '[parameters]\nw1 = ["i1", "h1"]\nw2 = ["i1", "h1"]\n',
        "parameters.w2: a second weight from i1 to h1; each edge has one parameter",
    ),
    "unfed": (GOOD + '[parameters]\nw1 = ["i1", "h1"]\nw2 = ["i2", "h1"]\nw3 = ["h1", "o1"]\n', "parameters: nothing feeds h2"),
    "dead end": (GOOD + '[parameters]\nw1 = ["i1", "h1"]\nw2 = ["i2", "h2"]\nw3 = ["h1", "o1"]\n', "parameters: h2 feeds nothing"),
    "clash": (GOOD + '[parameters]\nh1 = ["i1", "h1"]\n', "parameters.h1: is also a node's name; give it another"),
    "clash without [parameters]": (
        GOOD.replace('"h2"]', '"w3"]'),
        "network.layers: node 'w3' has the name given to the weight from i1 to w3; rename the node, or name that weight in [parameters]",
    ),
    "reserved": (GOOD + '[parameters]\nlr = ["i1", "h1"]\n', "parameters.lr: not a parameter name"),
    "fixed unknown": (GOOD.replace("lr = 0.05", 'lr = 0.05\nfixed = ["b9"]'), "network.fixed: no parameter 'b9'; parameters are w1"),
    "all fixed": (
        GOOD.replace("lr = 0.05", 'lr = 0.05\nfixed = ["w1", "w2", "w3", "w4", "w5", "w6"]'),
        "network.fixed: name each parameter once, and leave at least one to train",
    ),
    "order": (GOOD + 'order = "random"\n', "network.order: must be notebook or simultaneous, got 'random'"),
    "data width": (GOOD + "[data]\ninputs = [[1, 2, 3]]\ntargets = [[1]]\n", "data.inputs[0]: has 3 values; the layer has 2"),
    "data rows": (GOOD + "[data]\ninputs = [[1, 2], [3, 4]]\ntargets = [[1]]\n", "data: 2 rows of inputs but 1 of targets"),
    "data missing": (GOOD + "[data]\ninputs = [[1, 2]]\n", "data.targets: missing"),
    "data value": (GOOD + "[data]\ninputs = [[1, inf]]\ntargets = [[1]]\n", "data.inputs[0]: must be a finite number, got 'inf'"),
    "toml": ("[network\n", "not a network description: not valid TOML"),
}


@pytest.mark.parametrize("case", MISTAKES, ids=list(MISTAKES))
def test_a_mistake_is_refused_in_one_line_naming_the_file_and_the_key(tmp_path, case):
    text, message = MISTAKES[case]
    with pytest.raises(InputError) as refused:
        load_network(written(tmp_path, text))
    said = str(refused.value)
    assert said.startswith("net.toml: ") and message in said and "\n" not in said, said


def test_too_many_parameters_to_show(tmp_path):
    wide = GOOD.replace('["i1", "i2"]', str([f"i{i}" for i in range(6)]).replace("'", '"'))
    wide = wide.replace('["h1", "h2"]', str([f"h{i}" for i in range(6)]).replace("'", '"'))
    with pytest.raises(InputError, match=re.escape(f"net.toml: parameters: 42 parameters; at most {MOST_PARAMETERS} can be shown")):
        load_network(written(tmp_path, wide))


def test_options_that_do_not_fit_a_network_from_a_file(tmp_path):
    three = written(tmp_path, GOOD.replace('["o1"]', '["o1", "o2", "o3"]'))
    with pytest.raises(InputError, match=re.escape("net.toml: data: missing; a network of 2 inputs and 3 outputs trains on its [data]")):
        Config.from_options({"network": three})
    with pytest.raises(InputError, match=re.escape("--activation: the network from net.toml names its own activations and biases")):
        Config.from_options({"network": written(tmp_path, GOOD), "activation": "tanh"})
    with pytest.raises(InputError, match=re.escape("--network: no file 'nowhere.toml' (shipped networks: mazur, hagan, xor)")):
        Config.from_options({"network": "nowhere.toml"})
    with pytest.raises(InputError, match=re.escape("--samples: applies to generated data only, not to the [data] of mazur")):
        Config.from_options({"network": "mazur", "samples": "50"})


def test_a_preset_is_refused_where_it_would_choose_nothing(tmp_path):
    preset = "easy"
    """A preset chooses generated data for a network from a file (its lr and epochs are the network's): refused when
    the network trains on its own [data] or on a file; taken where it draws the data."""
    with pytest.raises(InputError, match=r"^--preset: the network from mazur names its own data; a preset only chooses generated data$"):
        Config.from_options({"network": "mazur", "preset": preset})
    rows = tmp_path / "d.csv"
    np.savetxt(rows, np.random.RandomState(0).rand(4, 3), delimiter=",", header="a,b,t", comments="")
    with pytest.raises(InputError, match=r"^--preset: the network from net.toml trains on --data; a preset only"):
        Config.from_options({"network": written(tmp_path, GOOD), "preset": preset, "data": str(rows)})
    generated = Config.from_options({"network": written(tmp_path, GOOD), "preset": preset})
    assert generated.preset == preset and generated.lr == 0.05, "the data is drawn as the preset says; lr is the network's"
    assert Config.from_options({"network": "mazur", "preset": "noisy"}).preset == "noisy", "the default, as a saved session writes it"


def test_a_csv_file_with_several_targets(tmp_path):
    rows = np.random.RandomState(1).rand(20, 5)
    path = tmp_path / "d.csv"
    np.savetxt(path, rows, delimiter=",", header="a,b,c,t1,t2", comments="")
    config = Config.from_options({"network": "mazur", "data": str(path), "target": "t1,t2", "features": "b,c", "epochs": "2"})
    run = train(config)
    assert run.data.names == ("b", "c", "t1", "t2") and len(run.data) == 20
    assert np.array_equal(run.data.targets[1], rows[:, 4]) and np.array_equal(run.data.inputs[0], rows[:, 1])
    assert run.steps == 40
    with pytest.raises(InputError, match=re.escape("give 2 target columns as T1,T2, got 't1'")):
        Config.from_options({"network": "mazur", "data": str(path), "target": "t1"}).load()
