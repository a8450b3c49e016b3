"""The user's own data from a CSV file: two feature columns and a target, or as many as a network from a file has."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterator
from itertools import islice

import numpy as np

from model.data import Dataset
from model.errors import InputError
from model.fastparse import DELIMITERS, begin
from model.numbers import decimal
from model.reading import MIB, gunzip, read_bytes
from model.text import PATH_SHOWN, counted, printable, quoted


def _number(cell: str) -> float | None:
    """The cell as a float, or None when it is not a number at all (other scripts' digits and 1_000 are not)."""
    return decimal(cell)


def _column(name: str, names: list[str], path: str, key: str) -> int:
    """Index of a column given by header name or by 1-based number."""
    if name in names:
        return names.index(name)
    if name.isascii() and name.isdigit() and 1 <= int(name) <= len(names):
        return int(name) - 1
    allowed = ", ".join(names)
    raise InputError(f"no column {quoted(name)} in {printable(path)}; columns are {allowed}", key)


DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
"""A number written with a decimal comma (171,3), as many locales write them: named as such when refused."""
"""--delimiter's names; "space" means runs of spaces or tabs, as in scikit-learn's linnerud files."""


DATA_LIMIT = 512 * MIB
"""Most bytes of data read, on disk or unpacked: more than the largest run (MAX_STEPS rows) needs."""


def read_text(path: str) -> tuple[str, str]:
    """The file's text (UTF-8 with or without a byte-order mark, unpacked when gzip-compressed) and the SHA-256 of its bytes."""
    try:
        read = read_bytes(path, DATA_LIMIT)
        raw = read.raw
        if path.endswith(".gz") or raw[:2] == b"\x1f\x8b":
            raw = gunzip(raw, quoted(path, PATH_SHOWN), DATA_LIMIT)
    except InputError as error:
        raise InputError(error.problem, "data") from None
    try:
        return raw.decode("utf-8-sig"), read.sha256
    except UnicodeDecodeError:
        raise InputError(f"cannot read {quoted(path, PATH_SHOWN)}: not a UTF-8 text file", "data") from None


def _lines(text: str) -> Iterator[str]:
    """text.splitlines(keepends=True), a block at a time, so that reading the first lines of a large file costs nothing."""
    at, size = 0, 1 << 16
    while at < len(text):
        block = text[at : at + size].splitlines(keepends=True)
        if at + size < len(text):
            block.pop()  # perhaps cut short, even between \r and \n: read again with the next block
            if not block:  # a line longer than the block
                size *= 4
                continue
        yield from block
        at += sum(map(len, block))


def detect(lines: list[str], delimiter: str | None) -> str:
    """`delimiter`, or else the DELIMITERS name the first lines agree on."""
    if delimiter is not None:
        return delimiter
    sample = lines[:20]
    return next((name for name, mark in DELIMITERS.items() if mark and all(mark in line for line in sample)), "space")


def split(lines: list[str], delimiter: str) -> list[list[str]]:
    """Cells of each line, split by `delimiter` (a DELIMITERS name)."""
    mark = DELIMITERS[delimiter]
    if mark is None:
        return [line.split() for line in lines]
    return list(csv.reader(lines, delimiter=mark))


def _numbered(lines: list[str], after: int) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) of the lines after the first `after`."""
    return enumerate(islice(lines, after, None), after + 1)


def _carefully(lines: list[tuple[int, str]], delimiter: str, width: int, path: str, hint: str, skip_rows: int) -> np.ndarray:
    """The data lines read cell by cell, naming the first line and column that is not a finite number."""
    rows = [(n, row) for (n, _), row in zip(lines, split([line for _, line in lines], delimiter))]
    values = []
    for line, row in rows:
        if len(row) != width:
            raise InputError(f"{path} line {line} has {len(row)} cells; expected {width}{hint if line <= skip_rows + 2 else ''}", "data")
        numbers = []
        for col, cell in enumerate(row, 1):
            value = _number(cell)
            if value is None:
                said = f"{path} line {line} column {col}: {quoted(cell.strip())} is not a number"
                if DECIMAL_COMMA.fullmatch(cell.strip()):
                    raise InputError(
                        f"{said}: it has a decimal comma; this reader takes a decimal point (1.5): save the file with points", "data"
                    )
                raise InputError(said + (hint if line == rows[0][0] else ""), "data")
            if not math.isfinite(value):
                raise InputError(f"{path} line {line} column {col}: {quoted(cell.strip())} is not a finite number", "data")
            numbers.append(value)
        values.append(numbers)
    return np.array(values, dtype=float).reshape(len(values), width)


def load_csv(
    path: str, features: str | None = None, target: str | None = None, skip_rows: int = 0, delimiter: str | None = None
) -> Dataset:
    """Read `path` (see `begin_csv`)."""
    return begin_csv(path, features, target, skip_rows, delimiter)()


def begin_csv(
    path: str,
    features: str | None = None,
    target: str | None = None,
    skip_rows: int = 0,
    delimiter: str | None = None,
    inputs: int = 2,
    outputs: int = 1,
) -> Callable[[], Dataset]:
    """Read `path`; the first row is a header when none of its cells is a number.

    `skip_rows` lines are dropped first (scikit-learn's iris.csv starts with a
    line of counts). The delimiter is `delimiter` or detected: comma,
    semicolon, tab, or runs of spaces. The target is the last column unless
    `target` names one; the features are the first two other columns unless
    `features` names two ("A,B"). The file is read, its header and delimiter
    found and checked now; a large file's rows are then parsed by other
    processes, and this one is free until it calls what this returns.
    """
    text, sha256 = read_text(path)
    path = printable(path)
    hint = "" if skip_rows else "; if the first line is not data, --skip-rows 1 skips it"
    # The first lines find the delimiter and the header; every line is numbered only if the fast parse steps aside.
    head: list[str] = []  # the lines read so far, with their ends
    first_lines: list[tuple[int, str]] = []  # the first non-blank ones after skip_rows, numbered from 1, ends cut
    for n, line in enumerate(_lines(text), 1):
        head.append(line)
        if n > skip_rows and (bare := (line.splitlines() or [""])[0]).strip():
            first_lines.append((n, bare))
            if len(first_lines) == 21:
                break
    if not first_lines:
        needs = f"{counted(inputs, 'feature column')} and {counted(outputs, 'target')}"
        needs = "two feature columns and a target" if (inputs, outputs) == (2, 1) else needs
        raise InputError(f"{path} is empty; it needs {needs}", "data")
    delimiter = detect([line for _, line in first_lines], delimiter)
    first = split([first_lines[0][1]], delimiter)[0]
    header: list[str] | None = None
    if all(_number(cell) is None for cell in first):
        header = [printable(cell.strip()) for cell in first]
    width = len(header) if header else len(first)
    if width < inputs + outputs:
        needs = f"{counted(inputs, 'feature')} and {counted(outputs, 'target')}"
        needs = "two features and a target" if (inputs, outputs) == (2, 1) else needs
        raise InputError(f"{path} has {counted(width, 'column')}; it needs at least {inputs + outputs} ({needs})", "data")
    start = first_lines[0][0] - (header is None)  # lines before the data: up to the header, or the line before the first row
    parsed = begin(text, sum(map(len, head[:start])), delimiter, width)
    names = header or [f"col{i}" for i in range(1, width + 1)]  # a bare 1 would read as a number in a formula

    def rows() -> Dataset:
        table = parsed()
        if table is None:
            numbered = _numbered(text.splitlines(), start)
            # The hint only when the first line was taken for data: a header recognised is not data already.
            table = _carefully(
                [(n, line) for n, line in numbered if line.strip()], delimiter, width, path, hint if header is None else "", skip_rows
            )
        if len(table) < 2:
            raise InputError(f"{path} has {counted(len(table), 'data row')}; it needs at least 2", "data")
        return select(table, names, features, target, path, sha256, inputs=inputs, outputs=outputs)

    return rows


def select(
    table: np.ndarray,
    names: list[str],
    features: str | None,
    target: str | None,
    source: str,
    sha256: str | None = None,
    default: Callable[[np.ndarray, int], list[int]] | None = None,
    inputs: int = 2,
    outputs: int = 1,
) -> Dataset:
    """The feature columns and the target columns of `table` (two and one, or as many as a network from a file
    has), chosen by name or 1-based number (--features A,B, --target T or T1,T2). The targets default to the last
    columns, the features to `default(table, target)` or else the first other columns."""
    width = len(names)
    if target:
        wanted = [part.strip() for part in target.split(",")]
        if len(wanted) != outputs:
            raise InputError(f"give {outputs} target columns as {_letters(outputs, 'T')}, got {quoted(target)}", "target")
        y_cols = [_column(part, names, source, "target") for part in wanted]
    else:
        y_cols = list(range(width - outputs, width))
    if features:
        parts = [part.strip() for part in features.split(",")]
        if len(parts) != inputs:
            what = "two columns" if inputs == 2 else counted(inputs, "column")
            raise InputError(f"give {what} as {_letters(inputs, 'A')}, got {quoted(features)}", "features")
        x_cols = [_column(part, names, source, "features") for part in parts]
    elif default is not None:
        x_cols = default(table, y_cols[0])
    else:
        x_cols = [col for col in range(width) if col not in y_cols][:inputs]
    if len({*x_cols, *y_cols}) != inputs + outputs:
        if (inputs, outputs) == (2, 1):
            raise InputError("the two features and the target must be three different columns", "features")
        each = f"the {counted(inputs, 'feature')} and the {counted(outputs, 'target')}"
        raise InputError(f"{each} must be {inputs + outputs} different columns", "features")
    chosen = [*x_cols, *y_cols]
    columns = tuple(np.ascontiguousarray(table[:, col]) for col in chosen)
    return Dataset.of(columns[:inputs], columns[inputs:], tuple(names[col] for col in chosen), source, sha256)


def _letters(count: int, first: str) -> str:
    """How several columns are written: A,B or T1,T2."""
    if count == 1:
        return first
    return ",".join(chr(ord(first) + i) for i in range(count)) if first == "A" else ",".join(f"{first}{i}" for i in range(1, count + 1))
