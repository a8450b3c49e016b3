"""Reading a file a user names, with bounds: only a regular file, never more bytes than a limit.

A FIFO would block the open or the read for good, a device such as /dev/zero
never ends, and a small gzip file can unpack to gigabytes. Every file the
program reads (data, lessons, saved sessions) comes through here, so each of
those is refused in one line instead of hanging or filling memory.
"""

from __future__ import annotations

import hashlib
import os
import stat
import zlib
from dataclasses import dataclass

from model.errors import InputError
from model.text import PATH_SHOWN, quoted

MIB = 1 << 20


@dataclass(frozen=True)
class Read:
    """A file's bytes as read, and the SHA-256 of exactly those bytes."""

    raw: bytes
    """The bytes (unpacked, for a gzip file)."""
    sha256: str
    """SHA-256 of the bytes on disk, before any unpacking."""


def read_bytes(path: str, limit: int) -> Read:
    """At most `limit` bytes of the regular file `path`; InputError says what it is otherwise (the caller names the option)."""
    shown = quoted(path, PATH_SHOWN)
    if not path:
        raise InputError("give a file name")
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"no file {shown}") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL, or a lone surrogate the system cannot encode
        raise InputError(f"cannot read {shown}: {getattr(error, 'strerror', None) or 'not a usable file name'}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            kind = "a folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "not a regular file (a device, a pipe or a socket)"
            raise InputError(f"{shown} is {kind}")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while chunk := os.read(fd, min(MIB, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError(f"{shown} is larger than {_size(limit)}")
    except OSError as error:
        raise InputError(f"cannot read {shown}: {error.strerror}") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    return Read(raw, hashlib.sha256(raw).hexdigest())


def gunzip(raw: bytes, shown: str, limit: int) -> bytes:
    """A gzip file's content, refused once it unpacks to more than `limit` bytes."""
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    parts, size, rest = [], 0, raw
    try:
        while True:
            part = unpacker.decompress(rest, limit + 1 - size)  # never more than one byte past the limit
            parts.append(part)
            size += len(part)
            if size > limit:
                raise InputError(f"{shown} unpacks to more than {_size(limit)}")
            if unpacker.eof and unpacker.unused_data:  # another gzip member follows, as `cat a.gz b.gz` makes
                rest, unpacker = unpacker.unused_data, zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            elif unpacker.unconsumed_tail:
                rest = unpacker.unconsumed_tail
            else:
                break
    except zlib.error:
        raise InputError(f"cannot read {shown}: not a readable gzip file") from None
    if not unpacker.eof:
        raise InputError(f"cannot read {shown}: not a readable gzip file (cut short)")
    return b"".join(parts)


def _size(limit: int) -> str:
    return f"{limit // MIB} MB" if limit >= MIB else f"{limit:,} bytes"
