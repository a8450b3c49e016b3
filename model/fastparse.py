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


Table = Callable[[], "np.ndarray | None"]
"""A parse begun: called once, it waits for the parse to end and gives the rows, or None (see `_parse`)."""


def begin(text: str, start: int, delimiter: str, width: int) -> Table:
    """numpy's parse of the data lines, text[start:], begun; call what it returns for the rows.

    Large data is cut into pieces that forked processes parse at the same time
    (numpy's parser holds the interpreter, so threads would not help): this
    process is free for other work until it asks for the rows. Forking is only
    safe while this is the process's one thread, as it is before any screen
    opens; otherwise, or if a fork fails, this process parses it all when asked.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if len(text) - start >= PARALLEL and cores > 1 and hasattr(os, "fork") and threading.active_count() == 1:
        try:
            return _in_processes(text, start, delimiter, width, min(cores, 4))
        except OSError:
            pass
    return lambda: _parse(text[start:].splitlines(), delimiter, width)


def at_once(text: str, start: int, delimiter: str, width: int) -> np.ndarray | None:
    """The data lines, text[start:], parsed by numpy in one go; None when anything is unusual (see `_parse`)."""
    return begin(text, start, delimiter, width)()


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


def _in_processes(text: str, start: int, delimiter: str, width: int, parts: int) -> Table:
    """`_parse` of text[start:] cut after line ends into `parts` pieces, each parsed by a forked child; the rows
    come once every child has sent its piece."""
    cuts = [start]
    for i in range(1, parts):
        end = text.find("\n", start + (len(text) - start) * i // parts)  # a cut right after \n never splits a line
        cuts.append(max(cuts[-1], len(text) if end < 0 else end + 1))
    cuts.append(len(text))
    children: dict[int, int] = {}  # pid: the reading end of its pipe, until it is reaped
    try:
        for a, b in pairwise(cuts):
            if b > a:
                read, write = os.pipe()
                pid = os.fork()
                if pid == 0:
                    _child(text, a, b, delimiter, width, read, write)
                os.close(write)
                children[pid] = read
    except BaseException:
        _reap(children)
        raise

    def rows() -> np.ndarray | None:
        try:
            tables = [_received(pid, children.pop(pid), width) for pid in list(children)]
        finally:
            _reap(children)  # interrupted: no child is left running or unreaped
        usable = [table for table in tables if table is not None]
        return np.concatenate(usable) if len(usable) == len(tables) else None

    return rows


def _reap(children: dict[int, int]) -> None:
    """Close each child's pipe and wait for it to end."""
    for pid, read in children.items():
        os.close(read)
        os.waitpid(pid, 0)
    children.clear()


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
