"""Which optional panels are on screen: what the person asked for, laid out as far as the screen has room.

The keys (w, t, x) and a lesson's `show` say what the person wants to see; the size only decides how much of
it fits. On a large screen every panel not asked away is shown. A small one has room for one of them, in the
forward pass's place: the one asked for last. Hiding a panel there gives the room back to the forward pass and
says nothing about the large layout, since the small one hides panels for want of room, not because they are
unwanted. So the screen depends on the keys pressed and the size it has now, never on the sizes in between.
"""

from __future__ import annotations

from dataclasses import dataclass

OPTIONAL_PANELS = ("network", "data", "narration")
"""Panels a key shows and hides; the others are always on screen."""


@dataclass(frozen=True)
class Panels:
    """The optional panels a person (or a lesson) has asked for."""

    hidden: frozenset[str] = frozenset()
    """Panels asked away: the large layout leaves them out."""
    detail: str | None = None
    """The panel a small screen shows in the forward pass's place, if one was asked for there."""

    def shown(self, compact: bool) -> frozenset[str]:
        """The optional panels on screen in the small (`compact`) or the large layout."""
        if compact:
            return frozenset(() if self.detail is None else (self.detail,))
        return frozenset(OPTIONAL_PANELS) - self.hidden

    def toggle(self, panel: str, compact: bool) -> Panels:
        """After the panel's key: a panel on screen goes, one not on screen comes (on a small one, alone)."""
        if panel not in self.shown(compact):
            return Panels(self.hidden - {panel}, panel if compact else self.detail)
        if compact:
            return Panels(self.hidden, None)
        return Panels(self.hidden | {panel}, None if self.detail == panel else self.detail)
