"""`python -m tui` is the `nn-by-hand` command."""

from tui.cli import entry

entry()
