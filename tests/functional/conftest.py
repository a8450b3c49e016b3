"""Helpers for driving the debugger in tests."""

from __future__ import annotations

import pytest

from model import Config, train
from tui.app import Debugger

PANELS = ("#status", "#network", "#forward", "#derivatives", "#changes", "#rmse-figures", "#breakpoints")


def text(app: Debugger, selector: str) -> str:
    """The plain text a panel shows."""
    content = app.query_one(selector).content
    return getattr(content, "plain", str(content))


def screen_text(app: Debugger) -> dict[str, str]:
    """Every panel's text, to compare two states of the screen."""
    return {selector: text(app, selector) for selector in PANELS}


@pytest.fixture
def noisy():
    return train(Config.of("noisy"))
