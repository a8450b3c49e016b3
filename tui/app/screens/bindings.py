"""The debugger's keys, each with what it does (the help screen, the footer and the palette read them here)."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding

from tui.app.autopilot import ACTIONS
from tui.wording.predict import RULE

KEYS: list[Binding] = [  # each made a priority below
    Binding("n,right", "next", "Next", tooltip="next micro-step"),
    Binding("s", "sample", "Sample", tooltip="to the end of this sample (or the next, if this one is done)"),
    Binding("e", "epoch", "Epoch", tooltip="to the end of the epoch"),
    Binding("b,left", "back", "Back", tooltip="back one micro-step"),
    Binding("S", "back_sample", "Back sample", show=False, tooltip="back to the end of the previous sample"),
    Binding("space", "pause_script", "Pause", tooltip="while a lesson's script plays: pause it (escape too); the run stays"),
    Binding("space", "resume_script", "Resume", tooltip="while a lesson's script is paused: go on from wherever the run is"),
    Binding("space", "play", "Play", tooltip="otherwise: play or pause the run"),
    Binding("plus", "faster", "Faster", show=False, tooltip="play faster"),
    Binding("minus", "slower", "Slower", show=False, tooltip="play slower"),
    Binding("g", "goto", "Go to", tooltip="go to an epoch and sample"),
    Binding("home", "first", "First", show=False, tooltip="the start, before any step"),
    Binding("end", "last", "Last", show=False, tooltip="the last step (stops at breakpoints)"),
    Binding("r", "restart", "Restart", show=False, tooltip="back to the start, playing stopped"),
    Binding("o", "order", "Order", show=False, tooltip="switch notebook / simultaneous order (recomputed, same position)"),
    Binding("f", "fork", "Fork", show=False, tooltip="change a weight, lr or order from here; the run so far stays as a ghost"),
    Binding("u", "unfork", "Unfork", show=False, tooltip="drop the fork: back to the run it came from, same position"),
    Binding("j", "rejoin", "Rejoin", tooltip="back to the teacher's step, in a class a teacher leads (serve --teach)"),
    Binding("E", "eyes_up", "Eyes up", tooltip="the teacher's, in a class: hold every student's screen on your step, or let them go"),
    Binding("l", "log_scale", "Log", tooltip="log scale for the RMSE sparkline"),
    Binding("t", "data", "Data", show=False, tooltip="show or hide the data table"),
    Binding("w", "network", "Network", show=False, tooltip="show or hide the network diagram"),
    Binding("x", "narration", "Explain", tooltip="show or hide the narration"),
    Binding("v", "beta", "β-space", show=False, tooltip="β-space view: the path of (β1, β2) over the loss, for the forward pass"),
    Binding("p", "predict", "Predict", tooltip=f"predict mode: off → derivatives → weights → off; {RULE}"),
    Binding("c", "check", "Check", show=False, tooltip="gradient check: each ∂L/∂p beside its central finite difference"),
    Binding("B", "breakpoint", "Break", show=False, tooltip="add a breakpoint"),
    Binding("C", "clear_breakpoints", "Clear breaks", show=False, tooltip="remove every breakpoint"),
    Binding("escape", "cancel", "Cancel", show=False, tooltip="stop waiting for training, and pause a lesson's script"),
    Binding("question_mark", "help", "Help", tooltip="this list of keys"),
    Binding("q", "quit", "Quit", tooltip="quit"),
]

# Priority: a key acts as the app reads it, in the order keys come, before the next is read. Otherwise a key that
# opens a prompt (g, or n with predict on) would act only once it has gone round the screen, and keys that came
# with it, typed fast or held up by a slow connection, would reach the screen it left, not the prompt it opened.
KEYS = [replace(binding, priority=True) for binding in KEYS]

STUDENT_ACTIONS = ("rejoin",)
"""A student's actions in a class a teacher leads (serve --teach): offered nowhere else."""
TEACHER_ACTIONS = ("eyes_up",)
"""The teacher's, likewise."""
CLASS_ACTIONS = STUDENT_ACTIONS + TEACHER_ACTIONS
STILL_ACTIONS = frozenset(
    {
        "log_scale",
        "data",
        "network",
        "narration",
        "beta",
        "check",
        "help",
        "quit",
        "faster",
        "slower",
        "command_palette",
        "cancel",
        *ACTIONS,
    }
)
"""Actions that leave the run, the position and the open question as they are."""
