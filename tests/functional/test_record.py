"""`nn-by-hand record`: one recording in a pseudo-terminal of its own, written as a cast, a GIF or an animated
SVG, each valid, each written whole or not at all, and never over a file without --force. What it refuses, and what
it says while it records or is stopped, is in `test_record_refusals.py`."""

import json
import re
import struct
import xml.etree.ElementTree as ElementTree

import pyte
import pytest

from model import InputError
from tests.functional.test_readme import block
from tests.helpers import run
from tui.app.autopilot import UNATTENDED
from tui.frontends.frames import BEGIN, DRAWN_IN, END, PUT_BACK, SYNC_QUERY, whole_frames
from tui.frontends.record import LAST_FRAME_HELD, capture, finish
from tui.frontends.svgcast import animated
from tui.records.session import READY

SHORT = ["--keys", "s e e", "--pace", "0.2", "--size", "100x30"]
"""A recording of two epochs' ends in a few seconds."""
LESSON = block("toml", "in a lesson written in steps")
"""The README's lesson in steps: a question the script answers, one it leaves, a stop after a reveal, two epochs' ends."""
ALLOWED = re.compile(r"\x1b\[[0-9;]*[mH]|\x1b\[\?(?:25|7)[hl]")
"""The only escape sequences a recording may hold: colours, the cursor's place, and the modes frames are drawn in."""


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """One recording of the lesson, written in every format."""
    folder = tmp_path_factory.mktemp("record")
    (folder / "lesson.toml").write_text(LESSON)
    outs = [folder / f"lesson{kind}" for kind in (".cast", ".gif", ".svg")]
    result = run("record", *map(str, outs), "--lesson", str(folder / "lesson.toml"), "--pace", "0.2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out) for out in outs]
    return outs


def screens(cast: str) -> list[tuple[float, pyte.Screen]]:
    """Each output event of a cast replayed in a terminal emulator: the screen after it, as lines and cells."""
    header, *lines = cast.splitlines()
    head = json.loads(header)
    screen = pyte.Screen(head["width"], head["height"])
    stream, shown = pyte.Stream(screen), []
    for at, kind, data in map(json.loads, lines):
        if kind == "o":
            stream.feed(data)
            shown.append((at, [dict(screen.buffer[y]) for y in range(screen.lines)], list(screen.display)))
    return shown


def reversed_runs(cells: dict, width: int) -> list[str]:
    """The text of each run of highlighted (reverse video) cells in a row."""
    runs, current = [], ""
    for x in range(width):
        if x in cells and cells[x].reverse:
            current += cells[x].data
        elif current:
            runs, current = [*runs, current], ""
    return [*runs, current] if current else runs


def whole(cells: list[dict], lines: list[str]) -> str | None:
    """Why this screen mixes two steps, if it does: the status line's step, the highlighted parameter in the
    network, the derivatives and the changes, the forward pass's sample and the changed weight's value must agree."""
    status = re.search(r"epoch \d+/\d+ · sample ([-\d]+)/\d+ · (\S+) ·", lines[0])
    if status is None:
        return f"no status line: {lines[0]!r}"
    sample, phase = status.groups()
    highlighted = {}
    for y, row in enumerate(cells):
        for text in reversed_runs(row, len(lines[y])):
            if found := re.match(r"(?:∂L/∂)?([wb]\d)[ =]", text.strip()):
                highlighted.setdefault(found.group(1), []).append(text.strip())
    legend = re.findall(r"highlighted: ([wb]\d), being updated", "".join(lines))
    names = set(highlighted) | set(legend)
    if phase not in ("start", "forward", "end", "fork") and names - {phase}:
        return f"status at {phase}, highlighted {sorted(names)}"
    if phase in ("start", "forward") and names:
        return f"status at {phase}, yet {sorted(names)} highlighted"
    if (forward := re.search(r"│ sample (\d+) ", "".join(lines))) and forward.group(1) != sample:
        return f"status at sample {sample}, forward pass at sample {forward.group(1)}"
    changed = [re.search(r"→ (-?[\d.]+)", text) for text in highlighted.get(phase, [])]
    drawn = [re.match(rf"{phase} ([+-][\d.]+)", text) for text in highlighted.get(phase, [])]
    new = {float(m.group(1)) for m in changed if m} | {float(m.group(1)) for m in drawn if m}
    return f"{phase} is {sorted(new)} in different panels" if len(new) > 1 else None


def test_every_frame_of_a_recording_is_whole_and_it_starts_and_ends_on_the_debugger(recorded):
    """Replayed in a terminal emulator, each event of the cast is a screen the debugger meant to show."""
    cast = recorded[0].read_text()
    shown = screens(cast)
    problems = [f"{at} s: {problem}" for at, cells, lines in shown if (problem := whole(cells, lines))]
    assert not problems, problems[:5]
    for at, _, data in map(json.loads, cast.splitlines()[1:]):
        strays = [code for code in re.findall(r"\x1b(?:\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07]*\x07|.)", data) if not ALLOWED.fullmatch(code)]
        assert not strays, f"{at} s: {strays[:5]}"
    (start, _, first), (_, _, last) = shown[0], shown[-1]
    assert start == 0 and "epoch 0/5 · sample -/100 · start" in first[0] and first[0][0] == " "
    assert " n Next " in first[-1] and all(any(f"─ {panel} ─" in line for line in first) for panel in ("Network", "Data")), "all there"
    assert "epoch 2/5 · sample 99/100 · w4" in last[0] and last[0][0] == " " and " n Next " in last[-1]
    assert shown[-2][2] == last, "the last event puts the terminal back, and changes nothing on screen"


def test_a_recorded_lesson_shows_each_question_the_scripted_answer_and_each_reveal(recorded):
    shown = [(at, "\n".join(lines)) for at, _, lines in screens(recorded[0].read_text())]
    asked = [at for at, text in shown if "Predict ∂L/∂w5" in text]
    typed = [at for at, text in shown if "-141.8247" in text and "Predict ∂L/∂w5" in text]
    revealed = [at for at, text in shown if "You predicted ∂L/∂w5 = -141.8247; it is -141.8247" in text and "· w5 ·" in text]
    assert asked and typed and revealed and asked[0] < typed[0] < revealed[0]
    held = [at for at, text in shown if "Predict ∂L/∂w6" in text]
    assert held[0] - revealed[0] >= 2.5 * 0.2, "the stop holds the reveal for 2.5 paces before the next question"
    unanswered = [at for at, text in shown if "∂L/∂w6 = -2·H2·r = -2·(-1.5974)·(-84.6186) = -270.3457" in text]
    assert unanswered and unanswered[0] - held[0] >= 0.2 and "You predicted ∂L/∂w6" not in dict(shown)[unanswered[0]]


def test_the_cast_is_asciicast_v2_at_the_size_asked_with_a_marker_per_epoch_and_the_last_frame_held(recorded):
    header, *lines = recorded[0].read_text().splitlines()
    head = json.loads(header)
    assert head["version"] == 2 and (head["width"], head["height"]) == (120, 40)
    events = [json.loads(line) for line in lines]
    assert [e[2] for e in events if e[1] == "m"] == ["end of epoch 1", "end of epoch 2"]
    assert [e[0] for e in events] == sorted(e[0] for e in events)
    assert "RMSE 129.8450" in "".join(e[2] for e in events if e[1] == "o")  # the end of epoch 1 was on screen
    held = round(events[-1][0] - events[-2][0], 6)
    assert held == max(LAST_FRAME_HELD, (UNATTENDED + 1) * 0.2), "the last frame stays as a note at a stop does, 3 s at least"
    ending = events[-1][2]
    assert ending == f"\x1b[40;1H{PUT_BACK}", "the cursor ends on the last line, not over the status line"


def test_the_gif_decodes_with_many_frames_of_the_terminals_size(recorded):
    data = recorded[1].read_bytes()
    assert data[:6] == b"GIF89a" and data.endswith(b";")
    width, height = struct.unpack("<HH", data[6:10])
    assert 120 * 7 <= width <= 120 * 10 and 40 * 14 <= height <= 40 * 25  # 120x40 cells of a readable font
    images = gif_images(data)
    assert len(images) > 5, "a GIF of one frame does not play"
    assert images[0] == (0, 0, width, height), "the first frame is the whole picture"
    assert all(left + w <= width and top + h <= height for left, top, w, h in images), "each later one a part of it"


def gif_images(data: bytes) -> list[tuple[int, int, int, int]]:
    """Each image of a GIF, read block by block (a pattern searched for in the bytes can match compressed data):
    its left, top, width and height."""

    def past_sub_blocks(at: int) -> int:
        while data[at]:
            at += data[at] + 1
        return at + 1

    def colour_table(flags: int) -> int:
        return 3 << ((flags & 7) + 1) if flags & 0x80 else 0

    at, images = 13 + colour_table(data[10]), []
    while data[at] != 0x3B:  # the trailer
        if data[at] == 0x21:  # an extension: its label, then its sub-blocks
            at = past_sub_blocks(at + 2)
        else:
            assert data[at] == 0x2C, f"byte {at} starts no GIF block"
            *place, flags = struct.unpack("<HHHHB", data[at + 1 : at + 10])
            images.append(tuple(place))
            at = past_sub_blocks(at + 10 + colour_table(flags) + 1)  # past the LZW code size, then the image
    return images


def test_the_svg_is_well_formed_and_plays_its_frames_in_turn(recorded):
    text = recorded[2].read_text()
    root = ElementTree.fromstring(text)
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 1008 680"
    frames = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "f"]
    assert len(frames) > 5
    style = next(root.iter("{http://www.w3.org/2000/svg}style")).text
    assert "infinite" in style and all(f"@keyframes k{i}{{" in style for i in range(len(frames)))
    assert "RMSE 129.8450" in text  # what the run showed is in the picture, as text


def test_the_svgs_first_frame_shows_from_0_s_even_when_several_writes_share_its_time_slot():
    cast = [(0.0, "o", "\x1b[1;1Ha"), (0.03, "o", "\x1b[1;1Hb"), (0.07, "o", "\x1b[1;1Hc"), (0.5, "o", "\x1b[1;1Hd")]
    style = animated(cast, (4, 1))
    assert "@keyframes k0{0%{visibility:hidden}0.000%{visibility:visible}" in style, "no blank lead-in"
    assert ">c   <" in style and ">a   <" not in style, "a slot shows the screen its last write leaves"


def test_only_whole_frames_are_kept_from_the_first_complete_one_and_markers_go_where_each_epoch_ends():
    output = [
        (0.1, f"\x1b[?1049h\x1b[?1000h\x1b[>25u{SYNC_QUERY}\x1b[?25l\x1b[?7l"),  # set up: input modes, a query
        (0.4, f"{BEGIN}\x1b[1;1Hepoch 0/5 · sample -/100 · start {END}{BEGIN}\x1b[40;1H footer"),
        (0.5, f"{END}{READY}"),  # the first frame is complete: everything so far is the recording's first frame
        (0.9, f"{BEGIN}\x1b[1;1Hepoch 1/5 · sample 0/100 · forward "),  # an epoch's start is not its end
        (1.0, f"· RMSE{END}"),  # a frame read in two pieces is one frame, at its end
        (1.5, f"{BEGIN}\x1b[1;1H\x1b[1mepoch\x1b[0m 1/5 · sample 99/100 · w4 · RMSE 129.8450{END}"),  # styles do not hide it
        (1.9, f"{BEGIN}\x1b[1;1Hepoch 1/5 · sample 99/100 · w4 · RMSE 129.8450{END}"),
        (2.2, f"{BEGIN}\x1b[1;1Hepoch 2/5 · sam"),  # a frame the debugger never finished
        (2.3, "\x1b[?1049l\x1b[<u\x1b[?25h"),  # put back: no frame, nothing drawn
    ]
    frames = whole_frames(output)
    assert [at for at, _ in frames] == [0.0, 0.5, 1.0, 1.4]
    assert frames[0][1] == "\x1b[?25l\x1b[?7l\x1b[1;1Hepoch 0/5 · sample -/100 · start \x1b[40;1H footer"
    assert frames[1][1] == "\x1b[1;1Hepoch 1/5 · sample 0/100 · forward · RMSE"
    cast = finish(frames)
    assert [e for e in cast if e[1] == "m"] == [(1.0, "m", "end of epoch 1")]


def test_a_first_frame_drawn_before_the_answer_about_whole_frames_is_still_the_recordings_first_frame():
    # On a busy machine the debugger can draw its first frame before it reads the answer to its query: unmarked.
    output = [
        (0.1, f"\x1b[?1049h{SYNC_QUERY}\x1b[?25l"),
        (0.6, "\x1b[1;1Hepoch 0/5 · sample -/100 · start \x1b[40;1H footer"),
        (0.7, f"\x1b]0;nn-by-hand\x07{READY}"),
        (0.9, f"{BEGIN}\x1b[1;1Hepoch 1/5 · sample 0/100 · forward{END}"),
    ]
    assert whole_frames(output) == [
        (0.0, f"{DRAWN_IN}\x1b[1;1Hepoch 0/5 · sample -/100 · start \x1b[40;1H footer"),
        (0.2, "\x1b[1;1Hepoch 1/5 · sample 0/100 · forward"),
    ]


def test_a_debugger_that_shows_nothing_new_is_stopped_in_one_line_saying_where():
    said = []
    stuck = r"^record: the debugger showed nothing new for 1 s, at epoch 0/5 · sample -/100 · start · 1 key to go; stopped there$"
    with pytest.raises(InputError, match=stuck):
        capture(["--keys", "s", "--pace", "30"], (100, 30), lambda *args: said.append(args), quiet=1.0)
    assert said[-1][2].startswith("epoch 0/5 · sample -/100 · start"), "the progress line says where it is"


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
