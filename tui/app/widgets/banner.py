"""The divergence banner: one line across the top, shown only when the run diverges."""

from __future__ import annotations

from textual.widgets import Static

from model import Divergence
from tui.wording.fmt import fit


class Banner(Static):
    """Where and how the run diverged, cut to the width given."""

    def show(self, divergence: Divergence | None, width: int) -> None:
        """Say `divergence` in `width` columns, or hide the banner when there is none."""
        if divergence is not None:
            said = f"⚠ {divergence}"
            self.update(fit(width - 2, f"{said}. Every step before it can be inspected.", said))
        self.set_class(divergence is not None, "-shown")
