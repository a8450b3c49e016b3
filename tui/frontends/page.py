"""The page a browser gets: textual-serve's, readable on a phone, with our script around its terminal's socket."""

from __future__ import annotations

import html
from importlib.resources import files

from tui.formats.browser import LONGEST_KEYS

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
"""Without it a phone lays the page out 980 px wide and shrinks it: a terminal of 108 columns in 3-px letters."""
SCRIPT = files("tui.frontends").joinpath("page.js").read_text(encoding="utf-8")
"""Keys reach the terminal without a click, and a seat survives a lost connection (see page.js)."""


def page(text: str, scope: str, keep: float) -> str:
    """textual-serve's page `text` with the viewport declared and our script first in its head.

    `scope` is what a seat is kept for: "browser" (every tab of one browser shares it: a class's student)
    or "tab"; `keep` is how many seconds the server keeps a seat whose page has gone.
    """
    script = f'<script data-scope="{html.escape(scope)}" data-keep="{keep:g}" data-longest="{LONGEST_KEYS}">\n{SCRIPT}</script>\n'
    return text.replace("<head>", f"<head>\n{VIEWPORT}\n{script}", 1)
