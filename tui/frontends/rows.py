"""What each row of `trace --format jsonl|csv` holds, named as the network's description names things.

The notebook's network keeps its columns (x1, x2, z1, …, y_hat, y, residual,
β); a network from a file gets groups keyed by its own names: `nodes` (every
input, weighted input and value), `targets` and `residuals` by output,
`dL_dnode` and `dL_dnet` (the backward pass: ∂L/∂n and δ = ∂L/∂net_n), and
after the step `outputs_after` (the same sample through the updated network)
and `mean_loss` (the loss averaged over every sample: a one-sample example's
total error). Both have grads, deltas, weights_before, weights_after, loss and
rmse.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from model import Run
from model.described import FullError, outputs_after
from model.parameters import NODES
from model.training import Progress

GROUPS = ("grads", "deltas", "weights_before", "weights_after")
"""Each parameter's values, by name."""
_NODES = {node.lower().replace("ŷ", "y_hat"): node for node in NODES}
"""Column name of each of the notebook's node values, in the order they are computed."""
_CHUNK = 4096


def rows(run: Run, every: str = "sample", progress: Progress | None = None) -> Iterator[dict[str, Any]]:
    """One dict per sample-step (or per epoch end with every="epoch"), in run order.

    A fork's steps before an edit are those of the run it came from, with that run's settings; each row names
    the settings that computed it: `lr`, `order` and `edits` (those that made its run, "; "-joined, "" for none).
    """
    n, d = len(run.data), run.description
    chunks = [(owner, a, min(a + _CHUNK, b)) for owner, first, b in run.lineage() for a in range(first, b, _CHUNK)]
    for owner, start, stop in chunks:
        settings = {"lr": owner.config.lr, "order": owner.config.order, "edits": "; ".join(map(str, owner.edits))}
        b = owner.batch(start, stop)
        arrays = {"grads": b.grads, "deltas": b.deltas, "weights_before": b.before, "weights_after": b.after}
        betas = b.betas()
        if not d.builtin:
            after = outputs_after(d, b.after, run.data, np.arange(start, stop) % n)
            mean = FullError(d, run.data).loss(b.after)
        for i in range(stop - start):
            step = start + i
            if every == "epoch" and (step + 1) % n and step != run.steps - 1:
                continue
            epoch, sample = run.locate(step)
            row: dict[str, Any] = {"epoch": epoch, "sample": sample, **settings}
            if d.builtin:
                row.update((column, float(b.nodes[node][i])) for column, node in _NODES.items())
                row.update(y=float(b.y[i]), residual=float(b.residual[i]), loss=float(b.loss[i]))
            else:
                row["nodes"] = {name: float(values[i]) for name, values in b.nodes.items()}
                row["targets"] = {name: float(values[i]) for name, values in b.targets.items()}
                row["residuals"] = {name: float(values[i]) for name, values in b.residuals.items()}
                row["loss"] = float(b.loss[i])
                for group, kind in (("dL_dnode", "dout"), ("dL_dnet", "dnet")):
                    row[group] = {key.split(":")[1]: float(values[i]) for key, values in b.signals.items() if key.startswith(f"{kind}:")}
            for group in GROUPS:
                row[group] = dict(zip(d.names, arrays[group][i].tolist()))
            row.update((label, float(values[i])) for label, values in betas.items())
            if not d.builtin:
                row["outputs_after"] = {name: float(values[i]) for name, values in after.items()}
                row["mean_loss"] = float(mean[i])
            row["rmse"] = float(owner.rmse[step + 1])
            yield row
        if progress is not None:
            progress("writing", stop / run.steps)
