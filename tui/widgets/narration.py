"""The narration panel: the current micro-step explained, a lesson's note, a prediction's verdict."""

from __future__ import annotations

from rich.text import Text

from model import Moment, Run
from tui.fmt import num
from tui.narration import narrate
from tui.predict import Verdict
from tui.widgets.panel import Panel


class Narration(Panel):
    """What just happened and why, in plain words with the live numbers."""

    TITLE = "What just happened"

    note: str | None = None
    """The lesson's note for this position, if any."""
    verdict: Verdict | None = None
    """The last prediction, shown until the next move."""

    def plain(self) -> str:
        """What the panel shows, as plain text (for the transcript)."""
        return self._shown.plain if isinstance(self._shown, Text) else ""

    def render_moment(self, run: Run, moment: Moment, compact: bool) -> Text:
        text = Text()
        if self.note:
            text.append(self.note + "\n", style="bold italic")
        if self.verdict is not None:
            v = self.verdict
            mark = "✓ close" if v.close else "✗ off"
            text.append(
                f"You predicted {v.question.label} = {num(v.guess)}; it is {num(v.question.truth)} (error {num(v.error)}, {mark}).\n",
                style="bold green" if v.close else "bold red",
            )
        text.append(narrate(run, moment))
        return text
