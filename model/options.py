"""The run's options as a user writes them: each one's reader and range, and the longest run allowed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model.activations import ACTIVATIONS
from model.errors import InputError, flag_of
from model.numbers import real, whole
from model.parameters import ORDERS
from model.text import quoted

MAX_STEPS = 5_000_000
"""Largest run (epochs × samples) accepted: its weights take 240 MB."""


def check_steps(epochs: int, samples: int) -> None:
    """Refuse a run longer than MAX_STEPS, before anything of its size is allocated."""
    if epochs * samples > MAX_STEPS:
        raise InputError(f"epochs × samples must be at most {MAX_STEPS:,}, got {epochs * samples:,}", "epochs")


def option(key: str, value: object, where: str | None = None) -> Any:
    """One run option's value, validated; `where` names it in messages (the command line's --flag if not given)."""
    return READERS[key](value, where or flag_of(key))


def _integer(low: int, high: int | None = None) -> Callable[[object, str], int]:
    def parse(value: object, where: str) -> int:
        return whole(where, value, low, high)

    return parse


def _lr(value: object, where: str) -> float:
    number = real(where, value)
    if number <= 0:
        raise InputError(f"{where}: must be a positive number, got {quoted(value)}")
    return number


def _noise(value: object, where: str) -> float:
    number = real(where, value)
    if number < 0:
        raise InputError(f"{where}: must be 0 or more, got {quoted(value)}")
    return number


def _delimiter(value: object, where: str) -> str:
    from model.fastparse import DELIMITERS

    if value not in DELIMITERS:
        raise InputError(f"{where}: unknown delimiter {quoted(value)}; choose one of {', '.join(DELIMITERS)}")
    return str(value)


def _flag(value: object, where: str) -> bool:
    if value is True or value is False or value in ("true", "false"):  # not 1 or 0, which equal True and False
        return value is True or value == "true"
    raise InputError(f"{where}: must be true or false, got {quoted(value)}")


def _choice(kind: str, choices: Mapping[str, object] | tuple[str, ...]) -> Callable[[object, str], str]:
    def parse(value: object, where: str) -> str:
        if value not in choices:
            raise InputError(f"{where}: unknown {kind} {quoted(value)}; choose one of {', '.join(choices)}")
        return str(value)

    return parse


def _dataset(value: object, where: str) -> str:
    from model.bundled import DATASETS

    return _choice("dataset", DATASETS)(value, where)


def _text(value: object, where: str) -> str:
    return str(value)


def _network(value: object, where: str) -> Any:
    from model.description import Description
    from model.netfile import load_network  # only a network from a file needs the TOML reader

    if isinstance(value, Description):  # read already: embedded in a lesson
        return value
    if not isinstance(value, str):
        raise InputError(f"{where}: give a network's file or a shipped network's name, got {quoted(value)}")
    return load_network(value, where)


_SEED_MAX = 2**32 - 1
READERS: dict[str, Callable[[object, str], Any]] = {
    "lr": _lr,
    "epochs": _integer(1),
    "seed": _integer(0, _SEED_MAX),
    "random_state": _integer(0, _SEED_MAX),
    "samples": _integer(2),
    "noise": _noise,
    "informative": _integer(0, 2),
    "order": _choice("order", ORDERS),
    "activation": _choice("activation", ACTIVATIONS),
    "bias": _flag,
    "data": _text,
    "dataset": _dataset,
    "features": _text,
    "target": _text,
    "skip_rows": _integer(0, 1_000_000),
    "delimiter": _delimiter,
    "standardize": _flag,
    "network": _network,
}
"""How each run option is read from the command line's text or a lesson's value, and what it allows."""
RUN_OPTIONS = ("preset", *READERS)
"""Every run option, as Config field names: the command line's, a lesson's [run] keys and serve's all come from here."""
CSV_OPTIONS = ("features", "target", "skip_rows", "delimiter")
"""Options that only mean something with --data or --dataset."""
FILE_OPTIONS = ("skip_rows", "delimiter")
"""Options that only mean something with --data: how to read the file."""
