"""Saved sessions: the screen's record, produced for a save and applied on --resume, and the file it goes to."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tui.app.screens.stage import Stage
from tui.formats.files import SessionFiles, new_session_file
from tui.records.panels import Panels
from tui.records.state import ScreenState

if TYPE_CHECKING:
    from tui.app.screens.looks import Looks
    from tui.app.screens.moving import Moving
    from tui.app.screens.predicting import Predicting
    from tui.app.screens.trainer import Trainer
    from tui.formats.saved import Saved
    from tui.records.session import Session


class Shelf(Stage, Protocol):
    """What saving needs of the screen besides: where its data table has scrolled to."""

    @property
    def table_top(self) -> int:
        """The data row at the top of the data table (0 until it is mounted)."""


class Saving:
    """Produces the screen's `ScreenState` from its parts, applies one to them, and writes the session."""

    def __init__(self, stage: Shelf, session: Session, looks: Looks, moving: Moving, predicting: Predicting, trainer: Trainer) -> None:
        self.stage, self.session = stage, session
        self.looks, self.moving, self.predicting, self.trainer = looks, moving, predicting, trainer
        self.files = SessionFiles(session.force)
        """The files this session saves itself to."""

    def state(self) -> ScreenState:
        """What the screen shows now, as a saved session keeps it."""
        looks, position, verdict = self.looks, self.moving.position, self.predicting.verdict
        return ScreenState(
            position=position,
            predict=self.predicting.predict,
            scores={kind: (score.close, score.asked) for kind, score in self.predicting.scores.items()},
            hidden=tuple(sorted(looks.panels.hidden)),
            detail=looks.panels.detail,
            beta=looks.beta,
            log_scale=looks.log_scale,
            checking=looks.checking,
            speed=self.moving.speed,
            table_top=self.stage.table_top,
            verdict=(verdict[1], verdict[2].guess) if verdict and verdict[0] == position else None,
        )

    def start(self) -> None:
        """Open as the session asks: its panels, the sparkline's scale, predict mode and speed, or the saved screen it
        resumes."""
        session, looks = self.session, self.looks
        hidden = frozenset(panel for panel, shown in session.show.items() if not shown)
        # A lesson's notes are its words: a small screen shows them in the forward pass's place, unless asked away.
        looks.panels = Panels(hidden, "narration" if session.notes and "narration" not in hidden else None)
        looks.log_scale = session.log_scale
        self.predicting.predict = session.predict
        if session.speed:
            self.moving.speed = session.speed
        if session.restored is not None:
            self.apply(session.restored)

    def apply(self, state: ScreenState) -> None:
        """Come back to a saved screen: its position, panels, modes and scores (the runs came with the screen).

        The data table's scroll waits for the table, which comes after the first frame.
        """
        looks = self.looks
        looks.panels = Panels(frozenset(state.hidden), state.detail)
        looks.beta = state.beta and self.trainer.trained.notebook is not None  # β-space means nothing for a network from a file
        looks.checking, looks.log_scale, self.moving.speed = state.checking, state.log_scale, state.speed
        self.predicting.restore(state)
        self.moving.go(state.position)  # beyond the first stretch, training behind the screen gets there, as for any move
        self.predicting.restore_verdict(state)

    def saved(self) -> Saved:
        """This session as it stands, for --save and the palette's Save."""
        from tui.formats.saved import Saved, SavedRun  # not needed before a save

        recipe = SavedRun.of(self.trainer.trained, self.session.lesson, tuple(point.typed for point in self.moving.breakpoints))
        return Saved(recipe, self.state())

    def save_session(self) -> None:
        """Write the session to --save's file, or to one named at a prompt (never over a file this session did not write).

        Served to a browser, the session goes to the browser as a download: nothing from a tab is written on the server.
        """
        if self.session.served:
            self.deliver(self.saved().portable().dumps(), "nn-by-hand-session.json")
            self.stage.notify("The session is downloading; --resume FILE opens it again.", timeout=4, markup=False)
            return
        if self.session.save is not None:
            self.write(self.session.save)
            return

        def done(path: Path | None) -> None:
            if path is not None:
                self.write(path)

        self.stage.ask("Save the session as", "e.g. lesson-3.json", new_session_file, done)

    def deliver(self, text: str, name: str) -> None:
        """Hand `text` to the browser as the download `name` (a served session writes nothing on the server)."""
        self.stage.app.deliver_text(io.StringIO(text), save_filename=name)

    def save_to(self, path: Path) -> None:
        """Write the session to `path`: FileExistsError if a file this session did not write is there, OSError if it fails."""
        self.files.write(path, self.saved().dumps())

    def write(self, path: Path) -> None:
        """Write the session to `path`, and say how that went."""
        notify = self.stage.notify
        try:
            self.save_to(path)
        except FileExistsError:
            notify(f"Not saved: {path} exists now, and this session did not write it.", severity="error", timeout=6, markup=False)
        except OSError as error:
            notify(f"Not saved: cannot write {path}: {error.strerror}", severity="error", timeout=6, markup=False)
        else:
            notify(f"Saved to {path}; --resume {path} opens it again.", timeout=4, markup=False)
