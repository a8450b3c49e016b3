"""What a browser's page may send `serve`: its own messages pass, typed, anything else is dropped.

Rule: for any text on the websocket (any JSON value, any depth, any type in any place, or no JSON at all),
reading it never raises; it yields one of the page's own messages, whole and of the right types, or nothing.
A terminal size is cut to LARGEST where it is used (`clamp`).
"""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from tui.formats.browser import Alive, Blur, Focus, Ping, Resize, Size, Stdin, read
from tui.frontends.tab import LARGEST, clamp

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["width", "height", "x"]), inner, max_size=3),
    max_leaves=12,
)
KINDS = st.sampled_from(["stdin", "resize", "ping", "alive", "blur", "focus", "other", ""])


def check(message: object) -> None:
    assert message is None or isinstance(message, Stdin | Resize | Ping | Alive | Focus | Blur)
    if isinstance(message, Stdin):
        assert isinstance(message.text, str) and isinstance(message.number, int) and message.number >= 0
    if isinstance(message, Resize):
        width, height = clamp(message.size.width, message.size.height)
        assert 1 <= width <= LARGEST[0] and 1 <= height <= LARGEST[1]
    if isinstance(message, Ping):
        assert isinstance(message.text, str)


@given(kind=KINDS, rest=st.lists(JSON, max_size=2))
@example(kind="stdin", rest=[5]).via("the issue's ['stdin', 5]")
@example(kind="stdin", rest=[None]).via("the issue's ['stdin', null]")
@example(kind="stdin", rest=[["s"]]).via("the issue's ['stdin', [...]]")
@example(kind="stdin", rest=["s", -1]).via("a key numbered below 1")
@example(kind="resize", rest=[{"width": 10**400, "height": -5}]).via("sizes no terminal has")
def test_any_json_message_is_one_of_the_pages_or_nothing(kind, rest):
    check(read(json.dumps([kind, *rest])))


@given(text=st.text(max_size=40) | JSON.map(json.dumps))
@example(text="[" * 100_000).via("JSON nested 100,000 deep")
@example(text='["stdin", "s"' + "]" * 100_000)
@example(text="[1e999999]")
def test_any_text_reads_without_raising(text):
    check(read(text))


def test_the_pages_own_messages_pass_whole():
    assert read('["stdin", "s\\u001b[A"]') == Stdin("s\x1b[A")
    assert read('["stdin", "s", 7]') == Stdin("s", 7)
    assert read('["ping", "1764"]') == Ping("1764")
    assert read('["alive", 3]') == Alive(3)
    assert read('["resize", {"width": 100, "height": 30}]') == Resize(Size(100, 30))
    assert read('["blur"]') == Blur() and read('["focus"]') == Focus()
    for refused in ('["focus", 1]', '["stdin"]', '["resize", {"width": "100.0", "height": 30}]', '["stdin", "s", 1, 2]', '{"stdin": "s"}'):
        assert read(refused) is None, refused


def test_sizes_from_a_browser_are_cut_to_a_sane_terminal():
    assert clamp("20000", "20000") == LARGEST
    assert clamp(-3, "x") == (1, 40)
    assert clamp("120", "40") == (120, 40)
