"""The class's answers to one question, vote by vote: how many answered, how many came close, how sure they were,
how the errors spread, and how the second vote moved from the first (Peer Instruction)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, get_args

from tui.wording.fmt import num
from tui.wording.predict import TOLERANCE, Question, Verdict

Confidence = Literal["sure", "think so", "guess"]
"""How sure a student says they are of an answer."""
CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)
BARS = " ▁▂▃▄▅▆▇█"
"""One bar per bin of the errors' histogram, as tall as the bin is full."""
BINS = (-1.0, -0.1, -TOLERANCE, TOLERANCE, 0.1, 1.0)
"""Edges of the histogram's bins, as a share of what is judged (the derivative, or the weight's change)."""
BIN_NAMES = ("under by >100%", "under by 10-100%", "under by 1-10%", "within 1%", "over by 1-10%", "over by 10-100%", "over by >100%")
"""What each bin holds, in words."""
WIDEST = 20
"""Cells of the fullest bin's bar in a one-vote chart; each of two votes side by side gets half."""


@dataclass(frozen=True)
class Vote:
    """One student's answer in one vote."""

    guess: float
    confidence: Confidence | None = None
    """How sure they said they were, if they said."""


@dataclass
class Pool:
    """One question put to the class, with each student's answer in each vote (by seat, which never leaves the server)."""

    number: int
    """The question's number in this class, from 1."""
    question: Question
    """What was asked, with the truth, which only the server and the teacher hold until it is revealed."""
    step: str = ""
    """Where it was asked, in words: the micro-step whose value it asks for."""
    votes: list[dict[str, Vote]] = field(default_factory=lambda: [{}])
    """The answers of each vote so far, by seat: one vote, or a first and a second."""
    shown: bool = False
    """Whether the class saw the first vote's histogram before the second."""
    revealed: bool = False
    """The teacher has shown the truth: no answer is taken any more."""
    gone: set[str] = field(default_factory=set)
    """The seats among those that answered whose student has since left the class (closed the page and did not
    come back): their answers count once, as given, and the results say so."""

    @property
    def vote(self) -> int:
        """The vote open now, or last: 1 or 2."""
        return len(self.votes)

    @property
    def answers(self) -> dict[str, Vote]:
        """The current vote's answers."""
        return self.votes[-1]

    def verdict(self, vote: Vote) -> Verdict:
        return Verdict(self.question, vote.guess)

    def close(self, vote: int | None = None) -> int:
        """Answers of a vote (the current one by default) that count as right, by predict mode's own rule."""
        return sum(self.verdict(v).close for v in self.votes[(vote or self.vote) - 1].values())

    def relative(self, vote: Vote) -> float:
        """An answer's error as a share of what the rule judges (the derivative, or the weight's change)."""
        truth, before = self.question.truth, self.question.before
        return self.verdict(vote).error / (abs(truth - before if before is not None else truth) or 1.0)

    def bin_of(self, vote: Vote) -> int:
        """Which bin of BINS an answer's relative error falls in."""
        return sum(self.relative(vote) > edge for edge in BINS)

    def last_answers(self) -> dict[str, Vote]:
        """Each student's last answer, whichever vote it was given in."""
        return {seat: answer for answers in self.votes for seat, answer in answers.items()}

    def counts(self, vote: int | None = None) -> list[Counter[Confidence | None]]:
        """For each bin, how many answers of a vote fall in it, by how sure they were."""
        counts: list[Counter[Confidence | None]] = [Counter() for _ in range(len(BINS) + 1)]
        for answer in self.votes[(vote or self.vote) - 1].values():
            counts[self.bin_of(answer)][answer.confidence] += 1
        return counts

    def spread(self, vote: int | None = None) -> str:
        """The errors as one line of bars, one per bin (under by most on the left)."""
        totals = [sum(count.values()) for count in self.counts(vote)]
        most = max(totals) or 1
        return "".join(BARS[round(total / most * (len(BARS) - 1))] for total in totals)

    def wrong_and_sure(self, vote: int | None = None) -> int:
        """Answers that are not close, given as sure: a misconception rather than a guess. Those of a vote, or by
        default each student's last."""
        answers = self.last_answers() if vote is None else self.votes[vote - 1]
        return sum(not self.verdict(v).close and v.confidence == "sure" for v in answers.values())

    def shift(self) -> tuple[int, int]:
        """Between the two votes, of the students who answered both: how many moved to within the tolerance, and how
        many moved away from it."""
        if self.vote < 2:
            return 0, 0
        first, second = self.votes
        both = first.keys() & second.keys()
        before = {seat: self.verdict(first[seat]).close for seat in both}
        after = {seat: self.verdict(second[seat]).close for seat in both}
        return sum(after[s] and not before[s] for s in both), sum(before[s] and not after[s] for s in both)

    def chart(self) -> str:
        """The errors as a histogram, a line per bin, split by how sure the students were: one vote, or the two side
        by side with the shift between them. What the teacher sees while the class answers."""
        width = max(map(len, BIN_NAMES))
        columns = [self._column(vote, WIDEST // self.vote) for vote in range(1, self.vote + 1)]
        lines = [f"{' ' * width}  " + "  ".join(f"{f'vote {n}':<{len(columns[n - 1][0])}}" for n in range(1, self.vote + 1))]
        lines = lines if self.vote > 1 else []
        for row, name in enumerate(BIN_NAMES):
            lines.append(f"{name:>{width}}  " + "  ".join(column[row] for column in columns).rstrip())
        notes = [f"wrong and sure: {self.wrong_and_sure()} · s sure, t think so, g guess"]
        if self.vote > 1:
            moved, away = self.shift()
            twice = len(self.votes[0].keys() & self.votes[1].keys())
            notes.insert(0, f"shift ({twice} voted twice): {moved} moved to within {TOLERANCE:.0%}, {away} moved away")
        return "\n".join([*lines, *notes])

    def _column(self, vote: int, widest: int) -> list[str]:
        """One vote's bars, a line per bin, with each bin's count and its split by confidence, all of one width."""
        counts = self.counts(vote)
        totals = [sum(count.values()) for count in counts]
        most = max(totals) or 1
        cells = []
        for count, total in zip(counts, totals, strict=True):
            sure = " ".join(f"{word[0]}{count[word]}" for word in CONFIDENCES if count[word])
            cells.append(f"{'█' * round(total / most * widest)} {total or ''} {sure}".rstrip() if total else "")
        wide = max(map(len, cells), default=0)
        return [cell.ljust(wide) for cell in cells]

    def answers_chart(self, vote: int = 1, rows: int = 5) -> str:
        """A vote's answers as the class may see them before voting again: how many fell in each range of values,
        from the lowest answer to the highest, and nothing of the truth or of who answered what."""
        guesses = sorted(answer.guess for answer in self.votes[vote - 1].values())
        if not guesses:
            return "No answers in the first vote."
        low, high = guesses[0], guesses[-1]
        step = (high - low) / rows or 1.0
        counts = Counter(min(int((guess - low) / step), rows - 1) for guess in guesses)
        ranges = [f"{num(low + i * step)} to {num(low + (i + 1) * step)}" for i in range(rows)] if high > low else [num(low)]
        width = max(map(len, ranges))
        most = max(counts.values())
        lines = [f"{name:>{width}}  {'█' * round(counts[i] / most * WIDEST)} {counts[i] or ''}".rstrip() for i, name in enumerate(ranges)]
        return "\n".join([f"The first vote's {len(guesses)} answers:", *lines])

    def tally(self, students: int) -> list[str]:
        """What the teacher's screen says, live, fullest first."""
        left = sum(seat in self.gone for seat in self.answers)  # counted apart: the class no longer holds them
        also = f" (+{left} who left)" if left else ""
        answered = f"answered {len(self.answers) - left} of {students}{also} · {self.close()} within {TOLERANCE:.0%}"
        short = f"Q{self.number} vote 2: {answered} (vote 1: {self.close(1)})" if self.vote > 1 else f"Q{self.number} {answered}"
        return [f"{short} · errors under {self.spread()} over", short] if self.answers else [short]
