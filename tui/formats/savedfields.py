"""How the fields of a saved session are read back: each one exactly as this version writes it, or refused.

Each reader returns the value or says in a few words what it is not; `saved` adds the file and the field.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from typing import Any

from model import Config, InputError
from model.netfile import read_description, table_of
from model.numbers import real
from model.text import printable, quoted
from tui.formats.fields import listed, mapping, one_of, string, whole_in
from tui.wording.predict import KINDS, Kind


def exact(value: Any) -> str:
    """A JSON value as text, which tells 1 from 1.0 and true, and ignores the order of an object's keys."""
    return json.dumps(value, sort_keys=True)


def run_options(value: Any) -> dict[str, Any]:
    """Run options as a save writes them, a data file by its absolute path (or by its name alone, in a download from a
    served session: the file is then beside the session's). Whether they are exactly what `Config.options` gives
    depends on the network too (see `written_options`)."""
    options = mapping(value, lambda x: x)
    config = Config.from_options(options)
    if config.data is not None:
        try:
            os.fsencode(config.data)
        except UnicodeEncodeError:  # a lone surrogate that no file name on this system has
            raise InputError(f"data: {quoted(config.data)} is not a file name this system can have") from None
        if not os.path.isabs(config.data) and os.path.basename(config.data) != config.data:
            raise InputError(f"data: {quoted(config.data)} is neither an absolute path nor a file's name alone")
    return options


def written_options(options: dict[str, Any], network: dict[str, Any] | None) -> None:
    """Refuse run options that are not exactly what a save writes for that run: `Config.options` of it, with the
    network from a file it trained, if any (whose run always writes its lr, epochs and order)."""
    config = Config.from_options(options)
    if network is not None:
        config = replace(config, described=read_description({k: v for k, v in network.items() if k != "source"}, "network"))
    if exact(config.options()) != exact(options):
        raise InputError(f"{quoted(options)} are not the options this version writes for that run")


def network(value: Any) -> dict[str, Any]:
    """A network from a file, exactly as a save writes it: its source and the table its file would hold."""
    table = mapping(value, lambda x: x)
    source = string(table.get("source"))
    rest = {key: item for key, item in table.items() if key != "source"}
    description = read_description(rest, printable(source))
    if exact({"source": source, **table_of(description)}) != exact(table):
        raise InputError("is not a network as this version writes it")
    return table


def sha256(value: Any) -> str:
    text = string(value)
    if not re.fullmatch("[0-9a-f]{64}", text):
        raise InputError(f"must be a SHA-256 in hexadecimal, got {quoted(value)}")
    return text


def score(value: Any) -> tuple[int, int]:
    items = listed(value)
    if len(items) != 2:
        raise InputError(f"a score is [within tolerance, asked], got {quoted(value)}")
    close, asked = whole_in(items[0], 0), whole_in(items[1], 0)
    if close > asked:
        raise InputError(f"more guesses within tolerance than asked: {quoted(value)}")
    return close, asked


def verdict(value: Any) -> tuple[Kind, float]:
    items = listed(value)
    if len(items) != 2:
        raise InputError(f"a verdict is [kind, guess], got {quoted(value)}")
    return one_of(items[0], KINDS), real("guess", items[1])
