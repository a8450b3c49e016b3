"""The network diagram is drawn from the parameters: each edge joins the nodes its parameter joins."""

import re
from dataclasses import replace
from types import SimpleNamespace

from model import Config, train
from model.parameters import HIDDEN, INPUTS, OUTPUT, Network
from tui.app.widgets.network import Diagram


def _into_hidden(row: str) -> str:
    """The weight on a row's edge from an input to a hidden unit."""
    return re.findall(r"[wb]\d", row.split("▶")[0])[0]


def _rows(network: Network) -> list[str]:
    run = train(Config.of("noisy"))
    shown = SimpleNamespace(network=network)
    return Diagram._draw(shown, run.at(run.first + 1), None, 3).plain.split("\n")  # type: ignore[arg-type]


def test_each_input_row_carries_the_weight_the_parameters_name_for_that_input_and_unit():
    network = Network()
    rows = _rows(network)
    pairs = [(x, h) for x in INPUTS for h in HIDDEN]
    for row, (x, h) in zip(rows, pairs, strict=True):
        (name,) = [p.name for p in network.parameters if (p.feeds, p.into) == (x, h)]
        assert _into_hidden(row) == name, (row, x, h)
    assert "w5" in rows[0] and "w6" in rows[-1] and OUTPUT in rows[1]


def test_a_network_whose_parameters_join_other_nodes_draws_them_so():
    swapped = Network()
    names = {"w1": "w2", "w2": "w1", "w5": "w6", "w6": "w5"}  # w1 into H2, w2 into H1; w6 out of H1, w5 out of H2
    swapped.__dict__["parameters"] = tuple(replace(p, name=names.get(p.name, p.name)) for p in Network().parameters)
    rows = _rows(swapped)
    assert [_into_hidden(row) for row in rows] == ["w2", "w1", "w3", "w4"]
    assert "w6" in rows[0] and "w5" in rows[-1]
