"""The status lines: where the run is, and how β compares with LinearRegression."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from model import Moment, Run
from model.reference import Reference
from tui.fmt import fit, lr, num, short
from tui.widgets.panel import Panel


def status_line(run: Run, moment: Moment) -> str:
    """The one line screen recorders can wait on: preset, order, epoch, sample, phase, RMSE."""
    c = run.config
    if moment.step is None:
        where = f"epoch 0/{c.epochs} · sample -/{len(run.data)}"
    else:
        where = f"epoch {moment.step.epoch}/{c.epochs} · sample {moment.step.sample}/{len(run.data)}"
    data = short(Path(c.data).name, 24) if c.data is not None else c.preset
    if c.standardize:  # the weights are learned on the scaled features, not on the file's
        data += ", standardized"
    return f"{data} · lr {lr(c.lr)} · {c.order} · {where} · {moment.phase_name} · RMSE {num(moment.rmse)}"


class Status(Panel):
    """Position in the run and the equivalent linear coefficients."""

    reference: Reference | None = None
    """LinearRegression's fit, once it has been computed in the background."""

    def render_moment(self, run: Run, moment: Moment, compact: bool) -> Text:
        w, ref, width = moment.weights, self.reference, self.width
        b1, b2 = num(w.beta1), num(w.beta2)
        if compact:  # two short lines: where, then how good
            where, _, rest = status_line(run, moment).rpartition(" · RMSE ")
            versus = f"LinearRegression {num(ref.beta1)}, {num(ref.beta2)}" if ref else "LinearRegression: fitting…"
            short_versus = f"{num(ref.beta1)}, {num(ref.beta2)}" if ref else "…"
            return Text.assemble(
                (fit(width, where, where.replace(f" · lr {lr(run.config.lr)}", "")), "bold"),
                "\n",
                fit(width, f"RMSE {rest} · β {b1}, {b2} vs {versus}", f"RMSE {rest} · β {b1}, {b2} vs {short_versus}"),
            )
        versus = f"LinearRegression β1 {num(ref.beta1)}  β2 {num(ref.beta2)}" if ref else "LinearRegression: fitting…"
        return Text.assemble(
            (status_line(run, moment), "bold"),
            "\n",
            fit(width, f"β1 = w1·w5 + w2·w6 = {b1}   β2 = w3·w5 + w4·w6 = {b2}   vs {versus}", f"β1 = {b1}   β2 = {b2}   vs {versus}"),
        )
