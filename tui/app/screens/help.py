"""`?`: every key binding, generated from the screen's real bindings."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class Help(ModalScreen[None]):
    """A table of keys and what they do; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, bindings: Sequence[BindingType]) -> None:
        super().__init__()
        self.bindings = bindings
        """The keys to list, in order."""

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for binding in self.bindings:
            assert isinstance(binding, Binding)
            keys = " / ".join(self.app.get_key_display(Binding(key, "")) for key in binding.key.split(","))
            table.add_row(keys, binding.tooltip or binding.description)
        with VerticalScroll(id="help"):
            yield Static("[b]Keys[/b]  (every action is also in the command palette, ctrl+p)\n")
            yield Static(table, id="keys")
            yield Static("\n[dim]escape, q or ? closes this help[/dim]")
