"""Closed doors: what a session writes, reads and shows, whoever drives it and whatever the files are named.

Rules, each over its whole class:
- a session served to a browser writes nothing on the server's disk: every palette command, every prompt answered
  with a server path, and the session's save goes to the browser as a download;
- no text from a name, a path or a file reaches the terminal or a transcript unfiltered;
- nothing a session writes is a file it reads, through any name for it (relative, symbolic or hard link);
- a save never replaces a file someone else made, even one made after the start;
- a save records the bytes the run was trained on, not the file as it is later;
- a transcript that cannot be written stops alone: the session and its save go on;
- a name that is not UTF-8 is shown, saved and resumed like any other;
- outside a terminal, or with its output closed, the command says so in one line;
- a lesson every tab would open is checked before `serve` binds, and a refusal echoes no value uncut;
- a paste carrying an escape sequence moves nothing and fills no prompt.
"""

from __future__ import annotations

import errno
import hashlib
import inspect
import io
import json
import os
import sys
from pathlib import Path

import pytest
from textual.widgets import Input

import tui.formats.files
from model import InputError
from tests.helpers import SIZE, debugger, run, screen_lines, until
from tui.app.debugger import Debugger
from tui.app.screens.main import MainScreen
from tui.app.screens.prompt import Prompt
from tui.formats.files import SessionFiles
from tui.formats.saved import load_session
from tui.frontends.cli import main
from tui.frontends.paste import GuardedParser
from tui.frontends.start import build
from tui.records.session import Session

CSV = "a,b,y\n" + "".join(f"{i % 7},{i % 3},{2 * (i % 7) - (i % 3)}\n" for i in range(30))
HOSTILE = "x\x1b]0;owned\x07\x9b31m\u202e\x00"
"""ESC and BEL (a title change), a C1 CSI, a bidi override and a NUL: nothing a terminal should be sent."""


def printable(lines: list[str]) -> bool:
    return all(c.isprintable() for line in lines for c in line)


async def test_a_served_session_writes_nothing_on_the_server_and_hands_its_save_to_the_browser(tmp_path, monkeypatch, noisy):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))  # where a terminal app's downloads would go
    monkeypatch.setattr(tui.formats.files, "write_atomic", lambda *args, **kwargs: pytest.fail(f"wrote {args[0]} on the server"))
    app = Debugger(noisy, Session(served=True))
    delivered: list[tuple[str, dict]] = []
    monkeypatch.setattr(app, "deliver_text", lambda file, **kwargs: delivered.append((file.read(), kwargs)))
    monkeypatch.setattr(app, "deliver_binary", lambda file, **kwargs: delivered.append((file.read(), kwargs)))
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.press("s")
        commands = [c for c in app.get_system_commands(app.main_screen) if c.title != "Quit"]
        assert any(c.title == "Save session" for c in commands)
        for command in commands:
            if inspect.isawaitable(done := command.callback()):
                await done
            if command.title == "Screenshot":  # Textual takes it after a 0.1 s timer, so that the palette is gone
                await until(lambda: any(o.get("save_filename", "").endswith(".svg") for _, o in delivered), 30, "the screenshot")
            await pilot.pause()
            for _ in range(5):  # a prompt answered with a path on the server, then closed; any other screen closed
                if app.screen is app.main_screen:
                    break
                if isinstance(app.screen, Prompt):
                    app.screen.query_one(Input).value = str(tmp_path / "taken.json")
                    await app.screen.query_one(Input).action_submit()
                    await pilot.pause()
                if app.screen is not app.main_screen:
                    await pilot.press("escape")
                    await pilot.pause()
            assert app.screen is app.main_screen, command.title
    assert [p for p in tmp_path.rglob("*")] == [], "a served session made a file on the server"
    sessions = [text for text, options in delivered if options.get("save_filename", "").endswith(".json")]
    assert len(sessions) == 1, "the save went to the browser"
    assert any(options.get("save_filename", "").endswith(".svg") for _, options in delivered), "the screenshot went to the browser"
    downloaded = tmp_path / "downloaded.json"
    downloaded.write_text(sessions[0], encoding="utf-8")
    assert load_session(downloaded).run.breakpoints == ("rises",), "the download is the session, which --resume opens"


async def test_no_name_path_or_file_text_reaches_the_terminal_or_the_transcript_raw(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / f"{HOSTILE[:-1]}.csv"  # a file name may hold anything but NUL and /
    data.write_text(CSV.replace("a,b,y", f"{HOSTILE},b\x1b[2J,y"), encoding="utf-8")
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


@pytest.fixture(scope="module")
def saved_session(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("resumed") / "s.json"
    assert main(["--keys", "s", "--screenshot", str(path.with_suffix(".svg")), "--save", str(path)]) == 0
    return path


def _names(tmp_path: Path, target: Path) -> dict[str, str]:
    """Every kind of name for `target`: itself, relative to the working folder, a symbolic link, a hard link."""
    symbolic, hard = tmp_path / f"symbolic{target.suffix}", tmp_path / f"hard{target.suffix}"
    symbolic.symlink_to(target)
    os.link(target, hard)
    return {"same": str(target), "relative": os.path.relpath(target), "symbolic": str(symbolic), "hard": str(hard)}


@pytest.mark.parametrize("output", ["--transcript", "--screenshot", "--save"])
@pytest.mark.parametrize("source", ["data", "lesson", "network", "resumed session"])
def test_nothing_written_is_a_file_the_session_reads_through_any_name(tmp_path, monkeypatch, saved_session, output, source):
    monkeypatch.chdir(tmp_path)
    suffix = {"--transcript": ".txt", "--screenshot": ".svg", "--save": ".json"}[output]
    if source == "resumed session":
        if suffix != ".json":
            suffix = ".json"  # only a .json file is resumed: the transcript may still be given its name
            if output == "--screenshot":
                pytest.skip("a screenshot is an .svg, a session a .json: they are never one file")
        read = tmp_path / f"read{suffix}"
        read.write_bytes(saved_session.read_bytes())
        argv = ["--resume", str(read)]
    elif source == "data":
        read = tmp_path / f"read{suffix}"
        read.write_text(CSV, encoding="utf-8")
        argv = ["--data", str(read)]
    elif source == "network":
        read = tmp_path / f"read{suffix}"
        read.write_text('[network]\nlayers = [["x"], ["o"]]\nactivations = ["linear"]\nloss = "squared"\nlr = 0.1\n', encoding="utf-8")
        argv = ["--network", str(read), "--data", str(tmp_path / "one.csv")]
        (tmp_path / "one.csv").write_text("x,t\n1,2\n3,4\n", encoding="utf-8")
    else:
        read = tmp_path / f"read{suffix}"
        read.write_text('title = "t"\n', encoding="utf-8")
        argv = ["--lesson", str(read)]
    before = read.read_bytes()
    for how, name in _names(tmp_path, read).items():
        extra = ["--screenshot", str(tmp_path / "x.svg")] if output != "--screenshot" else []
        if output == "--save" and source == "resumed session":  # saving a resumed session back is the point of --force
            build([*argv, output, name, "--force", *extra])
            continue
        with pytest.raises(InputError, match=f"^{output}: .* is the {source} file, which this session reads"):
            build([*argv, output, name, *extra, *(["--force"] if output == "--save" else [])])
        assert read.read_bytes() == before, how


def test_a_save_never_replaces_a_file_someone_else_made_even_after_the_start(tmp_path):
    files = SessionFiles(force=False)
    mine, theirs = tmp_path / "mine.json", tmp_path / "theirs.json"
    files.write(mine, "one")
    files.write(mine, "two")  # this session's own file: saved again, in place
    assert mine.read_text() == "two"
    theirs.write_text("theirs")
    with pytest.raises(FileExistsError):
        files.write(theirs, "mine")
    mine.unlink()
    mine.write_text("someone else's, made since")  # another program made a file of the same name
    with pytest.raises(FileExistsError):
        files.write(mine, "three")
    assert theirs.read_text() == "theirs" and mine.read_text() == "someone else's, made since"
    SessionFiles(force=True).write(theirs, "forced")
    assert theirs.read_text() == "forced"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "a temporary file was left behind"


def test_save_at_exit_refuses_a_file_made_during_the_session(tmp_path, monkeypatch, capsys):
    path = tmp_path / "s.json"

    def made_meanwhile(app, shot, size):
        path.write_text("made by someone else")
        return 0

    monkeypatch.setattr("tui.frontends.capture.capture", made_meanwhile)
    assert main(["--screenshot", str(tmp_path / "x.svg"), "--save", str(path)]) == 2
    err = capsys.readouterr().err
    assert "made by someone else since the start; not replaced" in err and err.count("\n") == 1
    assert path.read_text() == "made by someone else"


async def test_a_save_records_the_bytes_the_run_was_trained_on(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(CSV, encoding="utf-8")
    app = build(["--data", str(data), "--lr", "0.01", "--screenshot", "unused.svg"])
    data.write_text(CSV + "1,1,1\n", encoding="utf-8")  # edited during the session
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.press("e")
        text = app.main_screen.saving.saved().dumps()
    assert json.loads(text)["data"] == hashlib.sha256(CSV.encode()).hexdigest()
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="has changed since the session was saved"):
        build(["--resume", str(path), "--screenshot", "unused.svg"])
    data.write_text(CSV, encoding="utf-8")
    build(["--resume", str(path), "--screenshot", "unused.svg"])


async def test_a_transcript_that_cannot_be_written_stops_alone(tmp_path):
    transcript = tmp_path / "t.txt"
    app = build(["--transcript", str(transcript), "--screenshot", "unused.svg"])
    notices: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        file = app._transcript
        assert file is not None

        def full(text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        file.write = full  # type: ignore[method-assign]
        real_notify = app.notify
        app.notify = lambda message, *a, **k: (notices.append(message), real_notify(message, *a, **k))  # type: ignore[method-assign]
        await pilot.press("s")
        await pilot.press("s")
        assert app.is_running and app._transcript is None
        assert app.main_screen.position == 14
        app.main_screen.saving.save_to(tmp_path / "s.json")
    assert len(notices) == 1 and str(transcript) in notices[0] and "No space left on device" in notices[0]
    assert json.loads((tmp_path / "s.json").read_text())["position"] == 14


def test_a_name_that_is_not_utf8_is_shown_saved_and_resumed(tmp_path, capsys):
    name = os.fsdecode(bytes(tmp_path) + b"/d\xff\xfe.csv")
    Path(name).write_text(CSV, encoding="utf-8")
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


def test_the_screen_does_not_wait_for_the_whole_run(tmp_path, monkeypatch):
    """A scripted screenshot, like a resumed session, waits only for what it shows: a long run trains on behind it."""
    seen: list[MainScreen] = []
    real = Debugger.__init__

    def keep(self, *args, **kwargs):
        real(self, *args, **kwargs)
        seen.append(self.main_screen)

    monkeypatch.setattr(Debugger, "__init__", keep)
    argv = ["--activation", "tanh", "--samples", "5000", "--epochs", "100"]
    assert main([*argv, "--screenshot", str(tmp_path / "x.svg"), "--save", str(tmp_path / "s.json")]) == 0
    assert not seen[-1].trained.finished
    table = json.loads((tmp_path / "s.json").read_text())
    table["position"] = 7 * 5000 * 100  # the very end of the run
    (tmp_path / "end.json").write_text(json.dumps(table), encoding="utf-8")
    app = build(["--resume", str(tmp_path / "end.json"), "--screenshot", "unused.svg"])
    assert app.main_screen.trained.steps < 5000, "the resumed run was trained beyond its first stretch before the first frame"


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


@pytest.mark.parametrize("kind", ["file", "link", "dangling link"])
def test_a_transcript_never_truncates_without_force_and_never_writes_through_a_link(tmp_path, kind):
    """--transcript FILE takes a name that is free; with --force it puts a new file in the name's place, in one
    step: a link is replaced itself, never followed, and what was there before is never emptied."""
    target, name = tmp_path / "elsewhere" / "target.txt", tmp_path / "t.txt"
    target.parent.mkdir()
    if kind == "file":
        name.write_text("mine")
        os.link(name, target)  # another name for it, which must keep what it holds
    else:
        name.symlink_to(target)
        if kind == "link":
            target.write_text("mine")
    argv = ["--keys", "n", "--screenshot", str(tmp_path / "x.svg"), "--transcript", str(name)]
    refused = run(*argv)
    assert refused.returncode == 2 and refused.stderr == f"nn-by-hand: --transcript: '{name}' exists; give another name, or add --force\n"
    assert not (tmp_path / "x.svg").exists()
    assert run(*argv, "--force").returncode == 0
    assert not name.is_symlink() and "epoch 1/5 · sample 0/100 · forward" in name.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "t.txt", "x.svg"], "no part-written file is left"
    assert [p.read_text() for p in target.parent.iterdir()] == ([] if kind == "dangling link" else ["mine"]), "written through"
