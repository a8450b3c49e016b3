"""The debugger's screen as a class drives it (`tui.app.desk.Desk`): each call handed to the part that owns it, and the
class's own prompts and its eyes-up screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import ModalScreen

    from model import Run, Training
    from model.breakpoints import Breakpoint
    from model.training import Ghost
    from tui.app.moves import Seek
    from tui.app.screens.moving import Moving
    from tui.app.screens.predicting import Predicting
    from tui.app.screens.saving import Saving
    from tui.app.screens.stage import Stage
    from tui.app.screens.trainer import Trainer
    from tui.formats.saved import Saved
    from tui.wording.predict import Kind, Question


class ClassDesk:
    """The screen's surface for `ClassLink` and `Student`: the run, moves, questions, saves and notices."""

    def __init__(self, stage: Stage, moving: Moving, predicting: Predicting, saving: Saving, trainer: Trainer) -> None:
        self.stage = stage
        self.moving, self.predicting, self.saving, self.trainer = moving, predicting, saving, trainer
        self._held: ModalScreen[None] | None = None
        """The eyes-up screen while the teacher holds the class."""

    @property
    def seeking(self) -> Seek | None:
        return self.moving.seeking

    @property
    def asking(self) -> Question | None:
        return self.predicting.asking

    @property
    def trained(self) -> Run:
        return self.trainer.trained

    @property
    def predict(self) -> Kind | None:
        return self.predicting.predict

    @predict.setter
    def predict(self, predict: Kind | None) -> None:
        self.predicting.predict = predict

    def notify(self, message: str, *, severity: Any = "information", timeout: float | None = None) -> None:
        self.stage.notify(message, severity=severity, timeout=timeout)

    def saved(self) -> Saved:
        return self.saving.saved()

    def redraw(self) -> None:
        self.stage.redraw()

    def go(self, target: int, stop_at_breakpoints: bool = False, scanned: int = 0) -> None:
        self.moving.go(target, stop_at_breakpoints, scanned)

    def take_run(self, training: Training, ghosts: list[Ghost], breakpoints: tuple[Breakpoint, ...]) -> None:
        self.moving.breakpoints = list(breakpoints)
        self.trainer.take_run(training, ghosts)

    def put_question(self, target: int, kind: Kind, number: int | None = None) -> None:
        self.predicting.put_question(target, kind, number)

    def close_question(self) -> None:
        self.predicting.close_question()

    def ask_again(self, number: int, note: str) -> None:
        self.predicting.ask_again(number, note)

    def reopen_question(self, vote: int) -> None:
        self.predicting.reopen_question(vote)

    def deliver(self, text: str, name: str) -> None:
        """Hand `text` to the browser as the download `name` (a served session writes nothing on the server)."""
        self.saving.deliver(text, name)
        self.stage.notify(f"{name} is downloading.", timeout=4, markup=False)

    def class_note(self, text: str) -> None:
        self.predicting.class_note(text)

    def ask_confidence(self, number: int, vote: int) -> None:
        """How sure the student is of the answer just taken: one key, or none."""
        from tui.app.screens.classmodals import HowSure
        from tui.wording.pool import Confidence

        def said(confidence: Confidence | None) -> None:
            link = self.stage.classlink
            if confidence is not None and link is not None and link.student is not None:
                link.student.sure(number, vote, confidence)
                self.stage.notify(f"Said: {confidence}.", timeout=3)

        self.stage.app.push_screen(HowSure(), said)

    def ask_name(self, reason: str) -> None:
        """The student's name for the teacher, in a class that asks for names; `reason` says why the last was refused."""
        from tui.app.screens.prompt import Prompt

        def given(name: str | None) -> None:
            link = self.stage.classlink
            if link is None or link.student is None:
                return
            if name is None:
                self.ask_name("the class asks for a name: the teacher sees it, nobody else does")
                return
            link.student.give_name(name)

        hint = "only the teacher sees it, beside your answers; at most 24 characters"
        self.stage.app.push_screen(Prompt("Your name for the teacher", hint, str.strip, error=reason), given)

    def keys_changed(self) -> None:
        """What the keys do has changed with the class (a second vote open, or not): the footer says so."""
        self.stage.app.screen.refresh_bindings()

    def hold(self, on: bool) -> None:
        """Eyes up: the screen held on the teacher's step, every key dropped, until the teacher lets it go."""
        from tui.app.screens.classmodals import EyesUp

        if on and self._held is None:
            self._held = EyesUp()
            self.stage.app.push_screen(self._held)
        elif not on and self._held is not None:
            held, self._held = self._held, None
            if held.is_current:
                held.dismiss(None)
