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
BINS = (-1.0, -0.1, -0.01, 0.01, 0.1, 1.0)
"""Edges of the histogram's bins, as a share of the true value's size: way under, under, close, over, way over."""


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

    def verdicts(self) -> list[Verdict]:
        return [Verdict(self.question, guess) for guess in self.answers.values()]

    def close(self) -> int:
        """Answers that count as right, by predict mode's own rule."""
        return sum(verdict.close for verdict in self.verdicts())

    def spread(self) -> str:
        """The errors as a histogram, one bar per bin of BINS (way under … way over)."""
        scale = abs(self.question.truth) or 1.0
        counts = [0] * (len(BINS) + 1)
        for verdict in self.verdicts():
            share = verdict.error / scale
            counts[sum(share > edge for edge in BINS)] += 1
        most = max(counts) or 1
        return "".join(BARS[round(count / most * (len(BARS) - 1))] for count in counts)

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
        }


def results_json(pools: list[Pool]) -> str:
    return json.dumps([pool.result() for pool in pools], indent=2, ensure_ascii=False) + "\n"


def results_csv(pools: list[Pool]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["question", "asked", "truth", "answered", "close", "median_error"], lineterminator="\n")
    writer.writeheader()
    for pool in pools:
        writer.writerow({key: "" if value is None else value for key, value in pool.result().items()})
    return out.getvalue()
