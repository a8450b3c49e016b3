"""`nn-by-hand trace`: what the engine computes, printed without a screen."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import TextIO

from model import Config, InputError, Run, train
from model.edit import NESTING
from model.text import counted
from model.training import Progress, finish, replay
from tui import PROG
from tui.frontends.progress import TerminalBar
from tui.frontends.rows import rows
from tui.wording.advice import remedy
from tui.wording.fmt import lr


def write_jsonl(run: Run, out: TextIO, every: str, progress: Progress | None = None) -> None:
    """One JSON object per line."""
    for row in rows(run, every, progress):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(run: Run, out: TextIO, every: str, progress: Progress | None = None) -> None:
    """The JSON rows flattened, each group's values after the single ones: grads.w1, …, weights_after.b3."""
    writer = csv.writer(out, lineterminator="\n")
    header: list[str] | None = None
    for row in rows(run, every, progress):
        flat = {key: value for key, value in row.items() if not isinstance(value, dict)}
        flat.update(
            (f"{group}.{name}", value) for group, values in row.items() if isinstance(values, dict) for name, value in values.items()
        )
        if header is None:
            header = list(flat)
            writer.writerow(header)
        writer.writerow([repr(value) if isinstance(value, float) else value for value in map(flat.get, header)])  # floats exact


def write_text(run: Run, out: TextIO) -> None:
    """The notebook's story: first sample, each epoch, final parameters, β against LinearRegression."""
    if not run.description.builtin:
        from tui.frontends.story import write_story

        write_story(run, out)
        return
    from model.reference import reference

    root, *forks = run.ancestry
    c, data, network = root.config, run.data, run.network  # the settings it started with; edits follow
    origin = f"preset {c.preset}, " if c.generated else ""  # real data owes nothing to the preset
    size = f"{counted(c.epochs, 'epoch')}, {counted(len(data), 'sample')}"
    print(f"{origin}{network.describe()}, {c.order} order, lr {lr(c.lr)}, {size}", file=out)
    print(f"data: {data.source}", file=out)
    start = root.at(0).weights
    print("initial weights: " + ", ".join(f"{k} = {v!r}" for k, v in start.as_dict().items()), file=out)
    print(f"initial RMSE: {float(root.rmse[0])!r}", file=out)
    for fork in forks:
        assert fork.branch is not None
        print(f"edit {fork.branch.place}: {fork.branch.edit}, RMSE from there {float(fork.rmse[fork.origin])!r}", file=out)
    if run.steps:
        print(f"RMSE after the first sample: {float(run.rmse[1])!r}", file=out)
    for epoch, value in enumerate(run.epoch_rmse(), 1):
        print(f"RMSE after epoch {epoch}: {value!r}", file=out)
    final = run.at(run.positions - 1).weights
    print("final weights:", file=out)
    for name, value in final.as_dict().items():
        print(f"  {name} = {value!r}", file=out)
    ref = reference(data)
    matching = ref.matching(network)
    if matching is None:
        print(f"{network.activation} units: ŷ is not linear in X1, X2, so no β compares with LinearRegression", file=out)
    else:
        fitted = "LinearRegression(fit_intercept=True)" if network.bias else "LinearRegression(fit_intercept=False)"
        for label, value in network.betas(final).items():
            print(f"{network.beta_formula(label)} = {value!r}   {fitted}: {matching.betas[label]!r}", file=out)
    print(f"LinearRegression with intercept: R² {ref.full.r2!r}, RMSE {ref.full.rmse!r}", file=out)


def write(run: Run, fmt: str, every: str, out: TextIO, progress: Progress | None = None) -> None:
    """Print `run` in `fmt` ("text", "jsonl" or "csv")."""
    if fmt == "text":
        write_text(run, out)
    elif fmt == "jsonl":
        write_jsonl(run, out, every, progress)
    else:
        write_csv(run, out, every, progress)


def command(config: Config, args: argparse.Namespace) -> int:
    """`nn-by-hand trace`: train and print; on a terminal, stderr shows how far training and writing have got."""

    if sys.stdout is None:  # started with its output closed (`>&-`): Python has no stream to print to
        raise InputError("trace: standard output is closed; send it to a file or a pipe")
    if args.every and args.format == "text":
        raise InputError("--every: chooses the rows of --format jsonl or csv; the text format always shows each epoch's end")
    if len(args.edit or ()) > NESTING:  # each edit keeps arrays as large as the whole run
        raise InputError(f"--edit: at most {NESTING} edits, each forking the run the one before made; got {len(args.edit)}")
    bar = TerminalBar(sys.stderr) if sys.stderr is not None and sys.stderr.isatty() else None
    try:
        run = train(config, progress=bar)
        for text in args.edit or ():
            run = _edited(run, text, bar)
        _print_trace(run, args, bar)
    finally:
        if bar is not None:
            bar.close()
    if run.divergence:
        try:
            print(f"{PROG}: {run.divergence}; try {remedy(run.config, run.data)}", file=sys.stderr, flush=True)
        except BrokenPipeError:  # stderr was the pipe the reader closed (`2>&1 | head`): the status still says it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())
        return 3
    return 0


def _edited(run: Run, text: str, bar: Progress | None) -> Run:
    """The run that an --edit makes of `run`, trained to its end."""
    try:
        training = replay(run, text)
    except InputError as error:
        raise InputError(f"--edit: {error}") from None
    return finish(training, bar)


def _print_trace(run: Run, args: argparse.Namespace, bar: Progress | None) -> None:
    try:
        write(run, args.format, args.every or "sample", sys.stdout, progress=bar)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (e.g. `| head`): nothing more to print, and nothing to complain of
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the flush at exit cannot fail again
    except OSError as error:
        raise InputError(f"trace: cannot write the output: {error.strerror}") from None
