"""The one error users see: bad input, named in plain words."""

from __future__ import annotations


class InputError(ValueError):
    """An option or file the user gave is not allowed; the message says why in one line."""

    def at(self, where: str) -> InputError:
        """This refusal, named by where the value came from: `--keys` on the command line, `play.keys` in a lesson."""
        return InputError(f"{where}: {self}")
