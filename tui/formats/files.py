"""Files the project writes: checked before anything is opened, and replaced only once complete."""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from model import InputError
from model.text import PATH_SHOWN, printable, quoted


def writable(option: str, name: str, suffix: str | None = None, folders: bool = False) -> Path:
    """The path `option` names, once it is known that a file can be written there; nothing is opened.

    A folder that exists is refused (unless the caller takes folders), so is a
    device or a pipe: writing there would never give the user a file.
    """
    shown = quoted(name, PATH_SHOWN).strip("'")
    if not name.strip():
        raise InputError(f"{option}: give a file name")
    path = Path(name)
    if suffix is not None and path.suffix.lower() != suffix:
        raise InputError(f"{option}: '{shown}' must end in {suffix}; only {suffix.lstrip('.').upper()} is written")
    try:
        if path.is_dir() and folders:
            folder = path
        elif path.is_dir():
            raise InputError(f"{option}: '{shown}' is a folder; give a file name")
        elif path.exists() and not path.is_file():
            raise InputError(f"{option}: '{shown}' is not a regular file")
        else:
            folder = path.parent
            if folder.exists() and not folder.is_dir():
                raise InputError(f"{option}: '{printable(str(folder))}' is a file, not a folder")
            if not folder.is_dir():
                raise InputError(f"{option}: folder '{printable(str(folder))}' does not exist")
    except OSError as error:  # e.g. a name longer than the system allows
        raise InputError(f"{option}: cannot write '{shown}': {error.strerror}") from None
    if not os.access(folder, os.W_OK):
        raise InputError(f"{option}: cannot write '{shown}': the folder is not writable")
    return path


def new_session_file(name: str, option: str = "save", force: bool = False) -> Path:
    """A .json file name a session may be saved to: writable, and not one that exists unless `force`."""
    path = writable(option, name, suffix=".json")
    if path.exists() and not force:
        raise InputError(f"{option}: '{printable(name)}' exists; give another name" + (", or add --force" if option == "--save" else ""))
    return path


def write_atomic(path: Path, text: str, replace: bool = True) -> None:
    """Write `text` to a temporary file beside `path`, then move it to `path`: a failure leaves `path` as it was.

    Without `replace`, the move is a hard link, which fails with FileExistsError if
    `path` exists at that very moment (made by anyone, at any time since it was checked).
    """
    with placed(path, replace) as temporary, temporary.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())


@contextlib.contextmanager
def placed(path: Path, replace: bool = True) -> Iterator[Path]:
    """A temporary file beside `path` to write, moved to `path` once the block ends without an error (see
    `write_atomic`); it is gone afterwards either way."""
    mode = path.stat().st_mode & 0o777 if path.is_file() else 0o644
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, mode)
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


class SessionFiles:
    """Where a session saves itself: a file is replaced only with --force, or if this session wrote it last."""

    def __init__(self, force: bool) -> None:
        self.force = force
        """--force: any file may be replaced."""
        self._written: dict[Path, tuple[int, ...]] = {}
        """Each file as this session last wrote it: what `_identity` gave then."""

    def write(self, path: Path, text: str) -> None:
        """Save `text` to `path`; FileExistsError if someone else's file is there, OSError if it cannot be written."""
        key = path.absolute()
        try:
            mine = self._written.get(key) == _identity(path)
        except FileNotFoundError:
            mine = False
        write_atomic(path, text, replace=self.force or mine)
        self._written[key] = _identity(path)


def _identity(path: Path) -> tuple[int, ...]:
    """What tells one file from another made in its place: an inode number alone may be reused at once."""
    found = os.stat(path)
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


def start_file(path: Path, replace: bool = False) -> TextIO:
    """A new, empty text file at `path`, for writing as things happen (a transcript).

    A name that is free is taken, never through a link, even a dangling one. With
    `replace`, a new file takes the name's place in one step: a link there is
    replaced itself, not followed, and a file there is never emptied.
    """
    if not replace:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        return os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8")
    found = os.lstat(path) if os.path.lexists(path) else None
    mode = found.st_mode & 0o777 if found is not None and stat.S_ISREG(found.st_mode) else 0o644
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.fchmod(fd, mode)
        os.replace(name, path)
    except OSError:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return os.fdopen(fd, "w", encoding="utf-8")


def create_new(folder: Path, stem: str) -> TextIO:
    """A new text file in `folder` named after `stem`, the time and this process; never one that exists."""
    base = f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    for n in itertools.count(1):
        name = f"{base}.txt" if n == 1 else f"{base}-{n}.txt"
        with contextlib.suppress(FileExistsError):
            return (folder / name).open("x", encoding="utf-8")
    raise AssertionError("unreachable")
