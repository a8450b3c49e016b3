"""How tall the fixed panels are for a network, and how many rows the full layout needs: the notebook's network
has the stylesheet's heights; a network from a file gets heights from its shape, chosen so that the full layout
fits the default 120×40 screen where it can, its derivatives and changes folding around the current row."""

from __future__ import annotations

from dataclasses import dataclass

from model.description import Description

SCREEN = 40
"""Rows of the screen the heights are chosen for: the default, and the screenshots'."""
CHROME = 3
"""The status line's two rows and the footer's."""
LEAST_ROWS = 3
"""Rows of derivatives or changes shown at least, however large the network."""
CONTINUED = 3
"""Lines the derivatives panel keeps for the current derivative's chain when it does not fit on one."""
RMSE, NARRATION, BREAKPOINTS, SAMPLES = 8, 3, 4, 4
"""The other panels' heights in the full layout (the narration's and the data table's at least)."""


@dataclass(frozen=True)
class Heights:
    """The full layout's fixed panels, in rows, borders included."""

    network: int
    """The diagram."""
    forward: int
    """The forward pass."""
    derivatives: int
    """The partial derivatives."""
    changes: int
    """The parameter changes."""

    @classmethod
    def of(cls, d: Description, notebook_bias: bool | None = None) -> Heights:
        """The heights for `d`; `notebook_bias` for the notebook's network (with biases or not), whose are the
        stylesheet's."""
        if notebook_bias is not None:
            extra = 3 if notebook_bias else 0  # three more updates, three more rows: MainScreen.-bias in app.tcss
            return cls(7, 8, 9 + extra, 11 + extra)
        computed = d.layers[1:]
        nodes = sum(map(len, computed))
        network = 2 + 1 + max(map(len, d.layers)) + 1
        forward = 2 + 1 + (nodes if nodes <= 8 else sum(-(-len(layer) // 3) for layer in computed)) + 1
        updates = len(d.updates)
        room = SCREEN - CHROME - network - forward - NARRATION - BREAKPOINTS - 2 - CONTINUED - 1
        derivatives = 2 + max(LEAST_ROWS, min(updates, room)) + CONTINUED + 1
        fixed = 1 if d.fixed else 0
        room = SCREEN - CHROME - network - RMSE - SAMPLES - 2 - 1 - 1 - fixed
        changes = 2 + 1 + max(LEAST_ROWS, min(updates, room)) + 1 + fixed
        return cls(network, forward, derivatives, changes)

    @property
    def full(self) -> int:
        """Rows the full layout needs, a divergence banner apart."""
        left = self.forward + self.derivatives + NARRATION + BREAKPOINTS
        right = RMSE + self.changes + SAMPLES
        return CHROME + self.network + max(left, right)
