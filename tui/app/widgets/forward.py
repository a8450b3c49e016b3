"""The forward pass of the current sample, with every number substituted."""

from __future__ import annotations

from rich.text import Text

from model import Run, SampleStep
from model.parameters import HIDDEN, OUTPUT, pre
from tui.app.widgets.panel import Panel
from tui.app.widgets.view import View
from tui.wording.described import loss_forms, node_forms, node_lines, sample_forms
from tui.wording.fmt import Digits, fit, num, par, short


class Forward(Panel):
    """The current row, then H1, H2, ŷ, r and L as formula = numbers = result."""

    TITLE = "Forward pass"

    def render_view(self, view: View) -> Text:
        run, moment = view.run, view.moment
        s = moment.step
        if s is None and run.branch is not None:
            edit = run.branch.edit
            said = fit(self.width, f"The fork starts here, with {edit}. Press n for the next sample's forward pass.", f"Fork: {edit}.")
            return Text(said, style="dim")
        if s is None:
            return Text("No sample yet: n steps once, s a whole sample.", style="dim")
        if run.notebook is None:
            return described(run, s, moment.phase == 0, self.width, self.content_region.height or 10_000)
        network, w, nodes = run.network, s.before, {**s.nodes, "1": 1.0}
        width = self.width

        def line(name: str, symbols: str, numbers: str, result: float) -> Text:
            value = num(result)
            return Text(fit(width, f"{name} = {symbols} = {numbers} = {value}", f"{name} = {numbers} = {value}", f"{name} = {value}"))

        def weighted(node: str) -> str:
            """The node's weighted input with the numbers in; a leading minus needs no parentheses."""
            terms = []
            for i, p in enumerate(network.inputs(node)):
                value = num(w[p.name]) if i == 0 else par(w[p.name])
                terms.append(value if p.bias else f"{value}·{par(nodes[p.feeds])}")
            return " + ".join(terms)

        def hidden(unit: str) -> Text:
            z = pre(unit)
            if network.f.linear:
                return line(unit, network.sum_symbol(unit), weighted(unit), nodes[unit])
            applied = f"{unit} = {network.f.of(z)} = {num(nodes[unit])}"
            return Text(
                fit(
                    width,
                    f"{z} = {network.sum_symbol(unit)} = {weighted(unit)} = {num(nodes[z])}   {applied}",
                    f"{z} = {weighted(unit)} = {num(nodes[z])}   {applied}",
                    f"{z} = {network.sum_symbol(unit)} = {num(nodes[z])}   {applied}",
                    f"{z} = {num(nodes[z])}   {applied}",
                )
            )

        values = (num(nodes["X1"]), num(nodes["X2"]), num(s.y))
        # The columns' names as long as they fit, then the symbols the formulas below use: never a wrapped line.
        forms = [
            sep + sep.join(f"{name}{equals}{value}" for name, value in zip(names, values, strict=True))
            for names in ([short(name) for name in run.data.names], [short(name, 8) for name in run.data.names], ("X1", "X2", "y"))
            for sep, equals in (("   ", " = "), ("  ", " = "))
        ]
        forms.append(" " + " ".join(f"{name}={value}" for name, value in zip(("X1", "X2", "y"), values, strict=True)))  # a phone
        room = width - len(f"sample {s.sample}")
        lines = [
            Text.assemble(("sample ", "bold"), (str(s.sample), "bold"), fit(room, *forms)),
            *(hidden(unit) for unit in HIDDEN),
            line("ŷ ", network.sum_symbol(OUTPUT), weighted(OUTPUT), nodes[OUTPUT]),
            line("r ", "y - ŷ", f"{num(s.y)} - {par(nodes[OUTPUT])}", s.residual),
            line("L ", "r²", f"{par(s.residual)}²", s.loss),
        ]
        if moment.phase == 0:
            for text in lines[1:]:
                text.stylize("bold")
        return Text("\n").join(lines)


def described(run: Run, s: SampleStep, forward: bool, width: int, height: int) -> Text:
    """A network from a file's forward pass: the sample, each node after the inputs, the loss. A node a line while
    they fit, otherwise each layer's nodes share lines, each written as briefly as it takes."""
    d, digits = run.description, Digits.of(run.description)
    computed = d.layers[1:]
    room = width - len(f"sample {s.sample}")
    lines = [Text.assemble(("sample ", "bold"), (str(s.sample), "bold"), fit(room, *sample_forms(run, s, digits)))]
    if 2 + sum(map(len, computed)) <= height:
        spare = height - 2 - sum(map(len, computed))  # rows to wrap a node's line in rather than shorten it
        for node in (node for layer in computed for node in layer):
            wrapped = node_lines(run, s, node, digits, width, spare > 0)
            spare -= len(wrapped) - 1
            lines += [Text(line) for line in wrapped]
    else:
        shares = _shares([len(layer) for layer in computed], height - 2)
        for layer, share in zip(computed, shares, strict=True):
            per_line = -(-len(layer) // share)
            for start in range(0, len(layer), per_line):
                group = [node_forms(run, s, node, digits) for node in layer[start : start + per_line]]
                lines.append(Text(fit(width, *("   ".join(forms[k] for forms in group) for k in (-2, -1)))))
    lines.append(Text(fit(width, *loss_forms(run, s, digits))))
    if forward:
        for text in lines[1:]:
            text.stylize("bold")
    return Text("\n").join(lines)


def _shares(sizes: list[int], room: int) -> list[int]:
    """Lines for each layer of `sizes` nodes in `room` lines: one each, then one more at a time to the layer that
    would put the most nodes on a line."""
    shares = [1] * len(sizes)
    for _ in range(room - len(sizes)):
        crowded = max(range(len(sizes)), key=lambda i: -(-sizes[i] // shares[i]))
        if shares[crowded] >= sizes[crowded]:
            break
        shares[crowded] += 1
    return shares
