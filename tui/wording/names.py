"""A student's name in a class that asks for names: what is refused, and why, in a few words."""

from __future__ import annotations

import unicodedata

LONGEST = 24
"""Most characters of a name: enough for a first name and an initial, short enough for the teacher's lists."""
MARKUP = frozenset("[]<>{}\\`")
"""Characters that mean something to a terminal's markup or a web page, which a name never needs."""


def refusal(name: str, taken: set[str]) -> str:
    """Why `name` cannot be a student's (`taken` holds the others', case-folded), or "" if it can."""
    name = name.strip()
    if not name:
        return "a name cannot be empty"
    if len(name) > LONGEST:
        return f"a name has at most {LONGEST} characters"
    if any(unicodedata.category(c)[0] == "C" for c in name):
        return "a name cannot hold control or invisible characters"
    if any(c in MARKUP for c in name):
        return "a name cannot hold brackets, braces, backslashes or backquotes"
    if name.casefold() in taken:
        return "another student has that name"
    return ""
