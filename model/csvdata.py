"""The user's own data from a CSV file: two feature columns and a target."""

from __future__ import annotations

import csv
import gzip
import math
import warnings
import zlib
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import numpy as np

from model.data import Dataset
from model.errors import InputError
from model.text import printable


def _number(cell: str) -> float | None:
    """The cell as a float, or None when it is not a number at all."""
    try:
        return float(cell)
    except ValueError:
        return None


def _column(name: str, names: list[str], path: str, option: str) -> int:
    """Index of a column given by header name or by 1-based number."""
    if name in names:
        return names.index(name)
    if name.isascii() and name.isdigit() and 1 <= int(name) <= len(names):
        return int(name) - 1
    allowed = ", ".join(names)
    raise InputError(f"{option}: no column '{printable(name)}' in {printable(path)}; columns are {allowed}")


DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "space": None}
"""--delimiter's names; "space" means runs of spaces or tabs, as in scikit-learn's linnerud files."""


def read_text(path: str) -> str:
    """The file's text: UTF-8 with or without a byte-order mark, gzip-compressed when it ends in .gz."""
    shown = printable(path)
    try:
        if not Path(path).is_file():  # a device or a FIFO would block or never end
            raise InputError(f"--data: {shown} is not a file" if Path(path).exists() else f"--data: no file {shown}")
        raw = Path(path).read_bytes()
        if path.endswith(".gz") or raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8-sig")
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(f"--data: cannot read {shown}: {getattr(error, 'strerror', None) or 'not a readable gzip file'}") from None
    except UnicodeDecodeError:
        raise InputError(f"--data: cannot read {shown}: not a UTF-8 text file") from None


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


def _at_once(lines: list[str], delimiter: str, width: int) -> np.ndarray | None:
    """The data lines parsed by numpy in one go (millions of rows in seconds), or None.

    None whenever anything is unusual (a quoted cell, a cell that is not a
    plain finite number, a row of another width, a line of spaces only): the
    careful parse then reads the lines again and names the line and column at
    fault. Empty lines are skipped, as the careful parse skips them.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            table = np.loadtxt(lines, delimiter=DELIMITERS[delimiter], comments=None, ndmin=2, quotechar=None)
    except (ValueError, UserWarning):
        return None
    if table.shape != (len(lines) - lines.count(""), width) or not np.isfinite(table).all():
        return None
    return table


def _numbered(lines: list[str], after: int) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) of the lines after the first `after`."""
    return enumerate(islice(lines, after, None), after + 1)


def _carefully(lines: list[tuple[int, str]], delimiter: str, width: int, path: str, hint: str, skip_rows: int) -> np.ndarray:
    """The data lines read cell by cell, naming the first line and column that is not a finite number."""
    rows = [(n, row) for (n, _), row in zip(lines, split([line for _, line in lines], delimiter))]
    values = []
    for line, row in rows:
        if len(row) != width:
            raise InputError(f"--data: {path} line {line} has {len(row)} cells; expected {width}{hint if line <= skip_rows + 2 else ''}")
        numbers = []
        for col, cell in enumerate(row, 1):
            value = _number(cell)
            if value is None:
                said = f"--data: {path} line {line} column {col}: '{printable(cell.strip()[:40])}' is not a number"
                raise InputError(said + (hint if line == rows[0][0] else ""))
            if not math.isfinite(value):
                raise InputError(f"--data: {path} line {line} column {col}: '{printable(cell.strip())}' is not a finite number")
            numbers.append(value)
        values.append(numbers)
    return np.array(values, dtype=float).reshape(len(values), width)


def load_csv(
    path: str, features: str | None = None, target: str | None = None, skip_rows: int = 0, delimiter: str | None = None
) -> Dataset:
    """Read `path`; the first row is a header when none of its cells is a number.

    `skip_rows` lines are dropped first (scikit-learn's iris.csv starts with a
    line of counts). The delimiter is `delimiter` or detected: comma,
    semicolon, tab, or runs of spaces. The target is the last column unless
    `target` names one; the features are the first two other columns unless
    `features` names two ("A,B").
    """
    text = read_text(path)
    path = printable(path)
    hint = "" if skip_rows else "; if the first line is not data, --skip-rows 1 skips it"
    every = text.splitlines()
    # The first lines find the delimiter and the header; every line is numbered only if the fast parse steps aside.
    first_lines = list(islice(((n, line) for n, line in _numbered(every, skip_rows) if line.strip()), 21))
    if not first_lines:
        raise InputError(f"--data: {path} is empty; it needs two feature columns and a target")
    delimiter = detect([line for _, line in first_lines], delimiter)
    first = split([first_lines[0][1]], delimiter)[0]
    header: list[str] | None = None
    if all(_number(cell) is None for cell in first):
        header = [printable(cell.strip()) for cell in first]
    width = len(header) if header else len(first)
    if width < 3:
        raise InputError(f"--data: {path} has {width} column(s); it needs at least 3 (two features and a target)")
    start = first_lines[0][0] - (header is None)  # lines before the data: up to the header, or the line before the first row
    table = _at_once(every[start:], delimiter, width)
    if table is None:
        table = _carefully([(n, line) for n, line in _numbered(every, start) if line.strip()], delimiter, width, path, hint, skip_rows)
    if len(table) < 2:
        raise InputError(f"--data: {path} has {len(table)} data row(s); it needs at least 2")
    names = header or [str(i) for i in range(1, width + 1)]
    y_col = _column(target, names, path, "--target") if target else width - 1
    if features:
        parts = [part.strip() for part in features.split(",")]
        if len(parts) != 2:
            raise InputError(f"--features: give two columns as A,B, got '{printable(features)}'")
        x_cols = [_column(part, names, path, "--features") for part in parts]
    else:
        x_cols = [col for col in range(width) if col != y_col][:2]
    if len({*x_cols, y_col}) != 3:
        raise InputError("--features: the two features and the target must be three different columns")
    return Dataset(
        np.ascontiguousarray(table[:, x_cols[0]]),
        np.ascontiguousarray(table[:, x_cols[1]]),
        np.ascontiguousarray(table[:, y_col]),
        names=(names[x_cols[0]], names[x_cols[1]], names[y_col]),
        source=path,
    )
