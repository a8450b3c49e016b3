"""The narration panel: the current micro-step explained, a lesson's note, a prediction's verdict."""

from __future__ import annotations

import re

from rich.text import Text

from tui.app.widgets.panel import Panel
from tui.app.widgets.view import View
from tui.wording.fmt import Digits
from tui.wording.narration import narrate

SENTENCE = re.compile(r"(?<=\.)\s+")
"""Where the narration may be cut: after a full stop (numbers never have a space after their point)."""


class Narration(Panel):
    """What just happened and why, in plain words with the live numbers."""

    TITLE = "What just happened"

    _said: str = ""
    """Everything the panel had to say at the last redraw, even what did not fit."""

    def plain(self) -> str:
        """Everything the panel had to say, as plain text (for the transcript)."""
        return self._said

    def render_view(self, view: View) -> Text:
        text = Text()
        if view.note:
            text.append(view.note + "\n", style="bold italic")
        if view.verdict is not None:
            digits = Digits.of(view.run.description)
            num, delta = digits.num, digits.delta
            v = view.verdict
            mark = "✓ close" if v.close else "✗ off"
            before = v.question.before
            if before is None:
                said = f"You predicted {v.question.label} = {num(v.guess)}; it is {num(v.question.truth)} (error {num(v.error)}, {mark}).\n"
            else:  # a new weight is judged by its change: say both changes
                said = (
                    f"You predicted {v.question.label} = {num(v.guess)}, a change of {delta(v.guess - before)}; "
                    f"it is {num(v.question.truth)}, a change of {delta(v.question.truth - before)} ({mark}).\n"
                )
            text.append(said, style="bold green" if v.close else "bold red")
        said = narrate(view.run, view.moment)
        self._said = text.plain + said
        return self._fitted(text, SENTENCE.split(said))

    def _fitted(self, text: Text, sentences: list[str]) -> Text:
        """The note, the verdict, and as many sentences as the panel has lines for (the most important come first)."""
        height, width = self.content_region.height, self.content_region.width

        def fits(candidate: Text) -> bool:
            return not (height and width) or len(candidate.wrap(self.app.console, width)) <= height

        def upto(count: int) -> Text:
            """The note and verdict, the first `count` sentences, and a dim … if any are left out."""
            candidate = text.copy()
            candidate.append(" ".join(sentences[:count]))
            if count < len(sentences):
                candidate.append(" …" if count else "…", style="dim")
            return candidate

        count = len(sentences)  # the usual case: everything fits, one wrap, no search
        while count and not fits(upto(count)):
            count -= 1
        return upto(count)
