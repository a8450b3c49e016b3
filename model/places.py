"""A place in a run as a person types it, at g, in a lesson's note, or before the edit of a fork a saved session
replays: "EPOCH SAMPLE [PHASE]" or "start"."""

from __future__ import annotations

from model.errors import InputError
from model.numbers import ANY, whole
from model.text import quoted


def parse_place(text: str, phases: tuple[str, ...]) -> tuple[int, int, str] | None:
    """(epoch, sample, phase) from "EPOCH SAMPLE [PHASE]", or None for "start"; InputError says what is wrong."""
    words = text.split()
    if words == ["start"]:
        return None
    if len(words) not in (2, 3):
        raise InputError(f"type an epoch and a sample, e.g. 2 17 (optionally a phase: {', '.join(phases)}), or start")
    phase = words[2] if len(words) == 3 else "forward"
    if phase not in phases:
        raise InputError(f"unknown phase {quoted(phase)}; choose one of {', '.join(phases)}")
    return whole("epoch", words[0], 1, ANY), whole("sample", words[1], 0, ANY), phase
