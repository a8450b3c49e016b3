"""The one error users see: bad input, named in plain words."""

from __future__ import annotations

from collections.abc import Callable


def flag_of(key: str) -> str:
    """A run option as the command line names it: --random-state for random_state."""
    return "--" + key.replace("_", "-")


class InputError(ValueError):
    """An option or file the user gave is not allowed; the message says why in one line.

    An error about a run option carries the option's key, and the front end names it in its own terms:
    `--lr` on the command line (as `str` writes it), `run.lr` in a lesson (`named`).
    """

    def __init__(self, problem: str, key: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        """What is wrong, in a few words."""
        self.key = key
        """The run option it is about (a `Config` field), if it is about one."""

    def __str__(self) -> str:
        return f"{flag_of(self.key)}: {self.problem}" if self.key else self.problem

    def at(self, where: str) -> InputError:
        """This refusal, named by where the value came from: `--keys` on the command line, `play.keys` in a lesson."""
        return InputError(f"{where}: {self}")

    def named(self, name: Callable[[str], str]) -> InputError:
        """This refusal with its run option named by `name` (`run.lr` in a lesson); itself if it names none."""
        return InputError(f"{name(self.key)}: {self.problem}") if self.key else self
