"""Rows that may not all fit a panel: a window of them around the current one, with a line for those left out."""

from __future__ import annotations

from rich.text import Text


def folded(rows: list[list[Text]], names: list[str], current: int | None, room: int) -> list[Text]:
    """`rows` (each of one line or more, named by `names`) in at most `room` lines.

    All of them if they fit; otherwise the current one (the first if none is), the row after it, and as many before
    it as fit, then more after; a dim line above and below says how many rows are left out and which.
    """
    n = len(rows)
    if sum(map(len, rows)) <= room or not n:
        return [line for row in rows for line in row]
    at = min(max(current or 0, 0), n - 1)

    def cost(first: int, stop: int) -> int:
        return sum(len(rows[i]) for i in range(first, stop)) + (first > 0) + (stop < n)

    first, stop = at, at + 1
    for side in ("below", *("above",) * n, *("below",) * n):
        a, b = (first - 1, stop) if side == "above" else (first, stop + 1)
        if a >= 0 and b <= n and cost(a, b) <= room:
            first, stop = a, b
    shown = [line for i in range(first, stop) for line in rows[i]]
    markers = (first > 0) + (stop < n)
    shown = shown[: max(room - markers, 1)]
    if first > 0:
        shown.insert(0, Text(f"⋮ {first} above: {_span(names[:first])}", style="dim"))
    if stop < n:
        shown.append(Text(f"⋮ {n - stop} below: {_span(names[stop:])}", style="dim"))
    return shown


def _span(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{names[0]}…{names[-1]}"
