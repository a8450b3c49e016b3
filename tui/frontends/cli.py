"""The `nn-by-hand` command: which front end a command line starts, and its exit status."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from model import InputError
from model.text import printable
from tui import PROG
from tui.frontends.options import UsageError, parser
from tui.frontends.start import build, config_of, size
from tui.records.session import SERVED_BY

if TYPE_CHECKING:
    from tui.app.debugger import Debugger


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: the process's own); returns the exit status."""
    try:
        args = parser().parse_args(argv)
        if args.command is not None:
            gc.enable()  # only the debugger waits for its first frame (see `tui.__main__`)
        if args.command == "serve":
            from tui.frontends.serve import serve

            return serve(args)
        if args.command == "record":
            from tui.frontends.record import command as record

            return record(args)
        if args.command == "trace":
            from tui.frontends.trace import command

            return command(config_of(args), args)
        app = build(args)
        if not args.screenshot and not _has_terminal():
            raise InputError("the debugger needs a terminal to draw in; without one, try `nn-by-hand trace` or --screenshot FILE.svg")
        if args.screenshot:
            from tui.frontends.capture import capture

            status = capture(app, Path(args.screenshot), size(args.size))
        else:
            from tui.frontends.paste import guard_pastes

            guard_pastes(web=app.session.served)
            app.run()
            status = app.return_code or 0
        if app.session.save is not None and status == 0:
            _save(app, app.session.save)
        return 128 + app.signalled if app.signalled else status
    except (UsageError, InputError) as error:
        return _fail(str(error))
    except OSError as error:  # a file the checks could not foresee: a full disk, a vanished folder
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        return 130


def _has_terminal() -> bool:
    """Whether the debugger can draw: in a terminal, or in a browser through `serve` (which talks to it over pipes)."""
    if SERVED_BY in os.environ:
        return True
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _fail(message: str) -> int:
    """Say what is wrong in one line, with nothing in it that a terminal would act on."""
    if sys.stderr is not None:  # with stderr closed too, the status alone says it
        print(f"{PROG}: {printable(message)}", file=sys.stderr)
    return 2


def _save(app: Debugger, path: Path) -> None:
    try:
        app.main_screen.saving.save_to(path)
    except FileExistsError:
        raise InputError(
            f"--save: '{printable(str(path))}' was made by someone else since the start; not replaced (--force would)"
        ) from None
    except OSError as error:
        raise InputError(f"--save: cannot write '{printable(str(path))}': {error.strerror}") from None
