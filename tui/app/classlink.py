"""This debugger's seat in a class that `serve --teach` leads.

The teacher's debugger tells the server where it is (its saved-session record) at every step, and each
question it asks and reveals. A student's debugger follows: it goes where the teacher is, rebuilding the
run when the teacher forks or switches the order, so every screen shows the same step with the same
floats. A student who moves by hand is off the teacher's step until `j` brings them back. A question the
teacher asks opens on every student's screen; the answer goes to the server only, which says whether it
counts, and the truth, with the student's own error, shows once the teacher reveals it. Each message the
server sends (`tui.formats.protocol`) has its handler here.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from model import InputError
from tui.formats.protocol import (
    LONGEST,
    VERSION,
    Answer,
    Ask,
    Asked,
    Goodbye,
    Hello,
    Message,
    Presence,
    Refused,
    Results,
    Reveal,
    Revealed,
    State,
    Taken,
    Tally,
    Teacher,
    WantResults,
    Welcome,
    Where,
    receive,
    send,
)
from tui.formats.saved import Saved, read_saved, rebuild
from tui.wording.fmt import num

if TYPE_CHECKING:
    from model import Run, Training
    from model.breakpoints import Breakpoint
    from model.training import Ghost
    from tui.app.moves import Seek
    from tui.wording.predict import Kind, Question

PRESENCE = {
    "waiting": ("waiting for the teacher", "waiting for teacher"),
    "left": ("the teacher has left; the class is kept", "teacher has left"),
}
"""What a student's status line says while no teacher's page leads, fullest first."""


class Desk(Protocol):
    """What the class needs of the debugger's screen."""

    @property
    def seeking(self) -> Seek | None: ...
    @property
    def asking(self) -> Question | None: ...
    @property
    def trained(self) -> Run: ...

    predict: Kind | None

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
        self.presence: Presence = "here" if teacher else "waiting"
        """A student's: whether a teacher's page leads the class now."""
        self.latest: Saved | None = None
        """Where the teacher was last."""
        self.asked: Asked | None = None
        """The class's open question (its number, position and kind), until it is revealed."""
        self._waiting: Callable[[], None] | None = None
        self._answered: set[int] = set()
        self._sent = ""
        self._writer: asyncio.StreamWriter | None = None
        self._by_hand = False
        self._welcomed = False
        self._handlers: dict[type[Message], Callable[[Any], None]] = {
            Welcome: self._welcome,
            Goodbye: self._goodbye,
            Where: self._where,
            Asked: self._asked,
            Taken: self._taken,
            Refused: self._refused,
            Revealed: self._revealed,
            Tally: self._tally,
            Results: self._results,
            Teacher: self._teacher,
        }

    async def run(self) -> None:
        """Take part in the class until the server ends it."""
        try:
            reader, self._writer = await asyncio.open_unix_connection(self.path, limit=LONGEST)
        except OSError as error:
            self.screen.notify(f"Not in the class: cannot reach the server ({error.strerror or error}).", severity="error")
            return
        send(self._writer, Hello(self.seat, VERSION))  # the server answers with where the class is, if anywhere yet
        while (message := await receive(reader, server=False)) is not None:
            self._handlers[type(message)](message)
        self._writer = None
        self.screen.notify("The class has ended; this debugger goes on by itself.", timeout=6)

    def state(self) -> tuple[str, ...]:
        """What the status line says of the class, fullest first."""
        if self.teacher:  # the class's answers before the word for them: the teacher reads them while they come
            return (f"teaching · {self.tally[0]}", *self.tally, "teaching")
        if self.presence in PRESENCE:
            return PRESENCE[self.presence]
        if self.following:
            return ("following the teacher", "following")
        return ("off the teacher's step · j goes back", "off the teacher's step", "off step · j")

    def shown(self, position: int | None = None) -> None:
        """A position was drawn: the teacher's goes to the class; a student who moved by hand is off the step."""
        screen = self.screen
        if self.teacher:
            if self._writer is not None and self._welcomed and (text := screen.saved().dumps()) != self._sent:
                self._sent = text
                send(self._writer, State(json.loads(text)))
        elif self._moved_by_hand(position):
            self.following = False
            screen.redraw()
        elif self.following and self.asked is not None and position == self.asked.position - 1:
            self._put()  # the class's question, once training has brought this screen just before it

    def _moved_by_hand(self, position: int | None) -> bool:
        """Whether a student following the teacher has moved off the teacher's step with a key of their own (the
        class's moves, and a reveal, are the class's; a move that waits for training is not over yet)."""
        if not self.following or not self._by_hand or self.screen.seeking is not None or self.latest is None:
            return False
        return position is not None and position != self.latest.screen.position

    def held_before(self) -> int | None:
        """A student's: the last position their screen may go to while the class's question is open (the one before
        it), so that nobody reads its answer first; None for the teacher, or with no question open."""
        return None if self.teacher or self.asked is None else self.asked.position - 1

    def key(self) -> None:
        """A key was pressed on the debugger's own screen (not in a prompt): what moves now is the student's doing."""
        self._by_hand = True

    def ask(self, asked: Question, position: int, kind: Kind) -> None:
        """The teacher has opened a question: the class gets it (the truth stays with the server)."""
        if self.teacher and self._writer is not None:
            send(self._writer, Ask(asked.label, asked.hint, asked.truth, asked.before, position, kind))

    def reveal(self) -> None:
        """The teacher has answered, or closed, the question: the class sees the truth."""
        if self.teacher and self._writer is not None:
            send(self._writer, Reveal())

    def answer(self, number: int, guess: float | None, reveal: Callable[[], None]) -> None:
        """A student's answer goes to the server; `reveal` shows the truth once the teacher reveals it."""
        if self.asked is None or self.asked.number != number:  # revealed already: show it now
            reveal()
            return
        if guess is not None and self._writer is not None:
            self._answered.add(number)
            send(self._writer, Answer(number, guess))
        self._waiting = reveal

    def save_results(self, kind: str) -> None:
        """The teacher's: ask the server for the class's results, which come back as a download."""
        if self.teacher and self._writer is not None and kind in ("csv", "json"):
            send(self._writer, WantResults("csv" if kind == "csv" else "json"))

    def rejoin(self) -> None:
        """`j`: back to the teacher's step, and to the class's open question."""
        self.following = True
        self._follow()
        self.screen.redraw()

    def _welcome(self, message: Welcome) -> None:
        self._welcomed = True
        self.presence = "here" if self.teacher else message.teacher
        self.asked = message.asked
        if message.record is not None:
            self._take(message.record)
        if self.teacher:  # a teacher's debugger that replaces one takes the class back: its mode and open question
            if self.latest is not None:
                self.screen.predict = self.latest.screen.predict
                self._follow()
            if message.asked is not None and self.screen.asking is None:
                self._put()
            self.shown()
        elif self._moved_by_hand(self.screen.saved().screen.position):  # a key typed before the class was reached
            self.following = False
        else:
            self._follow()
        self.screen.redraw()

    def _goodbye(self, message: Goodbye) -> None:
        self.screen.notify(f"Not in the class: {message.reason}.", severity="error", timeout=10)

    def _where(self, message: Where) -> None:
        if not self.teacher and self._take(message.record) and self.following:
            self._follow()

    def _take(self, record: dict[str, Any]) -> bool:
        """Keep where the teacher is; whether the record could be read."""
        try:
            self.latest = read_saved(record, "the teacher's step")
        except InputError:
            return False
        return True

    def _asked(self, message: Asked) -> None:
        if self.teacher:
            return
        self.asked = message
        if self.following:
            self._put()
        else:
            self.screen.notify(f"The teacher has asked Q{message.number}: j takes you to it.", timeout=8)

    def _taken(self, message: Taken) -> None:
        self.screen.notify(f"Your answer to Q{message.number} has reached the teacher; the truth shows when it is revealed.", timeout=5)

    def _refused(self, message: Refused) -> None:
        self.screen.notify(f"Your answer to Q{message.number} does not count: {message.reason}.", severity="warning", timeout=8)

    def _revealed(self, message: Revealed) -> None:
        if self.teacher or self.asked is None or message.number != self.asked.number:
            return
        self.asked = None
        self._by_hand = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting()
            return
        self.screen.close_question()
        if message.number not in self._answered:
            self.screen.notify(f"Q{message.number} is {num(message.truth)}. You did not answer it.", timeout=8)

    def _tally(self, message: Tally) -> None:
        if not self.teacher:
            return
        self.tally = message.status or ("class of 0",)
        # In the question's prompt, while the class answers it.
        chart = message.chart
        self.screen.class_note(f"{chart}\nEnter (your own answer) or escape shows the class the truth." if chart else "")
        self.screen.redraw()

    def _results(self, message: Results) -> None:
        if self.teacher:
            self.screen.deliver(message.text, f"class-results.{message.format}")

    def _teacher(self, message: Teacher) -> None:
        if not self.teacher:
            self.presence = message.presence
            self.screen.redraw()

    def _follow(self) -> None:
        """Go where the teacher is: on the teacher's run, rebuilt if it is another, at the teacher's position."""
        saved, screen = self.latest, self.screen
        self._by_hand = False
        try:
            if saved is not None and screen.asking is None:
                if saved.run != screen.saved().run:
                    screen.take_run(*rebuild(saved, "the teacher's step"))
                screen.go(saved.screen.position)
        except InputError as error:
            screen.notify(f"Cannot follow the teacher: {error}", severity="error", timeout=6)
        if self.asked is not None and screen.asking is None and not self.teacher:
            self._put()

    def _put(self) -> None:
        """Open the class's question on this screen, where the teacher asked it: once training has got there (a
        debugger that has just started, late in a lesson, waits for it just before the question, then asks)."""
        asked, screen = self.asked, self.screen
        if asked is None or screen.asking is not None:
            return
        if asked.position >= screen.trained.positions:
            screen.go(asked.position - 1)
            return
        screen.put_question(asked.position, asked.question, asked.number)
