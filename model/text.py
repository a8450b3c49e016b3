"""Text from users and files, made safe to show: no character in it can drive a terminal."""

from __future__ import annotations


def printable(text: str, keep: str = "") -> str:
    """`text` with every non-printable character (ESC, BEL, NUL, …) written as an escape; `keep` lists ones to leave."""
    return "".join(c if c.isprintable() or c == " " or c in keep else _escape(c) for c in text)


def _escape(c: str) -> str:
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def quoted(value: object) -> str:
    """`value` as a message quotes it: in quotes, control characters escaped, cut when long."""
    if isinstance(value, int) and abs(value) >= 10**40:
        return "a number of more than 40 digits"
    shown = [printable(c) for c in str(value)]  # cut after escaping: one character may take ten to show
    if sum(map(len, shown)) > 40:
        kept: list[str] = []
        for piece in shown:
            if sum(map(len, kept)) + len(piece) > 37:
                break
            kept.append(piece)
        shown = [*kept, "…"]
    return "'" + "".join(shown) + "'"
