"""Large CSV files parsed fast, at once or in pieces by forked processes, agreeing float for float and line for line
with the careful parse."""

import os

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import InputError
from tests.helpers import processes

CELLS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.floats(-1e6, 1e6).map(lambda v: f"{v:g}"),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["1_000", " 2.5 ", "+3", "-0", "1e-320", "0x10", "1d5", "nan", "inf", "-Infinity", "1e999", ".5", "5.", "", "#1", "١"]),
)
"""Cells a file may hold: numbers written every way, and some that only Python's float(), or nothing, reads."""


@given(
    rows=st.lists(st.lists(CELLS, min_size=3, max_size=3), min_size=1, max_size=8),
    delimiter=st.sampled_from(["comma", "semicolon", "tab", "space"]),
)
def test_parsing_at_once_agrees_with_the_careful_parse_or_leaves_the_file_to_it(rows, delimiter):
    from model.csvdata import _carefully
    from model.fastparse import DELIMITERS, at_once

    mark = DELIMITERS[delimiter] or " "
    lines = [mark.join(row) for row in rows]
    fast = at_once("\n".join(lines), 0, delimiter, 3)
    try:
        careful = _carefully(list(enumerate(lines, 1)), delimiter, 3, "f.csv", "", 0)
    except InputError:
        assert fast is None, f"read at once what the careful parse refuses: {lines!r}"
        return
    if fast is not None:
        assert fast.tobytes() == careful.tobytes(), lines


def _children() -> list[str]:
    """The processes whose parent is this one, reaped or not (a zombie is one not waited for)."""
    return [f"{pid} {state}" for pid, (parent, state) in processes().items() if parent == os.getpid()]


@given(
    rows=st.lists(st.one_of(st.just([]), st.lists(CELLS, min_size=3, max_size=3)), min_size=1, max_size=12),
    ends=st.lists(st.sampled_from(["\n", "\r\n", "\r", "\x0c", "\u2028"]), min_size=1, max_size=3),
    parts=st.integers(2, 5),
)
def test_a_file_parsed_in_pieces_by_forked_processes_is_the_one_process_parse(rows, ends, parts):
    """The children parse while this process is free; asked for the rows, it gets them and no child is left."""
    from model.fastparse import _in_processes, _parse

    text = "".join(",".join(row) + ends[i % len(ends)] for i, row in enumerate(rows))  # [] is a blank line
    rows_of = _in_processes(text, 0, "comma", 3, parts)
    assert _children(), "the pieces are being parsed by children of this process"
    pieces = rows_of()
    whole = _parse(text.splitlines(), "comma", 3)
    assert (whole is None) == (pieces is None), text
    if whole is not None:
        assert pieces.tobytes() == whole.tobytes()
    assert not _children()


@pytest.mark.parametrize("bad_line", [2, 15_000, 29_999, 30_001])
def test_a_large_file_read_in_pieces_names_the_same_line_and_reads_the_same_floats(tmp_path, monkeypatch, bad_line):
    from model import csvdata, fastparse

    rs = np.random.RandomState(bad_line)
    table = rs.randn(30_000, 3) * 10.0 ** rs.randint(-5, 6, (30_000, 3))
    lines = ["a,b,y", *(",".join(map(repr, row)) for row in table.tolist())]
    path = tmp_path / "large.csv"
    path.write_text("\r\n".join(lines) + "\r\n")
    one = csvdata.load_csv(str(path))
    monkeypatch.setattr(fastparse, "PARALLEL", 10_000)
    monkeypatch.setattr(fastparse.threading, "active_count", lambda: 1)  # as in the command, before any screen
    forked = csvdata.load_csv(str(path))
    assert all(getattr(forked, k).tobytes() == getattr(one, k).tobytes() for k in ("x1", "x2", "y"))
    lines[bad_line - 1] = lines[bad_line - 1].replace(",", ",x", 1)  # in the first piece, the middle, or the last
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=f"line {bad_line} column 2: 'x"):
        csvdata.load_csv(str(path))
    assert not _children()


def test_the_command_parses_a_large_file_in_pieces_with_the_same_floats(tmp_path):
    import subprocess
    import sys

    from model.fastparse import PARALLEL

    rs = np.random.RandomState(3)
    table = rs.randn(PARALLEL // 50, 3)  # rows of about 60 characters: just past the size the work is shared from
    path = tmp_path / "large.csv"
    np.savetxt(path, table, fmt="%.17g", delimiter=",", header="a,b,y", comments="")
    assert path.stat().st_size > PARALLEL
    script = "import sys; from model.csvdata import load_csv; d = load_csv(sys.argv[1]); "
    script += "sys.stdout.buffer.write(d.x1.tobytes() + d.x2.tobytes() + d.y.tobytes())"
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, check=True, timeout=120)
    assert done.stdout == table[:, 0].tobytes() + table[:, 1].tobytes() + table[:, 2].tobytes()
