"""The footer of keys: every key it shows is whole, ? and q always among them, the rest in order as room allows."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ALWAYS = ("help", "quit")
"""Actions the footer shows at every width: the way to every other key, and the way out."""
WIDE_ONLY = frozenset({"log_scale", "narration", "predict"})
"""Actions left out of a narrow screen's footer; help and the command palette still list them."""
FULL_WIDTH = 120
"""Columns the footer needs to show every key in full."""


def _width(key: FooterKey) -> int:
    """Columns a key takes in the compact footer: key, space, description and a margin; the palette's has a
    border on its left and a space on its right instead."""
    return cell_len(key.key_display) + 1 + cell_len(key.description) + (2 if key.has_class("-command-palette") else 1)


class KeyFooter(Footer):
    """Textual's footer, packed (less WIDE_ONLY) when narrower than FULL_WIDTH, with only the keys that fit whole."""

    _laid_out_for = 0
    """The width the keys were chosen for."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        if not self.compact:
            yield from widgets
            return
        keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        room = self.size.width - sum(_width(w) for w in widgets if w not in keys)
        kept: set[FooterKey] = set()
        for key in sorted(keys, key=lambda key: key.action not in ALWAYS):  # stable: the rest keep their order
            if key.action in WIDE_ONLY:
                continue
            if _width(key) > room:
                break
            kept.add(key)
            room -= _width(key)
        yield from (w for w in widgets if w in kept or w not in keys)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for:
            self._laid_out_for = event.size.width
            self.compact = event.size.width < FULL_WIDTH
            self.call_after_refresh(self.recompose)
