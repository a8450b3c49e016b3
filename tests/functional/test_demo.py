"""`make demo`'s recorder: asciinema in a real pseudo-terminal, with a marker at each epoch."""

import json
import shutil
import sys

import pytest

from tui.frontends.demo import LAST_FRAME_HELD, finish, record

needs_tools = pytest.mark.skipif(not (shutil.which("asciinema") and shutil.which("tmux")), reason="needs asciinema and tmux")


@needs_tools
def test_a_recording_is_asciicast_v2_with_a_marker_per_epoch(tmp_path):
    cast = tmp_path / "demo.cast"
    record(cast, ["--keys", "s e e", "--pace", "0.2", "--exit-at-end"])
    header, *lines = cast.read_text().splitlines()
    assert json.loads(header)["version"] == 2
    assert (json.loads(header)["width"], json.loads(header)["height"]) == (120, 40)
    events = [json.loads(line) for line in lines]
    assert [e[2] for e in events if e[1] == "m"] == ["end of epoch 1", "end of epoch 2"]
    assert [e[0] for e in events] == sorted(e[0] for e in events)
    screen = "".join(e[2] for e in events if e[1] == "o")
    assert "RMSE 129.8450" in screen  # the end of epoch 1 was on screen
    leave = next(i for i, e in enumerate(events) if e[1] == "o" and "\x1b[?1049l" in e[2])
    held = round(events[leave][0] - events[leave - 1][0], 6)  # casts keep microseconds; 6.611025 − 3.611025 is 2.9999999999999996
    assert held >= LAST_FRAME_HELD, "the last frame is not held before the screen clears"


def test_markers_go_where_each_epoch_ends_and_the_last_frame_is_held(tmp_path):
    cast = tmp_path / "made.cast"
    frames = [
        [0.1, "o", "\x1b[?1049h\x1b[1mepoch 0/5 · sample -/100 · start "],
        [0.5, "o", "\x1b[1mepoch 1/5 · sample 0/100 · forward "],  # an epoch's start is not its end
        [0.9, "o", "epoch 1/5 · sample 99/100 · w4 · RMSE 129.8450"],
        [1.2, "o", "epoch 1/5 · sample 99/100 · w4 · RMSE 129.8450"],
        [1.5, "o", "\x1b[1mepoch\x1b[0m 3/5 · sample 99/100 · w4 "],  # styles inside the text do not hide it
        [2.0, "o", "\x1b[?1049l"],
        [2.1, "o", "$ "],
    ]
    cast.write_text("\n".join(json.dumps(x) for x in [{"version": 2, "width": 120, "height": 40}, *frames]) + "\n")
    assert finish(cast) == ["end of epoch 1", "end of epoch 3"]
    events = [json.loads(line) for line in cast.read_text().splitlines()[1:]]
    assert [e for e in events if e[1] == "m"] == [[0.9, "m", "end of epoch 1"], [1.5, "m", "end of epoch 3"]]
    assert [e[0] for e in events if e[1] == "o"] == [0.1, 0.5, 0.9, 1.2, 1.5, 1.5 + LAST_FRAME_HELD, 1.6 + LAST_FRAME_HELD]


def test_demo_needs_an_output_file(capsys, monkeypatch):
    from tui.frontends import demo

    monkeypatch.setattr(sys, "argv", ["demo"])
    with pytest.raises(SystemExit, match="usage"):
        demo.main()
