"""What `nn-by-hand record` refuses and says: a bad option or path in one line with status 2 and nothing written,
an output under a file, a progress line on a terminal that is erased, Ctrl+C saying what was and was not written,
and never a write over what it reads, even with --force."""

import pytest

from tests.helpers import run, stderr_on_a_terminal


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


def test_an_out_under_a_file_is_refused_as_a_file_not_a_folder(tmp_path):
    (tmp_path / "a.cast").write_text("mine")
    result = run("record", "a.cast/x.gif", cwd=tmp_path)
    assert result.returncode == 2 and "record: 'a.cast' is a file, not a folder" in result.stderr


def test_on_a_terminal_a_progress_line_says_what_is_recorded_and_written_and_is_erased(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    command = [str(Path(sys.executable).parent / "nn-by-hand"), "record", str(tmp_path / "x.cast"), "--keys", "s e", "--pace", "0.2"]
    done, text = stderr_on_a_terminal(command, subprocess.PIPE, 120)
    assert done.returncode == 0 and done.stdout.decode().strip() == str(tmp_path / "x.cast")
    assert "\rrecording [" in text and f"\rrecording [{'#' * 30}] 100%" in text
    assert f"\rwriting x.cast [{'#' * 30}] 100%" in text and text.endswith("\r\x1b[2K")


def test_ctrl_c_says_in_one_line_what_was_not_written_and_leaves_no_file_nor_debugger(tmp_path):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from tests.helpers import processes

    outs = [tmp_path / "x.cast", tmp_path / "x.svg"]
    command = [str(Path(sys.executable).parent / "nn-by-hand"), "record", *map(str, outs), "--keys", "s s s s", "--pace", "1"]
    recorder = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_interruptible
    )
    try:
        end, debugger = time.monotonic() + 60, None
        while debugger is None and time.monotonic() < end:  # recording: the debugger it plays has started
            debugger = next((pid for pid, (parent, _) in processes().items() if parent == recorder.pid), None)
            time.sleep(0.05)
        assert debugger is not None, "the recorder never started its debugger"
        recorder.send_signal(signal.SIGINT)
        out, err = recorder.communicate(timeout=30)
    finally:
        if recorder.poll() is None:
            recorder.kill()
            recorder.wait()
    assert recorder.returncode == 130 and out == ""
    assert err == f"record: interrupted; not written: {outs[0]}, {outs[1]}\n"
    assert list(tmp_path.iterdir()) == [] and debugger not in processes()


def _interruptible() -> None:
    """SIGINT as a terminal's job has it, even where these tests run with it ignored (started in the background)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


CSV = "a,b,y\n1,2,3\n2,1,4\n3,3,5\n"
SMALL = 'title = "t"\n[play]\nkeys = "s"\n'
READING = SMALL.replace("[play]", '[run]\ndata = "d.cast"\n[play]')
"""A lesson whose data file is d.cast, beside it."""
NETWORK = (
    '[network]\nlayers = [["x"], ["o"]]\nactivations = ["linear"]\nloss = "squared"\nlr = 0.1\n[data]\ninputs = [[1]]\ntargets = [[2]]\n'
)
"""The smallest network file."""
NETWORK_LESSON = 'title = "n"\n[run]\nnetwork = "n.gif"\n'
"""A lesson whose network file is n.gif, beside it."""


@pytest.mark.parametrize(
    "files, args, said",
    [
        ({"out.cast": CSV}, ["out.cast", "--data", "out.cast"], "record: 'out.cast' is the data file, which this recording reads"),
        ({"x.cast": SMALL}, ["x.cast", "--lesson", "x.cast"], "record: 'x.cast' is the lesson file, which this recording reads"),
        ({"d.cast": CSV, "l.toml": READING}, ["d.cast", "--lesson", "l.toml"], "record: 'd.cast' is the data file"),
        ({"data.csv": CSV, "link.gif": "->data.csv"}, ["link.gif", "--data", "data.csv"], "record: 'link.gif' is the data file"),
        ({"l.toml": READING, "d.cast": CSV, "d.svg": "->d.cast"}, ["d.svg", "--lesson", "l.toml"], "record: 'd.svg' is the data file"),
        ({"n.cast": NETWORK}, ["n.cast", "--network", "n.cast"], "record: 'n.cast' is the network file, which this recording reads"),
        ({"n.gif": NETWORK, "l.toml": NETWORK_LESSON}, ["n.gif", "--lesson", "l.toml"], "record: 'n.gif' is the network file"),
        ({}, ["a.cast", "a.cast"], "record: 'a.cast' is given twice"),
    ],
)
def test_record_never_writes_over_what_it_reads_even_with_force(tmp_path, files, args, said):
    """The data file, the network file and the lesson (a lesson's own data and network files too), named directly
    or through a link, are inputs."""
    for name, content in files.items():
        if content.startswith("->"):
            (tmp_path / name).symlink_to(content[2:])
        else:
            (tmp_path / name).write_text(content)
    before = {p.name: p.read_text() for p in tmp_path.iterdir()}
    result = run("record", *args, "--force", cwd=tmp_path)
    assert result.returncode == 2 and said in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == before
