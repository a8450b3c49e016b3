"""What a served terminal shows, from the frames its websocket receives, played into a terminal emulator (pyte)."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Callable

import pyte


class Shown:
    """A terminal's screen, fed frame by frame, and read as rows of text."""

    def __init__(self, columns: int, lines: int, said: Callable[[], str] = lambda: "") -> None:
        self.screen = pyte.Screen(columns, lines)
        self._stream = pyte.ByteStream(self.screen)
        self._rows: list[str] | None = None
        self._said = said
        """What else to say when the words never come (what the page's scripts said)."""
        self._waits: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []
        """What is waited for, checked after every frame: a state shown for a moment (a notice) is seen, however
        many frames arrive at once on a busy machine."""

    def feed(self, frame: bytes) -> None:
        self._stream.feed(frame)
        self._rows = None
        for shown, done in self._waits:
            if not done.done() and shown():
                done.set_result(None)

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
        async with self.expecting(words, where, timeout):
            pass

    @contextlib.asynccontextmanager
    async def expecting(self, words: str | re.Pattern[str], where: str = "text", timeout: float = 30) -> AsyncIterator[None]:
        """After the block, wait until `words` show, or have shown in any frame since the block began: a notice that
        comes and goes while the keys that bring it are still being typed is seen too."""
        read = {"status": lambda: self.status, "footer": lambda: self.rows[-1], "text": self.text}[where]

        def shown() -> bool:
            return bool(words.search(read())) if isinstance(words, re.Pattern) else words in read()

        wait = (shown, asyncio.get_running_loop().create_future())
        self._waits.append(wait)
        try:
            yield
            if not wait[1].done() and shown():
                return
            await asyncio.wait_for(wait[1], timeout)
        except TimeoutError:
            raise AssertionError(f"{words!r} is not in the {where}{self._said()}:\n{self.text()}") from None
        finally:
            self._waits.remove(wait)
