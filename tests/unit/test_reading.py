"""Every file the program reads is read with bounds: a regular file only, never more than a limit, unpacked or not.

Rules: whatever a name points at (a FIFO with no writer, an endless device, a
folder, a socket, nothing, a name the system cannot encode), reading it ends at
once in one InputError naming the option; a file or a gzip stream one byte past
its limit is refused without being read further; the hash is of the bytes read.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import socket
import zlib

import pytest

from model import InputError
from model.reading import gunzip, read_bytes


@pytest.fixture
def kinds(tmp_path):
    """A name of each kind of thing a user may point an option at, by what it is."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(tmp_path / "sock"))
    yield {
        "a FIFO with no writer": (str(fifo), "not a regular file"),
        "an endless device": ("/dev/zero", "not a regular file"),
        "an empty device": ("/dev/null", "not a regular file"),
        "a folder": (str(tmp_path), "is a folder"),
        "a socket": (str(tmp_path / "sock"), "cannot read"),  # open() itself refuses a socket
        "nothing": (str(tmp_path / "nope"), "no file"),
        "an empty name": ("", "give a file name"),
        "a lone surrogate": (str(tmp_path / "\ud800.csv"), "cannot read"),
        "a NUL": (str(tmp_path / "a\0b"), "cannot read"),
        "a name too long": ("x" * 5000, "cannot read"),
    }
    listening.close()


def test_anything_but_a_regular_file_is_refused_at_once(kinds):
    for what, (name, said) in kinds.items():
        with pytest.raises(InputError) as error:
            read_bytes(name, 1 << 20)
        message = str(error.value)
        assert said in message and "\n" not in message, what
        assert len(message) < 300 and "\x00" not in message, what


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 5000])
def test_a_file_is_read_whole_up_to_its_limit_and_refused_past_it(tmp_path, size):
    path = tmp_path / "f"
    content = os.urandom(size)
    path.write_bytes(content)
    if size <= 1000:
        read = read_bytes(str(path), 1000)
        assert read.raw == content and read.sha256 == hashlib.sha256(content).hexdigest()
    else:
        with pytest.raises(InputError, match=r".* is larger than 1,000 bytes"):
            read_bytes(str(path), 1000)


def test_gzip_is_unpacked_up_to_its_limit_whatever_it_packs(tmp_path):
    bomb = gzip.compress(bytes(8 << 20))  # 8 MB of zeros in about 8 kB
    assert len(bomb) < 20_000
    with pytest.raises(InputError, match="unpacks to more than 1 MB"):
        gunzip(bomb, "'b.gz'", 1 << 20)
    exact = bytes(range(256)) * 4096  # exactly 1 MiB
    assert gunzip(gzip.compress(exact), "x", 1 << 20) == exact
    with pytest.raises(InputError, match="unpacks to more than"):
        gunzip(gzip.compress(exact + b"!"), "x", 1 << 20)
    two = gzip.compress(b"a,b,y\n") + gzip.compress(b"1,2,3\n")  # `cat a.gz b.gz` is one gzip file of two members
    assert gunzip(two, "x", 100) == b"a,b,y\n1,2,3\n"
    whole = gzip.compress(b"1,2,3\n" * 100)
    for broken in (whole[: len(whole) // 2], b"\x1f\x8b" + os.urandom(50), whole[:-4]):
        with pytest.raises(InputError, match="not a readable gzip file"):
            gunzip(broken, "x", 1 << 20)


def test_a_bomb_is_refused_without_unpacking_it_whole(monkeypatch):
    unpacked: list[int] = []
    real = zlib.decompressobj

    class Counting:
        def __init__(self, *args, **kwargs):
            self.inner = real(*args, **kwargs)

        def decompress(self, data, most):
            out = self.inner.decompress(data, most)
            unpacked.append(len(out))
            return out

        def __getattr__(self, name):
            return getattr(self.inner, name)

    monkeypatch.setattr(zlib, "decompressobj", Counting)
    with pytest.raises(InputError):
        gunzip(gzip.compress(bytes(64 << 20)), "x", 1 << 20)
    assert sum(unpacked) <= (1 << 20) + 1
