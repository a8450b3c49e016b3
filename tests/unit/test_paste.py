"""A paste stays one paste: nothing inside a bracketed paste ever reaches the app as a key.

Rule: for any pasted text (escape sequences, stray brackets, a half closing
bracket included), however the terminal's bytes are cut into reads, the parser
gives the keys before the paste, then exactly one Paste whose text is the
paste with each ESC written as SUB (so a prompt refuses it), then the keys
after it; and a lone ESC typed outside a paste is still the escape key.
"""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st
from textual import events

from tui.frontends.paste import SUB, GuardedParser, guard_pastes

START, END = "\x1b[200~", "\x1b[201~"
PIECES = st.sampled_from(["\x1b", "]0;x\x07", "[201", "[200~", "~", "e", "s", " ", "\r", "\x1b[A", "hello", "\x1b[201"])


def parse(reads: list[str]) -> list[tuple[str, str]]:
    parser = GuardedParser()
    tokens = [token for data in reads for token in parser.feed(data)]
    tokens += parser.feed("")
    return [(type(t).__name__, t.text if isinstance(t, events.Paste) else t.key) for t in tokens]


@given(pasted=st.lists(PIECES, max_size=12).map("".join), cuts=st.lists(st.integers(1, 200), max_size=10))
def test_a_paste_cut_anywhere_is_one_paste_and_no_keys(pasted, cuts):
    assume(END not in pasted)  # a terminal never sends its own closing bracket inside a paste
    if pasted.endswith("\x1b[201"):  # a paste whose text ends in most of a closing bracket is still a paste
        pasted += "x"
    raw = "ab" + START + pasted + END + "n"
    points = sorted({c % len(raw) for c in cuts} - {0})
    reads = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)])]
    assert parse(reads) == [("Key", "a"), ("Key", "b"), ("Paste", pasted.replace("\x1b", SUB)), ("Key", "n")]


def test_the_escape_key_and_arrows_outside_a_paste_are_untouched():
    assert parse(["\x1b[A", "e", "\x1b[B"]) == [("Key", "up"), ("Key", "e"), ("Key", "down")]
    assert parse(["s", "\x1b"]) == [("Key", "s"), ("Key", "escape")]


def test_the_guard_is_put_in_front_of_the_parser_the_driver_makes(monkeypatch):
    from textual.drivers import linux_driver, web_driver

    monkeypatch.setattr(linux_driver, "XTermParser", linux_driver.XTermParser)
    monkeypatch.setattr(web_driver, "XTermParser", web_driver.XTermParser)
    guard_pastes(web=False)
    assert linux_driver.XTermParser is GuardedParser
    guard_pastes(web=True)
    assert web_driver.XTermParser is GuardedParser
