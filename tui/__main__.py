"""The `nn-by-hand` command, also run as `python -m tui`."""

import gc
import sys


def entry() -> None:
    """Console-script wrapper."""
    # Until the debugger's first frame, collections could only scan the modules and widgets being
    # made, all of which live until exit: about 25 ms of a 0.35 s launch, measured. The debugger
    # turns collection back on after that frame; `main` does so at once for the subcommands.
    gc.disable()
    from tui.frontends.cli import main

    sys.exit(main())


if __name__ == "__main__":
    entry()
