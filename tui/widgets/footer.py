"""The footer of keys: on a narrow screen only those a newcomer needs first, so that ? and q always show."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

WIDE_ONLY = frozenset({"log_scale", "narration", "predict"})
"""Actions left out of a narrow screen's footer; help and the command palette still list them."""
FULL_WIDTH = 120
"""Columns the footer needs to show every key in full."""


class KeyFooter(Footer):
    """Textual's footer, which leaves out WIDE_ONLY keys (and packs the rest) when narrower than FULL_WIDTH."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if not (self.compact and isinstance(widget, FooterKey) and widget.action in WIDE_ONLY):
                yield widget

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < FULL_WIDTH

    def watch_compact(self) -> None:
        self.call_after_refresh(self.recompose)
