"""`make bench`: the engine's speed and memory, as ratios measured in one process.

Not a test: this machine is noisy, so nothing here asserts a time.
"""

from __future__ import annotations

import random
import resource
import statistics
import time

import numpy as np

from model import Config, train
from model.edit import Edit
from model.training import finish, fork
from tests.plain_loop import plain_sgd, plain_tanh_bias_sgd


def engine_against_notebook(options: dict[str, object], loop, target: int) -> None:
    """The engine against a plain per-sample loop scored as the notebook scores, 300 epochs of the noisy preset."""
    config = Config.from_options({"epochs": "300", **options})
    train(Config.of("noisy"))  # warm imports
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        run = train(config)
        best = min(best, time.perf_counter() - start)
    start = time.perf_counter()
    from sklearn.metrics import mean_squared_error

    weights, rmse = loop(run, mean_squared_error)
    plain = time.perf_counter() - start
    rmse = np.array(rmse)
    same_weights = weights == run.weights[-1].tolist()
    same_rmse = np.array_equal(rmse, run.rmse[1:])
    worst = float(np.max(np.abs(rmse / run.rmse[1:] - 1)))
    print(f"{run.network.describe()}, noisy preset, 300 epochs = {run.steps:,} sample-steps, RMSE after every step")
    print(f"  notebook-style loop  {plain * 1e3:9.1f} ms")
    print(f"  engine (best of 5)   {best * 1e3:9.1f} ms")
    print(f"  speed-up             {plain / best:9.1f}x   (target: at least {target}x)")
    print(f"  identical numbers:   weights bit for bit {same_weights}, RMSE bit for bit {same_rmse} (max rel. diff {worst:.1e})")


def seek_and_memory() -> None:
    config = Config.from_options({"preset": "easy", "epochs": "10000"})
    before = _peak_rss()
    start = time.perf_counter()
    run = train(config)
    built = time.perf_counter() - start
    peak = _peak_rss()
    held = run.weights.nbytes + run.rmse.nbytes
    rng = random.Random(0)
    times = []
    for _ in range(500):
        epoch, sample, phase = rng.randint(1, config.epochs), rng.randrange(100), rng.randrange(7)
        start = time.perf_counter()
        moment = run.at(run.position(epoch, sample, phase))
        times.append(time.perf_counter() - start)
        assert moment.step.epoch == epoch
    print(f"run of {run.steps:,} sample-steps ({run.positions:,} micro-steps)")
    print(f"  build (train + every RMSE)  {built:8.2f} s")
    median, worst = statistics.median(times) * 1e3, max(times) * 1e3
    print(f"  seek, 500 random positions  median {median:.3f} ms, max {worst:.3f} ms (target: at most 50 ms)")
    print(
        f"  memory: process peak RSS {peak:.0f} MB, {before:.0f} MB before the run; "
        f"arrays held by the run {held / 2**20:.0f} MB (target: at most 300 MB)"
    )


def large_data() -> None:
    """100,000 sample-steps over 100,000 rows against the same steps over 1,000 rows, and the RMSE's accuracy."""
    times = {}
    for rows, epochs in ((1_000, 100), (100_000, 1)):
        config = Config.from_options({"samples": str(rows), "epochs": str(epochs), "lr": "1e-5"})
        start = time.perf_counter()
        run = train(config)
        times[rows] = time.perf_counter() - start
    d, network = run.data, run.network
    steps = np.linspace(0, run.steps, 200).astype(int)
    betas = network.betas(dict(zip(network.names, run.weights[steps].T)))
    truth = np.array([np.sqrt(np.mean((d.y - (d.x1 * b1 + d.x2 * b2)) ** 2)) for b1, b2 in zip(betas["beta1"], betas["beta2"])])
    worst = float(np.max(np.abs(run.rmse[steps] / truth - 1)))
    print("100,000 sample-steps with the full-data RMSE after each (train only, linear units, lr 1e-5)")
    print(f"  over 1,000 rows      {times[1_000]:6.2f} s")
    print(f"  over 100,000 rows    {times[100_000]:6.2f} s   ratio {times[100_000] / times[1_000]:.2f} (target: at most 3)")
    print(f"  RMSE at 100,000 rows against an element-wise float64 sum, 200 steps: max rel. diff {worst:.1e} (target: 1e-9)")


def forks(sizes: tuple[tuple[int, str], ...] = ((100, "1e-4"), (20_000, "1e-5")), repeats: int = 5) -> None:
    """A fork made after the first epoch and trained to the end, against training the whole run, at each (rows, lr)."""
    print(f"fork after epoch 1 (w3 = 0.5), trained to the end of 5 epochs, against the whole run (median of {repeats})")
    for rows, lr in sizes:
        base = train(Config.from_options({"samples": str(rows), "epochs": "5", "lr": lr}))
        whole, forked = [], []
        for _ in range(repeats):
            start = time.perf_counter()
            train(base.config, base.data)
            whole.append(time.perf_counter() - start)
            start = time.perf_counter()
            finish(fork(base, base.end_of(rows - 1), Edit("w3", 0.5)))
            forked.append(time.perf_counter() - start)
        fork_s, whole_s = statistics.median(forked), statistics.median(whole)
        times = f"fork {fork_s * 1e3:8.1f} ms   whole run {whole_s * 1e3:8.1f} ms"
        print(f"  {rows:>6,} rows   {times}   ratio {fork_s / whole_s:.2f} (it trains 4 of the 5 epochs)")


def _peak_rss() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from tests import bench_class, bench_network, bench_tui

    seek_and_memory()  # first, so the peak RSS is the run's and not the reference loop's
    engine_against_notebook({}, plain_sgd, 50)
    engine_against_notebook({"activation": "tanh", "bias": True}, plain_tanh_bias_sgd, 20)
    large_data()
    forks()
    bench_network.engine_against_numpy()
    bench_network.mazur_rounds()
    bench_tui.in_process()
    bench_tui.real_terminal()
    bench_tui.instructions()
    bench_tui.large_runs()
    bench_class.classroom()


if __name__ == "__main__":
    main()
