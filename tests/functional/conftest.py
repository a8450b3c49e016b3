"""Fixtures for driving the debugger in tests."""

from __future__ import annotations

import threading

import pytest

from model import Config, Training, train
from tui.screens import main

STRETCH = 60
"""Sample-steps per stretch of a gated training: 500 steps come in 9 stretches, epochs end inside them."""


@pytest.fixture
def noisy():
    return train(Config.of("noisy"))


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
    monkeypatch.setattr(main, "HAND_OVER", 0)
    training = Gated(Config.from_options({"epochs": "5"}))
    yield training
    training.let(100)  # whatever happened, let the worker finish
