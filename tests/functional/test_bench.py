"""`make bench` is not run by the suite, so its parts are run here on a small scale: they must keep working."""

import asyncio
import subprocess
import sys

import pytest

from model import Config, train
from tests.bare_app import Bare
from tests.bench import forks
from tests.bench_tui import HEADLESS_FIRST_FRAME, _in_process
from tui.app.debugger import Debugger


def test_the_in_process_bench_times_a_step_of_the_debugger_and_of_the_bare_app():
    for app in (Debugger(train(Config.of("noisy"))), Bare()):
        times = asyncio.run(_in_process(app, 3))
        assert len(times) == 3 and all(t > 0 for t in times), type(app).__name__


def test_the_fork_bench_times_a_fork_against_the_whole_run(capsys):
    forks(((100, "1e-4"),), repeats=1)
    said = capsys.readouterr().out
    assert "100 rows" in said and "ratio" in said


@pytest.mark.parametrize("which", ["debugger", "bare"])
def test_the_launch_that_the_instruction_count_measures_quits_cleanly_at_its_first_frame(which):
    launched = subprocess.run([sys.executable, "-c", HEADLESS_FIRST_FRAME, which], capture_output=True, text=True, timeout=120)
    assert (launched.returncode, launched.stderr) == (0, "")
