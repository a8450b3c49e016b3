"""The footer of keys: every key it shows is whole, ? and q always among them, the rest in order as room allows."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from tui.pinned import FooterKey, footer_ready

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

    _composed: tuple[object, ...] | None = None
    """What the keys shown were composed from: the width and every key's label and state."""

    @property
    def _width(self) -> int:
        """Its width: the screen's, until it has been laid out (it spans the screen)."""
        return self.size.width or self.app.size.width

    def _keys_now(self) -> tuple[object, ...]:
        shown = [(b.key, b.description, enabled, tooltip) for _, b, enabled, tooltip in self.screen.active_bindings.values() if b.show]
        return (self._width, self.compact, tuple(shown))

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Textual recomposes the footer at every change of focus or screen (each prompt opened and closed): its
        # dozen new widgets cost more than the frame. The keys themselves change far more rarely.
        if self._composed is None or not self.is_attached or screen is not self.screen or self._keys_now() != self._composed:
            super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        # In the first frame already: Textual's footer waits a frame for its screen to say its keys, which the
        # screen knows as soon as the footer is mounted in it.
        footer_ready(self)
        compact = self._width < FULL_WIDTH
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact", update=False)
        self._composed = self._keys_now()
        widgets = list(super().compose())
        if not self.compact:
            yield from widgets
            return
        keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        room = self._width - sum(_width(w) for w in widgets if isinstance(w, FooterKey) and w not in keys)
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
        self.compact = event.size.width < FULL_WIDTH
        if self._composed is not None and self._keys_now() != self._composed:
            self.call_after_refresh(self.recompose)
