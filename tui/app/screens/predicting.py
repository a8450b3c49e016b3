"""Predict mode: the question n asks before an update, the guess, the verdict and the tallies."""

from __future__ import annotations

from tui.app.screens.moving import Moving
from tui.app.widgets.derivatives import Derivatives
from tui.wording.fmt import num
from tui.wording.predict import KINDS, Kind, Score, Verdict, parse_guess, question


class Predicting(Moving):
    """The main screen's predict mode: while a question is open, nothing moves the run."""

    def watch_predict(self, predict: Kind | None) -> None:
        # On the derivatives panel: it is on screen at every size, the narration is not.
        subtitle = ""
        if predict is not None:
            what = {"derivative": "∂L/∂w", "weight": "the new w"}[predict]
            subtitle = f"predict {what} · {self.scores.get(predict, Score())}"
        self.query_one(Derivatives).border_subtitle = subtitle

    def action_next(self) -> None:
        target = self.position + 1
        kind = self.predict
        if kind is None:
            self.go(target)
            return
        asked = question(self.trained, target, kind)
        if asked is None:
            self.go(target)
            return

        def reveal(guess: float | None) -> None:
            self.asking = None
            if guess is not None:  # escape skips the guess but still reveals
                verdict = Verdict(asked, guess)
                score = self.scores[kind] = self.scores.get(kind, Score()).add(verdict)
                self._verdict = (target, kind, verdict)
                self.watch_predict(self.predict)
                if not self._narration.display:  # otherwise the narration panel shows the verdict
                    self.notify(f"{asked.label} = {num(asked.truth)} · you said {num(verdict.guess)} · {score}", timeout=6, markup=False)
            self.go(target)

        self.asking = asked
        self._ask(f"Predict {asked.label}", asked.hint, parse_guess, reveal)

    def action_restart(self) -> None:
        self.playing = False
        self.scores.clear()
        self._verdict = None
        self.watch_predict(self.predict)
        self.go(self.trained.first)

    def action_predict(self) -> None:
        cycle = (None, *KINDS, None)  # off, each kind in turn, off again
        self.predict = cycle[cycle.index(self.predict) + 1]
