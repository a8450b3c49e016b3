"""Predict mode: the question n asks before an update, the guess, the verdict and the tallies."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from tui.app.screens.messages import Tallied
from tui.app.screens.stage import Stage
from tui.wording.fmt import num
from tui.wording.predict import KINDS, Kind, Score, Verdict, parse_guess, question

if TYPE_CHECKING:
    from tui.records.state import ScreenState
    from tui.wording.predict import Question


class Asker(Stage, Protocol):
    """What predict mode needs of the screen besides: a word on how a guess did."""

    def judged(self, text: str) -> None:
        """Say how a guess did (or that there was none), unless the narration on screen says it; at once, before a
        next question clears the notices."""


class Predicting:
    """The screen's predict mode: while a question is open, nothing moves the run."""

    def __init__(self, stage: Asker, predict: Kind | None = None) -> None:
        self.stage = stage
        self._predict = predict
        self._asking: Question | None = None
        self.scores: dict[Kind, Score] = {}
        """Predict-mode tallies, one per kind of question, since the last restart."""
        self.verdict: tuple[int, Kind, Verdict] | None = None
        """The last prediction: the position it revealed, the kind of question, the guess against the truth."""
        self.verdict_due = False
        """A restored session's verdict waits for its position to be trained."""
        self.reopen: Callable[..., None] | None = None
        """The open question's prompt, to open again for the class's second vote."""

    @property
    def predict(self) -> Kind | None:
        """Predict mode: None, "derivative" or "weight"."""
        return self._predict

    @predict.setter
    def predict(self, predict: Kind | None) -> None:
        if predict != self._predict:
            self._predict = predict
            self.stage.post_message(Tallied())

    @property
    def asking(self) -> Question | None:
        """The predict-mode question open now; nothing may move the run while it is."""
        return self._asking

    @asking.setter
    def asking(self, asked: Question | None) -> None:
        if asked != self._asking:
            self._asking = asked
            self.stage.settle()

    @property
    def tallies(self) -> str:
        """What the derivatives panel's subtitle says of predict mode: what is asked, and how the guesses did."""
        if self.predict is None:
            return ""
        p = "w" if self.stage.trained.notebook is not None else "p"  # as the panels write a parameter
        what = {"derivative": f"∂L/∂{p}", "weight": f"the new {p}"}[self.predict]
        return f"predict {what} · {self.scores.get(self.predict, Score())}"

    def verdict_at(self, position: int) -> Verdict | None:
        """The prediction revealed at `position`, shown there until the next move."""
        return self.verdict[2] if self.verdict and self.verdict[0] == position else None

    def next(self) -> None:
        """n: the next micro-step, asked for first in predict mode."""
        target = self.stage.position + 1
        if self.predict is None:
            self.stage.go(target)
            return
        self.put_question(target, self.predict)

    def put_question(self, target: int, kind: Kind, number: int | None = None) -> None:
        """Ask for `target`'s value before showing it (just go there if it is no update); `number` is the class's
        question this is: on a student's screen, whose answer waits for the teacher's reveal; on a teacher's, one
        the class was asked before this debugger took it back."""
        stage = self.stage
        asked = question(stage.trained, target, kind)
        if asked is None:
            stage.go(target)
            return
        link = stage.classlink

        def reveal(guess: float | None) -> None:
            from tui.app.screens.classmodals import HowSure

            if link is not None and link.teacher:
                link.reveal()
            if isinstance(stage.app.screen, HowSure):  # the truth is out: how sure they were is moot
                stage.app.screen.dismiss(None)
            self.asking = None
            if guess is not None:  # escape skips the guess but still reveals
                verdict = Verdict(asked, guess)
                score = self.scores[kind] = self.scores.get(kind, Score()).add(verdict)
                self.verdict = (target, kind, verdict)
                stage.post_message(Tallied())
                stage.judged(f"{asked.label} = {num(asked.truth)} · you said {num(verdict.guess)} · {score}")
            elif link is None:  # in a class, the class says it
                stage.judged(f"{asked.label} = {num(asked.truth)} · not answered")
            stage.go(target)

        def answered(guess: float | None, vote: int = 1) -> None:
            if link is not None and not link.teacher and number is not None:
                open_now = link.asked is not None and (link.asked.number, link.asked.vote) == (number, vote)
                link.answer(number, guess, lambda: reveal(guess))
                if guess is None and open_now:  # escape, not a box the class closed
                    stage.notify(f"You skipped Q{number}; j opens it again until the teacher reveals it.", timeout=8)
            else:
                self.reopen = None
                reveal(guess)

        def open_prompt(note: str = "", vote: int = 1) -> None:
            from tui.app.screens.prompt import Prompt  # not needed for the first frame

            title = f"Predict {asked.label}" + (" (second vote)" if vote > 1 else "")
            prompt = Prompt(title, asked.hint, parse_guess)
            prompt.note(note)
            stage.app.push_screen(prompt, lambda guess: answered(guess, vote))

        self.asking = asked
        self.reopen = open_prompt
        stage.app.clear_notifications()  # an earlier question's verdict is not this one's
        if link is not None and number is None:  # a teacher's question reopened after a reload is the class's already
            link.ask(asked, target, kind)
        open_prompt()

    def ask_again(self, number: int, note: str) -> None:
        """The class's second vote on the question open on this student's screen: asked anew, the first vote's
        answers under it when the teacher shows them."""
        from tui.app.screens.prompt import Prompt

        if self.asking is None or self.reopen is None:
            return
        if isinstance(self.stage.app.screen, Prompt):  # not answered yet: this vote's box is the second vote's
            self.stage.app.screen.dismiss(None)
        self.reopen(note, 2)

    def reopen_question(self, vote: int) -> None:
        """The class's open question's box again, on a student's screen where it was skipped."""
        from tui.app.screens.classmodals import HowSure
        from tui.app.screens.prompt import Prompt

        if self.asking is not None and self.reopen is not None and not isinstance(self.stage.app.screen, Prompt | HowSure):
            self.reopen("", vote)

    def class_note(self, text: str) -> None:
        """Show the class's answers under the teacher's open question, live."""
        from tui.app.screens.prompt import Prompt

        if isinstance(self.stage.app.screen, Prompt):
            self.stage.app.screen.note(text)

    def close_question(self) -> None:
        """The class's question was revealed before this student answered: close its prompt, showing the truth."""
        from tui.app.screens.classmodals import HowSure
        from tui.app.screens.prompt import Prompt

        if isinstance(self.stage.app.screen, Prompt | HowSure):
            self.stage.app.screen.dismiss(None)

    def restart(self) -> None:
        """The tallies and the last verdict go (r starts again)."""
        self.scores.clear()
        self.verdict = None
        self.stage.post_message(Tallied())

    def cycle(self) -> None:
        """p: predict mode off, each kind in turn, off again."""
        cycle = (None, *KINDS, None)
        self.predict = cycle[cycle.index(self.predict) + 1]

    def restore(self, state: ScreenState) -> None:
        """Come back to a saved session's mode and tallies; its verdict waits for its position (`restore_verdict`)."""
        self.scores = {kind: Score(asked, close) for kind, (close, asked) in state.scores.items()}
        self.predict = state.predict
        self.stage.post_message(Tallied())  # the tallies, even if the mode is the one already on
        self.verdict_due = True

    def restore_verdict(self, state: ScreenState | None) -> None:
        """The prediction the saved session had just revealed, once its position is on screen (shown until the next move)."""
        if state is None or state.verdict is None or not self.verdict_due or self.stage.seeking is not None:
            return
        self.verdict_due = False  # once the move to the saved position is over, however it ended
        if self.stage.position != state.position:
            return
        kind, guess = state.verdict
        asked = question(self.stage.trained, state.position, kind)
        if asked is not None:
            self.verdict = (state.position, kind, Verdict(asked, guess))
            self.stage.post_message(Tallied())
