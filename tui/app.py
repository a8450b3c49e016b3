"""Placeholder until the debugger lands."""

from __future__ import annotations

import argparse
import sys

from model import Run


def launch(run: Run, args: argparse.Namespace) -> int:
    print("nn-by-hand: the step-through debugger is not there yet; try `nn-by-hand trace`", file=sys.stderr)
    return 1
