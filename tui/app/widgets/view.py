"""What every panel draws from: one moment of one run, and how to show it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from model import Moment, Run

if TYPE_CHECKING:
    from model.reference import Reference
    from tui.wording.predict import Verdict


@dataclass(frozen=True)
class View:
    """Everything a panel may show; the screen builds a new one for every redraw."""

    run: Run
    """The run being stepped through."""
    moment: Moment
    """The run at the current position."""
    compact: bool = False
    """Small terminal: each panel shows only its essentials."""
    log_scale: bool = False
    """The sparkline shows log10 RMSE."""
    checking: bool = False
    """The derivatives panel sets each ∂L/∂p beside its central finite difference."""
    note: str | None = None
    """The lesson's note for this position."""
    seeking: int | None = None
    """A position the screen is waiting for training to reach."""
    verdict: Verdict | None = None
    """The prediction just made for this position, shown until the next move."""
    reference: Reference | None = None
    """LinearRegression's fit, once it has been computed in the background."""
    playing: bool = False
    """The run is playing: a panel that is slow to draw may skip frames."""
    speed: int = 10
    """Play speed, in micro-steps per second."""
    script: tuple[str, ...] = ()
    """What a lesson's key script is doing, while there is one, and what space does to it: fullest form first."""
    ghost: Run | None = None
    """The run this one forked from, as far as it is trained, when it is a fork."""
