"""Breakpoints: positions where playing or fast-forwarding stops.

A breakpoint looks at completed numbers only, so finding the next hit in a
stretch of the run is a vectorised scan over stored RMSEs and recomputed
weight changes; it never steps the run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from model.errors import InputError
from model.numbers import ANY, real, whole
from model.run import Run
from model.text import quoted

_CHUNK = 65_536
MOST = 20
"""Most breakpoints a session holds: each is scanned at every move that may stop at one."""


@dataclass(frozen=True)
class AtSample:
    """Stop at the forward pass of one sample."""

    epoch: int
    """1-based epoch."""
    sample: int
    """0-based data row."""

    def __str__(self) -> str:
        return f"at epoch {self.epoch}, sample {self.sample}"

    @property
    def typed(self) -> str:
        """The words `parse` reads back as this breakpoint."""
        return f"{self.epoch} {self.sample}"

    def hits(self, run: Run, first: int, last: int) -> np.ndarray:
        """Positions in first..last where this breakpoint stops."""
        try:
            position = run.position(self.epoch, self.sample)
        except ValueError:
            return np.empty(0, dtype=int)
        return np.array([position] if first <= position <= last else [], dtype=int)


@dataclass(frozen=True)
class RmseRises:
    """Stop at the end of a sample after which the full-data RMSE is higher than before it."""

    def __str__(self) -> str:
        return "when the RMSE rises"

    @property
    def typed(self) -> str:
        """The words `parse` reads back as this breakpoint."""
        return "rises"

    def hits(self, run: Run, first: int, last: int) -> np.ndarray:
        return _sample_ends(run, first, last, lambda before, after: after > before)


@dataclass(frozen=True)
class RmseBelow:
    """Stop at the end of a sample that takes the RMSE from at least a value to below it."""

    value: float
    """Threshold."""

    def __str__(self) -> str:
        return f"when the RMSE falls below {self.value:g}"

    @property
    def typed(self) -> str:
        """The words `parse` reads back as this breakpoint."""
        return f"below {self.value!r}"

    def hits(self, run: Run, first: int, last: int) -> np.ndarray:
        return _sample_ends(run, first, last, lambda before, after: (before >= self.value) & (after < self.value))


@dataclass(frozen=True)
class ChangeAbove:
    """Stop at a parameter update whose |Δw| exceeds a value."""

    value: float
    """Threshold on |Δw|."""

    def __str__(self) -> str:
        return f"when any |Δw| exceeds {self.value:g}"

    @property
    def typed(self) -> str:
        """The words `parse` reads back as this breakpoint."""
        return f"dw {self.value!r}"

    def hits(self, run: Run, first: int, last: int) -> np.ndarray:
        k0, k1 = _steps(run, first, last)
        columns = [run.description.column(p.name) for p in run.description.updates]
        found = []
        for start in range(k0, k1, _CHUNK):
            stop = min(start + _CHUNK, k1)
            big = np.abs(run.batch(start, stop).deltas[:, columns]) > self.value
            k, update = np.nonzero(big)
            positions = _within(run.start_of(start + k) + 1 + update, first, last)
            if len(positions):
                found.append(positions)
                break
        return np.concatenate(found) if found else np.empty(0, dtype=int)


Breakpoint = AtSample | RmseRises | RmseBelow | ChangeAbove


def next_hit(run: Run, breakpoints: list[Breakpoint], after: int, upto: int) -> tuple[int, Breakpoint] | None:
    """The first position in after+1..upto where a breakpoint stops, and which one."""
    best: tuple[int, Breakpoint] | None = None
    first, last = after + 1, min(upto, run.positions - 1)
    if first > last:
        return None
    for point in breakpoints:
        hits = point.hits(run, first, last)
        if len(hits) and (best is None or int(hits.min()) < best[0]):
            best = (int(hits.min()), point)
    return best


def parse(text: str, run: Run | None = None) -> Breakpoint:
    """A breakpoint from words: "3 17" or "at 3 17", "rises", "below 110", "dw 0.01".

    Given the run, a sample that the run does not have is refused with `Run.position`'s message.
    """
    words = text.replace(",", " ").split()
    if words and words[0] == "at":
        words = words[1:]
    point: Breakpoint | None = None
    try:
        if len(words) == 2 and words[0] in ("below", "dw"):
            value = real("breakpoint", words[1])
            if value > 0:
                point = RmseBelow(value) if words[0] == "below" else ChangeAbove(value)
        elif len(words) == 2:
            point = AtSample(whole("breakpoint", words[0], 1, ANY), whole("breakpoint", words[1], 0, ANY))
        elif words == ["rises"]:
            point = RmseRises()
    except InputError:
        pass
    if point is None:
        raise InputError(f"breakpoint: {quoted(text)} is not one of: EPOCH SAMPLE, rises, below VALUE, dw VALUE")
    if run is not None:
        check_in_run(point, run)
    return point


def check_all(points: list[Breakpoint] | tuple[Breakpoint, ...]) -> None:
    """A list of breakpoints as a session may hold it: at most MOST, none twice; InputError otherwise."""
    if len(points) > MOST:
        raise InputError(f"at most {MOST} breakpoints, got {len(points)}")
    for i, point in enumerate(points):
        if point in points[:i]:
            raise InputError(f"breakpoint {quoted(point.typed)} is given twice")


def check_in_run(point: Breakpoint, run: Run) -> None:
    """Refuse a breakpoint at a sample the run does not have, with `Run.position`'s message (as g gives)."""
    if isinstance(point, AtSample):
        run.position(point.epoch, point.sample)


def _steps(run: Run, first: int, last: int) -> tuple[int, int]:
    """Sample-steps whose positions may fall in first..last (half-open range)."""
    return max(run.step_of(first), 0), max(run.step_of(last) + 1, 0)


def _sample_ends(run: Run, first: int, last: int, stops: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """Ends of the samples in first..last where `stops(RMSE before, RMSE after)` holds."""
    k0, k1 = _steps(run, first, last)
    k = np.arange(k0, k1)[stops(run.rmse[k0:k1], run.rmse[k0 + 1 : k1 + 1])]
    return _within(run.end_of(k), first, last)


def _within(positions: np.ndarray, first: int, last: int) -> np.ndarray:
    return positions[(positions >= first) & (positions <= last)]
