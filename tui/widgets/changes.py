"""Weight changes: old → new for each weight, Δw = lr·(…)·r = −(lr/2)·∂L/∂w."""

from __future__ import annotations

from rich.text import Text

from model import UPDATE_ORDER, Moment, Run
from tui.fmt import lr, num, par, signed
from tui.widgets.panel import Panel

FACTORS = {
    "w5": ("H1", lambda s, u: par(s.h1)),
    "w6": ("H2", lambda s, u: par(s.h2)),
    "w1": ("w5·X1", lambda s, u: f"{par(u.uses)}·{par(s.x1)}"),
    "w2": ("w6·X1", lambda s, u: f"{par(u.uses)}·{par(s.x1)}"),
    "w3": ("w5·X2", lambda s, u: f"{par(u.uses)}·{par(s.x2)}"),
    "w4": ("w6·X2", lambda s, u: f"{par(u.uses)}·{par(s.x2)}"),
}
"""The (…) in Δw = lr·(…)·r for each weight, and how to write it with numbers."""


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
                line = Text(f"{name} {num(u.old)} → {num(u.new)}  Δ {signed(u.delta)} {mark}")
                if i == reached:
                    line.stylize("bold reverse")
                    factor, numbers = FACTORS[name]
                    if run.config.order == "notebook":
                        factor = factor.replace("w5", "w5′").replace("w6", "w6′")
                    line.append(f"\n   lr·{factor}·r = {lr(run.config.lr)}·{numbers(s, u)}·{par(s.residual)}")
            else:
                value = getattr(moment.weights, name)
                line = Text(f"{name} {num(value)}", style="dim")
            lines.append(line)
        return Text("\n").join(lines)
