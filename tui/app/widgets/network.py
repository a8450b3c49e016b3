"""The network drawn with line characters: X1, X2 → H1, H2 → ŷ, one labelled edge per weight, as the parameters join them.

Biases, when the network has them, and a non-linear activation are named on
the line below the drawing.

Sign is shown three ways: colour, the sign of the label, and the line itself
(solid for positive, dashed for negative), so it survives a monochrome
terminal. A weight at least half as large as the largest is drawn heavy.
"""

from __future__ import annotations

from rich.text import Text

from model import Moment, Run
from model.parameters import HIDDEN, INPUTS, OUTPUT
from tui.app.widgets.layered import drawing as layered
from tui.app.widgets.panel import Panel
from tui.app.widgets.view import View
from tui.wording.fmt import fit, num, signed, tight

# (positive, heavy) → horizontal, vertical, corner top, tee, corner bottom
_LINES = {
    (True, False): "─│┐├┘",
    (True, True): "━┃┓┣┛",
    (False, False): "╌╎┐├┘",
    (False, True): "╍╏┓┣┛",
}


class Diagram(Panel):
    """Nodes with the current sample's values; edges with each weight's name and value."""

    TITLE = "Network"

    def render_view(self, view: View) -> Text:
        run, moment = view.run, view.moment
        if run.notebook is None:
            return layered(run, moment, self.width)
        # The widest drawing that fits: numbers as every other panel writes them, then shorter arrows, then fewer digits.
        for digits, tail in ((None, 3), (None, 1), (4, 1), (3, 1), (2, 1)):
            drawing = self._draw(run, moment, digits, tail)
            if max(line.cell_len for line in drawing.split("\n")) <= self.width:
                break
        active = moment.phase_name if moment.phase > 0 else None
        network = run.network
        extra = [] if network.f.linear else [f"H = {network.f.of('z')}"]
        extra += [f"{p.name} {signed(moment.weights[p.name])}" for p in network.parameters if p.bias]
        legend = Text(
            fit(
                self.width,
                "  ".join([*extra, "─ positive  ╌ negative  heavy: |w| ≥ half the largest"])
                + (f"   highlighted: {active}, being updated" if active else ""),
                "  ".join([*extra, "─ positive  ╌ negative  heavy: |w| ≥ half the largest"]),
                "  ".join([*extra, "─ + ╌ -  heavy: large"]),
                "  ".join(extra),
            ),
            style="dim",
        )
        if active is not None and network.parameter(active).bias:
            legend.highlight_words([f"{active} "], "bold reverse")
        return Text("\n").join([drawing, legend])

    @staticmethod
    def _draw(run: Run, moment: Moment, digits: int | None, tail: int) -> Text:
        """The four rows of the drawing, numbers to `digits` significant digits (None: as `num` writes them), input
        arrows `tail` long. Which weight joins which nodes is read from the network's parameters."""
        weights = [p for p in run.network.parameters if not p.bias]
        into_hidden = {(p.feeds, p.into): p.name for p in weights if p.into in HIDDEN}
        into_output = {p.feeds: p.name for p in weights if p.into == OUTPUT}
        w = {p.name: moment.weights[p.name] for p in weights}
        biggest = max(abs(v) for v in w.values()) or 1.0
        active = moment.phase_name if moment.phase > 0 else None
        step = moment.step

        def style(name: str) -> tuple[str, str]:
            value = w[name]
            colour = "green" if value >= 0 else "red"
            lines = _LINES[(value >= 0, abs(value) >= biggest / 2)]
            return lines, f"bold reverse {colour}" if name == active else colour

        labels = {name: signed(value) if digits is None else tight(value, digits, sign=True) for name, value in w.items()}
        label_width = max(map(len, labels.values()))

        def edge(name: str, tail: int) -> Text:
            lines, look = style(name)
            return Text.assemble((f"{lines[0]} {name} {labels[name]:<{label_width}} {lines[0] * tail}▶", look))

        columns = (INPUTS, HIDDEN, (OUTPUT,))
        values = {} if step is None else {label: step.nodes[label] for label in (*INPUTS, *HIDDEN, OUTPUT)}
        shown = {label: num(value) if digits is None else tight(value, digits) for label, value in values.items()}
        column = {label: labels for labels in columns for label in labels}

        def node(label: str) -> Text:
            """The node's name and value, padded to the widest value in its column of the drawing."""
            width = max((len(shown[other]) for other in column[label] if other in shown), default=1)
            return Text.assemble((label, "bold"), " ", (f"{shown.get(label, '·'):<{width}}", "bold" if moment.phase == 0 else ""))

        # Each input's edges to the hidden units in turn: the first row carries the first unit's way out to ŷ,
        # the last row the last unit's, and ŷ sits on the second row, between them.
        (x_first, x_last), (h_first, h_last) = INPUTS, HIDDEN
        top, bottom = into_output[h_first], into_output[h_last]
        (top_lines, top_look), (bottom_lines, bottom_look) = style(top), style(bottom)
        out_top = Text.assemble(" ", node(h_first), " ", edge(top, 2)[:-1])
        out_bottom = Text.assemble(" ", node(h_last), " ", edge(bottom, 2)[:-1])
        wide = max(len(out_top), len(out_bottom))
        pad = " " * (wide - 2)
        ends = {
            (x_first, h_first): Text.assemble(out_top, (top_lines[0] * (wide - len(out_top) + 1) + top_lines[2], top_look)),
            (x_first, h_last): Text.assemble(" ", (h_last, "bold"), pad, (top_lines[3] + top_lines[0] * 2 + "▶ ", top_look), node(OUTPUT)),
            (x_last, h_first): Text.assemble(" ", (h_first, "bold"), pad, (bottom_lines[1], bottom_look)),
            (x_last, h_last): Text.assemble(out_bottom, (bottom_lines[0] * (wide - len(out_bottom) + 1) + bottom_lines[4], bottom_look)),
        }
        below = " " * (len(node(x_first)) + 2)
        rows = [
            Text.assemble(*((" ", node(x), " ─┬") if h == h_first else (" ", below, "└")), edge(into_hidden[x, h], tail), ends[x, h])
            for x in INPUTS
            for h in HIDDEN
        ]
        return Text("\n").join(rows)
