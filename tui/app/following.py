"""A student's side of a class: following the teacher, and the questions the class is asked.

A student's debugger goes where the teacher is, rebuilding the run when the teacher forks or switches the
order, so every screen shows the same step with the same floats. A student who moves by hand is off the
teacher's step until `j` brings them back. A question the teacher asks opens on every student's screen;
the answer goes to the server only, which says whether it counts, and the student may say how sure they
are; a second vote asks it anew. The truth, with the student's own error, shows once the teacher reveals
it. While the teacher has everyone's eyes up, the screen is held on the teacher's step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.formats.protocol import (
    Answer,
    Asked,
    Confidence,
    Frozen,
    Message,
    Name,
    Named,
    Presence,
    Refused,
    Revealed,
    Sure,
    Taken,
    Teacher,
    Unnamed,
    Welcome,
    Where,
)
from tui.wording.fmt import num

if TYPE_CHECKING:
    from tui.app.desk import Link

PRESENCE = {
    "waiting": ("waiting for the teacher", "waiting for teacher"),
    "left": ("the teacher has left; the class is kept", "teacher has left"),
}
"""What a student's status line says while no teacher's page leads, fullest first."""


class Student:
    """What a student's debugger does in the class, on top of the seat's connection (`link`)."""

    def __init__(self, link: Link) -> None:
        self.link = link
        self.following = True
        """The screen goes where the teacher goes."""
        self.presence: Presence = "waiting"
        """Whether a teacher's page leads the class now."""
        self.name: str | None = None
        """The student's name for the teacher, once the class has taken it (in a class that asks for names)."""
        self.by_hand = False
        """A key of the student's own has moved the screen since it last followed the teacher."""
        self._waiting: Callable[[], None] | None = None
        self._answered: set[int] = set()
        self._given: set[tuple[int, int]] = set()
        """The votes this student has given, as (question, vote)."""

    def handlers(self) -> dict[type[Message], Callable[[Any], None]]:
        """The server's messages a student's debugger acts on."""
        return {
            Where: self._where,
            Asked: self._asked,
            Taken: self._taken,
            Refused: self._refused,
            Revealed: self._revealed,
            Teacher: self._teacher,
            Frozen: self._frozen,
            Named: self._named,
            Unnamed: self._unnamed,
        }

    def state(self) -> tuple[str, ...]:
        """What the status line says of the class, fullest first."""
        if self.link.frozen:
            return ("eyes up: the teacher has the floor", "eyes up")
        if self.presence in PRESENCE:
            return PRESENCE[self.presence]
        if self.following:
            return ("following the teacher", "following")
        return ("off the teacher's step · j goes back", "off the teacher's step", "off step · j")

    def shown(self, position: int | None) -> None:
        """A position was drawn: a student who moved by hand is off the step; one who waited for training just
        before the class's question gets it."""
        asked = self.link.asked
        if self._moved_by_hand(position):
            self.following = False
            self.link.screen.redraw()
        elif self.following and asked is not None and position == asked.position - 1:
            self.link.put()

    def _moved_by_hand(self, position: int | None) -> bool:
        """Whether a student following the teacher has moved off the teacher's step with a key of their own (the
        class's moves, and a reveal, are the class's; a move that waits for training is not over yet)."""
        latest = self.link.latest
        if not self.following or not self.by_hand or self.link.screen.seeking is not None or latest is None:
            return False
        return position is not None and position != latest.screen.position

    def answer(self, number: int, guess: float | None, reveal: Callable[[], None]) -> None:
        """The answer goes to the server; `reveal` shows the truth once the teacher reveals it."""
        asked = self.link.asked
        if asked is None or asked.number != number:  # revealed already: show it now
            reveal()
            return
        if guess is not None:
            self._answered.add(number)
            self._given.add((number, asked.vote))
            self.link.send(Answer(number, asked.vote, guess))
            self._waiting = reveal
        elif self._waiting is None:  # skipped: the reveal shows the truth (an answer given earlier keeps its own)
            self._waiting = reveal

    def sure(self, number: int, vote: int, confidence: Confidence) -> None:
        """How sure the student is of the answer they gave."""
        self.link.send(Sure(number, vote, confidence))

    def give_name(self, name: str) -> None:
        """The student's name for the teacher, to the server, which says whether it is taken."""
        self.link.send(Name(name))

    @property
    def skipped(self) -> bool:
        """Whether the class's open question waits for this student's answer in its current vote."""
        asked = self.link.asked
        return asked is not None and (asked.number, asked.vote) not in self._given

    def rejoin(self) -> None:
        """`j`: back to the teacher's step, and to the class's open question (its box again, if it was skipped)."""
        self.following = True
        self._follow()
        if self.skipped and self.link.asked is not None:
            self.link.screen.reopen_question(self.link.asked.vote)
        self.link.screen.redraw()

    def welcome(self, message: Welcome, first: bool) -> None:
        """The class as it stands, as this debugger joins (or joins again)."""
        screen = self.link.screen
        self.presence = message.teacher
        if message.names and self.name is None and first:
            screen.ask_name("")
        if self._moved_by_hand(screen.saved().screen.position):  # a key typed before the class was reached
            self.following = False
        else:
            self._follow()
        if message.frozen:
            screen.hold(True)

    def _follow(self) -> None:
        self.by_hand = False
        self.link.follow()
        if self.link.asked is not None and self.link.screen.asking is None:
            self.link.put()

    def _where(self, message: Where) -> None:
        if self.link.take(message.record) and self.following:
            self._follow()

    def _asked(self, message: Asked) -> None:
        before, screen = self.link.asked, self.link.screen
        again = before is not None and message.number == before.number and message.vote > before.vote
        self.link.asked = message
        if again and screen.asking is not None:  # the second vote: the same question, asked anew
            screen.ask_again(message.number, message.first or "")
        elif self.following:
            self.link.put()
        else:
            screen.notify(f"The teacher has asked Q{message.number}: j takes you to it.", timeout=8)

    def _taken(self, message: Taken) -> None:
        screen = self.link.screen
        screen.notify(f"Your answer to Q{message.number} has reached the teacher; the truth shows when it is revealed.", timeout=5)
        screen.ask_confidence(message.number, message.vote)

    def _refused(self, message: Refused) -> None:
        self.link.screen.notify(f"Your answer to Q{message.number} does not count: {message.reason}.", severity="warning", timeout=8)

    def _revealed(self, message: Revealed) -> None:
        asked = self.link.asked
        if asked is None or message.number != asked.number:
            return
        self.link.asked = None
        self.by_hand = False
        waiting, self._waiting = self._waiting, None
        self.link.screen.close_question()  # a box still open (a vote not given) closes: the truth is out
        if waiting is not None:
            waiting()
        if message.number not in self._answered:
            self.link.screen.notify(f"Q{message.number} is {num(message.truth)}. You did not answer it.", timeout=8)

    def _teacher(self, message: Teacher) -> None:
        self.presence = message.presence
        self.link.screen.redraw()

    def _frozen(self, message: Frozen) -> None:
        self.link.frozen = message.on
        if message.on and not self.following:
            self.rejoin()
        self.link.screen.hold(message.on)
        self.link.screen.redraw()

    def _named(self, message: Named) -> None:
        self.name = message.name
        self.link.screen.notify(f"The teacher knows you as {message.name}.", timeout=5)

    def _unnamed(self, message: Unnamed) -> None:
        self.link.screen.ask_name(message.reason)
