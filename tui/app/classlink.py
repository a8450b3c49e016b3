"""This debugger's seat in a class that `serve --teach` leads: its connection to the server, and the teacher's side.

The teacher's debugger tells the server where it is (its saved-session record) at every step, and each question
it asks, its second vote and its reveal, and holds every student's eyes up when the teacher wants them. A
student's debugger follows (see `following.Student`). Each message the server sends (`tui.formats.protocol`) has
its handler, here or there.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from model import InputError
from tui.app.desk import Desk
from tui.app.following import Student
from tui.app.widgets.status import place_line
from tui.formats.protocol import (
    LONGEST,
    VERSION,
    Ask,
    Asked,
    Freeze,
    Goodbye,
    Hello,
    Message,
    Results,
    ResultsFile,
    Reveal,
    Revealed,
    Revote,
    State,
    Tally,
    WantResults,
    Welcome,
    receive,
    send,
)
from tui.formats.saved import Saved, read_saved, rebuild

if TYPE_CHECKING:
    from tui.wording.predict import Kind, Question


class ClassLink:
    """The class as this debugger sees it: the teacher's, or a student's (`student`)."""

    def __init__(self, screen: Desk, path: str, seat: str, teacher: bool) -> None:
        self.screen = screen
        """The debugger's screen."""
        self.path, self.seat = path, seat
        self.teacher = teacher
        """Whether this is the teacher's debugger, which leads."""
        self.tally: tuple[str, ...] = ("class of 0",)
        """The teacher's: how the class is doing, as the server last said, fullest first."""
        self.frozen = False
        """Eyes up: the teacher holds every student's screen."""
        self.latest: Saved | None = None
        """Where the teacher was last."""
        self.asked: Asked | None = None
        """The class's open question (its number, position, kind and vote), until it is revealed."""
        self.student = None if teacher else Student(self)
        """A student's side of the class; None for the teacher's."""
        self._sent = ""
        self._writer: asyncio.StreamWriter | None = None
        self._welcomed = False
        self._handlers: dict[type[Message], Callable[[Any], None]] = {Welcome: self._welcome, Goodbye: self._goodbye}
        if self.student is None:
            self._handlers |= {Tally: self._tally, Results: self._results, Asked: self._asked, Revealed: self._revealed}
        else:
            self._handlers |= self.student.handlers()

    async def run(self) -> None:
        """Take part in the class until the server ends it."""
        try:
            reader, self._writer = await asyncio.open_unix_connection(self.path, limit=LONGEST)
        except OSError as error:
            self.screen.notify(f"Not in the class: cannot reach the server ({error.strerror or error}).", severity="error")
            return
        self.send(Hello(self.seat, VERSION))  # the server answers with where the class is, if anywhere yet
        while (message := await receive(reader, server=False)) is not None:
            self._handlers[type(message)](message)
        self._writer = None
        self.screen.notify("The class has ended; this debugger goes on by itself.", timeout=6)

    def send(self, message: Message) -> None:
        """To the server, while connected."""
        if self._writer is not None:
            send(self._writer, message)

    @property
    def following(self) -> bool:
        """A student's: whether the screen goes where the teacher goes."""
        return self.student is not None and self.student.following

    def state(self) -> tuple[str, ...]:
        """What the status line says of the class, fullest first."""
        if self.student is not None:
            return self.student.state()
        # The class's answers before the word for them: the teacher reads them while they come.
        held = "eyes up · " if self.frozen else ""
        return (f"{held}teaching · {self.tally[0]}", *(f"{held}{form}" for form in self.tally), f"{held}teaching")

    def shown(self, position: int | None = None) -> None:
        """A position was drawn: the teacher's goes to the class; a student's may be off the teacher's step."""
        if self.student is not None:
            self.student.shown(position)
            return
        screen = self.screen
        if self._writer is not None and self._welcomed and (text := screen.saved().dumps()) != self._sent:
            self._sent = text
            where = place_line(screen.trained, screen.trained.at(screen.saved().screen.position))[0]
            self.send(State(json.loads(text), where))

    def held_before(self) -> int | None:
        """A student's: the last position their screen may go to while the class's question is open (the one before
        it), so that nobody reads its answer first; None for the teacher, or with no question open."""
        return None if self.teacher or self.asked is None else self.asked.position - 1

    def key(self) -> None:
        """A key was pressed on the debugger's own screen (not in a prompt): what moves now is the student's doing."""
        if self.student is not None:
            self.student.by_hand = True

    def rejoin(self) -> None:
        """`j`: a student back to the teacher's step, and to the class's open question."""
        if self.student is not None:
            self.student.rejoin()

    def answer(self, number: int, guess: float | None, reveal: Callable[[], None]) -> None:
        """A student's answer goes to the server; `reveal` shows the truth once the teacher reveals it."""
        if self.student is not None:
            self.student.answer(number, guess, reveal)

    def ask(self, asked: Question, position: int, kind: Kind) -> None:
        """The teacher has opened a question: the class gets it (the truth stays with the server)."""
        if self.teacher:
            step = place_line(self.screen.trained, self.screen.trained.at(position))[0]
            self.send(Ask(asked.label, asked.hint, asked.truth, asked.before, position, kind, step))

    def revote(self, show: bool) -> None:
        """The teacher's: the open question's second vote, the first vote's answers shown to the class if `show`."""
        if self.teacher:
            self.send(Revote(show))

    def eyes_up(self) -> None:
        """The teacher's: hold every student's screen on this step, or let them go again."""
        if self.teacher:
            self.frozen = not self.frozen
            self.send(Freeze(self.frozen))
            self.screen.redraw()

    def reveal(self) -> None:
        """The teacher has answered, or closed, the question: the class sees the truth."""
        if self.teacher:
            self.send(Reveal())

    def save_results(self, file: ResultsFile) -> None:
        """The teacher's: ask the server for one of the class's results files, which comes back as a download."""
        if self.teacher:
            self.send(WantResults(file))

    def take(self, record: dict[str, Any]) -> bool:
        """Keep where the teacher is; whether the record could be read."""
        try:
            self.latest = read_saved(record, "the teacher's step")
        except InputError:
            return False
        return True

    def follow(self) -> None:
        """Go where the teacher is: on the teacher's run, rebuilt if it is another, at the teacher's position."""
        saved, screen = self.latest, self.screen
        try:
            if saved is not None and screen.asking is None:
                if saved.run != screen.saved().run:
                    screen.take_run(*rebuild(saved, "the teacher's step"))
                screen.go(saved.screen.position)
        except InputError as error:
            screen.notify(f"Cannot follow the teacher: {error}", severity="error", timeout=6)

    def put(self) -> None:
        """Open the class's question on this screen, where the teacher asked it: once training has got there (a
        debugger that has just started, late in a lesson, waits for it just before the question, then asks)."""
        asked, screen = self.asked, self.screen
        if asked is None or screen.asking is not None:
            return
        if asked.position >= screen.trained.positions:
            screen.go(asked.position - 1)
            return
        screen.put_question(asked.position, asked.question, asked.number)

    def _welcome(self, message: Welcome) -> None:
        first, self._welcomed = not self._welcomed, True
        self.asked, self.frozen = message.asked, message.frozen
        if message.record is not None:
            self.take(message.record)
        if self.student is not None:
            self.student.welcome(message, first)
        else:  # a teacher's debugger that replaces one takes the class back: its mode and its open question
            if self.latest is not None:
                self.screen.predict = self.latest.screen.predict
                self.follow()
            self.put()
            self.shown()
        self.screen.redraw()

    def _goodbye(self, message: Goodbye) -> None:
        self.screen.notify(f"Not in the class: {message.reason}.", severity="error", timeout=10)

    def _tally(self, message: Tally) -> None:
        self.tally = message.status or ("class of 0",)
        # In the question's prompt, while the class answers it.
        chart = message.chart
        again = self.asked is None or self.asked.vote == 1
        more = "; F2 opens a second vote (shift+F2 shows the class the first vote's answers too)" if again else ""
        note = f"{chart}\nEnter (your own answer) or escape shows the class the truth{more}; F3: eyes up."
        self.screen.class_note(note if chart else "")
        self.screen.redraw()

    def _results(self, message: Results) -> None:
        self.screen.deliver(message.text, f"class-{message.file}")

    def _asked(self, message: Asked) -> None:  # the teacher's own question, as the class got it: its vote
        self.asked = message
        self.screen.keys_changed()

    def _revealed(self, message: Revealed) -> None:
        self.asked = None
        self.screen.keys_changed()
