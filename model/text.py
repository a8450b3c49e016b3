"""Text from users and files, made safe to show: no character in it can drive a terminal."""

from __future__ import annotations


def printable(text: str, keep: str = "") -> str:
    """`text` with every non-printable character (ESC, BEL, NUL, …) written as an escape; `keep` lists ones to leave."""
    return "".join(c if c.isprintable() or c == " " or c in keep else _escape(c) for c in text)


def _escape(c: str) -> str:
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


PATH_SHOWN = 200
"""Most characters of a path a message shows: a real one fits, a made-up one of thousands is cut."""


def quoted(value: object, most: int = 40) -> str:
    """`value` as a message quotes it: in quotes, control characters escaped, cut past `most` characters."""
    if isinstance(value, int) and abs(value) >= 10**40:
        return "a number of more than 40 digits"
    shown = [printable(c) for c in str(value)]  # cut after escaping: one character may take ten to show
    if sum(map(len, shown)) > most:
        kept: list[str] = []
        for piece in shown:
            if sum(map(len, kept)) + len(piece) > most - 3:
                break
            kept.append(piece)
        shown = [*kept, "…"]
    return "'" + "".join(shown) + "'"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and its noun, in the plural unless `n` is 1: "1 sample", "4 samples", "2 data rows"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
