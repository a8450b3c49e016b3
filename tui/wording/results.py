"""A class's results as files a teacher opens in a spreadsheet: a row per student, question and vote, and a summary
per question (each vote's answers and how many came close, and the shift between the two votes)."""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections.abc import Sequence
from typing import Literal

from tui.wording.pool import Pool

Kind = Literal["results.csv", "summary.csv", "results.json"]
"""The files a teacher may save: the rows, the summary, and both in one JSON file."""
KINDS: tuple[Kind, ...] = ("results.csv", "summary.csv", "results.json")
ROW = ("question", "asked", "step", "vote", "student", "answer", "error", "relative_error", "close", "confidence", "left")
"""A row's columns: which question, where it was asked, which vote, who (a name, or a number when the class is
anonymous), the answer, its error (answer - truth) and that error as a share of what the rule judges, whether it
came within the tolerance, how sure they said they were, and whether they have left the class since."""
SUMMARY = (
    "question",
    "asked",
    "step",
    "truth",
    "answered",
    "close",
    "answered_2",
    "close_2",
    "moved_to_close",
    "moved_away",
    "wrong_and_sure",
    "median_relative_error",
    "left",
)
"""A question's summary: the first vote's answers and how many came close, the second's, the shift between them, the
wrong answers given as sure and the median relative error (each of the student's last answer), and answers from
students who have left."""


def rows(pools: Sequence[Pool], names: dict[str, str]) -> list[dict[str, object]]:
    """A row per student, question and vote; `names` gives each seat's name, or its number in the class."""
    found = []
    for pool in pools:
        for vote, answers in enumerate(pool.votes, 1):
            for seat, answer in answers.items():
                verdict = pool.verdict(answer)
                found.append(
                    {
                        "question": pool.number,
                        "asked": pool.question.label,
                        "step": pool.step,
                        "vote": vote,
                        "student": names.get(seat, ""),
                        "answer": answer.guess,
                        "error": verdict.error,
                        "relative_error": pool.relative(answer),
                        "close": verdict.close,
                        "confidence": answer.confidence or "",
                        "left": seat in pool.gone,
                    }
                )
    return found


def summary(pools: Sequence[Pool]) -> list[dict[str, object]]:
    """A line per question."""
    found = []
    for pool in pools:
        moved, away = pool.shift()
        errors = [abs(pool.relative(answer)) for answer in pool.last_answers().values()]
        second = pool.vote > 1
        found.append(
            {
                "question": pool.number,
                "asked": pool.question.label,
                "step": pool.step,
                "truth": pool.question.truth,
                "answered": len(pool.votes[0]),
                "close": pool.close(1),
                "answered_2": len(pool.votes[1]) if second else None,
                "close_2": pool.close(2) if second else None,
                "moved_to_close": moved if second else None,
                "moved_away": away if second else None,
                "wrong_and_sure": pool.wrong_and_sure(),
                "median_relative_error": statistics.median(errors) if errors else None,
                "left": len({seat for answers in pool.votes for seat in answers} & pool.gone),
            }
        )
    return found


def text(kind: Kind, pools: Sequence[Pool], names: dict[str, str]) -> str:
    """One of the files, as text."""
    if kind == "results.json":
        return json.dumps({"questions": summary(pools), "answers": rows(pools, names)}, indent=2, ensure_ascii=False) + "\n"
    table, columns = (rows(pools, names), ROW) if kind == "results.csv" else (summary(pools), SUMMARY)
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for line in table:
        writer.writerow({key: "" if value is None else value for key, value in line.items()})
    return out.getvalue()
