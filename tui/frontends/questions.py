"""The questions a class is asked, vote by vote, and the answers pooled: what the server makes of the teacher's
questions, second votes and reveals, and of the students' answers and how sure they are. It holds the truth until
the reveal; nothing it hands the students (or the board) carries the truth before, or anyone's answer or name."""

from __future__ import annotations

from typing import Any

from tui.formats.protocol import Answer, Ask, Asked, Message, Refused, Revealed, Sure, Taken, Tally
from tui.wording.pool import BIN_NAMES, Pool, Vote
from tui.wording.predict import TOLERANCE, Question


class Questions:
    """Every question asked so far, oldest first, and the one open now."""

    def __init__(self) -> None:
        self.pools: list[Pool] = []
        """Every question asked, oldest first."""
        self.asked: Asked | None = None
        """The open question as the students get it: its number, where it is asked, its kind, and which vote."""

    @property
    def last(self) -> Pool | None:
        return self.pools[-1] if self.pools else None

    def ask(self, message: Ask) -> Asked:
        """A new question, for its first vote."""
        question = Question(message.label, message.hint, message.truth, message.before)
        self.pools.append(Pool(len(self.pools) + 1, question, message.step))
        self.asked = Asked(len(self.pools), message.position, message.question)
        return self.asked

    def revote(self, show: bool) -> Asked | None:
        """The open question's second vote, the first vote's answers shown with it if `show`; None if there is no
        first vote open to follow."""
        pool, asked = self.last, self.asked
        if pool is None or asked is None or pool.revealed or pool.vote > 1:
            return None
        first = pool.answers_chart(1) if show else None
        pool.votes.append({})
        pool.shown = show
        self.asked = Asked(asked.number, asked.position, asked.question, 2, first)
        return self.asked

    def answer(self, seat: str, message: Answer) -> Message:
        """A student's answer: Taken, or Refused with why."""
        pool = self.last
        reason = ""
        if pool is None or message.number != pool.number:
            reason = "that question is no longer open"
        elif pool.revealed:
            reason = "the teacher had already shown the truth"
        elif message.vote != pool.vote:
            reason = "that vote is over" if message.vote < pool.vote else "that vote has not begun"
        elif seat in pool.answers:
            reason = "you had answered it already" if pool.vote == 1 else "you had answered the second vote already"
        if pool is None or reason:
            return Refused(message.number, reason)
        pool.answers[seat] = Vote(message.guess)
        return Taken(message.number, pool.vote)

    def sure(self, seat: str, message: Sure) -> bool:
        """How sure a student is of an answer they gave in a vote of the open question; whether it was kept."""
        pool = self.last
        if pool is None or pool.revealed or message.number != pool.number or message.vote > pool.vote:
            return False
        answers = pool.votes[message.vote - 1]
        if seat not in answers:
            return False
        answers[seat] = Vote(answers[seat].guess, message.confidence)
        return True

    def reveal(self) -> Revealed | None:
        """The open question's truth, to the class; None if none is open."""
        pool = self.last
        if pool is None or pool.revealed:
            return None
        pool.revealed = True
        self.asked = None
        return Revealed(pool.number, pool.question.truth)

    def leave(self, seat: str) -> None:
        """A student has left the class: their answers stay, counted once, marked as from one who left."""
        for pool in self.pools:
            if any(seat in answers for answers in pool.votes):
                pool.gone.add(seat)

    def tally(self, students: int) -> Tally:
        """What the teacher's screen says of the open question (or the last one)."""
        pool = self.last
        if pool is not None and not pool.revealed:
            forms = pool.tally(students)
            return Tally(tuple(forms), f"{forms[-1]}\n{pool.chart()}")
        last = f" · Q{pool.number}: {pool.close()} of {len(pool.answers)} within {TOLERANCE:.0%}" if pool else ""
        return Tally((f"class of {students}{last}", f"class of {students}"), "")

    def board(self, students: int) -> dict[str, Any] | None:
        """The open question (or the last), as the projector's board shows it: how many answered while it is open;
        once it is revealed, the truth and each vote's histogram. Never the truth before, nor a name or an answer."""
        pool = self.last
        if pool is None:
            return None
        shown: dict[str, Any] = {"number": pool.number, "asked": pool.question.label, "step": pool.step, "vote": pool.vote}
        if not pool.revealed:
            return {**shown, "answered": len(pool.answers), "of": students}
        votes = [
            {
                "answered": len(pool.votes[n - 1]),
                "close": pool.close(n),
                "bins": [[name, sum(count.values())] for name, count in zip(BIN_NAMES, pool.counts(n), strict=True)],
            }
            for n in range(1, pool.vote + 1)
        ]
        moved, away = pool.shift()
        return {**shown, "truth": pool.question.truth, "votes": votes, "moved_to_close": moved, "moved_away": away}
