"""Reading the files people hand the program (lessons, saved sessions): the document a file holds, then its
fields one by one. Each reader returns the value or says in a few words what it is not; `Fields` adds the
file and the field, so that every refusal is one line naming both."""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from model import InputError
from model.numbers import LARGEST
from model.text import printable, quoted

T = TypeVar("T")
S = TypeVar("S", bound=str)
_ABSENT = object()


def document(raw: bytes, source: str, what: str, loads: Callable[[str], Any]) -> Any:
    """What `loads` (json.loads, tomllib.loads) reads from a file's bytes; a byte-order mark is allowed, as in
    CSV files. InputError names the file and says why it is not `what` ("a lesson")."""
    try:
        return loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{source}: not {what}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: not {what}: {error.msg} (line {error.lineno}, column {error.colno})") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source}: not {what}: not valid TOML: {error}") from None
    except (RecursionError, ValueError):  # nesting deeper than the parser goes; an integer of thousands of digits
        raise InputError(f"{source}: not {what}: nested too deeply or a number too long to read") from None


class Fields:
    """One table of a file, read field by field; a refusal names the file and the field, e.g. `notes[0].at`."""

    def __init__(self, source: str, table: dict[str, Any], path: str = "") -> None:
        self.source = source
        """The file, as messages name it."""
        self.table = table
        """The table's fields."""
        self.path = path
        """Where the table is in the file: "" for the whole, "run", "notes[0]"."""

    def name(self, key: str) -> str:
        """A field as messages name it."""
        return f"{self.path}.{key}" if self.path else key

    def refuse(self, key: str | None, problem: str) -> InputError:
        """The one-line refusal of a field (None: of the table itself)."""
        where = self.path if key is None else self.name(key)
        return InputError(f"{self.source}: {where}: {problem}" if where else f"{self.source}: {problem}")

    def only(self, allowed: Iterable[str]) -> Fields:
        """This table, refused if it has a key outside `allowed`."""
        allowed = tuple(allowed)
        for key in self.table:
            if key not in allowed:
                raise self.refuse(None, f"unknown key {quoted(key)}; allowed: {', '.join(allowed)}")
        return self

    def get(self, key: str, read: Callable[[Any], T], default: Any = _ABSENT) -> T:
        """The field `key` as `read` makes it; `default` if it is absent and one is given."""
        if key not in self.table:
            if default is _ABSENT:
                raise self.refuse(key, "missing")
            return default  # type: ignore[no-any-return]
        try:
            return read(self.table[key])
        except InputError as error:
            raise error.at(f"{self.source}: {self.name(key)}") from None

    def section(self, key: str, allowed: Iterable[str]) -> Fields:
        """The sub-table `key` (empty if absent), refused if it has a key outside `allowed`."""
        table = self.get(key, lambda value: table_of(value, f"a table, e.g. [{key}]"), {})
        return Fields(self.source, table, self.name(key)).only(allowed)

    def items(self, key: str, what: str) -> list[Fields]:
        """The list of tables `key` (none if absent), each read as `key[i]`; `what` says what each is."""
        found = []
        for i, item in enumerate(self.get(key, lambda value: listed(value, what=f"a list of {what}"), [])):
            at = f"{key}[{i}]"
            try:
                found.append(Fields(self.source, table_of(item, what), self.name(at)))
            except InputError as error:
                raise self.refuse(at, str(error)) from None
        return found


def table_of(value: Any, what: str = "an object") -> dict[str, Any]:
    """`value` if it is a table (a JSON object)."""
    if not isinstance(value, dict):
        raise InputError(f"must be {what}, got {quoted(value)}")
    return value


def mapping(value: Any, read: Callable[[Any], T]) -> dict[str, T]:
    return {str(key): read(item) for key, item in table_of(value).items()}


def listed(value: Any, most: int | None = None, what: str = "a list") -> list[Any]:
    if not isinstance(value, list):
        raise InputError(f"must be {what}, got {quoted(value)}")
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
        raise InputError(f"must be from {low} to {f'{high:,}' if high == LARGEST else high}, got {quoted(value)}")
    return value


def number(value: Any) -> float:
    """A finite number, written as a number (true is not 1 to a file, whatever it is to Python)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"must be a number, got {quoted(value)}")
    try:
        result = float(value)
    except OverflowError:  # an integer of hundreds of digits
        result = math.inf
    if not math.isfinite(result):
        raise InputError(f"must be a finite number, got {quoted(value)}")
    return result


def string(value: Any) -> str:
    """Text, not empty."""
    if not isinstance(value, str) or not value:
        raise InputError(f"must be text, got {quoted(value)}")
    return value


def text(value: Any) -> str:
    """Text, maybe empty, as it may be shown: nothing in it that a terminal would act on."""
    if not isinstance(value, str):
        raise InputError(f"must be text, got {quoted(value)}")
    return printable(value)


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
