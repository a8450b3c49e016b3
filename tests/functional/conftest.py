"""Fixtures for driving the debugger in tests."""

from __future__ import annotations

import pytest

from model import Config, train


@pytest.fixture
def noisy():
    return train(Config.of("noisy"))
