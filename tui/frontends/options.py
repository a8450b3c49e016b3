"""The command line's options: the debugger's, and each subcommand's (`trace`, `record`, `serve`)."""

from __future__ import annotations

import argparse

from model import ACTIVATIONS, PRESETS
from model.bundled import DATASETS
from model.networks import SHIPPED as SHIPPED_NETWORKS
from tui import PROG
from tui.formats.lessons import SHIPPED
from tui.records.session import PACE, PACE_RANGE, SPEED_RANGE


class UsageError(Exception):
    """argparse's complaint, kept to one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _run_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("run")
    group.add_argument("--preset", help=f"built-in problem: {', '.join(PRESETS)} (default noisy)")
    group.add_argument("--lr", help="learning rate, a positive number")
    group.add_argument("--epochs", help="passes over the data, at least 1")
    group.add_argument("--seed", help="seed of the initial weights (default 42)")
    group.add_argument("--order", help="notebook (default) or simultaneous")
    group.add_argument("--activation", help=f"of H1 and H2: {', '.join(ACTIVATIONS)} (default linear)")
    group.add_argument("--bias", action="store_true", default=None, help="add biases b1, b2 (on H1, H2) and b3 (on ŷ)")
    group.add_argument(
        "--network",
        metavar="FILE.toml|NAME",
        help=f"a network described in a TOML file, or a shipped one: {', '.join(SHIPPED_NETWORKS)} (see the README's 'Your own network')",
    )
    group = parser.add_argument_group("generated data (make_regression)")
    group.add_argument("--random-state", dest="random_state", help="seed of the data (default 42)")
    group.add_argument("--samples", help="rows, at least 2 (default 100)")
    group.add_argument("--noise", help="noise standard deviation, 0 or more")
    group.add_argument("--informative", help="informative features: 0, 1 or 2")
    group = parser.add_argument_group("real data: your own file, or one scikit-learn ships (nothing is downloaded)")
    group.add_argument("--data", metavar="FILE.csv", help="CSV with two feature columns and a target")
    datasets = "; ".join(f"{name}: {d.summary}" for name, d in DATASETS.items())
    group.add_argument("--dataset", metavar="NAME", help=f"a dataset by name: {datasets}")
    group.add_argument(
        "--target",
        metavar="NAME",
        help="target column by name or number (default: a file's last column, a dataset's own target)",
    )
    group.add_argument(
        "--features",
        metavar="A,B",
        help="two feature columns by name or number (default: a file's first two others; "
        "for a dataset, the two most correlated with the target)",
    )
    group.add_argument("--skip-rows", dest="skip_rows", metavar="N", help="lines to skip first, e.g. 1 for scikit-learn's iris.csv")
    group.add_argument("--delimiter", help="comma, semicolon, tab or space (runs of spaces); detected when not given")
    group.add_argument("--standardize", action="store_true", default=None, help="scale each feature to mean 0, standard deviation 1")


def parser() -> argparse.ArgumentParser:
    """The full command line: the debugger by default, or a subcommand."""
    root = _Parser(prog=PROG, description="Step through backpropagation one micro-step at a time.")
    _run_options(root)
    _session_options(root)
    commands = root.add_subparsers(dest="command", metavar="{trace,record,serve}", parser_class=_Parser)
    trace = commands.add_parser("trace", help="print the run without a screen")
    _run_options(trace)
    trace.add_argument("--format", choices=("text", "jsonl", "csv"), default="text", help="output format (default text)")
    trace.add_argument("--every", choices=("sample", "epoch"), help="rows to keep with --format jsonl or csv (default sample)")
    trace.add_argument(
        "--edit",
        action="append",
        metavar='"EPOCH SAMPLE NAME=VALUE"',
        help='from the end of that sample on, change a parameter, lr or order, e.g. "2 17 w3=0.5" or "start lr=1e-3" '
        "(repeatable: each forks the run the one before made)",
    )
    record = commands.add_parser("record", help="record the debugger playing a lesson or key script as .cast, .gif or .svg")
    record.add_argument("out", nargs="+", metavar="OUT", help="file to write: .cast (asciicast), .gif or .svg; one recording makes each")
    _run_options(record)
    _played_options(record.add_argument_group("what is played"))
    record.add_argument("--force", action="store_true", help="replace an OUT that exists")
    serve = commands.add_parser("serve", help="serve the debugger to browsers, one session per tab")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only; 0.0.0.0: every interface)"
    )
    serve.add_argument("--port", default="8000", help="port to listen on (default 8000)")
    serve.add_argument("--lesson", metavar="NAME|FILE", help="lesson every session opens with")
    serve.add_argument("--transcripts", metavar="FOLDER", help="write each session's narration to a new file in FOLDER")
    serve.add_argument(
        "--max-sessions", metavar="N", default="50", help="most students' debuggers at once (default 50; a teacher's has its own place)"
    )
    serve.add_argument("--per-device", metavar="N", default="8", help="most sessions one device (one address) may hold at once (default 8)")
    serve.add_argument(
        "--keep-seats",
        metavar="SECONDS",
        default="30",
        help="how long a debugger whose page has gone waits for it to come back (default 30)",
    )
    serve.add_argument(
        "--allow-host", metavar="NAME", action="append", help="also answer to this host name, e.g. teacher.local (repeatable)"
    )
    serve.add_argument("--allow-origin", metavar="URL", action="append", help="also accept websockets from pages at URL (repeatable)")
    serve.add_argument("--teach", action="store_true", help="a class the teacher leads: every student's debugger follows the teacher's")
    serve.add_argument("--names", action="store_true", help="with --teach: each student gives a name, which only the teacher sees")
    serve.add_argument("--verbose", action="store_true", help="log every request")
    return root


PLAYED = ("lesson", "theme", "keys", "pace", "play", "speed", "size")
"""The options that say what a session plays and how it looks, which `record` passes on to the debugger."""


def _played_options(group: argparse._ArgumentGroup) -> None:
    """The options named in PLAYED."""
    group.add_argument("--lesson", metavar="NAME|FILE", help=f"a lesson: {', '.join(SHIPPED)}, or a .toml file")
    group.add_argument("--theme", help="Textual theme, e.g. textual-light for a projector")
    group.add_argument("--keys", metavar='"KEYS"', help='key script played at the start, e.g. "s s e"')
    group.add_argument("--pace", metavar="SECONDS", help=f"seconds between keys, {PACE_RANGE[0]} to {PACE_RANGE[1]} (default {PACE})")
    group.add_argument("--play", action="store_true", default=None, help="start playing (after the key script)")
    group.add_argument("--speed", metavar="N", help=f"micro-steps per second while playing, {SPEED_RANGE[0]} to {SPEED_RANGE[1]}")
    group.add_argument("--size", metavar="WxH", help="screen size for --screenshot and record (default 120x40)")


def _session_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("teaching and recording")
    _played_options(group)
    group.add_argument("--exit-at-end", action="store_true", default=None, help="quit when the run, or the key script, ends")
    group.add_argument("--transcript", metavar="FILE", help="write every narrated step to FILE as plain text")
    group.add_argument("--screenshot", metavar="PATH.svg", help="save the screen after --keys as SVG and exit; needs no terminal")
    group = parser.add_argument_group("saved sessions")
    group.add_argument(
        "--save", metavar="FILE.json", help="write the session to FILE.json when the debugger exits (after --keys with --screenshot)"
    )
    group.add_argument("--force", action="store_true", default=None, help="let --save or --transcript replace an existing file")
    group.add_argument("--resume", metavar="FILE.json", help="open a saved session as it was saved")
