"""The six partial derivatives of the per-sample loss, in update order."""

from __future__ import annotations

from rich.text import Text

from model import UPDATE_ORDER, Moment, Run, Update
from tui.fmt import num, par
from tui.widgets.panel import Panel

FORMULAS = {
    "w5": ("−2·H1·r", lambda s, u: f"−2·{par(s.h1)}·{par(s.residual)}"),
    "w6": ("−2·H2·r", lambda s, u: f"−2·{par(s.h2)}·{par(s.residual)}"),
    "w1": ("−2·w5·X1·r", lambda s, u: f"−2·{par(u.uses)}·{par(s.x1)}·{par(s.residual)}"),
    "w2": ("−2·w6·X1·r", lambda s, u: f"−2·{par(u.uses)}·{par(s.x1)}·{par(s.residual)}"),
    "w3": ("−2·w5·X2·r", lambda s, u: f"−2·{par(u.uses)}·{par(s.x2)}·{par(s.residual)}"),
    "w4": ("−2·w6·X2·r", lambda s, u: f"−2·{par(u.uses)}·{par(s.x2)}·{par(s.residual)}"),
}
"""Each derivative's formula, and how to write it with the numbers substituted."""


def formula(name: str, order: str) -> str:
    """The derivative's formula; in notebook order w5′, w6′ mark the values just updated."""
    text = FORMULAS[name][0]
    if order == "notebook" and name not in ("w5", "w6"):
        text = text.replace("w5", "w5′").replace("w6", "w6′")
    return text


def row(step, update: Update, order: str) -> Text:
    """`∂L/∂w = formula = numbers = value` for one update."""
    numbers = FORMULAS[update.name][1]
    return Text(f"∂L/∂{update.name} = {formula(update.name, order)} = {numbers(step, update)} = {num(update.grad)}")


class Derivatives(Panel):
    """Reached rows show their numbers, the current one highlighted; later rows are dimmed."""

    TITLE = "Partial derivatives  ∂L/∂w of L = r²"

    def render_moment(self, run: Run, moment: Moment, compact: bool) -> Text:
        s = moment.step
        reached = moment.phase if s is not None else 0
        lines = []
        for i, name in enumerate(UPDATE_ORDER, 1):
            if compact and i != reached:
                continue
            if i <= reached:
                line = row(s, s.updates[i - 1], run.config.order)
                if i == reached:
                    line.stylize("bold reverse")
            else:
                line = Text(f"∂L/∂{name} = {formula(name, run.config.order)} = ?", style="dim")
            lines.append(line)
        if compact and not lines:
            lines.append(Text("∂L/∂w appear once the forward pass is done.", style="dim"))
        if s is not None and not compact:
            lines.append(self._note(run, s, reached))
        return Text("\n").join(lines)

    @staticmethod
    def _note(run: Run, s, reached: int) -> Text:
        if run.config.order == "notebook":
            done = reached >= 2
            text = f"notebook order: w5′ = {num(s.after.w5)}, w6′ = {num(s.after.w6)}, just updated"
        else:
            done = reached >= 1
            text = f"simultaneous order: w5 = {num(s.before.w5)}, w6 = {num(s.before.w6)}, as before"
        return Text(text, style="italic" if done else "dim italic")
