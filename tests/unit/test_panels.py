"""Which optional panels are on screen, over every sequence of keys pressed at either layout.

Rules a teacher would state:
- a panel's key does what it says: right after it, the panel is on screen if and only if it was not before;
- the small layout shows at most one optional panel, in the forward pass's place;
- a panel last asked for (at any size) is on screen whenever the screen is large;
- a panel last asked away on the large layout stays away there, whatever was pressed for other panels;
- a resize asks for nothing: the same keys give the same screen at a size, whatever sizes came between.
"""

from __future__ import annotations

from itertools import product

from tui.records.panels import OPTIONAL_PANELS, Panels

KEYS = [(panel, compact) for panel in OPTIONAL_PANELS for compact in (False, True)]


def test_every_sequence_of_keys_at_either_layout_shows_what_was_asked_for():
    for length in range(6):
        for keys in product(KEYS, repeat=length):
            panels = Panels()
            last: dict[str, tuple[bool, bool]] = {}  # panel -> (shown by its last key, pressed on the small layout)
            for panel, compact in keys:
                before = panel in panels.shown(compact)
                panels = panels.toggle(panel, compact)
                assert (panel in panels.shown(compact)) != before, keys
                last[panel] = (not before, compact)
            assert len(panels.shown(True)) <= 1, keys
            for panel, (shown, small) in last.items():
                if shown:
                    assert panel in panels.shown(False), keys
                elif not small:
                    assert panel not in panels.shown(False), keys
            assert panels.detail is None or panels.detail not in panels.hidden, keys


def test_the_issues_case_the_narration_shown_on_a_small_screen_stays_on_a_large_one():
    panels = Panels().toggle("narration", compact=True)
    assert panels.shown(True) == {"narration"} and panels.shown(False) == set(OPTIONAL_PANELS)
