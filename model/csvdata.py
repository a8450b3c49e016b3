"""The user's own data from a CSV file: two feature columns and a target."""

from __future__ import annotations

import csv
import gzip
import math
import zlib
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


def split(lines: list[str], delimiter: str | None) -> list[list[str]]:
    """Cells of each line, split by `delimiter` (a DELIMITERS name), or by the one the lines agree on."""
    if delimiter is None:
        sample = lines[:20]
        delimiter = next((name for name, mark in DELIMITERS.items() if mark and all(mark in line for line in sample)), "space")
    mark = DELIMITERS[delimiter]
    if mark is None:
        return [line.split() for line in lines]
    return list(csv.reader(lines, delimiter=mark))


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
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if n > skip_rows and line.strip()]
    rows = [(n, row) for (n, _), row in zip(lines, split([line for _, line in lines], delimiter))]
    if not rows:
        raise InputError(f"--data: {path} is empty; it needs two feature columns and a target")
    header: list[str] | None = None
    if all(_number(cell) is None for cell in rows[0][1]):
        header = [printable(cell.strip()) for cell in rows[0][1]]
        rows = rows[1:]
    width = len(header) if header else len(rows[0][1]) if rows else 0
    if width < 3:
        raise InputError(f"--data: {path} has {width} column(s); it needs at least 3 (two features and a target)")
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
    if len(values) < 2:
        raise InputError(f"--data: {path} has {len(values)} data row(s); it needs at least 2")
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
    table = np.array(values, dtype=float)
    return Dataset(
        np.ascontiguousarray(table[:, x_cols[0]]),
        np.ascontiguousarray(table[:, x_cols[1]]),
        np.ascontiguousarray(table[:, y_col]),
        names=(names[x_cols[0]], names[x_cols[1]], names[y_col]),
        source=path,
    )
