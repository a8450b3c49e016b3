"""Closed doors: what a session writes and reads, whoever drives it and whatever the files are named.

Rules, each over its whole class:
- a session served to a browser writes nothing on the server's disk: every palette command, every prompt answered
  with a server path, and the session's save goes to the browser as a download;
- nothing a session writes is a file it reads, through any name for it (relative, symbolic or hard link);
- a save never replaces a file someone else made, even one made after the start;
- a save records the bytes the run was trained on, not the file as it is later;
- a transcript that cannot be written stops alone: the session and its save go on, and one never truncates a file
  or writes through a link;
- a screenshot or a resumed session waits only for what it shows.

What the program says of names, files and refusals is in `test_said_plainly.py`.
"""

from __future__ import annotations

import errno
import hashlib
import inspect
import json
import os
from pathlib import Path

import pytest
from textual.widgets import Input

import tui.formats.files
from model import InputError
from tests.helpers import SIZE, SMALL_CSV, run, until
from tui.app.debugger import Debugger
from tui.app.screens.main import MainScreen
from tui.app.screens.prompt import Prompt
from tui.formats.files import SessionFiles
from tui.formats.saved import load_session
from tui.frontends.cli import main
from tui.frontends.start import build
from tui.records.session import Session


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
        read.write_text(SMALL_CSV, encoding="utf-8")
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
    data.write_text(SMALL_CSV, encoding="utf-8")
    app = build(["--data", str(data), "--lr", "0.01", "--screenshot", "unused.svg"])
    data.write_text(SMALL_CSV + "1,1,1\n", encoding="utf-8")  # edited during the session
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.press("e")
        text = app.main_screen.saving.saved().dumps()
    assert json.loads(text)["data"] == hashlib.sha256(SMALL_CSV.encode()).hexdigest()
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="has changed since the session was saved"):
        build(["--resume", str(path), "--screenshot", "unused.svg"])
    data.write_text(SMALL_CSV, encoding="utf-8")
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
