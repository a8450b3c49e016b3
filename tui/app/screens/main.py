"""The debugger's screen: its widgets, a redraw from the state its parts own, and its keys' one-line actions.

The parts (see `stage`) each own their state: `looks`, `moving`, `predicting`, `trainer` and `saving`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen

from model import Run, Training
from model.training import Ghost
from tui.app.autopilot import ACTIONS as SCRIPT_ACTIONS
from tui.app.autopilot import Autopilot
from tui.app.screens.bindings import KEYS, STILL_ACTIONS
from tui.app.screens.drawing import Drawing, compose
from tui.app.screens.looks import Looks
from tui.app.screens.messages import Moved, Ready, Tallied
from tui.app.screens.moving import Moving
from tui.app.screens.predicting import Predicting
from tui.app.screens.saving import Saving
from tui.app.screens.trainer import Trainer
from tui.app.widgets.banner import Banner
from tui.app.widgets.breakpoints import Breakpoints
from tui.app.widgets.narration import Narration

if TYPE_CHECKING:
    from tui.app.classlink import ClassLink
    from tui.app.moves import Seek
    from tui.records.session import Session
    from tui.wording.predict import Question

T = TypeVar("T")


class MainScreen(Screen[None]):
    """Step through SGD on the notebook's network (or a variant): forward pass, then one update per parameter."""

    BINDINGS: ClassVar[list[BindingType]] = list(KEYS)

    def __init__(self, run: Run | Training, session: Session, ghosts: list[Ghost] | None = None) -> None:
        super().__init__()
        self.session = session
        """Everything about this session that is not the run."""
        self.settled = asyncio.Event()
        """Set whenever no question is open and no move waits for training: a key script waits on it."""
        self.settled.set()
        # Kept, not queried: training hands the screen a run from its worker, which may come as the app closes.
        self._banner, self._narration, self._breakpoints = Banner(id="banner"), Narration(id="narration"), Breakpoints(id="breakpoints")
        self.looks = Looks(self, self._banner)
        self.moving = Moving(self, self._breakpoints, session.breakpoints)
        self.predicting = Predicting(self)
        self.trainer = Trainer(self, run, ghosts)
        self.saving = Saving(self, session, self.looks, self.moving, self.predicting, self.trainer)
        self.autopilot = Autopilot(self, session)
        """The session's key script, its pauses and stops, play and exit-at-end."""
        self.drawing = Drawing(self, session, self._narration, (self.looks, self.moving, self.predicting, self.trainer, self.autopilot))
        self.classlink: ClassLink | None = None
        """This debugger's seat in a class `serve --teach` leads, if it is in one."""
        if session.classroom is not None:
            from tui.app.classlink import ClassLink  # only a served class needs it
            from tui.app.screens.classdesk import ClassDesk

            path, seat, role = session.classroom
            desk = ClassDesk(self, self.moving, self.predicting, self.saving, self.trainer)
            self.classlink = ClassLink(desk, path, seat, role == "teacher")

    def compose(self) -> ComposeResult:
        yield from compose(self._banner, self._narration, self._breakpoints)

    def on_mount(self) -> None:
        self.drawing.find(self)
        if self.session.title:
            self._narration.border_title = Text(f"{self.session.title} · what just happened")
        network = self.trained.notebook
        self.set_class(network is not None and network.bias, "-bias")  # the network never changes: set once
        self.looks.compact = self.looks.is_compact(*self.app.size)
        self.saving.start()
        self.drawing.show_tallies()
        self.looks.show_panels()
        self.looks.show_divergence()
        self.moving.show_breakpoints()
        self.redraw()
        self.call_after_refresh(self._after_first_frame)
        self.trainer.train_on()  # held until the first frame is out

    async def _after_first_frame(self) -> None:
        # Training the rest, the data table and LinearRegression (whose import holds the GIL
        # for most of a second) wait until the first frame, with the initial RMSE, is out.
        if not self.is_attached:  # the app was closed as its first frame went out
            return
        self.trainer.release()
        await self.drawing.add_table(self.query_one("#right"))
        self.trainer.fit_reference()
        self.post_message(Ready())

    @property
    def trained(self) -> Run:
        """The run on screen, as far as it is trained (the trainer's)."""
        return self.trainer.trained

    @property
    def position(self) -> int:
        """The position on screen (0 = start; `moving`'s)."""
        return self.moving.position

    @property
    def playing(self) -> bool:
        return self.moving.playing

    @property
    def seeking(self) -> Seek | None:
        return self.moving.seeking

    @property
    def at_end(self) -> bool:
        return self.moving.at_end

    @property
    def asking(self) -> Question | None:
        return self.predicting.asking

    @property
    def table_top(self) -> int:
        return self.drawing.table_top

    def redraw(self) -> None:
        self.drawing.redraw()

    def settle(self) -> None:
        if self.asking is None and self.seeking is None and not self.trainer.switching:
            self.settled.set()
        else:  # a script's next key waits for the question, the move, or the run in the order asked for
            self.settled.clear()

    def run_shown(self) -> None:
        run = self.trained
        self.moving.position = min(max(self.position, run.first), run.positions - 1)  # a divergence may come earlier
        self.looks.show_divergence()
        self.looks.compact = self.looks.is_compact(*self.app.size)  # a divergence needs a line for its banner

    def caught_up(self) -> None:
        if self.moving.go_on():
            self.predicting.restore_verdict(self.session.restored)

    def go(self, target: int, stop_at_breakpoints: bool = False, scanned: int = 0) -> None:
        self.moving.go(target, stop_at_breakpoints, scanned)

    def ask(self, title: str, hint: str, parse: Callable[[str], T], done: Callable[[T | None], None]) -> None:
        from tui.app.screens.prompt import Prompt  # not needed for the first frame

        self.app.push_screen(Prompt(title, hint, parse), done)

    def refuse(self, title: str, hint: str, reason: str) -> None:
        from tui.app.screens.prompt import refusal

        self.app.push_screen(refusal(title, hint, reason))

    @on(Moved)
    def _moved(self) -> None:
        self.redraw()

    @on(Tallied)
    def _tallied(self) -> None:
        self.drawing.show_tallies()

    def judged(self, text: str) -> None:
        if not self._narration.display:  # otherwise the narration panel shows the verdict
            self.notify(text, timeout=6, markup=False)

    def on_resize(self) -> None:
        self.looks.fit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space pauses or resumes a lesson's script while there is one, and plays otherwise; while a question
        is open only the view may change: no key, palette entry or script moves the run."""
        if action in SCRIPT_ACTIONS:
            return self.autopilot.offers(action)
        if action == "rejoin":  # a student's, off the teacher's step or with the class's question skipped
            student = None if self.classlink is None else self.classlink.student
            return student is not None and (not student.following or student.skipped)
        if action == "eyes_up":  # the teacher's
            return self.classlink is not None and self.classlink.teacher
        return self.asking is None or action in STILL_ACTIONS

    def action_next(self) -> None:
        self.predicting.next()

    def action_back(self) -> None:
        self.moving.back()

    def action_sample(self) -> None:
        self.moving.sample()

    def action_epoch(self) -> None:
        self.moving.epoch()

    def action_back_sample(self) -> None:
        self.moving.back_sample()

    def action_first(self) -> None:
        self.moving.first()

    def action_last(self) -> None:
        self.moving.last()

    def action_play(self) -> None:
        self.moving.play()

    def action_faster(self) -> None:
        self.moving.faster()

    def action_slower(self) -> None:
        self.moving.slower()

    def action_goto(self) -> None:
        self.moving.goto()

    def action_breakpoint(self) -> None:
        self.moving.breakpoint()

    def action_clear_breakpoints(self) -> None:
        self.moving.clear_breakpoints()

    def action_cancel(self) -> None:
        """Escape: stop waiting for training, and stop a lesson's script that is playing."""
        self.moving.stop_waiting()
        if self.autopilot.offers("pause_script"):
            self.autopilot.pause()

    def action_restart(self) -> None:
        self.moving.playing = False
        self.predicting.restart()
        self.moving.first()

    def action_predict(self) -> None:
        self.predicting.cycle()

    def action_order(self) -> None:
        self.trainer.switch_order()

    def action_fork(self) -> None:
        self.trainer.fork()

    def action_unfork(self) -> None:
        self.trainer.unfork()

    def action_log_scale(self) -> None:
        self.looks.log_scale = not self.looks.log_scale

    def action_check(self) -> None:
        self.looks.checking = not self.looks.checking

    def action_beta(self) -> None:
        self.looks.toggle_beta()

    def action_data(self) -> None:
        self.looks.toggle("data")

    def action_network(self) -> None:
        self.looks.toggle("network")

    def action_narration(self) -> None:
        self.looks.toggle("narration")

    def action_rejoin(self) -> None:
        if self.classlink is not None:
            self.classlink.rejoin()

    def action_eyes_up(self) -> None:
        if self.classlink is not None:
            self.classlink.eyes_up()

    def action_pause_script(self) -> None:
        self.autopilot.pause()

    def action_resume_script(self) -> None:
        self.autopilot.resume()

    def action_help(self) -> None:
        from tui.app.screens.help import Help  # not needed for the first frame

        self.app.push_screen(Help(KEYS))

    async def action_quit(self) -> None:
        if self.classlink is not None and self.classlink.teacher:  # the class would be left without a lead: asked first
            from tui.app.screens.classmodals import end_lead

            end_lead(self.app)
        else:
            await self.app.action_quit()
