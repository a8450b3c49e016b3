"""`make screenshots`: the README's pictures, saved by the command line's own --screenshot, and the class's (see
`classpictures`).

The snapshot tests build the same states, and a test the classroom picture's, so the pictures are tested.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from tui.frontends.classpictures import class_pictures
from tui.frontends.cli import main as command


@dataclass(frozen=True)
class Shot:
    """One state of the debugger worth a picture."""

    name: str
    """File stem."""
    argv: tuple[str, ...] = ()
    """Command-line options."""
    keys: str = ""
    """Key script that reaches the state."""


SHOTS = (
    Shot("start"),
    Shot("mid-sample-w1", keys="n n n n"),
    Shot("epoch-5-end", keys="end"),
    Shot("easy-converged-log", ("--preset", "easy"), "end l"),
    Shot("help", keys="s question_mark"),
    Shot("light-theme", ("--theme", "textual-light"), "s s n n"),
    Shot("lesson-narration", ("--lesson", "noisy"), "n n n n"),
    Shot("predict-ask", keys="p n n"),
    Shot("predict-reveal", keys="p n n minus 1 4 0 enter n minus 2 7 0 enter"),
    Shot("diverged", ("--epochs", "400"), "end l"),
    Shot("tanh-bias-mid-sample", ("--activation", "tanh", "--bias"), "s n n n n n"),
    Shot("gradient-check", ("--activation", "tanh", "--bias", "--order", "simultaneous"), "s s c"),
    Shot("fork-ghost", keys="e f l r = 5 e minus 4 enter e e"),
    Shot("beta-space-start", ("--preset", "easy"), "v"),
    Shot("beta-space-mid", ("--preset", "easy"), "v s s s s s s s s s s"),
    Shot("beta-space-end", ("--preset", "easy"), "v end"),
    Shot("beta-space-fork", ("--preset", "easy"), "s s s s s f w 1 = 3 enter v e"),
    Shot("network-mazur-w1", ("--network", "mazur", "--order", "simultaneous"), "n n n n n n"),
    Shot("network-xor-first-layer", ("--network", "xor"), "s s" + " n" * 21),
)
"""The states pictured in the README and held by snapshot tests."""

SIZES = ((120, 40), (80, 24))


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    folder.mkdir(exist_ok=True)
    for path in asyncio.run(class_pictures(folder)):
        print(path)
    for shot in SHOTS:
        for width, height in SIZES:
            path = folder / f"{shot.name}-{width}x{height}.svg"
            status = command([*shot.argv, "--keys", shot.keys, "--screenshot", str(path), "--size", f"{width}x{height}"])
            if status:
                return status
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
