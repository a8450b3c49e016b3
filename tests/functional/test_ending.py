"""A session nobody can see any more (a signal, its terminal or its server gone) ends its process, hung or not."""

from __future__ import annotations

import os
import signal

import pytest

from tui.app import debugger as app_module
from tui.app.debugger import LAST_RESORT, Debugger


class Timer:
    """threading.Timer as the app uses it, recorded instead of run."""

    made: list[Timer] = []

    def __init__(self, interval, function, args=()) -> None:
        self.interval, self.function, self.args = interval, function, args
        self.daemon = self.started = self.cancelled = False
        Timer.made.append(self)

    def start(self) -> None:
        self.started = True

    def cancel(self) -> None:
        self.cancelled = True


@pytest.fixture
def timers(monkeypatch):
    Timer.made = []
    monkeypatch.setattr(app_module.threading, "Timer", Timer)
    return Timer.made


def test_once_told_to_end_unseen_the_process_ends_within_the_last_resort_whatever_the_shutdown_does(noisy, timers):
    # Textual's shutdown once waited for ever on output to a terminal that had hung up: a process was left behind.
    app = Debugger(noisy)
    app._end_by_signal(signal.SIGHUP)
    app._end_by_signal(signal.SIGTERM)  # a second signal while ending changes nothing
    assert len(timers) == 1
    (timer,) = timers
    assert (timer.interval, timer.function, timer.args) == (LAST_RESORT, os._exit, (128 + signal.SIGHUP,))
    assert timer.started and timer.daemon, "a timer that is not a daemon would itself keep the process"


def test_a_shutdown_in_time_cancels_the_last_resort_so_the_save_after_it_is_never_cut_short(noisy, timers):
    app = Debugger(noisy)

    async def script(pilot) -> None:
        await app.ready.wait()
        app._end_by_signal(signal.SIGTERM)

    app.run(headless=True, size=(80, 24), auto_pilot=script)
    assert app.signalled == signal.SIGTERM
    assert [timer.cancelled for timer in timers] == [True]
