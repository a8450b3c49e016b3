"""The forward pass of the current sample, with every number substituted."""

from __future__ import annotations

from rich.text import Text

from model import Moment, Run
from tui.fmt import fit, num, par, short
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
        width = self.width

        def line(name: str, symbols: str, numbers: str, result: float) -> Text:
            value = num(result)
            return Text(fit(width, f"{name} = {symbols} = {numbers} = {value}", f"{name} = {numbers} = {value}", f"{name} = {value}"))

        data = [f"{x1n} = {num(s.x1)}", f"{x2n} = {num(s.x2)}", f"{yn} = {num(s.y)}"]
        room = width - len(f"sample {s.sample}")
        lines = [
            Text.assemble(("sample ", "bold"), (str(s.sample), "bold"), fit(room, "   " + "   ".join(data), "  " + "  ".join(data))),
            line("H1", "w1·X1 + w3·X2", f"{num(w.w1)}·{par(s.x1)} + {par(w.w3)}·{par(s.x2)}", s.h1),
            line("H2", "w2·X1 + w4·X2", f"{num(w.w2)}·{par(s.x1)} + {par(w.w4)}·{par(s.x2)}", s.h2),
            line("ŷ ", "w5·H1 + w6·H2", f"{num(w.w5)}·{par(s.h1)} + {par(w.w6)}·{par(s.h2)}", s.y_hat),
            line("r ", "y − ŷ", f"{num(s.y)} − {par(s.y_hat)}", s.residual),
            line("L ", "r²", f"{par(s.residual)}²", s.loss),
        ]
        if moment.phase == 0:
            for line in lines[1:]:
                line.stylize("bold")
        return Text("\n").join(lines)
