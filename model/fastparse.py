"""numpy's fast parse of a CSV's data lines, shared out among forked processes when the data is large.

Anything unusual makes it give up (None), and the careful parse in `csvdata` reads the lines again.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Callable
from itertools import pairwise
from typing import NoReturn

import numpy as np

DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "space": None}


PARALLEL = 4_000_000
"""Characters of data from which the fast parse is shared out among processes, one per core (at most four)."""


def at_once(text: str, start: int, delimiter: str, width: int, meanwhile: Callable[[], object] | None = None) -> np.ndarray | None:
    """The data lines, text[start:], parsed by numpy in one go; None when anything is unusual (see `_parse`).

    Large data is cut into pieces that forked processes parse at the same
    time (numpy's parser holds the interpreter, so threads would not help),
    while this process does `meanwhile`. Forking is only safe while this is
    the process's one thread, as it is before any screen opens; otherwise, or
    if a fork fails, this process parses it all.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if len(text) - start >= PARALLEL and cores > 1 and hasattr(os, "fork") and threading.active_count() == 1:
        try:
            return _in_processes(text, start, delimiter, width, min(cores, 4), meanwhile)
        except OSError:
            pass
    return _parse(text[start:].splitlines(), delimiter, width)


def _parse(lines: list[str], delimiter: str, width: int) -> np.ndarray | None:
    """The lines parsed by numpy (millions of rows in seconds), or None.

    None whenever anything is unusual (a quoted cell, a cell that is not a
    plain finite number, a row of another width, a line of spaces only): the
    careful parse then reads the lines again and names the line and column at
    fault. Empty lines are skipped, as the careful parse skips them.
    """
    if lines.count("") == len(lines):  # a piece of a large file may hold only blank lines
        return np.empty((0, width))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            table = np.loadtxt(lines, delimiter=DELIMITERS[delimiter], comments=None, ndmin=2, quotechar=None)
    except (ValueError, UserWarning):
        return None
    if table.shape != (len(lines) - lines.count(""), width) or not np.isfinite(table).all():
        return None
    return table


def _in_processes(
    text: str, start: int, delimiter: str, width: int, parts: int, meanwhile: Callable[[], object] | None
) -> np.ndarray | None:
    """`_parse` of text[start:] cut after line ends into `parts` pieces, each parsed by a forked child; without
    `meanwhile` to do, this process parses the last piece itself."""
    cuts = [start]
    for i in range(1, parts):
        end = text.find("\n", start + (len(text) - start) * i // parts)  # a cut right after \n never splits a line
        cuts.append(max(cuts[-1], len(text) if end < 0 else end + 1))
    cuts.append(len(text))
    pieces = [(a, b) for a, b in pairwise(cuts) if b > a]
    forked, own = (pieces, None) if meanwhile is not None else (pieces[:-1], pieces[-1])
    children: dict[int, int] = {}  # pid: the reading end of its pipe, until it is reaped
    try:
        for a, b in forked:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:
                _child(text, a, b, delimiter, width, read, write)
            os.close(write)
            children[pid] = read
        if meanwhile is not None:
            meanwhile()
        tables = [_parse(text[own[0] : own[1]].splitlines(), delimiter, width)] if own else []
        tables[:0] = [_received(pid, children.pop(pid), width) for pid in list(children)]
    finally:
        for pid, read in children.items():  # interrupted: no child is left running or unreaped
            os.close(read)
            os.waitpid(pid, 0)
    usable = [table for table in tables if table is not None]
    return np.concatenate(usable) if len(usable) == len(tables) else None


def _child(text: str, a: int, b: int, delimiter: str, width: int, read: int, write: int) -> NoReturn:
    """In a forked child: parse the lines of text[a:b], write the rows to `write` as raw floats, and leave at once,
    running none of the parent's exit code; the exit status is 0 only if the rows were usable."""
    status = 1
    try:
        os.close(read)
        table = _parse(text[a:b].splitlines(), delimiter, width)
        if table is not None:
            with open(write, "wb") as out:
                out.write(table.tobytes())
            status = 0
    finally:
        os._exit(status)


def _received(pid: int, read: int, width: int) -> np.ndarray | None:
    """The rows a child wrote to `read`, once it has exited; None if it found its piece unusual."""
    try:
        with open(read, "rb") as pipe:
            received = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    return np.frombuffer(received, dtype=float).reshape(-1, width) if status == 0 else None
