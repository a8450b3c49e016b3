"""Reading the fields of a JSON file this program wrote: each reader returns the value or says in a few words
what it is not. The caller names the file and the field."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from model import InputError
from model.numbers import LARGEST
from model.text import quoted

T = TypeVar("T")
S = TypeVar("S", bound=str)


def mapping(value: Any, read: Callable[[Any], T]) -> dict[str, T]:
    if not isinstance(value, dict):
        raise InputError(f"must be an object, got {quoted(value)}")
    return {str(key): read(item) for key, item in value.items()}


def listed(value: Any, most: int | None = None) -> list[Any]:
    if not isinstance(value, list):
        raise InputError(f"must be a list, got {quoted(value)}")
    if most is not None and len(value) > most:
        raise InputError(f"holds at most {most}, got {len(value)}")
    return value


def once(items: list[str]) -> list[str]:
    """`items`, refused if one comes twice (a save writes each once)."""
    twice = next((item for index, item in enumerate(items) if item in items[:index]), None)
    if twice is not None:
        raise InputError(f"{quoted(twice)} is given twice")
    return items


def whole_in(value: Any, low: int, high: int = LARGEST) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"must be a whole number, got {quoted(value)}")
    if not low <= value <= high:
        raise InputError(f"must be from {low} to {high:,}, got {quoted(value)}")
    return value


def string(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise InputError(f"must be text, got {quoted(value)}")
    return value


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"must be true or false, got {quoted(value)}")
    return value


def one_of(value: Any, choices: Iterable[S]) -> S:
    """The choice `value` is (compared, not hashed: a list or an object in its place is refused, not a crash)."""
    choices = tuple(choices)
    for choice in choices:
        if type(value) is type(choice) and value == choice:
            return choice
    raise InputError(f"{quoted(value)} is not one of {', '.join(map(str, choices))}")
