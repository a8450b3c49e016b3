"""What a browser's page may send `serve` on its terminal's websocket, typed: anything else is dropped.

The page is textual-serve's, with our script (`tui/frontends/page.js`) around its socket. Each message is a
JSON array whose first item names it, as textual-serve's page writes them; msgspec decodes and checks it
in one step, so the server only ever handles a whole, valid message. Our script numbers the keys it sends
(`Stdin.number`), so that keys resent after a lost connection are taken once, and says it is alive every
few seconds (`Alive`), which the server answers with the last key it took.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

LONGEST_KEYS = 1 << 16
"""Most characters of keys in one message: a paste of a few pages of text. A longer one is dropped whole (the page
says so rather than send it)."""
LONGEST_MESSAGE = 1 << 20
"""Most bytes in one websocket message: anything longer is no page's, and its connection is closed."""
Cells = Annotated[int, msgspec.Meta(ge=-(1 << 31), le=1 << 31)]
Number = Annotated[int, msgspec.Meta(ge=0, le=1 << 53)]


class Size(msgspec.Struct, frozen=True):
    """A terminal's size in cells, as the page measures it."""

    width: Cells
    height: Cells


class PageMessage(msgspec.Struct, array_like=True, forbid_unknown_fields=True, tag=True):
    """One message from the page: `[kind, field...]`."""


class Stdin(PageMessage, tag="stdin"):
    """Keys typed, or text pasted."""

    text: Annotated[str, msgspec.Meta(max_length=LONGEST_KEYS)]
    number: Number = 0
    """This message's number among the page's keys, from 1; 0 from a page that does not number them."""


class Resize(PageMessage, tag="resize"):
    """The terminal's new size."""

    size: Size


class Ping(PageMessage, tag="ping"):
    """textual-serve's page measuring its round trip: answered with a pong carrying the same text."""

    text: Annotated[str, msgspec.Meta(max_length=64)]


class Alive(PageMessage, tag="alive"):
    """Our page, every few seconds: answered with the number of the last key taken from it."""

    sent: Number
    """How many keys the page has numbered so far."""


class Focus(PageMessage, tag="focus"):
    """The page's terminal has taken the keyboard."""


class Blur(PageMessage, tag="blur"):
    """The page's terminal has lost the keyboard."""


FromPage = Stdin | Resize | Ping | Alive | Focus | Blur
_decoder = msgspec.json.Decoder(FromPage)


def read(text: str) -> FromPage | None:
    """A page's message, or None for anything a page would not send."""
    try:
        return _decoder.decode(text)
    except (msgspec.DecodeError, RecursionError):  # RecursionError: JSON nested deeper than anything a page sends
        return None
