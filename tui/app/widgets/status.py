"""The status lines: where the run is, and how β compares with LinearRegression."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from model import Moment, Run
from model.parameters import beta_name
from model.run import lead
from model.text import counted, printable
from tui.app.widgets.panel import Panel
from tui.app.widgets.view import View
from tui.wording.fmt import Digits, fit, lr, num, short


def status_line(run: Run, moment: Moment) -> str:
    """The one line screen recorders can wait on: preset, order, epoch, sample, phase, RMSE."""
    return f"{run_line(run)} · {place_line(run, moment)[0]} · RMSE {Digits.of(run.description).num(moment.rmse)}"


def run_line(run: Run) -> str:
    """What the run is: its data, its variant, any fork, its rate and its order (a fork that set either says it once)."""
    c, network = run.config, run.notebook
    data = short(printable(Path(c.data).name), 24) if c.data is not None else c.dataset or c.preset
    if network is None:  # a network from a file: its name, then its data unless it is the file's own
        own = c.data is None and c.dataset is None and run.description.data is not None
        data = run.description.source if own else f"{run.description.source}, {data}"
    if c.standardize:  # the weights are learned on the scaled features, not on the file's
        data += ", standardized"
    if network is not None and not network.notebook_weights:
        data += f", {network.activation}" + (" + biases" if network.bias else "")
    edited = {edit.name for edit in run.edits}
    if run.edits:
        data += ", fork " + ", ".join(map(str, run.edits))
    rate = "" if "lr" in edited else f" · lr {lr(c.lr)}"
    order = "" if "order" in edited else f" · {c.order}"
    return f"{data}{rate}{order}"


def place_line(run: Run, moment: Moment) -> tuple[str, str]:
    """Where the run is: epoch, sample and phase, in full and in brief."""
    c, phase = run.config, moment.phase_name
    if moment.step is not None:
        epoch, sample = moment.step.epoch, str(moment.step.sample)
    elif run.origin:  # a fork's start: the sample-step it forks after
        (epoch, at), phase = run.locate(run.origin - 1), "fork"
        sample = str(at)
    else:
        epoch, sample = 0, "-"
    return (
        f"epoch {epoch}/{c.epochs} · sample {sample}/{len(run.data)} · {phase}",
        f"e{epoch}/{c.epochs} s{sample}/{len(run.data)} · {phase}",
    )


def _mean_loss(run: Run, moment: Moment, short: bool) -> list[str]:
    """A network from a file's loss averaged over every sample (a one-sample example's total error), fullest first."""
    d = run.description
    loss = Digits.of(d).num(run.mean_loss(moment.completed))
    if short:
        return [f"mean loss {loss}"]
    return [
        f"loss over all {counted(len(run.data), 'sample')} {loss} · {d.describe()} · β and LinearRegression: the notebook's network only",
        f"loss over all {counted(len(run.data), 'sample')} {loss} · {d.describe()}",
    ]


def ghost_line(run: Run, ghost: Run, moment: Moment) -> list[str]:
    """How the fork compares with its ghost at this step, fullest form first."""
    ahead, num = lead(run, ghost, moment.completed), Digits.of(run.description).num
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
        rmse = f"RMSE {Digits.of(run.description).num(moment.rmse)}"
        setting, (place, brief) = run_line(run), place_line(run, moment)
        playing = f"▶ {view.speed}/s · " if view.playing else ""  # first, where the eye goes: that it moves, and how fast
        where = f"{playing}{setting} · {place} · {rmse}"
        without_lr = f" · lr {lr(run.config.lr)}"
        # Narrower and narrower: without the rate, without what the run is, in brief.
        places = [f"{playing}{form}" for form in (f"{setting} · {place}", f"{setting.replace(without_lr, '')} · {place}", place, brief)]
        training = training_line(run, view.seeking)  # while training goes on, it has the second line
        versus = [*self._versus(view, short=False), *self._versus(view, short=True)]
        if view.ghost is not None:  # a fork's second line says first how it compares with its ghost
            ghost = ghost_line(run, view.ghost, moment)
            versus = [f"{ghost[0]} · {versus[-1]}", *ghost]
        if compact:  # two short lines: where, then how good
            short = self._versus(view, short=True) if view.ghost is None else ghost_line(run, view.ghost, moment)[1:]
            return Text.assemble(
                (fit(self.width, *self._scripted(view, places[:-1], places[-1:])), "bold"),
                "\n",
                fit(self.width, *(f"{rmse} · {form}" for form in training or short), rmse),
            )
        versus = training or versus
        readable = [where, where.replace(without_lr, ""), *(f"{form} · {rmse}" for form in places[1:-1])]
        first = fit(self.width, *self._scripted(view, readable, [f"{places[-1]} · {rmse}"]))
        return Text.assemble((first, "bold"), "\n", fit(self.width, *versus))

    @staticmethod
    def _scripted(view: View, readable: list[str], brief: list[str]) -> list[str]:
        """The first line's forms, fullest first: where the run is, with what the script or the class is doing
        (which is never dropped while any form of both fits), in words where there is room, in brief otherwise."""
        with_state = [f"{state} · {form}" for forms in (readable, brief) for state in view.script for form in forms]
        return [*with_state, *readable, *brief]

    @staticmethod
    def _versus(view: View, short: bool) -> list[str]:
        """The network's β set against LinearRegression's, fullest form first; for non-linear units, why there is none;
        for a network from a file, the loss averaged over the samples instead."""
        if view.run.notebook is None:
            return _mean_loss(view.run, view.moment, short)
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
