"""Fixtures for driving the debugger in tests."""

from __future__ import annotations

import contextlib
import threading

import pytest

from model import Config, Training
from tui.app.debugger import Debugger
from tui.app.screens import trainer

STRETCH = 60
"""Sample-steps per stretch of a gated training: 500 steps come in 9 stretches, epochs end inside them."""


class Gated(Training):
    """A training whose every stretch after the first waits for `let`."""

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.stretch = STRETCH
        self.gate = threading.Semaphore(0)
        self.advance()

    def advance(self, steps: int | None = None):
        if self.steps and not self.gate.acquire(timeout=60):  # never block a thread for good, whatever fails
            raise TimeoutError("the test never let this stretch through")
        return super().advance(steps)

    def let(self, stretches: int = 1) -> None:
        for _ in range(stretches):
            self.gate.release()


@pytest.fixture
def gated(monkeypatch):
    """The noisy preset over 5 epochs, trained only as far as the test lets it; every stretch is shown."""
    monkeypatch.setattr(trainer, "HAND_OVER", 0)
    training = Gated(Config.from_options({"epochs": "5"}))
    # When the app ends, let its worker finish: the event loop's end waits for a thread held at the gate.
    run_test, exit = Debugger.run_test, Debugger.exit

    @contextlib.asynccontextmanager
    async def letting_run_test(self, *args, **kwargs):
        async with run_test(self, *args, **kwargs) as pilot:
            try:
                yield pilot
            finally:
                training.let(100)

    def letting_exit(self, *args, **kwargs):  # a snapshot's app ends by exit, once the picture is taken
        training.let(100)
        exit(self, *args, **kwargs)

    monkeypatch.setattr(Debugger, "run_test", letting_run_test)
    monkeypatch.setattr(Debugger, "exit", letting_exit)
    yield training
    training.let(100)  # whatever happened, let the worker finish
