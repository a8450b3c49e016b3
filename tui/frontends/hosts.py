"""Which Host and Origin headers `serve` answers: the names it really serves, never one a web page made up.

A page on another site can point its own name at this machine (DNS rebinding):
its requests then carry that name as Host and as Origin, which agree with each
other. So both are checked against the names the server actually has: the
address it is bound to, loopback and `localhost`, when it listens on every
interface the address of this machine a request came in on (an address cannot
be rebound, and no other is this machine's), and the names the teacher gives
with --allow-host.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from model import InputError
from model.text import quoted

EVERY_INTERFACE = ("0.0.0.0", "::")
"""The --host values that mean every interface of this machine."""
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
"""Names by which this machine reaches itself."""


def _name(host: str) -> str:
    """A host name as compared: lower case, no trailing dot, no IPv6 brackets, an address in its shortest form."""
    name = host.strip("[]").lower().removesuffix(".")
    return str(ipaddress.ip_address(name)) if _is_address(name) else name


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def split_host(header: str) -> tuple[str, int | None] | None:
    """A Host header (`name`, `name:port`, `[v6]:port`) as (name, port), or None if it is not one."""
    if not header or any(c.isspace() or not c.isprintable() or c in "/?#@\\" for c in header):
        return None
    try:
        parts = urlsplit(f"//{header}")
        port = parts.port
    except ValueError:  # a port that is not a number, an unclosed bracket
        return None
    if not parts.hostname:
        return None
    return _name(parts.hostname), port


def listen_address(text: str) -> str:
    """--host: an address or name to bind; every interface must be asked for by name (0.0.0.0 or ::)."""
    host = text.strip()
    if not host:
        raise InputError("--host: give an address, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)")
    if split_host(host if ":" not in host or host.startswith("[") else f"[{host}]") is None or len(host) > 253:
        raise InputError(f"--host: {quoted(text)} is not an address or a host name")
    return host


@dataclass(frozen=True)
class Hosts:
    """The names, port and page origins a server answers to."""

    bound: str
    """The address the server listens on (--host)."""
    port: int
    """The port it listens on."""
    names: tuple[str, ...] = ()
    """More names it answers to (--allow-host), e.g. the machine's name on the room's network."""
    origins: tuple[str, ...] = ()
    """More page origins whose websockets it accepts (--allow-origin), normalised by `origin`."""

    @property
    def everywhere(self) -> bool:
        """Whether it listens on every interface."""
        return self.bound in EVERY_INTERFACE

    def serves(self, header: str | None, arrived: str | None = None) -> bool:
        """Whether a request's Host header names this server; `arrived` is the address of this machine the request
        came in on, which is the one address besides the names it has that a server on every interface answers to."""
        parsed = split_host(header or "")
        if parsed is None:
            return False
        name, port = parsed
        if (port if port is not None else 80) != self.port:
            return False
        known = {_name(self.bound), *map(_name, LOOPBACK_NAMES), *map(_name, self.names)}
        return name in known or (self.everywhere and arrived is not None and _is_address(name) and name == _name(arrived))

    def accepts_origin(self, header: str | None, arrived: str | None = None) -> bool:
        """Whether a websocket may be opened from a page at `header` (None: not a browser, which no page can drive),
        the request having come in on this machine's address `arrived`."""
        if header is None:
            return True
        normal = normal_origin(header)
        if normal is None:
            return False
        return normal in self.origins or (normal.startswith("http://") and self.serves(normal.removeprefix("http://"), arrived))


def normal_origin(text: str) -> str | None:
    """An origin as compared: `scheme://host[:port]`, lower case, no trailing dot or default port; None if not one."""
    scheme, sep, rest = text.strip().partition("://")
    scheme = scheme.lower()
    if not sep or scheme not in ("http", "https") or (parsed := split_host(rest)) is None:
        return None
    name, port = parsed
    shown = f"[{name}]" if ":" in name else name
    default = 80 if scheme == "http" else 443
    return f"{scheme}://{shown}" + (f":{port}" if port not in (None, default) else "")


def allowed_origin(text: str) -> str:
    """--allow-origin: a page's origin, http(s)://HOST[:PORT], normalised."""
    normal = normal_origin(text)
    if normal is None:
        raise InputError(f"--allow-origin: {quoted(text)} is not an origin such as http://teacher.example:8000")
    return normal


def allowed_name(text: str) -> str:
    """--allow-host: a host name or address the server answers to."""
    parsed = split_host(text.strip())
    if parsed is None or parsed[1] is not None or len(text) > 253:
        raise InputError(f"--allow-host: {quoted(text)} is not a host name such as teacher.local (no port)")
    return parsed[0]
