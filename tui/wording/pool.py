"""The class's answers to one question: how many answered, how many came close, and how the errors spread."""

from __future__ import annotations

import csv
import io
import json
import statistics
from dataclasses import dataclass, field

from tui.wording.predict import TOLERANCE, Question, Verdict

BARS = " ▁▂▃▄▅▆▇█"
"""One bar per bin of the errors' histogram, as tall as the bin is full."""
BINS = (-1.0, -0.1, -TOLERANCE, TOLERANCE, 0.1, 1.0)
"""Edges of the histogram's bins, as a share of what is judged (the derivative, or the weight's change)."""
BIN_NAMES = ("under by >100%", "under by 10-100%", "under by 1-10%", "within 1%", "over by 1-10%", "over by 10-100%", "over by >100%")
"""What each bin holds, in words."""
WIDEST = 20
"""Cells of the fullest bin's bar in the chart."""


@dataclass
class Pool:
    """One question put to the class, with each student's one answer (by seat, which never leaves the server)."""

    number: int
    """The question's number in this class, from 1."""
    question: Question
    """What was asked, with the truth, which only the server and the teacher hold until it is revealed."""
    answers: dict[str, float] = field(default_factory=dict)
    """Each student's guess, by seat."""
    revealed: bool = False
    """The teacher has shown the truth: no answer is taken any more."""
    gone: set[str] = field(default_factory=set)
    """The seats among those that answered whose student has since left the class (closed the page and did not
    come back): their answer counts once, as given, and the results say how many such there are."""

    def verdicts(self) -> list[Verdict]:
        return [Verdict(self.question, guess) for guess in self.answers.values()]

    def close(self) -> int:
        """Answers that count as right, by predict mode's own rule."""
        return sum(verdict.close for verdict in self.verdicts())

    def counts(self) -> list[int]:
        """How many answers fall in each bin of BINS: the error as a share of what the rule judges (the
        derivative, or the weight's change)."""
        truth, before = self.question.truth, self.question.before
        scale = abs(truth - before if before is not None else truth) or 1.0
        counts = [0] * (len(BINS) + 1)
        for verdict in self.verdicts():
            counts[sum(verdict.error / scale > edge for edge in BINS)] += 1
        return counts

    def spread(self) -> str:
        """The errors as one line of bars, one per bin (under by most on the left)."""
        counts = self.counts()
        most = max(counts) or 1
        return "".join(BARS[round(count / most * (len(BARS) - 1))] for count in counts)

    def chart(self) -> str:
        """The errors as a histogram, a line per bin: what the teacher sees while the class answers."""
        counts = self.counts()
        most = max(counts) or 1
        width = max(map(len, BIN_NAMES))
        return "\n".join(
            f"{name:>{width}} {'█' * round(count / most * WIDEST)}{' ' if count else ''}{count or ''}"
            for name, count in zip(BIN_NAMES, counts, strict=True)
        )

    def tally(self, students: int) -> list[str]:
        """What the teacher's screen says, live, fullest first."""
        short = f"Q{self.number} answered {len(self.answers)} of {students} · {self.close()} within {TOLERANCE:.0%}"
        return [f"{short} · errors under {self.spread()} over", short] if self.answers else [short]

    def result(self) -> dict[str, object]:
        """The question's line in the class's results: no student's identity in it."""
        errors = [abs(verdict.error) for verdict in self.verdicts()]
        return {
            "question": self.number,
            "asked": self.question.label,
            "truth": self.question.truth,
            "answered": len(self.answers),
            "close": self.close(),
            "median_error": statistics.median(errors) if errors else None,
            "left": len(self.gone & self.answers.keys()),
        }


def results_json(pools: list[Pool]) -> str:
    return json.dumps([pool.result() for pool in pools], indent=2, ensure_ascii=False) + "\n"


def results_csv(pools: list[Pool]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["question", "asked", "truth", "answered", "close", "median_error", "left"], lineterminator="\n")
    writer.writeheader()
    for pool in pools:
        writer.writerow({key: "" if value is None else value for key, value in pool.result().items()})
    return out.getvalue()
