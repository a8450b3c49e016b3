"""The `nn-by-hand` command: options, validation, and which front end to start."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from model import PRESETS, Config, InputError, Run, train

PROG = "nn-by-hand"
RUN_OPTIONS = ("preset", "lr", "epochs", "seed", "random_state", "samples", "noise", "informative", "order", "data", "features", "target")
"""Options shared by every front end, as Config field names."""


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
    group = parser.add_argument_group("generated data (make_regression)")
    group.add_argument("--random-state", dest="random_state", help="seed of the data (default 42)")
    group.add_argument("--samples", help="rows, at least 2 (default 100)")
    group.add_argument("--noise", help="noise standard deviation, 0 or more")
    group.add_argument("--informative", help="informative features: 0, 1 or 2")
    group = parser.add_argument_group("your own data")
    group.add_argument("--data", metavar="FILE.csv", help="CSV with two feature columns and a target")
    group.add_argument("--target", metavar="NAME", help="target column (default: the last)")
    group.add_argument("--features", metavar="A,B", help="feature columns (default: the first two others)")


def parser() -> argparse.ArgumentParser:
    """The full command line: the debugger by default, or a subcommand."""
    root = _Parser(prog=PROG, description="Step through backpropagation one micro-step at a time.")
    _run_options(root)
    root.add_argument("--theme", help="Textual theme, e.g. textual-light for a projector")
    commands = root.add_subparsers(dest="command", metavar="{trace}", parser_class=_Parser)
    trace = commands.add_parser("trace", help="print the run without a screen")
    _run_options(trace)
    trace.add_argument("--format", choices=("text", "jsonl", "csv"), default="text", help="output format (default text)")
    trace.add_argument("--every", choices=("sample", "epoch"), default="sample", help="rows to keep (jsonl, csv)")
    return root


def config_of(args: argparse.Namespace) -> Config:
    """Validate the run options into a Config."""
    return Config.from_options({name: getattr(args, name, None) for name in RUN_OPTIONS})


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    try:
        args = parser().parse_args(argv)
        run = train(config_of(args))  # bad data or sizes are reported before any screen opens
        if args.command == "trace":
            return _trace(run, args)
        from tui.app import launch

        return launch(run, args)
    except (UsageError, InputError) as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): nothing left to say
        return 0


def _trace(run: Run, args: argparse.Namespace) -> int:
    from tui.trace import write

    write(run, args.format, args.every)
    sys.stdout.flush()
    if run.divergence:
        print(f"{PROG}: {run.divergence}", file=sys.stderr)
        return 3
    return 0


def entry() -> None:
    """Console-script wrapper."""
    sys.exit(main())
