"""A recording as one animated SVG, which plays in a browser and in a README with no player.

pyte (a maintained terminal emulator in pure Python, the one asciinema's own Python tools have used)
replays the recording; the screen is taken at most FPS times a second. Each distinct row is drawn once and
each frame places its rows; a CSS animation shows one frame after another, then starts again.
"""

from __future__ import annotations

import math
from html import escape

import pyte

FPS = 10
"""Most frames a second the picture takes."""
CELL = (8.4, 17.0)
"""Width and height of a cell, in pixels, for a 14-pixel monospace font."""
FOREGROUND, BACKGROUND = "#d0d0d0", "#0c0c0c"
"""The terminal's own colours, for text and cells that name none."""
_NAMED = {
    "black": "#000000",
    "red": "#cd3131",
    "green": "#0dbc79",
    "brown": "#e5e510",
    "blue": "#2472c8",
    "magenta": "#bc3fbc",
    "cyan": "#11a8cd",
    "white": "#e5e5e5",
}
"""The eight colours a terminal names, as xterm shows them."""


def animated(cast: list[tuple[float, str, str]], size: tuple[int, int]) -> str:
    """The cast's output events, [seconds, "o", text], as an SVG that plays them in a loop."""
    frames = _frames(cast, size)
    rows: dict[str, str] = {}  # a row's drawing: its id
    placed = [([rows.setdefault(row, f"r{len(rows)}") for row in frame], at) for frame, at in frames]
    total = max(placed[-1][1] + 3.0, 0.1)
    cols, lines = size
    width, height = cols * CELL[0], lines * CELL[1]
    css = [
        f".f{{visibility:hidden;animation:{total:.2f}s step-end infinite}}",
        "text{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:14px;white-space:pre}",
    ]
    body = []
    for i, (ids, at) in enumerate(placed):
        start = 100 * at / total
        end = 100 * placed[i + 1][1] / total if i + 1 < len(placed) else 100
        shown = f"{start:.3f}%{{visibility:visible}}" + (f"{end:.3f}%{{visibility:hidden}}" if end < 100 else "")
        css.append(f"#f{i}{{animation-name:k{i}}}@keyframes k{i}{{0%{{visibility:hidden}}{shown}}}")
        uses = "".join(f'<use href="#{row}" y="{y * CELL[1]:g}"/>' for y, row in enumerate(ids))
        body.append(f'<g class="f" id="f{i}">{uses}</g>')
    defs = "".join(f'<g id="{row_id}">{row}</g>' for row, row_id in rows.items())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}">'
        f'<style>{"".join(css)}</style><rect width="100%" height="100%" fill="{BACKGROUND}"/>'
        f"<defs>{defs}</defs>{''.join(body)}</svg>\n"
    )


def _frames(cast: list[tuple[float, str, str]], size: tuple[int, int]) -> list[tuple[list[str], float]]:
    """Each distinct screen as its rows' drawings, with the time it appears: the screen as the last write in a
    frame's time slot leaves it, shown from the slot's first write (so the first frame is there from 0 s)."""
    screen = pyte.Screen(*size)
    stream = pyte.Stream(screen)
    frames: list[tuple[list[str], float]] = []
    slot, began = None, 0.0
    for at, kind, data in cast:
        if kind != "o":
            continue
        if math.floor(at * FPS) != slot:
            if slot is not None:
                _take(screen, began, frames)
            slot, began = math.floor(at * FPS), at
        stream.feed(data)
    _take(screen, began, frames)
    return frames or [([], 0.0)]


def _take(screen: pyte.Screen, at: float, frames: list[tuple[list[str], float]]) -> None:
    """Add the screen as it is now, unless it is the frame before."""
    rows = [_row(screen.buffer[y], screen.columns) for y in range(screen.lines)]
    if not frames or frames[-1][0] != rows:
        frames.append((rows, at))


def _row(line: dict[int, pyte.screens.Char], columns: int) -> str:
    """One row: a rectangle for each run of cells with a background of their own, then its text in runs of one look."""
    cells = [line[x] for x in range(columns)]
    runs: list[tuple[int, int, tuple[str, str, bool]]] = []
    for x, char in enumerate(cells):
        fg, bg = _colour(char.fg, FOREGROUND), _colour(char.bg, BACKGROUND)
        look = (bg, fg, char.bold) if char.reverse else (fg, bg, char.bold)
        if runs and runs[-1][2] == look and runs[-1][1] == x:
            runs[-1] = (runs[-1][0], x + 1, look)
        else:
            runs.append((x, x + 1, look))
    drawn = []
    for a, b, (fg, bg, bold) in runs:
        if bg != BACKGROUND:
            drawn.append(f'<rect x="{a * CELL[0]:g}" width="{(b - a) * CELL[0]:g}" height="{CELL[1]:g}" fill="{bg}"/>')
        text = "".join(cell.data for cell in cells[a:b])
        if text.strip():
            weight = ' font-weight="bold"' if bold else ""
            span = f'textLength="{(b - a) * CELL[0]:g}" lengthAdjust="spacingAndGlyphs"'  # every cell in its column
            drawn.append(f'<text x="{a * CELL[0]:g}" y="{CELL[1] * 0.78:g}" {span} fill="{fg}"{weight}>{escape(text)}</text>')
    return "".join(drawn)


def _colour(name: str, default: str) -> str:
    """A pyte colour (a name, six hex digits, or "default") as SVG writes it."""
    if name == "default":
        return default
    if len(name) == 6 and all(c in "0123456789abcdefABCDEF" for c in name):
        return f"#{name.lower()}"
    return _NAMED.get(name.removeprefix("bright"), default)
