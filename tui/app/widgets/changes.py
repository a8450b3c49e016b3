"""Parameter changes: old → new for each parameter, Δp = lr·(∂ŷ/∂p)·r = -(lr/2)·∂L/∂p."""

from __future__ import annotations

from rich.text import Text

from tui.app.widgets.fold import folded
from tui.app.widgets.panel import Panel
from tui.app.widgets.view import View
from tui.wording.described import RULE, change_forms
from tui.wording.fmt import Digits, delta, fit, lr, num
from tui.wording.formulas import change_numbers


class Changes(Panel):
    """One row per parameter in update order; ▲/▼ marks the value the last micro-step changed."""

    TITLE = "Weight changes  Δw = -(lr/2)·∂L/∂w"

    def render_view(self, view: View) -> Text:
        if view.run.notebook is None:
            return self._described(view)
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

    def _described(self, view: View) -> Text:
        """A network from a file: Δp = -lr·∂L/∂p, one row per trained parameter folded around the current one, and the
        parameters never trained."""
        run, moment, compact, width = view.run, view.moment, view.compact, self.width
        d, digits, s = run.description, Digits.of(run.description), moment.step
        reached = moment.phase if s is not None else 0
        title = f"Parameter changes  {RULE}"
        if self.border_title != title:
            self.border_title = title
        rows: list[list[Text]] = []
        for i, link in enumerate(d.updates, 1):
            if compact and i != reached:
                continue
            if s is not None and i <= reached:
                u = s.updates[i - 1]
                mark = ("▲" if u.delta > 0 else "▼" if u.delta < 0 else "unchanged") if i == reached else ""
                written = digits.line(u.old, u.new, u.delta)
                new, change = written.num(u.new), written.delta(u.delta)
                forms = (f"{u.name} {written.num(u.old, given=True)} → {new}  Δ {change} {mark}", f"{u.name} → {new}  Δ {change} {mark}")
                line = Text(fit(width, *(form.rstrip() for form in forms)))
                if i != reached:
                    rows.append([line])
                    continue
                line.stylize("bold reverse")
                rows.append([line, Text(fit(width, *change_forms(run, u.name, u.grad, u.delta, digits)))])
            else:
                rows.append([Text(fit(width, f"{link.name} {digits.num(moment.weights[link.name], given=True)}"), style="dim")])
        if compact:
            return Text("\n").join([line for row in rows for line in row])
        head = Text(fit(width, f"{RULE} with lr = {lr(run.config.lr)}", f"lr = {lr(run.config.lr)}"), style="dim")
        fixed = ", ".join(f"{name} {digits.num(moment.weights[name], given=True)}" for name in d.fixed)
        tail = [Text(fit(width, f"never trained: {fixed}", f"fixed: {', '.join(d.fixed)}"), style="dim")] if d.fixed else []
        room = (self.content_region.height or 10_000) - 1 - len(tail)
        shown = folded(rows, [link.name for link in d.updates], reached - 1 if reached else None, room)
        return Text("\n").join([head, *shown, *tail])
