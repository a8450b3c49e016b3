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
        if self.predict is None:
            self.go(target)
            return
        self.put_question(target, self.predict)

    def put_question(self, target: int, kind: Kind, number: int | None = None) -> None:
        """Ask for `target`'s value before showing it (just go there if it is no update); `number` is the class's
        question this is: on a student's screen, whose answer waits for the teacher's reveal; on a teacher's, one
        the class was asked before this debugger took it back."""
        asked = question(self.trained, target, kind)
        if asked is None:
            self.go(target)
            return
        link = self.classlink

        def reveal(guess: float | None) -> None:
            if link is not None and link.teacher:
                link.reveal()
            self.asking = None
            if guess is not None:  # escape skips the guess but still reveals
                verdict = Verdict(asked, guess)
                score = self.scores[kind] = self.scores.get(kind, Score()).add(verdict)
                self._verdict = (target, kind, verdict)
                self.watch_predict(self.predict)
                if not self._narration.display:  # otherwise the narration panel shows the verdict
                    self.notify(f"{asked.label} = {num(asked.truth)} · you said {num(verdict.guess)} · {score}", timeout=6, markup=False)
            self.go(target)

        def answered(guess: float | None) -> None:
            if link is not None and not link.teacher and number is not None:
                link.answer(number, guess, lambda: reveal(guess))
            else:
                reveal(guess)

        self.asking = asked
        if link is not None and number is None:  # a teacher's question reopened after a reload is the class's already
            link.ask(asked, target, kind)
        self._ask(f"Predict {asked.label}", asked.hint, parse_guess, answered)

    def class_note(self, text: str) -> None:
        """Show the class's answers under the teacher's open question, live."""
        from tui.app.screens.prompt import Prompt

        if isinstance(self.app.screen, Prompt):
            self.app.screen.note(text)

    def close_question(self) -> None:
        """The class's question was revealed before this student answered: close its prompt, showing the truth."""
        from tui.app.screens.prompt import Prompt

        if isinstance(self.app.screen, Prompt):
            self.app.screen.dismiss(None)

    def action_restart(self) -> None:
        self.playing = False
        self.scores.clear()
        self._verdict = None
        self.watch_predict(self.predict)
        self.go(self.trained.first)

    def action_predict(self) -> None:
        cycle = (None, *KINDS, None)  # off, each kind in turn, off again
        self.predict = cycle[cycle.index(self.predict) + 1]
