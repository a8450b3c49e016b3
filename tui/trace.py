"""`nn-by-hand trace`: what the engine computes, printed without a screen."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import TextIO

from model import Run
from model.weights import NAMES

_GROUPS = ("grads", "deltas", "weights_before", "weights_after")
_SCALARS = ("x1", "x2", "y", "h1", "h2", "y_hat", "residual", "loss")
_CHUNK = 4096


def rows(run: Run, every: str = "sample") -> Iterator[dict]:
    """One dict per sample-step (or per epoch end with every="epoch"), in run order."""
    n = len(run.data)
    for start in range(0, run.steps, _CHUNK):
        stop = min(start + _CHUNK, run.steps)
        b = run.batch(start, stop)
        arrays = {"grads": b.grads, "deltas": b.deltas, "weights_before": b.before, "weights_after": b.after}
        for i in range(stop - start):
            step = start + i
            if every == "epoch" and (step + 1) % n and step != run.steps - 1:
                continue
            epoch, sample = run.locate(step)
            row: dict = {"epoch": epoch, "sample": sample}
            row.update((name, float(getattr(b, name)[i])) for name in _SCALARS)
            for group in _GROUPS:
                row[group] = dict(zip(NAMES, arrays[group][i].tolist()))
            row.update(beta1=float(b.beta1[i]), beta2=float(b.beta2[i]), rmse=float(run.rmse[step + 1]))
            yield row


def write_jsonl(run: Run, out: TextIO, every: str) -> None:
    """One JSON object per line."""
    for row in rows(run, every):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(run: Run, out: TextIO, every: str) -> None:
    """The JSON rows flattened: grads.w1, …, weights_after.w6."""
    header = ["epoch", "sample", *_SCALARS, *(f"{g}.{w}" for g in _GROUPS for w in NAMES), "beta1", "beta2", "rmse"]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows(run, every):
        flat = [row[key] for key in ("epoch", "sample", *_SCALARS)]
        flat += [row[g][w] for g in _GROUPS for w in NAMES]
        writer.writerow([*map(repr, flat), repr(row["beta1"]), repr(row["beta2"]), repr(row["rmse"])])


def write_text(run: Run, out: TextIO) -> None:
    """The notebook's story: first sample, each epoch, final weights, β against LinearRegression."""
    from model.reference import reference

    c = run.config
    data = run.data
    print(f"preset {c.preset}, {c.order} order, lr {c.lr:g}, {c.epochs} epoch(s), {len(data)} samples", file=out)
    print(f"data: {data.source}", file=out)
    start = run.at(0).weights
    print("initial weights: " + ", ".join(f"{k} = {v!r}" for k, v in start.as_dict().items()), file=out)
    print(f"initial RMSE: {float(run.rmse[0])!r}", file=out)
    if run.steps:
        print(f"RMSE after the first sample: {float(run.rmse[1])!r}", file=out)
    for epoch, value in enumerate(run.epoch_rmse(), 1):
        print(f"RMSE after epoch {epoch}: {value!r}", file=out)
    final = run.at(run.positions - 1).weights
    print("final weights:", file=out)
    for name, value in final.as_dict().items():
        print(f"  {name} = {value!r}", file=out)
    ref = reference(data)
    print(f"β1 = w1·w5 + w2·w6 = {final.beta1!r}   LinearRegression(fit_intercept=False): {ref.beta1!r}", file=out)
    print(f"β2 = w3·w5 + w4·w6 = {final.beta2!r}   LinearRegression(fit_intercept=False): {ref.beta2!r}", file=out)
    print(f"LinearRegression with intercept: R² {ref.r2_intercept!r}, RMSE {ref.rmse_intercept!r}", file=out)


def write(run: Run, fmt: str, every: str, out: TextIO = sys.stdout) -> None:
    """Print `run` in `fmt` ("text", "jsonl" or "csv")."""
    if fmt == "text":
        write_text(run, out)
    elif fmt == "jsonl":
        write_jsonl(run, out, every)
    else:
        write_csv(run, out, every)
