"""Weight changes: old → new for each weight, Δw = lr·(…)·r = −(lr/2)·∂L/∂w."""

from __future__ import annotations

from rich.text import Text

from model import UPDATE_ORDER, Moment, Run
from tui.fmt import delta, fit, lr, num, par
from tui.formulas import factor, factor_numbers
from tui.widgets.panel import Panel


class Changes(Panel):
    """One row per weight in update order; ▲/▼ marks the value the last micro-step changed."""

    TITLE = "Weight changes  Δw = −(lr/2)·∂L/∂w"

    def render_moment(self, run: Run, moment: Moment, compact: bool) -> Text:
        s = moment.step
        reached = moment.phase if s is not None else 0
        lines = [] if compact else [Text(f"Δw = lr·(…)·r with lr = {lr(run.config.lr)}", style="dim")]
        for i, name in enumerate(UPDATE_ORDER, 1):
            if compact and i != reached:
                continue
            if i <= reached:
                u = s.updates[i - 1]
                mark = ("▲" if u.delta > 0 else "▼" if u.delta < 0 else "=") if i == reached else " "
                change = f"→ {num(u.new)}  Δ {delta(u.delta)} {mark}"
                line = Text(fit(self.width, f"{name} {num(u.old)} {change}", f"{name} {change}"))
                if i == reached:
                    line.stylize("bold reverse")
                    symbols = f"lr·{factor(name, run.config.order)}·r"
                    numbers = f"{lr(run.config.lr)}·{factor_numbers(s, u)}·{par(s.residual)}"
                    line.append("\n" + fit(self.width, f"   {symbols} = {numbers}", f"   = {numbers}", f"   {symbols}"))
            else:
                value = getattr(moment.weights, name)
                line = Text(f"{name} {num(value)}", style="dim")
            lines.append(line)
        return Text("\n").join(lines)
