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
from tui.wording.pool import Pool, results_csv, results_json
from tui.wording.predict import TOLERANCE, Question

RESULTS = {"csv": results_csv, "json": results_json}
"""The class's results, in each format the teacher may save them in."""
NICENESS = {TEACHER: 0, STUDENT: 19}
"""How readily each seat's debugger yields the processor: a student's yields to the teacher's and to the server, so
the teacher's own screen answers a key at once however many students redraw after it (measured with 40: 0.03 s
instead of 0.5 s), and the students take all that is left."""
HELLO_WITHIN = 10.0
"""Seconds a debugger has to say which seat it has, once it connects."""


class Class:
    """The class: who is in it, where the teacher is, and the questions asked so far with their answers."""

    def __init__(self) -> None:
        self.token = secrets.token_urlsafe(24)
        """The teacher's secret, 192 random bits: only its address gets the teacher's debugger."""
        self.folder = Path(tempfile.mkdtemp(prefix="nn-by-hand-class-"))  # readable by this user only
        self.path = self.folder / "class.sock"
        """The socket the debuggers connect to."""
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
        self.pools: list[Pool] = []
        """Every question asked, oldest first."""
        self.asked: Asked | None = None
        """The open question as the students get it: its number, where it is asked and its kind."""
        self._handlers: dict[type[Message], Callable[[str, Any], None]] = {
            State: self._state,
            Ask: self._ask,
            Reveal: self._reveal,
            WantResults: self._results,
            Answer: self._answer,
        }
        self._server: asyncio.AbstractServer | None = None

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
        return secret

    def leave(self, seat: str) -> None:
        """A seat is given up: its debugger has ended (its student's answers stay, marked as from one who left)."""
        self.seats.pop(seat, None)
        if seat == self.teacher:
            self.teacher = None
        for pool in self.pools:
            if seat in pool.answers:
                pool.gone.add(seat)
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
        send(writer, Welcome(VERSION, self.state, self.presence, self.asked))
        self._tell_teacher()

    def handle(self, seat: str, message: Message) -> None:
        """One message from a connected seat, if that seat may send it."""
        if self.seats.get(seat) in SENT_BY.get(type(message), ()) and (handler := self._handlers.get(type(message))):
            handler(seat, message)

    def _state(self, seat: str, message: State) -> None:
        self.state = message.record
        self._to_students(Where(message.record))

    def _ask(self, seat: str, message: Ask) -> None:
        question = Question(message.label, message.hint, message.truth, message.before)
        self.pools.append(Pool(len(self.pools) + 1, question))
        self.asked = Asked(len(self.pools), message.position, message.question)
        self._to_students(self.asked)
        self._tell_teacher()

    def _answer(self, seat: str, message: Answer) -> None:
        pool = self.pools[-1] if self.pools else None
        reason = ""
        if pool is None or message.number != pool.number:
            reason = "that question is no longer open"
        elif pool.revealed:
            reason = "the teacher had already shown the truth"
        elif seat in pool.answers:
            reason = "you had answered it already"
        if pool is None or reason:
            send(self.links[seat], Refused(message.number, reason))
            return
        pool.answers[seat] = message.guess
        send(self.links[seat], Taken(message.number))
        self._tell_teacher()

    def _reveal(self, seat: str, message: Reveal) -> None:
        pool = self.pools[-1] if self.pools else None
        if pool is None or pool.revealed:
            return
        pool.revealed = True
        self.asked = None
        self._to_students(Revealed(pool.number, pool.question.truth))
        self._tell_teacher()

    def _results(self, seat: str, message: WantResults) -> None:
        send(self.links[seat], Results(message.format, RESULTS[message.format](self.pools)))

    def _tell_teacher(self) -> None:
        """The teacher's screen says how the open question (or the last one) went."""
        if self.teacher is None or self.teacher not in self.links:
            return
        pool = self.pools[-1] if self.pools else None
        students = len(self.students)
        if pool is not None and not pool.revealed:
            forms, chart = pool.tally(students), pool.chart()
            chart = f"{forms[-1]}\n{chart}"
        else:
            last = f" · Q{pool.number}: {pool.close()} of {len(pool.answers)} within {TOLERANCE:.0%}" if pool else ""
            forms, chart = [f"class of {students}{last}", f"class of {students}"], ""
        send(self.links[self.teacher], Tally(tuple(forms), chart))

    def _to_students(self, message: Message) -> None:
        for seat in self.students:
            send(self.links[seat], message)
