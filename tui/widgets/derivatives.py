"""The six partial derivatives of the per-sample loss, in update order."""

from __future__ import annotations

from rich.text import Text

from model import UPDATE_ORDER, Moment, Run, SampleStep, Update
from tui.fmt import fit, num
from tui.formulas import formula, formula_numbers
from tui.widgets.panel import Panel


def row(step: SampleStep, update: Update, order: str, width: int) -> Text:
    """`∂L/∂w = formula = numbers = value` for one update, the formula or the numbers left out if it would not fit."""
    name, symbols, numbers, value = f"∂L/∂{update.name}", formula(update.name, order), formula_numbers(step, update), num(update.grad)
    return Text(fit(width, f"{name} = {symbols} = {numbers} = {value}", f"{name} = {numbers} = {value}", f"{name} = {symbols} = {value}"))


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
                line = row(s, s.updates[i - 1], run.config.order, self.width)
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

    def _note(self, run: Run, s: SampleStep, reached: int) -> Text:
        """Which w5 and w6 the rows for w1..w4 use; a value not updated yet is not given away."""
        if run.config.order == "simultaneous":
            values = f"w5 = {num(s.before.w5)}, w6 = {num(s.before.w6)}"
            text, done = fit(self.width, f"simultaneous order: {values}, as before", values), reached >= 1
        else:
            values = ", ".join(f"{u.name}′ = {num(u.new)}" if i < reached else f"{u.name}′ = ?" for i, u in enumerate(s.updates[:2]))
            text, done = fit(self.width, f"notebook order: {values}, just updated", values), reached >= 2
        return Text(text, style="italic" if done else "dim italic")
