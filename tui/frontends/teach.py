"""`serve --teach`: the class the teacher leads, kept in the server, so a tab that closes or reloads loses nothing.

The teacher's debugger sends where it is (its saved-session record) and the questions it asks; the server
passes both on to every student's debugger, pools the answers, tells the teacher how the class did, and
reveals the truth when the teacher does. Students' answers go only to the server. The debuggers talk to
the server over a socket in a folder only this user can open, each one known by the seat it was given;
`tui.formats.protocol` lists every message, and each has its handler here.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.formats.protocol import (
    LONGEST,
    SENT_BY,
    STUDENT,
    TEACHER,
    VERSION,
    Answer,
    Ask,
    Freeze,
    Frozen,
    Goodbye,
    Hello,
    Message,
    Name,
    Named,
    Presence,
    Results,
    Reveal,
    Revote,
    State,
    Sure,
    Teacher,
    Unnamed,
    WantResults,
    Welcome,
    Where,
    receive,
    send,
)
from tui.frontends.questions import Questions
from tui.wording import results
from tui.wording.names import refusal

NICENESS = {TEACHER: 0, STUDENT: 19}
"""How readily each seat's debugger yields the processor: a student's yields to the teacher's and to the server, so
the teacher's own screen answers a key at once however many students redraw after it (measured with 40: 0.03 s
instead of 0.5 s), and the students take all that is left."""
HELLO_WITHIN = 10.0
"""Seconds a debugger has to say which seat it has, once it connects."""


class Class:
    """The class: who is in it, where the teacher is, the questions asked so far with their answers, and whether the
    teacher has every student's eyes up."""

    def __init__(self, names: bool = False) -> None:
        self.token = secrets.token_urlsafe(24)
        """The teacher's secret, 192 random bits: only its address gets the teacher's debugger."""
        self.folder = Path(tempfile.mkdtemp(prefix="nn-by-hand-class-"))  # readable by this user only
        self.path = self.folder / "class.sock"
        """The socket the debuggers connect to."""
        self.asks_names = names
        """Whether each student gives a name (serve --teach --names); otherwise the class is anonymous."""
        self.seats: dict[str, str] = {}
        """Each seat given out, by its secret: TEACHER or STUDENT."""
        self.links: dict[str, asyncio.StreamWriter] = {}
        """The seats whose debugger is connected now."""
        self.teacher: str | None = None
        """The teacher's seat: one at a time, the newest debugger given it."""
        self.presence: Presence = "waiting"
        """Whether a teacher's page leads the class: not yet, now, or not any more."""
        self.state: dict[str, Any] | None = None
        """The teacher's last saved-session record: where the class is."""
        self.where = ""
        """Where the teacher is, in words."""
        self.frozen = False
        """Eyes up: every student's screen held on the teacher's step, their keys dropped."""
        self.questions = Questions()
        self.names: dict[str, str] = {}
        """Each student's name, by seat, when the class asks for names; only the teacher and the results see them."""
        self.numbers: dict[str, int] = {}
        """Each student's number in the class, by seat, in the order they came: an anonymous class's results say it."""
        self._handlers: dict[type[Message], Callable[[str, Any], None]] = {
            State: self._state,
            Ask: self._ask,
            Revote: self._revote,
            Reveal: self._reveal,
            Freeze: self._freeze,
            WantResults: self._results,
            Answer: self._answer,
            Sure: self._sure,
            Name: self._name,
        }
        self._server: asyncio.AbstractServer | None = None

    @property
    def pools(self) -> list[Any]:
        return self.questions.pools

    def is_token(self, given: str) -> bool:
        """Whether `given` is the teacher's secret, compared in constant time."""
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode())

    def seat(self, role: str) -> str:
        """A new seat's secret, for a debugger about to start. A teacher's replaces the one before: its debugger
        has ended, and a new one takes the class back where it was."""
        secret = secrets.token_urlsafe(18)
        self.seats[secret] = role
        if role == TEACHER:
            if self.teacher is not None:
                self.leave(self.teacher)
            self.teacher = secret
        else:
            self.numbers[secret] = len(self.numbers) + 1
        return secret

    def leave(self, seat: str) -> None:
        """A seat is given up: its debugger has ended (its student's answers stay, marked as from one who left)."""
        self.seats.pop(seat, None)
        if seat == self.teacher:
            self.teacher = None
        self.questions.leave(seat)
        if (writer := self.links.pop(seat, None)) is not None:
            writer.close()
        self._tell_teacher()

    def teacher_page(self, here: bool) -> None:
        """A teacher's page has come (or come back), or gone: the students are told."""
        presence: Presence = "here" if here else "left"
        if presence != self.presence:
            self.presence = presence
            self._to_students(Teacher(presence))

    @property
    def students(self) -> list[str]:
        """The students' seats connected now."""
        return [seat for seat in self.links if self.seats.get(seat) == STUDENT]

    def results(self, file: str) -> str:
        """One of the class's results files: names where the class asks for them, numbers otherwise."""
        who = {seat: self.names.get(seat) or f"student {number}" for seat, number in self.numbers.items()}
        return results.text(file, self.questions.pools, who)  # type: ignore[arg-type]

    def board(self) -> dict[str, Any]:
        """What the projector's board shows: where the teacher is, and the open (or last) question, with no name."""
        return {"where": self.where, "frozen": self.frozen, "question": self.questions.board(len(self.students))}

    async def start(self) -> None:
        self._server = await asyncio.start_unix_server(self._connected, path=str(self.path), limit=LONGEST)

    async def stop(self) -> None:
        for writer in list(self.links.values()):  # each seat's reader ends, rather than being cancelled
            writer.close()
        await asyncio.sleep(0)
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
        shutil.rmtree(self.folder, ignore_errors=True)

    async def _connected(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            hello = await asyncio.wait_for(receive(reader, server=True), HELLO_WITHIN)
        except TimeoutError:
            hello = None
        if not isinstance(hello, Hello) or hello.seat not in self.seats or hello.seat in self.links:
            writer.close()
            return
        if hello.version != VERSION:
            send(writer, Goodbye(f"this server speaks the class protocol version {VERSION}, not {hello.version}"))
            writer.close()
            return
        seat = hello.seat
        self.join(seat, writer)
        try:
            while (message := await receive(reader, server=True)) is not None:
                self.handle(seat, message)
        finally:
            if self.links.get(seat) is writer:
                del self.links[seat]
            writer.close()
            self._tell_teacher()

    def join(self, seat: str, writer: asyncio.StreamWriter) -> None:
        """A seat's debugger has said hello: it is told where the class is, and the teacher how many are in it."""
        self.links[seat] = writer
        welcome = Welcome(VERSION, self.state, self.presence, self.questions.asked, self.frozen, self.asks_names)
        send(writer, welcome)
        if (name := self.names.get(seat)) is not None:  # a debugger that joins again keeps its name
            send(writer, Named(name))
        self._tell_teacher()

    def handle(self, seat: str, message: Message) -> None:
        """One message from a connected seat, if that seat may send it."""
        if self.seats.get(seat) in SENT_BY.get(type(message), ()) and (handler := self._handlers.get(type(message))):
            handler(seat, message)

    def _state(self, seat: str, message: State) -> None:
        self.state, self.where = message.record, message.where
        self._to_students(Where(message.record))

    def _ask(self, seat: str, message: Ask) -> None:
        self._to_everyone(self.questions.ask(message))
        self._tell_teacher()

    def _revote(self, seat: str, message: Revote) -> None:
        if (asked := self.questions.revote(message.show)) is not None:
            self._to_everyone(asked)
            self._tell_teacher()

    def _answer(self, seat: str, message: Answer) -> None:
        send(self.links[seat], self.questions.answer(seat, message))
        self._tell_teacher()

    def _sure(self, seat: str, message: Sure) -> None:
        if self.questions.sure(seat, message):
            self._tell_teacher()

    def _reveal(self, seat: str, message: Reveal) -> None:
        if (revealed := self.questions.reveal()) is not None:
            self._to_everyone(revealed)
            self._tell_teacher()

    def _freeze(self, seat: str, message: Freeze) -> None:
        if message.on != self.frozen:
            self.frozen = message.on
            self._to_students(Frozen(message.on))

    def _name(self, seat: str, message: Name) -> None:
        if not self.asks_names:
            return
        taken = {name.casefold() for other, name in self.names.items() if other != seat and other in self.seats}
        reason = refusal(message.name, taken)
        if reason:
            send(self.links[seat], Unnamed(reason))
            return
        self.names[seat] = message.name.strip()
        send(self.links[seat], Named(self.names[seat]))

    def _results(self, seat: str, message: WantResults) -> None:
        send(self.links[seat], Results(message.file, self.results(message.file)))

    def _tell_teacher(self) -> None:
        """The teacher's screen says how the open question (or the last one) went."""
        if self.teacher is not None and self.teacher in self.links:
            send(self.links[self.teacher], self.questions.tally(len(self.students)))

    def _to_students(self, message: Message) -> None:
        for seat in self.students:
            send(self.links[seat], message)

    def _to_everyone(self, message: Message) -> None:
        """To the students, and to the teacher's debugger, which keeps the question's vote."""
        self._to_students(message)
        if self.teacher is not None and self.teacher in self.links:
            send(self.links[self.teacher], message)
