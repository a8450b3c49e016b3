"""Predict mode: the question n asks before an update, the guess, the verdict and the tallies."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import ModalScreen

from tui.app.screens.moving import Moving
from tui.app.widgets.derivatives import Derivatives
from tui.wording.fmt import num
from tui.wording.pool import Confidence
from tui.wording.predict import KINDS, Kind, Score, Verdict, parse_guess, question


class Predicting(Moving):
    """The main screen's predict mode: while a question is open, nothing moves the run."""

    _reopen: Callable[..., None] | None = None
    """The open question's prompt, to open again for the class's second vote."""
    _held: ModalScreen[None] | None = None
    """The eyes-up screen while the teacher holds the class."""

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
            from tui.app.screens.classmodals import HowSure

            if link is not None and link.teacher:
                link.reveal()
            if isinstance(self.app.screen, HowSure):  # the truth is out: how sure they were is moot
                self.app.screen.dismiss(None)
            self.asking = None
            if guess is not None:  # escape skips the guess but still reveals
                verdict = Verdict(asked, guess)
                score = self.scores[kind] = self.scores.get(kind, Score()).add(verdict)
                self._verdict = (target, kind, verdict)
                self.watch_predict(self.predict)
                if not self._narration.display:  # otherwise the narration panel shows the verdict
                    self.notify(f"{asked.label} = {num(asked.truth)} · you said {num(verdict.guess)} · {score}", timeout=6, markup=False)
            elif not self._narration.display and link is None:  # in a class, the class says it
                self.notify(f"{asked.label} = {num(asked.truth)} · not answered", timeout=6, markup=False)
            self.go(target)

        def answered(guess: float | None, vote: int = 1) -> None:
            if link is not None and not link.teacher and number is not None:
                open_now = link.asked is not None and (link.asked.number, link.asked.vote) == (number, vote)
                link.answer(number, guess, lambda: reveal(guess))
                if guess is None and open_now:  # escape, not a box the class closed
                    self.notify(f"You skipped Q{number}; j opens it again until the teacher reveals it.", timeout=8)
            else:
                self._reopen = None
                reveal(guess)

        def open_prompt(note: str = "", vote: int = 1) -> None:
            from tui.app.screens.prompt import Prompt  # not needed for the first frame

            title = f"Predict {asked.label}" + (" (second vote)" if vote > 1 else "")
            prompt = Prompt(title, asked.hint, parse_guess)
            prompt.note(note)
            self.app.push_screen(prompt, lambda guess: answered(guess, vote))

        self.asking = asked
        self._reopen = open_prompt
        self.app.clear_notifications()  # an earlier question's verdict is not this one's
        if link is not None and number is None:  # a teacher's question reopened after a reload is the class's already
            link.ask(asked, target, kind)
        open_prompt()

    def ask_again(self, number: int, note: str) -> None:
        """The class's second vote on the question open on this student's screen: asked anew, the first vote's
        answers under it when the teacher shows them."""
        from tui.app.screens.prompt import Prompt

        if self.asking is None or self._reopen is None:
            return
        if isinstance(self.app.screen, Prompt):  # not answered yet: this vote's box is the second vote's
            self.app.screen.dismiss(None)
        self._reopen(note, 2)

    def reopen_question(self, vote: int) -> None:
        """The class's open question's box again, on a student's screen where it was skipped."""
        from tui.app.screens.classmodals import HowSure
        from tui.app.screens.prompt import Prompt

        if self.asking is not None and self._reopen is not None and not isinstance(self.app.screen, Prompt | HowSure):
            self._reopen("", vote)

    def ask_confidence(self, number: int, vote: int) -> None:
        """How sure the student is of the answer just taken: one key, or none."""
        from tui.app.screens.classmodals import HowSure

        def said(confidence: Confidence | None) -> None:
            if confidence is not None and self.classlink is not None and self.classlink.student is not None:
                self.classlink.student.sure(number, vote, confidence)
                self.notify(f"Said: {confidence}.", timeout=3)

        self.app.push_screen(HowSure(), said)

    def ask_name(self, reason: str) -> None:
        """The student's name for the teacher, in a class that asks for names; `reason` says why the last was refused."""
        from tui.app.screens.prompt import Prompt

        def given(name: str | None) -> None:
            if self.classlink is None or self.classlink.student is None:
                return
            if name is None:
                self.ask_name("the class asks for a name: the teacher sees it, nobody else does")
                return
            self.classlink.student.give_name(name)

        hint = "only the teacher sees it, beside your answers; at most 24 characters"
        self.app.push_screen(Prompt("Your name for the teacher", hint, str.strip, error=reason), given)

    def keys_changed(self) -> None:
        """What the keys do has changed with the class (a second vote open, or not): the footer says so."""
        self.app.screen.refresh_bindings()

    def hold(self, on: bool) -> None:
        """Eyes up: the screen held on the teacher's step, every key dropped, until the teacher lets it go."""
        from tui.app.screens.classmodals import EyesUp

        if on and self._held is None:
            self._held = EyesUp()
            self.app.push_screen(self._held)
        elif not on and self._held is not None:
            held, self._held = self._held, None
            if held.is_current:
                held.dismiss(None)

    def class_note(self, text: str) -> None:
        """Show the class's answers under the teacher's open question, live."""
        from tui.app.screens.prompt import Prompt

        if isinstance(self.app.screen, Prompt):
            self.app.screen.note(text)

    def close_question(self) -> None:
        """The class's question was revealed before this student answered: close its prompt, showing the truth."""
        from tui.app.screens.classmodals import HowSure
        from tui.app.screens.prompt import Prompt

        if isinstance(self.app.screen, Prompt | HowSure):
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
