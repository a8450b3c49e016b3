"""`serve --teach`: the class the teacher leads, kept in the server, so a tab that closes or reloads loses nothing.

The teacher's debugger sends where it is (its saved-session record) and the questions it asks; the server
passes both on to every student's debugger, pools the answers, tells the teacher how the class did, and
reveals the truth when the teacher does. Students' answers go only to the server. The debuggers talk to
the server over a socket in a folder only this user can open, each one known by the seat it was given.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import math
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any, TypeGuard

from tui.formats.bus import LONGEST, receive, send
from tui.wording.pool import Pool, results_csv, results_json
from tui.wording.predict import KINDS, TOLERANCE, Question


def _finite(value: object) -> TypeGuard[float]:
    """Whether a number from a message is a finite float (JSON's 1 is an int: a truth is never written so)."""
    return isinstance(value, float) and math.isfinite(value)


TEACHER, STUDENT = "teacher", "student"
"""The two kinds of seat."""
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
        """The teacher's seat now: a reloaded teacher's page takes the class over from the one before."""
        self.state: dict[str, Any] | None = None
        """The teacher's last saved-session record: where the class is."""
        self.pools: list[Pool] = []
        """Every question asked, oldest first."""
        self._asked: dict[str, Any] | None = None
        """The open question as the students get it: its number, where it is asked and its kind."""
        self._server: asyncio.AbstractServer | None = None

    def is_token(self, given: str) -> bool:
        """Whether `given` is the teacher's secret, compared in constant time."""
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode())

    def seat(self, role: str) -> str:
        """A new seat's secret, for a debugger about to start."""
        secret = secrets.token_urlsafe(18)
        self.seats[secret] = role
        return secret

    def leave(self, seat: str) -> None:
        """A tab has closed: its seat is given up."""
        self.seats.pop(seat, None)

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
            hello = await asyncio.wait_for(receive(reader), HELLO_WITHIN)
        except TimeoutError:
            hello = None
        seat = hello.get("hello") if hello else None
        if not isinstance(seat, str) or seat not in self.seats or seat in self.links:
            writer.close()
            return
        self.links[seat] = writer
        if self.seats[seat] == TEACHER:
            self.teacher = seat
        self._greet(seat)
        try:
            while (message := await receive(reader)) is not None:
                self._handle(seat, *next(iter(message.items())))
        finally:
            self.links.pop(seat, None)
            writer.close()
            self._tell_teacher()

    def _greet(self, seat: str) -> None:
        """Bring a debugger that has just joined to where the class is (a reloaded teacher's page too)."""
        writer = self.links[seat]
        send(writer, "state", self.state)  # None: the class has not begun, and the teacher's debugger leads it
        if seat != self.teacher and self._asked is not None:
            send(writer, "ask", self._asked)
        self._tell_teacher()

    def _handle(self, seat: str, kind: str, value: Any) -> None:
        """One message from a seat; anything a seat may not say, or says wrong, changes nothing."""
        if seat == self.teacher:
            if kind == "state" and isinstance(value, dict):
                self.state = value
                self._to_students("state", value)
            elif kind == "ask":
                self._ask(value)
            elif kind == "reveal":
                self._reveal()
            elif kind == "results" and isinstance(value, str) and value in RESULTS:
                send(self.links[seat], "results", {"kind": value, "text": RESULTS[value](self.pools)})
        elif self.seats.get(seat) == STUDENT and kind == "answer":
            self._answer(seat, value)

    def _ask(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        label, hint, truth, before = (value.get(key) for key in ("label", "hint", "truth", "before"))
        position, kind = value.get("position"), value.get("kind")
        if not (isinstance(label, str) and isinstance(hint, str) and kind in KINDS and type(position) is int):
            return
        if not (_finite(truth) and (before is None or _finite(before))):
            return
        question = Question(label, hint, truth, before)
        self.pools.append(Pool(len(self.pools) + 1, question))
        self._asked = {"number": len(self.pools), "position": position, "kind": kind}
        self._to_students("ask", self._asked)
        self._tell_teacher()

    def _answer(self, seat: str, value: Any) -> None:
        pool = self.pools[-1] if self.pools else None
        if pool is None or pool.revealed or seat in pool.answers or not isinstance(value, dict):
            return
        number, guess = value.get("number"), value.get("guess")
        if number == pool.number and isinstance(guess, float) and math.isfinite(guess):
            pool.answers[seat] = guess
            self._tell_teacher()

    def _reveal(self) -> None:
        pool = self.pools[-1] if self.pools else None
        if pool is None or pool.revealed:
            return
        pool.revealed = True
        self._asked = None
        self._to_students("reveal", {"number": pool.number, "truth": pool.question.truth})
        self._tell_teacher()

    def _tell_teacher(self) -> None:
        """The teacher's screen says how the open question (or the last one) went."""
        if self.teacher is None or self.teacher not in self.links:
            return
        pool = self.pools[-1] if self.pools else None
        chart = ""
        if pool is not None and not pool.revealed:
            forms, chart = pool.tally(len(self.students)), f"{pool.tally(len(self.students))[-1]}\n{pool.chart()}"
        else:
            last = f" · Q{pool.number}: {pool.close()} of {len(pool.answers)} within {TOLERANCE:.0%}" if pool else ""
            forms = [f"class of {len(self.students)}{last}", f"class of {len(self.students)}"]
        send(self.links[self.teacher], "tally", {"status": forms, "chart": chart})

    def _to_students(self, kind: str, value: Any) -> None:
        for seat in self.students:
            send(self.links[seat], kind, value)
