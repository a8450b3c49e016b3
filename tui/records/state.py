"""What the debugger's screen shows, as a record: the screen produces it for a save and applies it on --resume."""

from __future__ import annotations

from dataclasses import dataclass

from tui.wording.predict import Kind


@dataclass(frozen=True)
class ScreenState:
    """The screen over a run: where it is, what it shows and how (the run itself is re-created apart)."""

    position: int
    """The position on screen."""
    predict: Kind | None
    """Predict mode."""
    scores: dict[Kind, tuple[int, int]]
    """Predict tallies by kind: (within tolerance, asked)."""
    hidden: tuple[str, ...]
    """Optional panels asked away from the large layout."""
    detail: str | None
    """The optional panel asked for on the small layout, if any."""
    beta: bool
    """The β-space view is shown."""
    log_scale: bool
    """The sparkline's scale."""
    checking: bool
    """The gradient check is on."""
    speed: int
    """Play speed."""
    table_top: int
    """The data row at the top of the data table, which scrolls only as far as the current row needs (so a resumed
    table, opened at the current row, comes back to it at the size it was saved at)."""
    verdict: tuple[Kind, float] | None
    """The prediction just revealed at this position, if any: the kind of question and the guess."""
