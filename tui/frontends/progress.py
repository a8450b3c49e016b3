"""A progress bar on a terminal's stderr for long work (`trace`, `record`); silent anywhere else."""

from __future__ import annotations

import os
from typing import TextIO

WIDTH = 30
"""Cells in the bar."""


class TerminalBar:
    """Draws `stage [#####.....]  42% where` on one line of `stream`, redrawn in place, and clears it at the end."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        """Where the bar is drawn: a terminal."""
        self._shown: tuple[str, int, str] | None = None

    def __call__(self, stage: str, fraction: float, where: str = "") -> None:
        percent = int(100 * min(max(fraction, 0.0), 1.0))
        if (stage, percent, where) == self._shown:  # a redraw only when what it says changes
            return
        self._shown = (stage, percent, where)
        done = WIDTH * percent // 100
        line = f"{stage:<8} [{'#' * done}{'.' * (WIDTH - done)}] {percent:3d}%" + (f" {where}" if where else "")
        try:
            width = os.get_terminal_size(self.stream.fileno()).columns or 80  # a terminal that never said has 0
        except (OSError, ValueError):
            width = 80
        self.stream.write(f"\r{line[: width - 1]}\x1b[K")  # one line, however narrow the terminal, and nothing after it
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar, leaving the line as it was."""
        if self._shown is not None:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = None
