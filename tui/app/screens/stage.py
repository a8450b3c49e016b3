"""What the debugger screen's parts need of the screen: the one surface each of them reaches it through.

The screen (`main.MainScreen`) owns its parts, each a plain object holding its own state: `Looks` (full or compact,
the optional panels, how the panels draw), `Moving` (the position, play, moves that wait for training, go-to,
breakpoints), `Predicting` (the question, the guess, the tallies), `Trainer` (training behind the screen, order
switches, forks, LinearRegression's fit) and `Saving` (the screen's record, produced and applied); `Drawing` makes
one view of them all for every panel. A part calls the screen through `Stage` (or a protocol that adds what that part
alone needs) for what must happen at once: a redraw, a prompt, what a key script waits on. It posts the screen a
message (`messages`) for what the screen does in its own time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.notifications import SeverityLevel

    from model import Run
    from tui.app.classlink import ClassLink
    from tui.app.moves import Seek
    from tui.wording.predict import Question

T = TypeVar("T")


class Stage(Protocol):
    """The debugger's screen, as each of its parts sees it."""

    @property
    def app(self) -> App[Any]: ...
    @property
    def is_attached(self) -> bool: ...
    @property
    def trained(self) -> Run:
        """The run on screen, as far as it is trained."""

    @property
    def position(self) -> int:
        """The position on screen."""

    @property
    def asking(self) -> Question | None:
        """The predict-mode question open now; nothing may move the run while it is."""

    @property
    def seeking(self) -> Seek | None:
        """A move waiting for training to reach its target."""

    @property
    def classlink(self) -> ClassLink | None:
        """This debugger's seat in a class, if it is in one."""

    def notify(self, message: str, *, severity: SeverityLevel = ..., timeout: float | None = ..., markup: bool = ...) -> None: ...
    def post_message(self, message: Message) -> bool: ...
    def redraw(self) -> None:
        """Show the current position in every panel."""

    def settle(self) -> None:
        """Tell a key script whether the screen is settled: no question open, no move or order switch waiting."""

    def go(self, target: int, stop_at_breakpoints: bool = ..., scanned: int = ...) -> None:
        """Move to `target` (see `Moving.go`)."""

    def ask(self, title: str, hint: str, parse: Callable[[str], T], done: Callable[[T | None], None]) -> None:
        """Open a prompt; `done` gets what `parse` made of the answer, or None after escape."""

    def refuse(self, title: str, hint: str, reason: str) -> None:
        """Open the prompt a key would open, showing why nothing typed in it can be taken; escape closes it."""
