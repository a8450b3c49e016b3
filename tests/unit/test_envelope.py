"""What a browser tab may send to `serve`: the page's five messages pass, anything else is dropped.

Rule: for any text on the websocket (any JSON value, any depth, any type in any
place, or no JSON at all), reading it never raises; it yields one of the page's
own messages, with a terminal size already cut to LARGEST, or nothing.
"""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from tui.frontends.tab import LARGEST, envelope

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["width", "height", "x"]), inner, max_size=3),
    max_leaves=12,
)
KINDS = st.sampled_from(["stdin", "resize", "ping", "blur", "focus", "other", ""])


def check(read: object) -> None:
    assert read is None or read[0] in {"stdin", "resize", "ping", "blur", "focus"}
    if read is not None and read[0] == "resize":
        width, height = read[1]
        assert 1 <= width <= LARGEST[0] and 1 <= height <= LARGEST[1]
    if read is not None and read[0] in ("stdin", "ping"):
        assert isinstance(read[1], str)


@given(kind=KINDS, rest=st.lists(JSON, max_size=2))
@example(kind="stdin", rest=[5]).via("the issue's ['stdin', 5]")
@example(kind="stdin", rest=[None]).via("the issue's ['stdin', null]")
@example(kind="stdin", rest=[["s"]]).via("the issue's ['stdin', [...]]")
@example(kind="resize", rest=[{"width": 10**400, "height": -5}]).via("sizes no terminal has")
def test_any_json_message_is_one_of_the_pages_or_nothing(kind, rest):
    check(envelope(json.dumps([kind, *rest])))


@given(text=st.text(max_size=40) | JSON.map(json.dumps))
@example(text="[" * 100_000).via("JSON nested 100,000 deep")
@example(text='["stdin", "s"' + "]" * 100_000)
@example(text="[1e999999]")
def test_any_text_reads_without_raising(text):
    check(envelope(text))


def test_the_pages_own_messages_pass_unchanged():
    assert envelope('["stdin", "s\\u001b[A"]') == ("stdin", "s\x1b[A")
    assert envelope('["ping", "1764"]') == ("ping", "1764")
    assert envelope('["resize", {"width": 100, "height": 30}]') == ("resize", (100, 30))
    assert envelope('["resize", {"width": "100.0", "height": 30}]') == ("resize", (120, 30))
    assert envelope('["blur"]') == ("blur", None) and envelope('["focus"]') == ("focus", None)
    assert envelope('["focus", 1]') is None and envelope('["stdin"]') is None
