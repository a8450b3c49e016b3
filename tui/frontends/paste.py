"""Pastes stay pastes: an escape sequence inside a bracketed paste can never become key presses.

Textual's input parser reads an ESC inside a paste as the start of a sequence
and, not knowing the sequence, hands its characters on as keys: pasting
`hello\\e]0;x\\a` on the debugger's screen pressed e, and at a prompt typed
`^]0;x`. The guard below sits in front of the parser and writes every ESC
between the paste's brackets as SUB (U+001A, the character that stands for
one that could not be taken), so the parser delivers the whole paste as one
Paste event, which a prompt then refuses for its control characters.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.message import Message

from tui.pinned import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser, use_parser

ESC, SUB = "\x1b", "\x1a"


class PasteGuard:
    """Rewrites raw terminal input so that no ESC is left inside a bracketed paste."""

    def __init__(self) -> None:
        self.pasting = False
        """Whether the input so far has opened a paste and not closed it."""
        self.held = ""
        """The end of a paste so far, when it may be the start of its closing bracket: it waits for the next read."""
        self.recent = ""
        """The last characters passed on outside a paste, which may begin an opening bracket split across reads."""

    def clean(self, data: str) -> str:
        """`data` as the parser should see it; outside a paste nothing is held back (a lone ESC is the escape key)."""
        text, self.held, out, at = self.held + data, "", [], 0
        while at < len(text):
            if not self.pasting:
                look = self.recent + text[at:]
                start = look.find(BRACKETED_PASTE_START)
                if start < 0:
                    out.append(text[at:])
                    self.recent = look[1 - len(BRACKETED_PASTE_START) :]
                    break
                opened = at + start - len(self.recent) + len(BRACKETED_PASTE_START)
                out.append(text[at:opened])
                at, self.pasting, self.recent = opened, True, ""
                continue
            end = text.find(BRACKETED_PASTE_END, at)
            if end < 0:
                keep = _partial(text, BRACKETED_PASTE_END)
                out.append(text[at : len(text) - keep].replace(ESC, SUB))
                self.held = text[len(text) - keep :]
                break
            out.append(text[at:end].replace(ESC, SUB) + BRACKETED_PASTE_END)
            at, self.pasting = end + len(BRACKETED_PASTE_END), False
        return "".join(out)

    def flush(self) -> str:
        """What is held back, once no more input will come."""
        held, self.held = self.held, ""
        return held.replace(ESC, SUB)


def _partial(text: str, marker: str) -> int:
    """The length of the longest end of `text` that is a proper start of `marker`."""
    return next((n for n in range(min(len(marker) - 1, len(text)), 0, -1) if text.endswith(marker[:n])), 0)


class GuardedParser(XTermParser):
    """Textual's terminal parser behind a PasteGuard."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.guard = PasteGuard()
        """Tracks pastes across reads."""

    def feed(self, data: str) -> Iterable[Message]:
        if data:  # an empty string would tell the parser the input is over
            cleaned = self.guard.clean(data)
            return list(super().feed(cleaned)) if cleaned else []
        held = self.guard.flush()
        return [*(super().feed(held) if held else ()), *super().feed("")]


def guard_pastes(web: bool) -> None:
    """Put the guard in front of the parser of the driver the app will use (the terminal's, or the browser's)."""
    use_parser(GuardedParser, web)
