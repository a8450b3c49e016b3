"""Parameter changes: old → new for each parameter, Δp = lr·(∂ŷ/∂p)·r = -(lr/2)·∂L/∂p."""

from __future__ import annotations

from rich.text import Text

from tui.app.widgets.panel import Panel
from tui.app.widgets.view import View
from tui.wording.fmt import delta, fit, lr, num
from tui.wording.formulas import change_numbers


class Changes(Panel):
    """One row per parameter in update order; ▲/▼ marks the value the last micro-step changed."""

    TITLE = "Weight changes  Δw = -(lr/2)·∂L/∂w"

    def render_view(self, view: View) -> Text:
        run, moment, compact = view.run, view.moment, view.compact
        s = moment.step
        reached = moment.phase if s is not None else 0
        rate = lr(run.config.lr)
        lines = [] if compact else [Text(f"Δw = lr·(…)·r with lr = {rate}", style="dim")]
        for i, p in enumerate(run.network.updates, 1):
            if compact and i != reached:
                continue
            if s is not None and i <= reached:
                u = s.updates[i - 1]
                mark = ("▲" if u.delta > 0 else "▼" if u.delta < 0 else "=") if i == reached else " "
                change = f"→ {num(u.new)}  Δ {delta(u.delta)} {mark}"
                line = Text(fit(self.width, f"{p.name} {num(u.old)} {change}", f"{p.name} {change}"))
                if i == reached:
                    line.stylize("bold reverse")
                    symbols, numbers = run.network.change(p, run.config.order), change_numbers(s, u, rate)
                    line.append("\n" + fit(self.width, f"   {symbols} = {numbers}", f"   = {numbers}", f"   {symbols}"))
            else:
                line = Text(f"{p.name} {num(moment.weights[p.name])}", style="dim")
            lines.append(line)
        return Text("\n").join(lines)
