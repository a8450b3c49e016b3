"""`nn-by-hand record`: one recording in a pseudo-terminal of its own, written as a cast, a GIF or an animated
SVG, each valid, each written whole or not at all, and never over a file without --force."""

import json
import re
import struct
import xml.etree.ElementTree as ElementTree

import pytest

from tests.helpers import run, stderr_on_a_terminal
from tui.frontends.record import LAST_FRAME_HELD, finish

SHORT = ["--keys", "s e e", "--pace", "0.2", "--size", "100x30"]
"""A recording of two epochs' ends in a few seconds."""


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """One recording, written in every format."""
    folder = tmp_path_factory.mktemp("record")
    outs = [folder / f"short{kind}" for kind in (".cast", ".gif", ".svg")]
    result = run("record", *map(str, outs), *SHORT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out) for out in outs]
    return outs


def test_the_cast_is_asciicast_v2_at_the_size_asked_with_a_marker_per_epoch_and_the_last_frame_held(recorded):
    header, *lines = recorded[0].read_text().splitlines()
    head = json.loads(header)
    assert head["version"] == 2 and (head["width"], head["height"]) == (100, 30)
    events = [json.loads(line) for line in lines]
    assert [e[2] for e in events if e[1] == "m"] == ["end of epoch 1", "end of epoch 2"]
    assert [e[0] for e in events] == sorted(e[0] for e in events)
    assert "RMSE 129.8450" in "".join(e[2] for e in events if e[1] == "o")  # the end of epoch 1 was on screen
    leave = max(i for i, e in enumerate(events) if e[1] == "o" and "\x1b[?1049l" in e[2])
    assert round(events[leave][0] - events[leave - 1][0], 6) >= LAST_FRAME_HELD, "the last frame is not held"


def test_the_gif_decodes_with_many_frames_of_the_terminals_size(recorded):
    data = recorded[1].read_bytes()
    assert data[:6] == b"GIF89a" and data.endswith(b";")
    width, height = struct.unpack("<HH", data[6:10])
    assert 100 * 7 <= width <= 100 * 10 and 30 * 14 <= height <= 30 * 25  # 100x30 cells of a readable font
    frames = re.findall(rb"\x2c\x00\x00\x00\x00(..)(..)", data)  # each frame's image descriptor at the origin
    assert len(data.split(b"\x21\xf9\x04")) - 1 > 5, "a GIF of one frame does not play"
    assert all(struct.unpack("<HH", w + h) == (width, height) for w, h in frames)


def test_the_svg_is_well_formed_and_plays_its_frames_in_turn(recorded):
    text = recorded[2].read_text()
    root = ElementTree.fromstring(text)
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 840 510"
    frames = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "f"]
    assert len(frames) > 5
    style = next(root.iter("{http://www.w3.org/2000/svg}style")).text
    assert "infinite" in style and all(f"@keyframes k{i}{{" in style for i in range(len(frames)))
    assert "RMSE 129.8450" in text  # what the run showed is in the picture, as text


def test_markers_go_where_each_epoch_ends_and_the_last_frame_is_held():
    events = [
        (0.1, "\x1b[?1049h\x1b[1mepoch 0/5 · sample -/100 · start "),
        (0.5, "\x1b[1mepoch 1/5 · sample 0/100 · forward "),  # an epoch's start is not its end
        (0.9, "epoch 1/5 · sample 99/100 · w4 · RMSE 129.8450"),
        (1.2, "epoch 1/5 · sample 99/100 · w4 · RMSE 129.8450"),
        (1.5, "\x1b[1mepoch\x1b[0m 3/5 · sample 99/"),  # styles inside the text do not hide it,
        (1.6, "100 · w4 "),  # nor a status line written in two pieces
        (2.0, "\x1b[?1049l"),
        (2.1, "$ "),
    ]
    cast = finish(events)
    assert [e for e in cast if e[1] == "m"] == [(0.9, "m", "end of epoch 1"), (1.6, "m", "end of epoch 3")]
    assert [e[0] for e in cast if e[1] == "o"] == [0.1, 0.5, 0.9, 1.2, 1.5, 1.6, 1.6 + LAST_FRAME_HELD, 1.7 + LAST_FRAME_HELD]


@pytest.mark.parametrize(
    "args, said",
    [
        (["out.mp4"], "record: 'out.mp4' must end in .cast, .gif or .svg"),
        (["no/such/folder/x.gif"], "record: folder 'no/such/folder' does not exist"),
        (["x.cast", "--lr", "-1"], "--lr"),
        (["x.cast", "--lesson", "nope"], "--lesson: no lesson file 'nope'"),
        (["x.cast", "--size", "10x10"], "--size: must be from 40x12"),
        (["x.cast", "--keys", "s banana"], "--keys: unknown key 'banana'"),
    ],
)
def test_a_bad_option_or_path_is_one_line_and_status_2_and_writes_nothing(tmp_path, args, said):
    result = run("record", *args, cwd=tmp_path)
    assert result.returncode == 2 and said in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert not list(tmp_path.iterdir())


def test_an_existing_file_is_replaced_only_with_force_and_only_once_the_new_one_is_whole(tmp_path, recorded):
    out = tmp_path / "old.cast"
    out.write_text("mine")
    result = run("record", str(out), *SHORT)
    assert result.returncode == 2 and "exists; give another name, or add --force" in result.stderr
    assert out.read_text() == "mine"
    failed = run("record", str(out), "--force", "--lesson", str(tmp_path / "missing.toml"))
    assert failed.returncode == 2 and out.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.cast"], "no part-written file is left"
    assert run("record", str(out), "--force", *SHORT).returncode == 0
    assert json.loads(out.read_text().splitlines()[0])["version"] == 2


def test_on_a_terminal_a_progress_line_says_what_is_recorded_and_written_and_is_erased(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    command = [str(Path(sys.executable).parent / "nn-by-hand"), "record", str(tmp_path / "x.cast"), "--keys", "s e", "--pace", "0.2"]
    done, text = stderr_on_a_terminal(command, subprocess.PIPE, 120)
    assert done.returncode == 0 and done.stdout.decode().strip() == str(tmp_path / "x.cast")
    assert "\rrecording [" in text and f"\rrecording [{'#' * 30}] 100%" in text
    assert f"\rwriting x.cast [{'#' * 30}] 100%" in text and text.endswith("\r\x1b[2K")


CSV = "a,b,y\n1,2,3\n2,1,4\n3,3,5\n"
LESSON = 'title = "t"\n[play]\nkeys = "s"\n'
READING = LESSON.replace("[play]", '[run]\ndata = "d.cast"\n[play]')
"""A lesson whose data file is d.cast, beside it."""


@pytest.mark.parametrize(
    "files, args, said",
    [
        ({"out.cast": CSV}, ["out.cast", "--data", "out.cast"], "record: 'out.cast' is the data file, which this recording reads"),
        ({"x.cast": LESSON}, ["x.cast", "--lesson", "x.cast"], "record: 'x.cast' is the lesson file, which this recording reads"),
        ({"d.cast": CSV, "l.toml": READING}, ["d.cast", "--lesson", "l.toml"], "record: 'd.cast' is the data file"),
        ({"data.csv": CSV, "link.gif": "->data.csv"}, ["link.gif", "--data", "data.csv"], "record: 'link.gif' is the data file"),
        ({"l.toml": READING, "d.cast": CSV, "d.svg": "->d.cast"}, ["d.svg", "--lesson", "l.toml"], "record: 'd.svg' is the data file"),
        ({}, ["a.cast", "a.cast"], "record: 'a.cast' is given twice"),
    ],
)
def test_record_never_writes_over_what_it_reads_even_with_force(tmp_path, files, args, said):
    """The data file and the lesson (a lesson's own data file too), named directly or through a link, are inputs."""
    for name, content in files.items():
        if content.startswith("->"):
            (tmp_path / name).symlink_to(content[2:])
        else:
            (tmp_path / name).write_text(content)
    before = {p.name: p.read_text() for p in tmp_path.iterdir()}
    result = run("record", *args, "--force", cwd=tmp_path)
    assert result.returncode == 2 and said in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == before
