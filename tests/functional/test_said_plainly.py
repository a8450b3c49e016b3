"""What the program says of names, files and refusals, whoever drives it and whatever the files are named.

Rules, each over its whole class:
- no text from a name, a path or a file reaches the terminal or a transcript unfiltered;
- a name that is not UTF-8 is shown, saved and resumed like any other;
- outside a terminal, or with its output closed, the command says so in one line;
- a lesson every tab would open is checked before `serve` binds, and a refusal echoes no value uncut;
- a paste carrying an escape sequence moves nothing and fills no prompt.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.helpers import SIZE, SMALL_CSV, debugger, screen_lines
from tui.app.screens.prompt import Prompt
from tui.frontends.cli import main
from tui.frontends.paste import GuardedParser
from tui.frontends.start import build

HOSTILE = "x\x1b]0;owned\x07\x9b31m\u202e\x00"
"""ESC and BEL (a title change), a C1 CSI, a bidi override and a NUL: nothing a terminal should be sent."""


def printable(lines: list[str]) -> bool:
    return all(c.isprintable() for line in lines for c in line)


async def test_no_name_path_or_file_text_reaches_the_terminal_or_the_transcript_raw(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / f"{HOSTILE[:-1]}.csv"  # a file name may hold anything but NUL and /
    data.write_text(SMALL_CSV.replace("a,b,y", f"{HOSTILE},b\x1b[2J,y"), encoding="utf-8")
    lesson = tmp_path / "lesson.toml"
    toml = json.dumps  # a JSON string is a TOML basic string
    lesson.write_text(
        f'title = {toml(HOSTILE)}\n[run]\ndata = {toml(data.name)}\nlr = 0.01\n[[notes]]\nat = "start"\ntext = {toml(HOSTILE)}\n',
        encoding="utf-8",
    )
    transcript = tmp_path / "t.txt"
    app = build(["--lesson", str(lesson), "--transcript", str(transcript), "--screenshot", "unused.svg"])
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        seen = [screen_lines(app)]
        for key in ("n", "s", "t", "x"):
            await pilot.press(key)
            seen.append(screen_lines(app))
        app.main_screen.saving.write(tmp_path / f"{HOSTILE[:-1]}.json")  # its notice names the file
        await pilot.pause()
        seen.append(screen_lines(app))
        app.notify(f"a notice naming {HOSTILE}")
        await pilot.pause()
        seen.append(screen_lines(app))
    assert all(printable(lines) for lines in seen)
    assert any("\\x1b]0;owned\\x07" in line for lines in seen for line in lines), "the name is shown, escaped"
    written = transcript.read_text(encoding="utf-8")
    assert all(c.isprintable() or c == "\n" for c in written) and "\\x1b" in written


def test_a_name_that_is_not_utf8_is_shown_saved_and_resumed(tmp_path, capsys):
    name = os.fsdecode(bytes(tmp_path) + b"/d\xff\xfe.csv")
    Path(name).write_text(SMALL_CSV, encoding="utf-8")
    saved = os.fsdecode(bytes(tmp_path) + b"/s\xff.json")
    shot, transcript = str(tmp_path / "x.svg"), os.fsdecode(bytes(tmp_path) + b"/t\xff.txt")
    assert main(["--data", name, "--lr", "0.01", "--keys", "s", "--screenshot", shot, "--transcript", transcript, "--save", saved]) == 0
    assert main(["--resume", saved, "--screenshot", shot]) == 0, capsys.readouterr().err
    assert "\\udcff" in Path(saved).read_text(encoding="utf-8")  # JSON's escape, read back as the same name
    table = json.loads(Path(saved).read_text(encoding="utf-8"))
    table["run"]["data"] = str(tmp_path / "\ud800.csv")  # a name no file on this system can have
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(table), encoding="utf-8")
    capsys.readouterr()
    assert main(["--resume", str(edited), "--screenshot", shot]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a file name this system can have" in err


@pytest.mark.parametrize("form", ["text", "jsonl", "csv"])
def test_trace_with_its_output_closed_says_so(monkeypatch, capsys, form):
    monkeypatch.setattr(sys, "stdout", None)  # what Python makes of `>&-`
    assert main(["trace", "--format", form]) == 2
    assert capsys.readouterr().err == "nn-by-hand: trace: standard output is closed; send it to a file or a pipe\n"


def test_the_debugger_without_a_terminal_says_so_after_checking_its_options(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.delenv("NN_BY_HAND_SERVED_BY", raising=False)
    assert main(["--lr", "x"]) == 2
    assert "--lr" in capsys.readouterr().err
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("nn-by-hand: the debugger needs a terminal to draw in")


LESSONS = {
    "lr not a number": ('[run]\nlr = "abc"\n', "run.lr: 'abc' is not a number"),
    "no epochs": ("[run]\nepochs = 0\n", "run.epochs: must be at least 1"),
    "bad csv": ('[run]\ndata = "bad.csv"\n', "line 2 column 3: 'x' is not a number"),
    "note beyond the run": ('[[notes]]\nat = "9 0"\ntext = "t"\n', "no step at epoch 9, sample 0"),
    "bias as a number": ("[run]\nbias = 1\n", "run.bias: must be true or false, got '1'"),
}


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("front", ["debugger", "serve"])
def test_a_bad_lesson_is_refused_before_anything_starts(tmp_path, monkeypatch, capsys, front, lesson):
    # Rule: serve checks the lesson every tab would open, before it binds a port; so no tab starts on a bad one.
    monkeypatch.chdir(tmp_path)
    text, said = LESSONS[lesson]
    (tmp_path / "bad.csv").write_text("a,b,y\n1,2,x\n")
    (tmp_path / "l.toml").write_text(f'title = "t"\n{text}')
    monkeypatch.setattr("tui.frontends.serve.Classroom.serve", lambda self: pytest.fail("serve started on a bad lesson"))
    argv = ["serve", "--lesson", "l.toml"] if front == "serve" else ["--lesson", "l.toml", "--screenshot", "x.svg"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1 and not (tmp_path / "x.svg").exists()


REFUSALS = {
    "preset 10k": (["--preset", "x" * 10_000], "--preset: unknown preset 'xxx"),
    "size 10k": (["--size", "x" * 10_000, "--screenshot", "x.svg"], "--size: 'xxx"),
    "theme 10k": (["--theme", "x" * 10_000], "--theme: unknown theme 'xxx"),
    "lesson device": (["--lesson", "/dev/zero"], "--lesson: '/dev/zero' is not a regular file"),
    "data empty": (["--data", ""], "--data: give a file name"),
    "transcripts in /proc": (["serve", "--transcripts", "/proc/self"], "--transcripts: cannot write in '/proc/self'"),
    "origin with a bell": (["serve", "--allow-origin", "http://a\x07b"], "--allow-origin: 'http://a\\x07b' is not an origin"),
    "host with an escape": (["serve", "--allow-host", "a\x1bb"], "--allow-host: 'a\\x1bb' is not a host name"),
    "every interface unsaid": (["serve", "--host", ""], "--host: give an address"),
    "arabic digit": (["--data", "arabic.csv"], "'١' is not a number"),
    "full-width digit": (["--data", "wide.csv"], "'１' is not a number"),
    "underscores": (["--data", "underscore.csv"], "'1_000' is not a number"),
}


@pytest.mark.parametrize("refusal", REFUSALS)
def test_what_no_option_allows_is_one_short_line(tmp_path, monkeypatch, capsys, refusal):
    # Rule: one line, status 2, naming the option; a value however long is cut, and nothing starts.
    monkeypatch.chdir(tmp_path)
    for name, cell in (("arabic", "١"), ("wide", "１"), ("underscore", "1_000")):
        (tmp_path / f"{name}.csv").write_text(f"a,b,y\n1,2,{cell}\n3,4,5\n", encoding="utf-8")
    monkeypatch.setattr("tui.frontends.serve.Classroom.serve", lambda self: pytest.fail("serve started"))
    argv, said = REFUSALS[refusal]
    assert main([*argv, *([] if argv[0] == "serve" or "--screenshot" in argv else ["--screenshot", "x.svg"])]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1 and "\x1b" not in err and "\x07" not in err
    assert len(err.split("; choose one of")[0]) <= 200, "the value given was echoed uncut"


async def test_a_pasted_escape_sequence_moves_nothing_and_fills_no_prompt(noisy):
    # Rule: the terminal's bytes for a paste carrying an escape sequence, through the parser the app runs with,
    # leave the run where it was on the main screen, and leave a prompt's field as it was.
    raw = "\x1b[200~hello\x1b]0;sse\x07 e e 1 5\x1b[201~"
    async with debugger(noisy) as (app, pilot):
        before = app.main_screen.position
        for event in GuardedParser().feed(raw):
            app.post_message(event)
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.main_screen.position == before and app.screen is app.main_screen
        await pilot.press("g")
        prompt = app.screen
        assert isinstance(prompt, Prompt)
        for event in GuardedParser().feed(raw):
            app.post_message(event)
        await pilot.pause()
        assert prompt.query_one(Input).value == "" and app.main_screen.position == before
