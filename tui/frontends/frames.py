"""What a recording keeps of the debugger's output: the whole frames it drew, and nothing a player could misread.

`record` answers the debugger's question about synchronized output (DEC mode 2026) with "supported", so Textual
writes each frame between "begin" and "end" marks; the end of a frame is where the debugger finished drawing it.
A frame is kept whole, timed at its end, however the terminal's reads cut it. The debugger marks, in the same
stream, when its first frame is complete (data table and footer drawn): everything before that is the recording's
first frame, at 0 s. Everything outside frames is the terminal being set up or put back (mouse and keyboard
modes, queries, the alternate screen): none of it draws, and a player in a real terminal would act on it, so only
the two modes the frames are drawn in (cursor hidden, no line wrap) are kept.
"""

from __future__ import annotations

import bisect
import itertools
import re

from model import InputError
from tui.records.session import READY

SYNC_QUERY = "\x1b[?2026$p"
"""The debugger asking whether the terminal draws frames whole."""
SYNC_SUPPORTED = "\x1b[?2026;2$y"
"""The answer: supported (and off until a frame begins)."""
BEGIN, END = "\x1b[?2026h", "\x1b[?2026l"
"""Where a frame begins and ends."""
DRAWN_IN = "\x1b[?25l\x1b[?7l"
"""The modes every frame is drawn in: the cursor hidden and no line wrap."""
PUT_BACK = "\x1b[?7h\x1b[?25h"
"""The terminal as it was before: what a cast ends with, so that a player's terminal gets its cursor back."""
_MARKS = re.compile("|".join(map(re.escape, (BEGIN, END, READY))))
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.)", re.DOTALL)
_DRAWS = re.compile(r"\x1b\[[0-9;]*[mH]")
"""The escape sequences that draw: colours and the cursor's place."""
Frame = tuple[float, str]
"""A whole frame: the seconds at which it was complete, and what draws it."""


def whole_frames(output: list[tuple[float, str]]) -> list[Frame]:
    """The frames in `output` (what the terminal read, with the time of each read), the first one at 0 s: the
    screen as it stood when the debugger's first frame was complete (or at the first frame, if it never said)."""
    text = "".join(data for _, data in output)
    ends = list(itertools.accumulate(len(data) for _, data in output))  # where each read ends in `text`

    def time_at(index: int) -> float:
        """When the character at `index` was read."""
        return output[bisect.bisect_right(ends, index)][0]

    frames: list[Frame] = []
    ready: int | None = None  # how many frames make up the first one
    begun: int | None = None
    for mark in _MARKS.finditer(text):
        if mark.group() == BEGIN:
            begun = mark.end()
        elif mark.group() == END and begun is not None:
            frames.append((time_at(mark.end() - 1), text[begun : mark.start()]))
            begun = None
        elif mark.group() == READY and ready is None:
            ready = len(frames)
    if ready is None:  # the debugger never said: its first frame alone
        if not frames:
            raise InputError("record: the debugger drew no whole frame; try the same options without record")
        return [(0.0, DRAWN_IN + frames[0][1]), *((round(at - frames[0][0], 6), data) for at, data in frames[1:])]
    # On a busy machine the first frame can be drawn before the debugger has the answer about whole frames, so
    # without marks: everything drawn before the debugger said its first frame was complete is that frame.
    start = text.index(READY)
    first = DRAWN_IN + _drawing(text[:start])
    return [(0.0, first), *((round(at - time_at(start), 6), data) for at, data in frames[ready:])]


def _drawing(text: str) -> str:
    """What of `text` draws: its characters, colours and cursor moves, without the terminal being set up."""
    return _ESCAPE.sub(lambda escape: escape.group() if _DRAWS.fullmatch(escape.group()) else "", text)
