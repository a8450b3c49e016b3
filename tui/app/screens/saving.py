"""Saved sessions: the screen produces its record for a save, and applies one on --resume."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.screens.predicting import Predicting
from tui.formats.files import new_session_file
from tui.records.panels import Panels
from tui.records.state import ScreenState
from tui.wording.predict import Score, Verdict, question

if TYPE_CHECKING:
    from tui.formats.saved import Saved


class Saving(Predicting):
    """The main screen's saving and restoring: it produces its `ScreenState` and applies one."""

    def state(self) -> ScreenState:
        """What the screen shows now, as a saved session keeps it."""
        return ScreenState(
            position=self.position,
            predict=self.predict,
            scores={kind: (score.close, score.asked) for kind, score in self.scores.items()},
            hidden=tuple(sorted(self.panels.hidden)),
            detail=self.panels.detail,
            beta=self.beta,
            log_scale=self.log_scale,
            checking=self.checking,
            speed=self.speed,
            table_top=self._samples.top if self._samples is not None else 0,
            verdict=(self._verdict[1], self._verdict[2].guess) if self._verdict and self._verdict[0] == self.position else None,
        )

    def apply(self, state: ScreenState) -> None:
        """Come back to a saved screen: its position, panels, modes and scores (the runs came with the screen).

        The data table's scroll waits for the table, which comes after the first frame.
        """
        self.panels = Panels(frozenset(state.hidden), state.detail)
        self.scores = {kind: Score(asked, close) for kind, (close, asked) in state.scores.items()}
        beta = state.beta and self.trained.notebook is not None  # β-space means nothing for a network from a file
        self.beta, self.checking, self.log_scale, self.speed = beta, state.checking, state.log_scale, state.speed
        self.predict = state.predict
        self.watch_predict(self.predict)  # the tallies, even if the mode is the one already on
        self._verdict_due = True
        self.go(state.position)  # beyond the first stretch, training behind the screen gets there, as for any move
        self._restore_verdict()

    def _restore_verdict(self) -> None:
        """The prediction the saved session had just revealed, once its position is on screen (shown until the next move)."""
        state = self.session.restored
        if state is None or state.verdict is None or not self._verdict_due or self.seeking is not None:
            return
        self._verdict_due = False  # once the move to the saved position is over, however it ended
        if self.position != state.position:
            return
        kind, guess = state.verdict
        asked = question(self.trained, state.position, kind)
        if asked is not None:
            self._verdict = (state.position, kind, Verdict(asked, guess))
            self.watch_predict(self.predict)

    def saved(self) -> Saved:
        """This session as it stands, for --save and the palette's Save."""
        from tui.formats.saved import Saved, SavedRun  # not needed before a save

        recipe = SavedRun.of(self.trained, self.session.lesson, tuple(point.typed for point in self.breakpoints))
        return Saved(recipe, self.state())

    def save_session(self) -> None:
        """Write the session to --save's file, or to one named at a prompt (never over a file this session did not write).

        Served to a browser, the session goes to the browser as a download: nothing from a tab is written on the server.
        """
        if self.session.served:
            self.app.deliver_text(io.StringIO(self.saved().portable().dumps()), save_filename="nn-by-hand-session.json")
            self.notify("The session is downloading; --resume FILE opens it again.", timeout=4, markup=False)
            return
        if self.session.save is not None:
            self._write_session(self.session.save)
            return

        def done(path: Path | None) -> None:
            if path is not None:
                self._write_session(path)

        self._ask("Save the session as", "e.g. lesson-3.json", new_session_file, done)

    def deliver(self, text: str, name: str) -> None:
        """Hand `text` to the browser as the download `name` (a served session writes nothing on the server)."""
        self.app.deliver_text(io.StringIO(text), save_filename=name)
        self.notify(f"{name} is downloading.", timeout=4, markup=False)

    def save_to(self, path: Path) -> None:
        """Write the session to `path`: FileExistsError if a file this session did not write is there, OSError if it fails."""
        self.files.write(path, self.saved().dumps())

    def _write_session(self, path: Path) -> None:
        try:
            self.save_to(path)
        except FileExistsError:
            self.notify(f"Not saved: {path} exists now, and this session did not write it.", severity="error", timeout=6, markup=False)
        except OSError as error:
            self.notify(f"Not saved: cannot write {path}: {error.strerror}", severity="error", timeout=6, markup=False)
        else:
            self.notify(f"Saved to {path}; --resume {path} opens it again.", timeout=4, markup=False)
