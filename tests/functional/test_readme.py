"""The README's examples, run as written, so that the README cannot drift from the program."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.helpers import run, until
from tui.app.screens.prompt import Prompt
from tui.frontends.start import build

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def block(language: str, after: str) -> str:
    """The first ```language block after the heading or text `after`."""
    return re.search(rf"```{language}\n(.*?)```", README[README.index(after) :], re.S).group(1)


async def test_the_lesson_example_stops_for_the_presenter_and_waits_at_each_question_until_answered(tmp_path):
    lesson = tmp_path / "order.toml"
    lesson.write_text(block("toml", "## Lessons"))
    app = build(["--lesson", str(lesson), "--pace", "0"])
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.autopilot.paused, 20, "the stop after the forward pass")
        await pilot.press("space")  # the presenter goes on
        for answered in range(3):  # n wait n n n: the forward pass, a stop, then a question before each of w5, w6, w1
            asked = f"question {answered + 1}"
            prompt = await until(lambda: isinstance(app.screen, Prompt) and app.screen.query(Input) and app.screen, 20, asked)
            await pilot.pause()
            assert prompt.query_one(Input).value == "", "the script typed into the question"
            prompt.query_one(Input).value = repr(app.main_screen.asking.truth)
            await prompt.query_one(Input).action_submit()
            await until(lambda prompt=prompt: app.screen is not prompt, 20, f"question {answered + 1} closing")
        await until(lambda: app.autopilot.done, 20, "the script's end")
        assert app.main_screen.trained.at(app.main_screen.position).phase_name == "w1" and app.main_screen.asking is None
        assert str(app.main_screen.predicting.scores["derivative"]) == "3/3 within 1%"


def test_the_lesson_error_example_is_what_the_program_says(tmp_path):
    example = re.search(r"\nnn-by-hand: order\.toml: (.*)\n", README).group(0).strip()
    (tmp_path / "order.toml").write_text(block("toml", "## Lessons").replace('predict = "derivative"', 'predict = "always"'))
    result = run("--lesson", "order.toml", cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (2, example)


def test_the_transcript_example_is_what_a_transcript_holds(tmp_path):
    transcript = tmp_path / "t.txt"
    result = run("--keys", "n n", "--screenshot", str(tmp_path / "x.svg"), "--transcript", str(transcript))
    assert result.returncode == 0, result.stderr
    written = transcript.read_text()
    for line in block("", "--transcript FILE").strip().splitlines():
        assert line.removesuffix(" …") in written, line


def test_the_status_line_example_is_what_the_status_line_says(tmp_path):
    example = re.search(r"\(`(noisy · lr .*?)`\)", README.replace("\n", " ")).group(1)
    transcript = tmp_path / "t.txt"
    run("--keys", "s", "--screenshot", str(tmp_path / "x.svg"), "--transcript", str(transcript))
    assert f"[{example}]" in transcript.read_text()


TRACES = [line for section in ("## Without a screen", "## What if?") for line in block("sh", section).splitlines() if line.strip()]


@pytest.mark.parametrize("line", TRACES)
def test_every_trace_example_runs(line):
    words = shlex.split(line.split("#")[0])
    assert words[0] == "nn-by-hand"
    result = run(*words[1:])
    assert result.returncode == 0 and result.stdout and not result.stderr


def test_the_saved_session_example_saves_and_resumes(tmp_path):
    save, resume = (shlex.split(line) for line in block("sh", "## Saved sessions").splitlines())
    assert save[0] == resume[0] == "nn-by-hand"
    result = run(*save[1:], cwd=tmp_path)
    assert result.returncode == 0 and not result.stderr and (tmp_path / "class.json").is_file()
    result = run(*resume[1:], "--screenshot", "again.svg", cwd=tmp_path)
    assert result.returncode == 0 and not result.stderr
    strip = lambda path: re.sub(r"terminal-\d+-", "", path.read_text())  # noqa: E731
    assert strip(tmp_path / "again.svg") == strip(tmp_path / "fork.svg")


def test_the_large_data_section_gives_the_programs_own_figures():
    from model.fastparse import PARALLEL
    from model.training import LONGEST
    from tui.app.screens.trainer import PAUSE_AFTER_KEY

    section = README[README.index("## Large data") :]
    assert f"({LONGEST:,} sample-steps," in section
    assert f"pauses for {PAUSE_AFTER_KEY * 1000:.0f} ms" in section
    assert f"from {PARALLEL // 1_000_000} MB of data on" in section


def test_the_signal_paragraph_gives_the_programs_own_last_resort():
    from tui.app.debugger import LAST_RESORT

    assert f"ends its process after {LAST_RESORT:g} seconds" in README.replace("\n", " ")


def test_the_options_table_gives_the_programs_own_pace():
    from tui.records.session import PACE

    assert f"| `--pace SECONDS` | time between scripted keys (default {PACE}) |" in README


def test_the_lessons_section_gives_the_programs_own_unattended_stop():
    from tui.app.autopilot import UNATTENDED

    assert f"a stop lasts {UNATTENDED:g} paces instead" in README.replace("\n", " ")


def test_the_recording_example_writes_what_it_says(tmp_path):
    """The second line of the recording section, as written: a cast and an SVG of a key script with a stop."""
    line = block("sh", "### Recording your own").splitlines()[1]
    words = shlex.split(line.split("#")[0])
    assert words[:2] == ["nn-by-hand", "record"]
    result = run(*words[1:], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.cast", "talk.svg"]
    cast = (tmp_path / "talk.cast").read_text()
    assert '"width": 100, "height": 30' in cast.splitlines()[0]
    shown = re.sub(r"\\u001b\[[0-9;?]*[a-zA-Z]", "", cast)
    assert "you said -141.8000" in shown and "∂L/∂w · 1/1 within 1%" in shown, "the script's answer, scored"
    assert "∂L/∂w6 = -2·H2·r = -2·(-1.5974)·(-84.6186) = -270.3457" in shown, "the question the script left, revealed"
