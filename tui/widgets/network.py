"""The network drawn with line characters: X1, X2 → H1, H2 → ŷ, one labelled edge per weight.

Sign is shown three ways: colour, the sign of the label, and the line itself
(solid for positive, dashed for negative), so it survives a monochrome
terminal. A weight at least half as large as the largest is drawn heavy.
"""

from __future__ import annotations

from rich.text import Text

from model import Moment, Run
from tui.fmt import num, signed
from tui.widgets.panel import Panel

# (positive, heavy) → horizontal, vertical, corner top, tee, corner bottom
_LINES = {
    (True, False): "─│┐├┘",
    (True, True): "━┃┓┣┛",
    (False, False): "╌╎┐├┘",
    (False, True): "╍╏┓┣┛",
}


class Network(Panel):
    """Nodes with the current sample's values; edges with each weight's name and value."""

    TITLE = "Network"

    def render_moment(self, run: Run, moment: Moment, compact: bool) -> Text:
        w = moment.weights._asdict()
        biggest = max(abs(v) for v in w.values()) or 1.0
        active = moment.phase_name if moment.phase > 0 else None
        step = moment.step
        seen = step is not None

        def style(name: str) -> tuple[str, str]:
            value = w[name]
            colour = "green" if value >= 0 else "red"
            lines = _LINES[(value >= 0, abs(value) >= biggest / 2)]
            return lines, f"bold reverse {colour}" if name == active else colour

        def edge(name: str, tail: int = 3) -> Text:
            lines, look = style(name)
            return Text.assemble((f"{lines[0]} {name} {signed(w[name]):<8} {lines[0] * tail}▶", look))

        def node(label: str, value: float | None) -> Text:
            shown = num(value) if value is not None else "·"
            return Text.assemble((label, "bold"), " ", (f"{shown:<10}", "bold" if moment.phase == 0 else ""))

        x1 = node("X1", step.x1 if seen else None)
        x2 = node("X2", step.x2 if seen else None)
        h1 = node("H1", step.h1 if seen else None)
        h2 = node("H2", step.h2 if seen else None)
        y_hat = node("ŷ", step.y_hat if seen else None)
        l5, s5 = style("w5")
        l6, s6 = style("w6")
        to_w5 = Text.assemble(" ", h1, " ", edge("w5", 2)[:-1])
        to_w6 = Text.assemble(" ", h2, " ", edge("w6", 2)[:-1])
        gap = " " * (len(x1) + 3)
        wide = max(len(to_w5), len(to_w6))
        pad = " " * (wide - 2)
        rows = [
            Text.assemble(" ", x1, " ─┬", edge("w1"), to_w5, (l5[0] * (wide - len(to_w5) + 1) + l5[2], s5)),
            Text.assemble(" ", gap[:-1], "└", edge("w2"), " ", ("H2", "bold"), pad, (l5[3] + l5[0] * 2 + "▶ ", s5), y_hat),
            Text.assemble(" ", x2, " ─┬", edge("w3"), " ", ("H1", "bold"), pad, (l6[1], s6)),
            Text.assemble(" ", gap[:-1], "└", edge("w4"), to_w6, (l6[0] * (wide - len(to_w6) + 1) + l6[4], s6)),
        ]
        legend = Text(
            "─ positive  ╌ negative  heavy: |w| ≥ half the largest" + (f"   highlighted: {active}, being updated" if active else ""),
            style="dim",
        )
        return Text("\n").join([*rows, legend])
