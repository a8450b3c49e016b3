"""The forward pass of the current sample, with every number substituted."""

from __future__ import annotations

from rich.text import Text

from model import Moment, Run
from tui.fmt import num, par, short
from tui.widgets.panel import Panel


class Forward(Panel):
    """The current row, then H1, H2, ŷ, r and L as formula = numbers = result."""

    TITLE = "Forward pass"

    def render_moment(self, run: Run, moment: Moment, compact: bool) -> Text:
        s = moment.step
        if s is None:
            return Text("No sample yet. Press n for the first micro-step, s for a whole sample.", style="dim")
        w = s.before
        x1n, x2n, yn = (short(name) for name in run.data.names)
        lines = [
            Text.assemble(
                ("sample ", "bold"), (str(s.sample), "bold"), f"   {x1n} = {num(s.x1)}   {x2n} = {num(s.x2)}   {yn} = {num(s.y)}"
            ),
            Text(f"H1 = w1·X1 + w3·X2 = {num(w.w1)}·{par(s.x1)} + {par(w.w3)}·{par(s.x2)} = {num(s.h1)}"),
            Text(f"H2 = w2·X1 + w4·X2 = {num(w.w2)}·{par(s.x1)} + {par(w.w4)}·{par(s.x2)} = {num(s.h2)}"),
            Text(f"ŷ  = w5·H1 + w6·H2 = {num(w.w5)}·{par(s.h1)} + {par(w.w6)}·{par(s.h2)} = {num(s.y_hat)}"),
            Text(f"r  = y − ŷ = {num(s.y)} − {par(s.y_hat)} = {num(s.residual)}"),
            Text(f"L  = r² = {par(s.residual)}² = {num(s.loss)}"),
        ]
        if moment.phase == 0:
            for line in lines[1:]:
                line.stylize("bold")
        return Text("\n").join(lines)
