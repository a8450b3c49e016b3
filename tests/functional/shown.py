"""What a served terminal shows, from the frames its websocket receives, played into a terminal emulator (pyte)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable

import pyte


class Shown:
    """A terminal's screen, fed frame by frame, and read as rows of text."""

    def __init__(self, columns: int, lines: int, said: Callable[[], str] = lambda: "") -> None:
        self.screen = pyte.Screen(columns, lines)
        self._stream = pyte.ByteStream(self.screen)
        self._rows: list[str] | None = None
        self._said = said
        """What else to say when the words never come (what the page's scripts said)."""

    def feed(self, frame: bytes) -> None:
        self._stream.feed(frame)
        self._rows = None

    def resize(self, columns: int, lines: int) -> None:
        if (self.screen.columns, self.screen.lines) != (columns, lines):
            self.screen.resize(lines, columns)
            self._rows = None

    def reset(self) -> None:
        self.screen.reset()
        self._rows = None

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.columns, self.screen.lines

    @property
    def rows(self) -> list[str]:
        """The screen's rows, read once per frame: pyte builds them a character at a time, and waits poll them."""
        if self._rows is None:
            self._rows = self.screen.display
        return self._rows

    def text(self) -> str:
        return "\n".join(self.rows)

    @property
    def status(self) -> str:
        """The status line (two rows on a narrow screen)."""
        return " ".join(line.strip() for line in self.rows[:2])

    async def shows(self, words: str | re.Pattern[str], where: str = "text", timeout: float = 30) -> None:
        """Wait until the screen (or its status line, or its bottom row) shows `words` (or a match of the pattern)."""
        read = {"status": lambda: self.status, "footer": lambda: self.rows[-1], "text": self.text}[where]
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = read()
            if words.search(shown) if isinstance(words, re.Pattern) else words in shown:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"{words!r} is not in the {where}{self._said()}:\n{self.text()}")
