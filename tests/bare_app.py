"""The yardstick for `make bench`: a bare Textual app (Header, Footer, one Static)."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static


class Bare(App):
    """Shows a counter; n adds one."""

    BINDINGS = [Binding("n", "next", "Next")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("count 0", id="count")
        yield Footer()

    def action_next(self) -> None:
        self.count += 1
        self.query_one("#count", Static).update(f"count {self.count}")


if __name__ == "__main__":
    Bare().run()
