"""Hostile input at the command line and in files: one line on stderr, exit status 2, never a traceback, a hang or a lost file.

Every case found by hand or by hypothesis is kept here as an explicit case.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import string
import subprocess

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from model import Config, InputError
from model.numbers import real, whole
from model.options import RUN_OPTIONS
from tests.helpers import COMMAND, cli, run
from tui.formats import files
from tui.formats.lesson import load_lesson
from tui.frontends.cli import main

HUGE = "9" * 5000
MARKUP = "[/x]"
TITLE_ESCAPE = "\x1b]2;owned\x07"


def one_line(result, *words: str) -> str:
    """Assert the classic refusal: status 2, a single line naming what is wrong, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert result.stderr.startswith("nn-by-hand: ") and result.stderr.count("\n") == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    for word in words:
        assert word in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "args, named",
    [
        (["--epochs", "²"], "--epochs"),
        (["--epochs", HUGE], "--epochs"),
        (["--seed", HUGE], "--seed"),
        (["--lr", HUGE], "--lr"),
        (["--lr", "1" + "0" * 400], "--lr"),
        (["--samples", "1000000000"], "--epochs: epochs × samples"),
        (["--size", "²x²", "--screenshot", "x.svg"], "--size"),
        (["--speed", "١٠"], "--speed"),
        (["--pace", "1e999"], "--pace"),
        (["serve", "--port", "²"], "--port"),
        (["--data", "/dev/zero"], "--data"),
        (["--data", "x" * 5000 + ".csv"], "--data"),
        (["--lesson", "x" * 5000 + ".toml"], "--lesson"),
        (["--screenshot", "/tmp"], "--screenshot"),
        (["--screenshot", "/dev/full"], "--screenshot"),
        (["--screenshot", "x.png"], "--screenshot"),
        (["--screenshot", ""], "--screenshot"),
        (["--screenshot", "x" * 5000 + ".svg"], "--screenshot"),
        (["--transcript", "x" * 5000 + ".txt"], "--transcript"),
        (["--transcript", ""], "--transcript"),
        (["--transcript", "/dev/full"], "--transcript"),
        (["--keys", TITLE_ESCAPE], "--keys"),
        (["--theme", TITLE_ESCAPE], "--theme"),
    ],
    ids=lambda value: " ".join(value)[:40] if isinstance(value, list) else "",
)
def test_hostile_options_are_refused_in_one_line(args, named):  # ids: the option named
    one_line(run(*args), named)


def test_a_screenshot_to_a_folder_the_system_refuses_is_one_line(tmp_path):
    one_line(run("--screenshot", "/proc/x.svg"), "--screenshot")


def test_features_given_in_other_scripts_digits_are_refused(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("a,b,y\n1,2,3\n2,1,4\n")
    one_line(run("--data", str(data), "--features", "²,1"), "--features")


def test_a_fifo_is_refused_rather_than_waited_on(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    one_line(cli("--data", str(fifo), timeout=30), "--data", "is not a regular file")  # a process: a hang must not hang the suite
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_trace_to_a_full_disk_is_one_line():
    with open("/dev/full", "w") as full:
        result = subprocess.run([*COMMAND, "trace", "--format", "jsonl"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 2 and "No space left on device" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "lesson, named",
    [
        ('[run]\nepochs = "²"', "run.epochs"),
        ("[run]\nlr = 1e400", "run.lr"),
        (f"[run]\nlr = {'1' + '0' * 400}", "run.lr"),
        (f"[run]\nepochs = {HUGE}", "not a lesson"),
        ("[initial]\nw1 = nan\nw2 = 1\nw3 = 1\nw4 = 1\nw5 = 1\nw6 = 1", "initial.w1: must be a finite number"),
        (f"[initial]\nw1 = {'1' + '0' * 400}\nw2 = 1\nw3 = 1\nw4 = 1\nw5 = 1\nw6 = 1", "initial.w1: must be a finite number"),
        ("[play]\npace = 1e400", "play.pace"),
        ("[play]\nspeed = 99999999999999999999", "play.speed"),
        ("x = " + "[" * 100_000 + "]" * 100_000, "not a lesson"),
        ("breakpoints = [1]", "breakpoints[0]: must be text"),
        ('breakpoints = ["9999 0"]', "breakpoints[0]: no step at epoch 9999"),
        ("[run]\nrandom-state = 1\nrandom_state = 2", "given twice"),
        ('[run]\ndata = "missing.csv"', "run.data: no file"),
        (f'title = "{MARKUP}"\n[[notes]]\nat = "{MARKUP}"\ntext = "x"', "notes[0].at"),
    ],
    ids=lambda value: value[:40] if isinstance(value, str) else "",
)
def test_hostile_lessons_are_refused_in_one_line_naming_the_file_and_key(tmp_path, lesson, named):
    path = tmp_path / "bad.toml"
    path.write_text(lesson)
    stderr = one_line(run("--lesson", str(path), "--screenshot", str(tmp_path / "x.svg")), named)
    assert stderr.startswith(f"nn-by-hand: {path}: ") and stderr.count("bad.toml") == 1


def test_a_lesson_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'title = "BOM"\n')
    assert load_lesson(str(path)).session.title == "BOM"


HOSTILE_TEXT = [MARKUP, "[bold]x", "[link=x]y", TITLE_ESCAPE, "\x1b[2J\x1b[H", "\x00\x07\x08", "\u202e", "🙂" * 40, "x" * 300]


@pytest.mark.parametrize("hostile", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_hostile_text_in_a_csv_header_and_a_lesson_is_shown_as_text(tmp_path, hostile):
    data = tmp_path / "d.csv"
    data.write_text(f"{hostile.replace(',', ' ')},b,y\n1,2,3\n2,1,4\n3,3,3\n", encoding="utf-8")
    lesson = tmp_path / "l.toml"
    quoted = json.dumps(hostile, ensure_ascii=False)  # a JSON string is a TOML basic string
    lesson.write_text(f'title = {quoted}\n[run]\ndata = "d.csv"\n[[notes]]\nat = "start"\ntext = {quoted}\n[show]\ndata = true\n')
    shot, transcript = tmp_path / "x.svg", tmp_path / "t.txt"
    result = run("--lesson", str(lesson), "--keys", "n", "--screenshot", str(shot), "--transcript", str(transcript))
    assert result.returncode == 0, result.stderr
    for written in (shot.read_text(encoding="utf-8"), transcript.read_text(encoding="utf-8")):
        assert not any(c in written for c in "\x1b\x07\x00"), "a control character reached the output"


@pytest.mark.parametrize("args", [["--theme", "bogus"], ["--size", "0x0", "--screenshot", "x.svg"], ["--screenshot", "/no/such/x.svg"]])
def test_nothing_is_opened_for_writing_before_every_option_is_valid(tmp_path, args):
    data = tmp_path / "d.csv"
    data.write_text("a,b,y\n1,2,3\n2,1,4\n")
    one_line(run("--data", str(data), "--transcript", str(data), *args))
    assert data.read_text() == "a,b,y\n1,2,3\n2,1,4\n"


def test_a_failed_screenshot_leaves_the_old_one_whole(tmp_path, monkeypatch, capsys):
    shot = tmp_path / "x.svg"
    shot.write_text("<svg>the good one</svg>")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full_disk)
    assert main(["--keys", "s", "--screenshot", str(shot)]) == 2
    assert capsys.readouterr().err == f"nn-by-hand: --screenshot: cannot write '{shot}': No space left on device\n"
    assert shot.read_text() == "<svg>the good one</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["x.svg"], "a temporary file was left behind"


@given(st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none()))
@example("²")
@example("00000000000" + "\x1f" * 10 + "\U000101fe\U00011375" + "\U00018cd6" * 4)  # escapes made it 236 characters
@example(HUGE)
@example("1e999")
@example(10**400)
def test_numbers_are_read_or_refused_with_input_error_only(value):
    for read in (lambda v: whole("--x", v, 0), lambda v: real("--x", v)):
        try:
            read(value)
        except InputError as error:
            assert "\n" not in str(error) and "\x1b" not in str(error) and len(str(error)) < 200


@given(st.text(alphabet=string.printable + "²١🙂[]/", max_size=30))
@example("² 0")
@example(f"{HUGE} 0")
def test_every_option_value_is_accepted_or_refused_as_input(text):
    for option in RUN_OPTIONS:  # every one, so a new option is covered the day it is added
        with contextlib.suppress(InputError):
            Config.from_options({option: text})


def test_a_transcript_folder_gets_a_new_file_each_time_and_never_overwrites(tmp_path):
    opened = [files.create_new(tmp_path, "session") for _ in range(3)]
    for out in opened:
        out.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(set(names)) == 3 and all(name.startswith("session-") for name in names)
