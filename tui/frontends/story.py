"""`trace`'s text for a network from a file: its settings, its start, how the loss fell, where it ended."""

from __future__ import annotations

import math
from typing import TextIO

import numpy as np

from model import Run
from model.described import FullError, outputs_after
from model.text import counted
from tui.wording.fmt import lr

SHOWN = 12
"""Most epochs whose end is written; a longer run shows evenly spaced round ones and the last."""


def shown_epochs(epochs: int) -> list[int]:
    """The epochs whose end is written: all of a short run; of a longer one, every multiple of the smallest round
    step (one digit and zeros: 300, 1000) that cuts it in at most SHOWN - 1 parts, and the last."""
    if epochs <= SHOWN:
        return list(range(1, epochs + 1))
    least = epochs / (SHOWN - 1)
    scale = 10 ** math.floor(math.log10(least))
    step = scale * math.ceil(least / scale)
    return [*range(step, epochs, step), epochs]


def write_story(run: Run, out: TextIO) -> None:
    """The run in a few lines: the loss averaged over the samples (a one-sample example's total error) and the
    RMSE at the start, after the first sample and at epoch ends, then the final parameters and outputs."""
    root, *forks = run.ancestry
    c, data, d = root.config, run.data, run.description
    full = FullError(d, data)
    size = f"{counted(c.epochs, 'epoch')}, {counted(len(data), 'sample')}"
    print(f"network {d.source}: {d.describe()}, {c.order} order, lr {lr(c.lr)}, {size}", file=out)
    print(f"data: {data.source}", file=out)
    start = root.at(0).weights
    print("initial parameters: " + ", ".join(f"{k} = {v!r}" for k, v in start.as_dict().items()), file=out)
    if d.fixed:
        print(f"never trained: {', '.join(d.fixed)}", file=out)

    def line(label: str, step: int) -> str:
        weights = run.weights[step : step + 1]
        return f"{label}: mean loss {float(full.loss(weights)[0])!r}, RMSE {float(run.rmse[step])!r}"

    print(line("at the start", 0), file=out)
    for fork in forks:
        assert fork.branch is not None
        print(f"edit {fork.branch.place}: {fork.branch.edit}", file=out)
    if run.steps:
        print(line("after the first sample", 1), file=out)
    n, epochs = len(data), run.steps // len(data)
    for epoch in shown_epochs(epochs):
        print(line(f"after epoch {epoch}", epoch * n), file=out)
    final = run.weights[run.steps : run.steps + 1]
    print("final parameters:", file=out)
    for name, value in zip(d.names, final[0].tolist()):
        print(f"  {name} = {value!r}", file=out)
    for sample in range(min(n, SHOWN)):
        outputs = outputs_after(d, final, data, np.array([sample]))
        said = ", ".join(
            f"{name} = {float(value[0])!r} (target {float(target[sample])!r})"
            for (name, value), target in zip(outputs.items(), data.targets)
        )
        print(f"sample {sample} at the end: {said}", file=out)
