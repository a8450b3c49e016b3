"""Reading numbers that people type or files hold, without ever raising anything but InputError.

Python's own parsers accept more than a user means (`"²".isdigit()` is true, but
`int("²")` fails) and fail in ways a user should never see (integers over 4,300
digits, floats out of range). Every option, lesson field and prompt that takes
a number goes through here.
"""

from __future__ import annotations

import math
import re

from model.errors import InputError
from model.text import quoted

_WHOLE = re.compile(r"[+-]?[0-9]+")
"""ASCII digits only: `int` would also take other scripts' digits, which no user means."""
_REAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(inf|infinity|nan)", re.IGNORECASE)
"""A decimal number as people write it, ASCII only; inf and nan are read, then refused as not finite."""
LARGEST = 10**18
"""The largest whole number read where no other bound is given."""
_LONGEST = 400
"""Characters in the longest number read; a longer one is refused rather than parsed."""
ANY = 10**_LONGEST
"""A high bound every number read passes: for places whose range is checked later (a step the run may not have)."""


def whole(where: str, value: object, low: int, high: int | None = None) -> int:
    """An integer from low to high (or at least low); `where` names the option or key in messages."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InputError(f"{where}: {quoted(value)} is not a whole number")
    text = str(value).strip() if isinstance(value, str) else None
    if text is not None and (len(text) > _LONGEST or not _WHOLE.fullmatch(text)):
        raise InputError(f"{where}: {quoted(value)} is not a whole number")
    number = int(text) if text is not None else value
    assert isinstance(number, int)
    if high is None and abs(number) > LARGEST:  # every count the program keeps is far smaller; a larger one only breaks things later
        raise InputError(f"{where}: must be from {low} to {LARGEST:,}, got {quoted(value)}")
    if number < low or (high is not None and number > high):
        bound = f"from {low} to {high}" if high is not None else f"at least {low}"
        raise InputError(f"{where}: must be {bound}, got {quoted(value)}")
    return number


def real(where: str, value: object) -> float:
    """A finite float; `where` names the option or key in messages."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(f"{where}: {quoted(value)} is not a number")
    if isinstance(value, str):
        text = value.strip().replace("−", "-")
        if len(text) > _LONGEST or not _REAL.fullmatch(text):
            raise InputError(f"{where}: {quoted(value)} is not a number")
        value = text
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise InputError(f"{where}: must be a finite number, got {quoted(value)}")
    return number


def decimal(text: str) -> float | None:
    """`text` as a float if it is a decimal number written in ASCII (inf and nan included), else None; never raises."""
    text = text.strip()
    if len(text) > _LONGEST or not _REAL.fullmatch(text):
        return None
    return float(text)  # a large exponent gives inf, which the caller refuses as not finite


def typed(value: float) -> str:
    """`value` as a person types it, and exactly: the shortest text that reads back as it, 1 rather than 1.0."""
    text = repr(float(value))
    return text.removesuffix(".0")
