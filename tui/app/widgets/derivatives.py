"""The partial derivatives of the per-sample loss in update order, or, with the gradient check on, each beside its finite difference."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from model import Run, SampleStep, Update
from tui.app.widgets.fold import folded
from tui.app.widgets.panel import Panel
from tui.app.widgets.view import View
from tui.wording import described
from tui.wording.fmt import Digits, fit, num
from tui.wording.formulas import derivative_numbers

if TYPE_CHECKING:
    from model.gradcheck import Check


NOTEBOOK = Digits()
"""The notebook's way of writing numbers."""


def row(run: Run, step: SampleStep, update: Update, width: int) -> Text:
    """`∂L/∂p = formula = numbers = value` for one update, the formula or the numbers left out if it would not fit."""
    symbols = run.network.derivative(run.network.parameter(update.name), run.config.order)
    name, numbers, value = f"∂L/∂{update.name}", derivative_numbers(step, update), num(update.grad)
    return Text(fit(width, f"{name} = {symbols} = {numbers} = {value}", f"{name} = {numbers} = {value}", f"{name} = {symbols} = {value}"))


def check_row(result: Check, width: int, digits: Digits = NOTEBOOK, one_label: bool = False) -> Text:
    """`∂L/∂p = analytic   central difference …   rel … ✓` for one parameter.

    ✓ the two agree; ≠ they differ because the row used an output weight already updated (notebook order); ✗ they disagree.
    `one_label`: the column is called numeric at every width, as the title says what it is (a network from a file's way).
    """
    mark, style = ("✓", "green") if result.passed else ("≠", "yellow") if result.uses_update else ("✗", "bold red")
    num = digits.num
    head, rel = f"∂L/∂{result.name} = {num(result.analytic)}", f"rel {result.relative:.1e} {mark}"
    rounding = "  within rounding" if result.within_rounding_only else ""
    return Text(
        fit(
            width,
            *([] if one_label else [f"{head}   central difference {num(result.numeric)}   {rel}{rounding}"]),
            f"{head}   numeric {num(result.numeric)}   {rel}{rounding if one_label else ''}",
            f"{head}   numeric {num(result.numeric)}   {rel}",
            f"{head}  {rel}",
        ),
        style=style,
    )


class Derivatives(Panel):
    """Reached rows show their numbers, the current one highlighted; later rows are dimmed."""

    TITLE = "Partial derivatives  ∂L/∂w of L = r²"

    def render_view(self, view: View) -> Text:
        if view.run.notebook is None:
            return self._described(view)
        run, moment, compact = view.run, view.moment, view.compact
        s = moment.step
        reached = moment.phase if s is not None else 0
        title = self.TITLE
        checks: tuple[Check, ...] = ()
        if view.checking:
            from model.gradcheck import RELATIVE, gradient_checks  # only once the check is switched on

            title = f"Gradient check  ∂L/∂w vs central difference, ✓ if rel < {RELATIVE:g}"
            checks = gradient_checks(run.network, s, run.config.order) if s is not None else ()
        if self.border_title != title:  # setting a title repaints the panel, even the same title
            self.border_title = title
        lines = []
        for i, p in enumerate(run.network.updates, 1):
            if compact and i != reached:
                continue
            if s is not None and i <= reached:
                line = check_row(checks[i - 1], self.width) if checks else row(run, s, s.updates[i - 1], self.width)
                if i == reached:
                    line.stylize("bold reverse")
            else:
                line = Text(f"∂L/∂{p.name} = {run.network.derivative(p, run.config.order)} = ?", style="dim")
            lines.append(line)
        if compact and not lines:
            lines.append(Text("∂L/∂w appear once the forward pass is done.", style="dim"))
        if s is not None and not compact:
            lines.append(self._note(run, s, reached, bool(checks)))
        return Text("\n").join(lines)

    def _note(self, run: Run, s: SampleStep, reached: int, checking: bool) -> Text:
        """Which output weights the hidden layer's rows use; a value not updated yet is not given away."""
        outers = [(i, u) for i, u in enumerate(s.updates, 1) if u.name in run.network.outer_names]
        if checking:
            if run.config.order == "notebook":
                hidden = [p.name for p in run.network.updates if run.network.outer(p) is not None]
                span, primes = f"{hidden[0]}…{hidden[-1]}", ", ".join(f"{u.name}′" for _, u in outers)
                text = fit(
                    self.width,
                    f"≠ notebook order: {span} use {primes}, not the gradient at the forward pass; o switches order",
                    f"≠ notebook order: {span} use {primes}, not the gradient",
                    f"≠ {span} use {primes}",
                )
            else:
                text = fit(self.width, "simultaneous order: every row is the gradient at the forward pass", "gradient at the forward pass")
            return Text(text, style="dim italic")
        if run.config.order == "simultaneous":
            values = ", ".join(f"{u.name} = {num(u.old)}" for _, u in outers)
            text, done = fit(self.width, f"simultaneous order: {values}, as before", values), reached >= 1
        else:
            values = ", ".join(f"{u.name}′ = {num(u.new)}" if i <= reached else f"{u.name}′ = ?" for i, u in outers)
            text, done = fit(self.width, f"notebook order: {values}, just updated", values), reached >= len(outers)
        return Text(text, style="italic" if done else "dim italic")

    def _described(self, view: View) -> Text:
        """A network from a file: each derivative as its chain, the current one in full over as many lines as it
        takes, folded around the current row when they do not all fit."""
        run, moment, compact, width = view.run, view.moment, view.compact, self.width
        d, digits, s = run.description, Digits.of(run.description), moment.step
        if not self.has_class("-chain"):  # the small layout gives a chain two lines (see app.tcss)
            self.add_class("-chain")
        reached = moment.phase if s is not None else 0
        title = f"Partial derivatives  ∂L/∂p of {described.loss_name(d)}"
        checks: tuple[Check, ...] = ()
        if view.checking:
            from model.gradcheck import RELATIVE, network_checks  # only once the check is switched on

            title = f"Gradient check  ∂L/∂p vs numeric: central difference, ✓ rel < {RELATIVE:g}"
            checks = network_checks(d, s, run.config.order) if s is not None else ()
        if self.border_title != title:
            self.border_title = title
        rows: list[list[Text]] = []
        for i, link in enumerate(d.updates, 1):
            if compact and i != reached:
                continue
            if s is not None and i <= reached:
                if checks:
                    lines = [check_row(checks[i - 1], width, digits, one_label=True)]
                elif i == reached and not compact:
                    lines = [Text(line) for line in described.derivative_lines(run, s, link.name, digits, width)]
                elif i == reached:  # the small layout's: the numbers in, on the lines the panel has
                    room = self.content_region.height or 1
                    lines = [Text(line) for line in described.derivative_within(run, s, link.name, digits, width, room)]
                else:
                    lines = [Text(fit(width, *described.derivative_forms(run, s, link.name, digits)))]
                if i == reached:
                    for line in lines:
                        line.stylize("bold reverse")
            else:
                lines = [Text(fit(width, *described.unreached(run, link.name)), style="dim")]
            rows.append(lines)
        if compact:
            return Text("\n").join(
                [line for row in rows for line in row] or [Text("∂L/∂p appear once the forward pass is done.", style="dim")]
            )
        note = self._described_note(run, bool(checks)) if s is not None else None  # None: nothing to say
        room = (self.content_region.height or 10_000) - (note is not None)
        shown = folded(rows, [link.name for link in d.updates], reached - 1 if reached else None, room)
        return Text("\n").join([*shown, *([note] if note is not None else [])])

    def _described_note(self, run: Run, checking: bool) -> Text | None:
        """Which rows use weights just updated, in words (no value that is not on screen yet); nothing in notebook
        order when no row does (one layer of parameters)."""
        notebook = run.config.order == "notebook"
        uses = [link.name for link in run.description.updates if any(f.symbol.endswith("′") for f in described.factors(run, link.name))]
        if checking and notebook and uses:
            text = fit(
                self.width,
                f"≠ notebook order: {', '.join(uses)} use w′, a weight just updated, so they are not the gradient at the "
                "forward pass; o switches order",
                f"≠ {', '.join(uses)} use w′, a weight just updated: not the gradient; o switches order",
                f"≠ {', '.join(uses)} use w′, just updated: not the gradient",
                "≠ uses w′, just updated: not the gradient",
            )
        elif checking:
            text = fit(self.width, "every row is the gradient at the forward pass", "gradient at the forward pass")
        elif notebook and uses:
            text = fit(self.width, "notebook order: w′ is a weight as just updated in this sample", "notebook order: w′ just updated")
        elif notebook:
            return None
        else:
            text = fit(self.width, "simultaneous order: every row uses the weights from before the sample", "simultaneous order")
        return Text(text, style="dim italic")
