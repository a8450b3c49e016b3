"""`make screenshots`: the README's pictures, exported by the app itself.

The same states are the snapshot tests' states, so the pictures are tested.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from model import Config, train
from tui.app import Debugger


@dataclass(frozen=True)
class Shot:
    """One state of the debugger worth a picture."""

    name: str
    """File stem."""
    options: dict[str, str] = field(default_factory=dict)
    """Run options, as on the command line."""
    keys: tuple[str, ...] = ()
    """Keys pressed after the position is set."""
    at: Callable[[Debugger], int] = lambda app: 0
    """Position to go to first."""
    theme: str | None = None
    """Textual theme."""

    def app(self) -> Debugger:
        """A fresh debugger for this state."""
        return Debugger(train(Config.from_options(self.options)), theme=self.theme)


SHOTS = (
    Shot("start"),
    Shot("mid-sample-w1", at=lambda app: app.training.position(1, 0, "w1")),
    Shot("epoch-5-end", keys=("end",)),
    Shot("easy-converged-log", {"preset": "easy"}, keys=("end", "l")),
    Shot("help", keys=("s", "question_mark")),
    Shot("light-theme", keys=("s", "s", "n", "n"), theme="textual-light"),
)
"""The states pictured in the README and held by snapshot tests."""

SIZES = ((120, 40), (80, 24))


async def save(shot: Shot, size: tuple[int, int], folder: Path) -> Path:
    """Export `shot` at `size` as an SVG in `folder`."""
    app = shot.app()
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        app.go(shot.at(app))
        await pilot.press(*shot.keys)
        await pilot.pause()
        name = f"{shot.name}-{size[0]}x{size[1]}.svg"
        app.save_screenshot(name, str(folder))
    return folder / name


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    folder.mkdir(exist_ok=True)
    for shot in SHOTS:
        for size in SIZES:
            print(asyncio.run(save(shot, size, folder)))


if __name__ == "__main__":
    main()
