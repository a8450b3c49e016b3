"""The debugger app: a thin shell around `MainScreen` that keeps the session, theme, transcript and watchdog."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import select
import signal
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from textual import events, on
from textual.app import App, SystemCommand
from textual.command import CommandPalette, SearchIcon
from textual.screen import Screen

from model import Run, Training
from model.text import printable
from tui.app.screens.commands import commands
from tui.app.screens.main import MainScreen
from tui.app.screens.messages import Ready, Shown
from tui.formats.files import create_new, start_file
from tui.pinned import write_in_order
from tui.records.session import READY, RECORDED, SERVED_BY, Session

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""Signals that end a session cleanly."""
LAST_RESORT = 5.0
"""Seconds a session nobody can see any more (its terminal or server gone, or a signal) has to shut down before
its process ends anyway: Textual's shutdown can wait for ever to write to a terminal that has hung up."""


class Debugger(App[None]):
    """Step through SGD on the notebook's network (or a variant) on `MainScreen`."""

    CSS_PATH = "app.tcss"
    TITLE = "nn-by-hand"

    def __init__(
        self, run: Run | Training, session: Session | None = None, ghosts: list[tuple[Run, Training | None]] | None = None
    ) -> None:
        super().__init__()
        self.session = session or Session()
        """Everything about this session that is not the run."""
        self.main_screen = MainScreen(run, self.session, ghosts)  # a run in training goes on training behind it
        """The debugger's own screen, even while help or a prompt is open over it."""
        self.autopilot = self.main_screen.autopilot
        """The session's key script, play and exit-at-end."""
        self.ready = asyncio.Event()
        """Set once the data table is filled and the script (if any) may start."""
        self.signalled: int | None = None
        """The signal that ended the session (SIGTERM, SIGHUP or SIGINT), if one did."""
        self._on_terminal = _is_terminal()
        self._last_resort: threading.Timer | None = None
        self._transcript: TextIO | None = None
        self._written = -1
        if self.session.theme in self.available_themes:  # the command line reports any other name
            self.theme = self.session.theme

    def get_default_screen(self) -> Screen[None]:
        return self.main_screen

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):  # its frame first, then more training
            self.main_screen.trainer.hold()
            if self.main_screen.classlink is not None and self.screen is self.main_screen:
                self.main_screen.classlink.key()
        await super().on_event(event)

    def on_app_blur(self, event: events.AppBlur) -> None:
        """Stay focused, as in a terminal, whatever a browser's page says.

        Textual's web driver blurs the app as it starts, and the page says "focus" only once its terminal is
        clicked: a blurred app draws no footer and focuses nothing on a new screen, so a question's box would
        take no keys until a click. The page's own script keeps its terminal focused instead (see `serve`).
        """
        event.prevent_default()  # App's own handler, which would blur, is the default this prevents

    def on_app_focus(self, event: events.AppFocus) -> None:
        """A page has taken this debugger's keyboard, perhaps a new page for a seat kept while its page was gone:
        every cell is drawn again, so that it shows the whole screen at once."""
        self.refresh()

    def on_mount(self) -> None:
        if not self.is_headless:  # a signal ends the session as q does: the terminal restored, the session saved
            loop = asyncio.get_running_loop()
            for number in ENDING_SIGNALS:
                loop.add_signal_handler(number, self._end_by_signal, number)
        if self.session.transcript is not None:
            self._open_transcript(self.session.transcript)
        self.set_interval(1.0, self._check_watched)

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        """Every notice through the one printable filter: a file or path named in it cannot drive the terminal."""
        super().notify(printable(message, keep="\n"), *args, **kwargs)

    def _end_by_signal(self, number: int) -> None:
        self.signalled = number
        self._end_unseen(128 + number)

    def _end_unseen(self, status: int) -> None:
        """End the session as q does, and the process with `status` if that has not ended it within LAST_RESORT."""
        if self._last_resort is None:
            self._last_resort = threading.Timer(LAST_RESORT, os._exit, (status,))
            self._last_resort.daemon = True
            self._last_resort.start()
        self.exit()

    def run(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().run(*args, **kwargs)
        finally:  # shut down in time: what follows (a save at exit) must not be cut short
            if self._last_resort is not None:
                self._last_resort.cancel()

    def _open_transcript(self, path: Path) -> None:
        """Start the transcript: a new file in the folder named, or at the name (in place of what is there only with --force)."""
        try:
            self._transcript = create_new(path, "session") if path.is_dir() else start_file(path, replace=self.session.force)
        except OSError as error:
            self.notify(f"No transcript: cannot write {path}: {error.strerror}", severity="error", timeout=10, markup=False)

    @on(Shown)
    def _record(self, event: Shown) -> None:
        """Write each position shown to the transcript once, then see whether the script's run is over."""
        if self._transcript is not None and self._written != event.position:
            self._written = event.position
            try:
                self._transcript.write(f"{printable(event.text, keep=chr(10))}\n\n")
                self._transcript.flush()
            except OSError as error:  # a full disk: the transcript stops, the session and its save go on
                self._stop_transcript(error)
        self.autopilot.check()
        if self.main_screen.classlink is not None:
            self.main_screen.classlink.shown(event.position)

    def _stop_transcript(self, error: OSError) -> None:
        transcript, self._transcript = self._transcript, None
        name = getattr(transcript, "name", None)
        name = name if isinstance(name, str) else self.session.transcript  # a file opened by descriptor is named by it
        if transcript is not None:
            with contextlib.suppress(OSError):
                transcript.close()
        self.notify(
            f"Transcript stopped: cannot write {name}: {error.strerror or error}. The session goes on.",
            severity="error",
            timeout=10,
            markup=False,
        )

    @on(Ready)
    def _start(self) -> None:
        self.ready.set()
        if not self.is_headless:
            # The screen's widgets, styles and caches live until exit too: frozen, they spare the full
            # collections that would otherwise scan them every few keys (~50 ms each, measured).
            gc.freeze()
        gc.enable()  # the command leaves it off until the first frame (see `tui.__main__`)
        if RECORDED in os.environ:
            self.call_after_refresh(self._mark_ready)
        if not self.session.capture:  # a screenshot presses its keys itself, then takes the picture
            self.run_worker(self.autopilot.fly(), exclusive=True, group="script")
        if self.main_screen.classlink is not None:
            self.run_worker(self.main_screen.classlink.run(), group="class")

    def _mark_ready(self) -> None:
        """Tell `record` that the first frame is complete, in the terminal's stream, after that frame's output."""
        write_in_order(self, READY)  # Textual has no public way to write in order with its frames

    def _check_watched(self) -> None:
        """Quit once nobody can see the app: its terminal hung up, or the process that served it is gone.

        Started under `make run`, a closed terminal sends no SIGHUP to the app (make is the
        session leader), and the app would otherwise spin on with its output failing.
        """
        served = os.environ.get(SERVED_BY)
        if (served and _has_ended(served)) or (self._on_terminal and not _is_terminal()):
            self._end_unseen(0)

    def on_unmount(self) -> None:
        if self._transcript is not None:
            with contextlib.suppress(OSError):  # what could not be written was reported when it failed
                self._transcript.close()

    async def action_quit(self) -> None:
        if not self.session.capture:  # a scripted screenshot must always end in its picture
            await super().action_quit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "revote":  # while the teacher's question has had only its first vote
            link = self.main_screen.classlink
            return link is not None and link.teacher and link.asked is not None and link.asked.vote == 1
        if action == "eyes_up":  # the teacher's, from a question's box too, where E is a letter
            link = self.main_screen.classlink
            return link is not None and link.teacher
        return super().check_action(action, parameters)

    def action_revote(self, show: bool) -> None:
        if self.main_screen.classlink is not None:
            self.main_screen.classlink.revote(show)

    def action_eyes_up(self) -> None:
        if self.main_screen.classlink is not None:
            self.main_screen.classlink.eyes_up()

    def action_command_palette(self) -> None:
        """Textual's palette; in a browser, its search icon is a plain ›, which every font has (a browser without an
        emoji font drew Textual's 🔎 as an empty box)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(PlainPalette(id="--command-palette") if self.session.served else CommandPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from commands(self.main_screen)


class PlainPalette(CommandPalette):
    """The command palette, with a search icon in plain text."""

    def on_mount(self) -> None:
        self.query_one(SearchIcon).icon = "›"


def _has_ended(pidfd: str) -> bool:
    """Whether the process a pidfd names has ended: its pidfd is readable then (and one that is not a pidfd counts too)."""
    try:
        return bool(select.select([int(pidfd)], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def _is_terminal() -> bool:
    """Whether standard input is a terminal (it stops being one when the terminal hangs up)."""
    return sys.__stdin__ is not None and os.isatty(sys.__stdin__.fileno())
