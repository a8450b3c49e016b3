"""`make bench`'s figures for networks from a file: the compiled engine against the obvious per-sample numpy loop of
the same network, and 10,000 rounds of Mazur's example."""

from __future__ import annotations

import time

import numpy as np

from model import Config, train
from model.data import Dataset
from model.netfile import load_network


def numpy_loop(config: Config, data: Dataset) -> tuple[np.ndarray, list[float]]:
    """Mazur's network trained as most code writes it: weight matrices, np.dot and np.outer per sample, in
    simultaneous order, and the full-data RMSE after every sample. Its biases are fixed, as Mazur's are."""
    d = config.description
    values = dict(zip(d.names, config.weights().numbers))
    w1 = np.array([[values["w1"], values["w2"]], [values["w3"], values["w4"]]])
    w2 = np.array([[values["w5"], values["w6"]], [values["w7"], values["w8"]]])
    b1, b2 = values["b1"], values["b2"]
    x, t = np.column_stack(data.inputs), np.column_stack(data.targets)
    rmse = []
    for step in range(config.epochs * len(data)):
        row = step % len(data)
        h = 1 / (1 + np.exp(-(w1 @ x[row] + b1)))
        o = 1 / (1 + np.exp(-(w2 @ h + b2)))
        delta_o = (o - t[row]) * o * (1 - o)
        delta_h = (w2.T @ delta_o) * h * (1 - h)
        w2 = w2 - config.lr * np.outer(delta_o, h)
        w1 = w1 - config.lr * np.outer(delta_h, x[row])
        hidden = 1 / (1 + np.exp(-(x @ w1.T + b1)))
        out = 1 / (1 + np.exp(-(hidden @ w2.T + b2)))
        rmse.append(float(np.sqrt(np.mean((t - out) ** 2))))
    return np.concatenate([w1.ravel(), w2.ravel()]), rmse


def engine_against_numpy(samples: int = 100, epochs: int = 20) -> None:
    """A 2-2-2 sigmoid network (Mazur's) on `samples` random rows, trained by the engine and by the numpy loop."""
    rng = np.random.RandomState(0)
    data = Dataset.of(tuple(rng.rand(2, samples)), tuple(rng.rand(2, samples)), ("i1", "i2", "t1", "t2"), "random")
    config = Config.from_options({"network": "mazur", "epochs": str(epochs), "order": "simultaneous"})
    train(config, data)  # warm: the code is written once per network and order
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        run = train(config, data)
        best = min(best, time.perf_counter() - start)
    start = time.perf_counter()
    weights, rmse = numpy_loop(config, data)
    plain = time.perf_counter() - start
    same = np.allclose(weights, run.weights[-1, :8], rtol=1e-12) and np.allclose(rmse, run.rmse[1:], rtol=1e-12)
    print(f"{load_network('mazur').describe()}, {samples} random rows, {epochs} epochs = {run.steps:,} sample-steps, RMSE after every step")
    print(f"  per-sample numpy loop {plain * 1e3:9.1f} ms")
    print(f"  engine (best of 5)    {best * 1e3:9.1f} ms")
    print(f"  speed-up              {plain / best:9.1f}x   (target: at least 3x); same weights and RMSE to 1e-12: {same}")


def mazur_rounds() -> None:
    """Mazur's example as it ships: 10,000 rounds, every RMSE and the divergence check included."""
    config = Config.from_options({"network": "mazur"})
    train(config)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run = train(config)
        times.append(time.perf_counter() - start)
    best = min(times)
    print(f"Mazur's example, {run.steps:,} rounds in notebook order (train, every RMSE, the divergence check)")
    print(f"  best of 5             {best * 1e3:9.1f} ms   {1 / best:.1f}x inside the target of 1 s")
