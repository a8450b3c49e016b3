"""The class's protocol: every message between `serve --teach` and the debuggers it starts, typed.

One JSON object a line, on a socket in a folder only the server's user can open. Each message is a tagged
struct: its `kind` names it, its fields are typed and bounded, and one decoder per direction refuses
anything else (an unknown kind, a missing, extra or mistyped field, a number that is not finite), so a
handler only ever sees a whole, valid message. msgspec does the decoding and the validation in one step,
in C, which matters when forty debuggers talk at once; the structs double as the protocol's
documentation.

The first message a debugger sends is `Hello`, with its seat (a secret the server gave it in its
environment) and the protocol's version; the server answers `Welcome` or `Goodbye`. The seat says
whether it is the teacher's, and `SENT_BY` says which seats may send each kind: the server drops a
message from any other.

Adding a classroom feature is one message here and one handler in `teach` (server) or `classlink`
(debugger).
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Literal

import msgspec

VERSION = 3
"""The protocol's version, said in `Hello` and `Welcome`: a debugger and a server that differ do not talk."""
LONGEST = 1 << 20
"""Most bytes in one message: a teacher's state with its forks and breakpoints is a few kilobytes."""
TEACHER, STUDENT = "teacher", "student"
"""The two kinds of seat."""
CLASS_SOCKET = "NN_BY_HAND_CLASS"
"""Set in each served debugger's environment under --teach: the class's socket."""
SEAT = "NN_BY_HAND_SEAT"
"""Set beside CLASS_SOCKET: this debugger's seat, a secret that says who it is to the server."""
ROLE = "NN_BY_HAND_ROLE"
"""Set beside CLASS_SOCKET: TEACHER or STUDENT, what the debugger does in the class (the seat decides what the
server takes from it)."""

Finite = Annotated[float, msgspec.Meta(ge=-1.7976931348623157e308, le=1.7976931348623157e308)]
"""A finite float (NaN fails both bounds)."""
Count = Annotated[int, msgspec.Meta(ge=0, le=1 << 53)]
Line = Annotated[str, msgspec.Meta(max_length=400)]
Kind = Literal["derivative", "weight"]
Presence = Literal["waiting", "here", "left"]
"""Where the teacher is, for the students: not come yet, leading, or gone with the class kept."""
Confidence = Literal["sure", "think so", "guess"]
"""How sure a student says they are of an answer."""
Vote = Annotated[int, msgspec.Meta(ge=1, le=2)]
"""A question's first vote, or its second."""
ResultsFile = Literal["results.csv", "summary.csv", "results.json"]
"""The files of a class's results: a row per student, question and vote; a line per question; both, in JSON."""


class Message(msgspec.Struct, tag_field="kind", forbid_unknown_fields=True):
    """One line of the protocol."""


# A debugger to the server.


class Hello(Message, tag="hello"):
    """Any debugger, first: who it is."""

    seat: Line
    """The secret the server gave this debugger."""
    version: Count
    """The protocol's version this debugger speaks."""


class State(Message, tag="state"):
    """The teacher's: where the class is now, as a saved session's record, and in words (for the projector's board)."""

    record: dict[str, Any]
    where: Line = ""


class Ask(Message, tag="ask"):
    """The teacher's: a question opens, with its truth (which only the server and the teacher hold)."""

    label: Line
    hint: Line
    truth: Finite
    before: Finite | None
    """The parameter before the update, for a question on the new weight."""
    position: Count
    """The micro-step the question is asked before."""
    question: Kind
    step: Line = ""
    """That micro-step, in words."""


class Revote(Message, tag="revote"):
    """The teacher's: a second vote on the open question, after the class has talked it over."""

    show: bool
    """Whether the class sees the first vote's answers (never the truth) before voting again."""


class Reveal(Message, tag="reveal"):
    """The teacher's: the open question's truth goes to the class."""


class Freeze(Message, tag="freeze"):
    """The teacher's: eyes up (every student's screen held on the teacher's step, keys dropped), or released."""

    on: bool


class WantResults(Message, tag="want_results"):
    """The teacher's: one of the class's results files, to download."""

    file: ResultsFile


class Answer(Message, tag="answer"):
    """A student's answer to the open question, in its vote."""

    number: Count
    """The question answered."""
    vote: Vote
    guess: Annotated[float, msgspec.Meta(ge=-1e300, le=1e300)]


class Sure(Message, tag="sure"):
    """A student's: how sure they are of the answer they gave in a vote."""

    number: Count
    vote: Vote
    confidence: Confidence


class Name(Message, tag="name"):
    """A student's name for the teacher, in a class that asks for names (serve --teach --names)."""

    name: Annotated[str, msgspec.Meta(max_length=200)]


# The server to a debugger.


class Welcome(Message, tag="welcome"):
    """The answer to `Hello`: the seat is known; where the class is, if it has begun."""

    version: Count
    record: dict[str, Any] | None
    """The teacher's last state; None before the class begins."""
    teacher: Presence
    asked: Asked | None
    """The question open now, if any: a reloaded teacher's screen opens it again, a student's gets it."""
    frozen: bool
    """Whether the teacher has every student's eyes up now."""
    names: bool
    """Whether the class asks each student for a name."""


class Goodbye(Message, tag="goodbye"):
    """The answer to a `Hello` the server refuses, before it hangs up."""

    reason: Line


class Where(Message, tag="where"):
    """To every student: the teacher has moved."""

    record: dict[str, Any]


class Asked(Message, tag="asked"):
    """To the students: a question is open (without its truth), for its first vote or its second."""

    number: Count
    position: Count
    question: Kind
    vote: Vote = 1
    first: Annotated[str, msgspec.Meta(max_length=4000)] | None = None
    """For a second vote the teacher chose to show it: the first vote's answers, as a chart without the truth."""


class Taken(Message, tag="taken"):
    """To a student: their answer has arrived and counts."""

    number: Count
    vote: Vote


class Refused(Message, tag="refused"):
    """To a student: their answer does not count, and why."""

    number: Count
    reason: Line


class Revealed(Message, tag="revealed"):
    """To the students: the question's truth."""

    number: Count
    truth: Finite


class Tally(Message, tag="tally"):
    """To the teacher: how the class is doing, fullest form first, and the open question's chart."""

    status: tuple[Line, ...]
    chart: Annotated[str, msgspec.Meta(max_length=4000)]


class Results(Message, tag="results"):
    """To the teacher: one of the class's results files, as asked."""

    file: ResultsFile
    text: str


class Teacher(Message, tag="teacher"):
    """To the students: where the teacher is now."""

    presence: Presence


class Frozen(Message, tag="frozen"):
    """To the students: eyes up, or released."""

    on: bool


class Named(Message, tag="named"):
    """To a student: the name they gave is theirs in this class."""

    name: Line


class Unnamed(Message, tag="unnamed"):
    """To a student: the name they gave is refused, and why."""

    reason: Line


FromDebugger = Hello | State | Ask | Revote | Reveal | Freeze | WantResults | Answer | Sure | Name
FromServer = Welcome | Goodbye | Where | Asked | Taken | Refused | Revealed | Tally | Results | Teacher | Frozen | Named | Unnamed
SENT_BY: dict[type[Message], frozenset[str]] = {
    Hello: frozenset({TEACHER, STUDENT}),
    State: frozenset({TEACHER}),
    Ask: frozenset({TEACHER}),
    Revote: frozenset({TEACHER}),
    Reveal: frozenset({TEACHER}),
    Freeze: frozenset({TEACHER}),
    WantResults: frozenset({TEACHER}),
    Answer: frozenset({STUDENT}),
    Sure: frozenset({STUDENT}),
    Name: frozenset({STUDENT}),
}
"""Which seats may send each kind a debugger sends; everything in FromServer only the server sends."""

_from_debugger = msgspec.json.Decoder(FromDebugger)
_from_server = msgspec.json.Decoder(FromServer)
_encoder = msgspec.json.Encoder()


def decode(line: bytes, server: bool) -> Message | None:
    """A line a debugger (server=True: as the server reads it) or the server sent, as its message; None if it is
    not one: not JSON, not one of the kinds, a field missing, extra, mistyped or out of bounds, or nested too deep."""
    try:
        message: Message = (_from_debugger if server else _from_server).decode(line)
    except (msgspec.DecodeError, RecursionError):
        return None
    return message


async def receive(reader: asyncio.StreamReader, server: bool) -> Message | None:
    """The next message, skipping any line that is not one; None once the other end has gone."""
    while True:
        try:
            line = await reader.readuntil(b"\n")
        except asyncio.IncompleteReadError:
            return None
        except asyncio.LimitOverrunError as error:  # a line longer than the reader holds: skip it whole
            await reader.readexactly(error.consumed)
            continue
        if (message := decode(line, server)) is not None:
            return message


def encode(message: Message) -> bytes:
    """One message as its line."""
    return _encoder.encode(message) + b"\n"


def send(writer: asyncio.StreamWriter, message: Message) -> None:
    """Queue one message; a writer whose other end has gone drops it."""
    if not writer.is_closing():
        writer.write(encode(message))
