"""The status lines: where the run is, and how β compares with LinearRegression."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from model import Moment, Run
from model.parameters import beta_name
from model.run import lead
from model.text import printable
from tui.app.widgets.panel import Panel
from tui.app.widgets.view import View
from tui.wording.fmt import fit, lr, num, short


def status_line(run: Run, moment: Moment) -> str:
    """The one line screen recorders can wait on: preset, order, epoch, sample, phase, RMSE."""
    c = run.config
    phase = moment.phase_name
    if moment.step is not None:
        where = f"epoch {moment.step.epoch}/{c.epochs} · sample {moment.step.sample}/{len(run.data)}"
    elif run.origin:  # a fork's start: the sample-step it forks after
        epoch, sample = run.locate(run.origin - 1)
        where, phase = f"epoch {epoch}/{c.epochs} · sample {sample}/{len(run.data)}", "fork"
    else:
        where = f"epoch 0/{c.epochs} · sample -/{len(run.data)}"
    data = short(printable(Path(c.data).name), 24) if c.data is not None else c.dataset or c.preset
    if c.standardize:  # the weights are learned on the scaled features, not on the file's
        data += ", standardized"
    if not run.network.notebook_weights:
        data += f", {run.network.activation}" + (" + biases" if run.network.bias else "")
    if run.edits:
        data += ", fork " + ", ".join(map(str, run.edits))
    return f"{data} · lr {lr(c.lr)} · {c.order} · {where} · {phase} · RMSE {num(moment.rmse)}"


def ghost_line(run: Run, ghost: Run, moment: Moment) -> list[str]:
    """How the fork compares with its ghost at this step, fullest form first."""
    ahead = lead(run, ghost, moment.completed)
    if ahead is None:
        state = f"ghost {ghost.divergence}" if ghost.divergence else "ghost not trained this far yet"
        return [state, "ghost: —"]
    if ahead == 0:
        return [f"level with its ghost (RMSE {num(moment.rmse)})", "level with ghost"]
    word = "ahead of" if ahead > 0 else "behind"
    theirs = num(float(ghost.rmse[moment.completed]))
    return [f"{word} its ghost by {num(abs(ahead))} (RMSE {num(moment.rmse)} vs {theirs})", f"{word} ghost by {num(abs(ahead))}"]


def training_line(run: Run, seeking: int | None) -> list[str]:
    """How far training in the background has got, and what a move waits for, fullest form first; empty once done."""
    if run.finished:
        return []
    percent = int(100 * run.progress)
    trained = f"trained to epoch {run.locate(run.steps)[0]} of {run.config.epochs} ({percent}%)"
    if seeking is None:
        return [f"training goes on in the background: {trained}", trained, f"training {percent}%"]
    epoch, sample = run.locate(run.step_of(seeking))
    return [
        f"waiting for training to reach epoch {epoch}, sample {sample}: {trained} · esc cancels",
        f"waiting for epoch {epoch}, sample {sample}: {trained} · esc cancels",
        f"waiting: {trained} · esc cancels",
        f"waiting ({percent}%) · esc cancels",
    ]


class Status(Panel):
    """Position in the run and the equivalent linear coefficients."""

    def render_view(self, view: View) -> Text:
        run, moment, compact = view.run, view.moment, view.compact
        where = status_line(run, moment)
        if view.playing:  # first, where the eye goes: that it moves, and how fast (+ and - change it)
            where = f"▶ {view.speed}/s · {where}"
        without_lr = f" · lr {lr(run.config.lr)}"
        training = training_line(run, view.seeking)  # while training goes on, it has the second line
        versus = [*self._versus(view, short=False), *self._versus(view, short=True)]
        if view.ghost is not None:  # a fork's second line says first how it compares with its ghost
            ghost = ghost_line(run, view.ghost, moment)
            versus = [f"{ghost[0]} · {versus[-1]}", *ghost]
        if compact:  # two short lines: where, then how good
            place, _, rest = where.rpartition(" · RMSE ")
            short = self._versus(view, short=True) if view.ghost is None else ghost_line(run, view.ghost, moment)[1:]
            return Text.assemble(
                (fit(self.width, *self._scripted(view, place, place.replace(without_lr, ""))), "bold"),
                "\n",
                fit(self.width, *(f"RMSE {rest} · {form}" for form in training or short)),
            )
        versus = training or versus
        first = fit(self.width, *self._scripted(view, where, where.replace(without_lr, "")))
        return Text.assemble((first, "bold"), "\n", fit(self.width, *versus))

    @staticmethod
    def _scripted(view: View, *forms: str) -> list[str]:
        """The first line's forms, fullest first, with what a lesson's script is doing where there is room:
        where the run is comes first, so the script's state goes before any of it does."""
        return [*(f"{state} · {form}" for state in view.script for form in forms), *forms]

    @staticmethod
    def _versus(view: View, short: bool) -> list[str]:
        """The network's β set against LinearRegression's, fullest form first; for non-linear units, why there is none."""
        network, ref = view.run.network, view.reference
        betas = network.betas(view.moment.weights)
        if not betas:
            best = f"; LinearRegression's RMSE {num(ref.full.rmse)}" if ref else ""
            return [
                f"{network.activation} units: ŷ is not linear in the inputs, so no β compares with LinearRegression{best}",
                f"{network.activation} units: no linear β",
            ]
        matching = ref.matching(network) if ref else None
        name = "LinearRegression with intercept" if network.bias else "LinearRegression"
        if matching is None:
            theirs = brief = labelled = "LinearRegression: fitting…"
        else:
            brief = ", ".join(num(matching.betas[label]) for label in betas)
            theirs = f"{name} {brief}"
            labelled = f"{name} " + "  ".join(f"{beta_name(label)} {num(matching.betas[label])}" for label in betas)
        if short:
            values = ", ".join(num(value) for value in betas.values())
            return [f"β {values} vs {theirs}", f"β {values} vs {brief if matching else '…'}"]
        mine = "   ".join(f"{network.beta_formula(label)} = {num(value)}" for label, value in betas.items())
        plain = "   ".join(f"{beta_name(label)} = {num(value)}" for label, value in betas.items())
        return [f"{mine}   vs {labelled}", f"{plain}   vs {labelled}"]
