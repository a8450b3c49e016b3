"""Keys land where the screen says they will, however fast they come and whatever a browser says of focus.

Rule: keys sent all at once, the way a fast typist or a lagging connection delivers them, do what the same keys
do one by one: those typed as a prompt opens go into it, none is lost or swallowed by the prompt's own focus. And a
debugger told it lost the focus (what a browser's page says when it is not clicked, or is left for another
window) still draws its footer and takes a question's answer.
"""

from __future__ import annotations

from textual import events

from tests.helpers import debugger, text, until
from tui.app.screens.prompt import Prompt
from tui.app.widgets.derivatives import Derivatives

KEYS = {" ": "space", "\r": "enter", "-": "minus", ".": "full_stop"}


def burst(app, keys: str) -> None:
    """Every key of `keys` at once, as the driver delivers input that arrives together."""
    for key in keys:
        app.post_message(events.Key(KEYS.get(key, key), key))


async def test_keys_typed_as_a_prompt_opens_all_go_into_it(noisy):
    async with debugger(noisy) as (app, _pilot):
        burst(app, "g1 3\r")
        await until(lambda: "epoch 1/5 · sample 3/100" in text(app, "#status"), 10, "the go-to typed in one burst")
        burst(app, "pn-141.82\r")  # go-to lands on a forward pass: n asks for the first update
        panel = app.main_screen.query_one(Derivatives)
        await until(lambda: "/1 within 1%" in str(panel.border_subtitle), 10, "the answer typed as the question opened")
        assert "-141.8200" in text(app, "#narration"), "the guess, whole"


async def test_a_blurred_debugger_still_shows_its_keys_and_takes_an_answer(noisy):
    async with debugger(noisy) as (app, pilot):
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert app.app_focus, "a blur is not taken: the app behaves as in a terminal"
        await pilot.press("p", "n", "n")
        assert isinstance(app.screen, Prompt) and app.screen.focused is not None, "the question's box has the keyboard"
        await pilot.press(*"-141.82", "enter")
        assert not isinstance(app.screen, Prompt)


async def test_a_note_that_comes_as_the_prompt_opens_shows_in_it(noisy):
    """The class's tally reaches the teacher's question at once, before its prompt has drawn its parts."""
    async with debugger(noisy) as (app, pilot):
        app.main_screen.predicting.put_question(2, "derivative")
        app.main_screen.predicting.class_note("Q1 answered 0 of 3")  # in the same turn as the push: nothing composed yet
        await pilot.pause()
        assert isinstance(app.screen, Prompt) and "Q1 answered 0 of 3" in str(app.screen.query_one("#prompt-note").render())
