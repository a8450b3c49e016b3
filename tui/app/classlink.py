"""This debugger's seat in a class that `serve --teach` leads.

The teacher's debugger tells the server where it is (its saved-session record) at every step, and each
question it asks and reveals. A student's debugger follows: it goes where the teacher is, rebuilding the
run when the teacher forks or switches the order, so every screen shows the same step with the same
floats. A student who moves by hand is off the teacher's step until `j` brings them back. A question the
teacher asks opens on every student's screen; the answer goes to the server only, and the truth, with the
student's own error, shows once the teacher reveals it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from model import InputError
from tui.formats.bus import LONGEST, receive, send
from tui.formats.saved import Saved, read_saved, rebuild

if TYPE_CHECKING:
    from model import Training
    from model.breakpoints import Breakpoint
    from model.training import Ghost
    from tui.app.moves import Seek
    from tui.wording.predict import Kind, Question


class Desk(Protocol):
    """What the class needs of the debugger's screen."""

    @property
    def seeking(self) -> Seek | None: ...
    @property
    def asking(self) -> Question | None: ...
    def notify(self, message: str, *, severity: Any = ..., timeout: float | None = ...) -> None: ...
    def saved(self) -> Saved: ...
    def redraw(self) -> None: ...
    def go(self, target: int, stop_at_breakpoints: bool = ..., scanned: int = ...) -> None: ...
    def take_run(self, training: Training, ghosts: list[Ghost], breakpoints: tuple[Breakpoint, ...]) -> None: ...
    def put_question(self, target: int, kind: Kind, number: int | None = ...) -> None: ...
    def close_question(self) -> None: ...
    def class_note(self, text: str) -> None: ...
    def deliver(self, text: str, name: str) -> None: ...


class ClassLink:
    """The class as this debugger sees it: the teacher's, or a student's."""

    def __init__(self, screen: Desk, path: str, seat: str, teacher: bool) -> None:
        self.screen = screen
        """The debugger's screen."""
        self.path, self.seat = path, seat
        self.teacher = teacher
        """Whether this is the teacher's debugger, which leads."""
        self.tally: tuple[str, ...] = ("class of 0",)
        """The teacher's: how the class is doing, as the server last said, fullest first."""
        self.following = True
        """A student's: the screen goes where the teacher goes."""
        self.latest: Saved | None = None
        """Where the teacher was last."""
        self.asked: dict[str, Any] | None = None
        """A student's: the class's open question (its number, position and kind), until it is revealed."""
        self._waiting: Callable[[], None] | None = None
        self._sent = ""
        self._writer: asyncio.StreamWriter | None = None
        self._by_hand = False
        self._greeted = False

    async def run(self) -> None:
        """Take part in the class until the server ends it."""
        try:
            reader, self._writer = await asyncio.open_unix_connection(self.path, limit=LONGEST)
        except OSError as error:
            self.screen.notify(f"Not in the class: cannot reach the server ({error.strerror or error}).", severity="error")
            return
        send(self._writer, "hello", self.seat)  # the server answers with where the class is, if anywhere yet
        while (message := await receive(reader)) is not None:
            kind, value = next(iter(message.items()))
            self._handle(kind, value)
        self._writer = None
        self.screen.notify("The class has ended; this debugger goes on by itself.", timeout=6)

    def state(self) -> tuple[str, ...]:
        """What the status line says of the class, fullest first."""
        if self.teacher:  # the class's answers before the word for them: the teacher reads them while they come
            return (f"teaching · {self.tally[0]}", *self.tally, "teaching")
        if self.following:
            return ("following the teacher", "following")
        return ("off the teacher's step · j goes back", "off the teacher's step")

    def shown(self, position: int | None = None) -> None:
        """A position was drawn: the teacher's goes to the class; a student who moved by hand is off the step."""
        screen = self.screen
        if self.teacher:
            if self._writer is not None and self._greeted and (text := screen.saved().dumps()) != self._sent:
                self._sent = text
                send(self._writer, "state", json.loads(text))
        elif self._moved_by_hand(position):
            self.following = False
            screen.redraw()

    def _moved_by_hand(self, position: int | None) -> bool:
        """Whether a student following the teacher has moved off the teacher's step with a key of their own (the
        class's moves, and a reveal, are the class's; a move that waits for training is not over yet)."""
        if not self.following or not self._by_hand or self.screen.seeking is not None or self.latest is None:
            return False
        return position is not None and position != self.latest.screen.position

    def key(self) -> None:
        """A key was pressed on the debugger's own screen (not in a prompt): what moves now is the student's doing."""
        self._by_hand = True

    def ask(self, asked: Question, position: int, kind: Kind) -> None:
        """The teacher has opened a question: the class gets it (the truth stays with the server)."""
        if self.teacher and self._writer is not None:
            fields = {"label": asked.label, "hint": asked.hint, "truth": asked.truth, "before": asked.before}
            send(self._writer, "ask", {**fields, "position": position, "kind": kind})

    def reveal(self) -> None:
        """The teacher has answered, or closed, the question: the class sees the truth."""
        if self.teacher and self._writer is not None:
            send(self._writer, "reveal", True)

    def answer(self, number: int, guess: float | None, reveal: Callable[[], None]) -> None:
        """A student's answer goes to the server; `reveal` shows the truth once the teacher reveals it."""
        if self.asked is None or self.asked["number"] != number:  # revealed already: show it now
            reveal()
            return
        if guess is not None and self._writer is not None:
            send(self._writer, "answer", {"number": number, "guess": guess})
            self.screen.notify("Sent. The answer shows when the teacher reveals it.", timeout=4)
        self._waiting = reveal

    def save_results(self, kind: str) -> None:
        """The teacher's: ask the server for the class's results, which come back as a download."""
        if self.teacher and self._writer is not None:
            send(self._writer, "results", kind)

    def rejoin(self) -> None:
        """`j`: back to the teacher's step, and to the class's open question."""
        self.following = True
        self._follow()
        self.screen.redraw()

    def _handle(self, kind: str, value: Any) -> None:
        if kind == "tally" and self.teacher and isinstance(value, dict):
            status, chart = value.get("status"), value.get("chart")
            if isinstance(status, list) and all(isinstance(form, str) for form in status) and isinstance(chart, str):
                self.tally = tuple(status)
                # In the question's prompt, while the class answers it.
                self.screen.class_note(f"{chart}\nEnter (your own answer) or escape shows the class the truth." if chart else "")
                self.screen.redraw()
        elif kind == "results" and self.teacher and isinstance(value, dict) and isinstance(value.get("text"), str):
            self.screen.deliver(value["text"], f"class-results.{value.get('kind')}")
        elif kind == "state":
            first, self._greeted = not self._greeted, True
            try:
                self.latest = None if value is None else read_saved(value, "the teacher's step")
            except InputError:
                return
            if self.following and (not self.teacher or first):  # a reloaded teacher's page takes the class back
                self._follow()
            if self.teacher:
                self.shown()
        elif kind == "ask" and not self.teacher and isinstance(value, dict):
            self.asked = value
            if self.following:
                self._put()
        elif kind == "reveal" and not self.teacher and self._is_open(value):
            self.asked = None
            self._by_hand = False
            waiting, self._waiting = self._waiting, None
            if waiting is not None:
                waiting()
            else:
                self.screen.close_question()

    def _is_open(self, revealed: Any) -> bool:
        """Whether `revealed` names the class's question open on this screen."""
        return isinstance(revealed, dict) and self.asked is not None and revealed.get("number") == self.asked["number"]

    def _follow(self) -> None:
        """Go where the teacher is: on the teacher's run, rebuilt if it is another, at the teacher's position."""
        saved, screen = self.latest, self.screen
        if saved is None:
            return
        self._by_hand = False
        try:
            if screen.asking is None:
                if saved.run != screen.saved().run:
                    screen.take_run(*rebuild(saved, "the teacher's step"))
                screen.go(saved.screen.position)
        except InputError as error:
            screen.notify(f"Cannot follow the teacher: {error}", severity="error", timeout=6)
        if self.asked is not None and screen.asking is None:
            self._put()

    def _put(self) -> None:
        """Open the class's question on this screen, where the teacher asked it."""
        asked = self.asked
        if asked is None or self.screen.asking is not None:
            return
        self.screen.put_question(int(asked["position"]), asked["kind"], int(asked["number"]))
