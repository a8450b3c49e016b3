"""`nn-by-hand serve`: the debugger in the browser, one process per seat, via textual-serve.

Each seat gets its own debugger, forked from a preloaded parent (see `preload`) rather than started as
a new Python (the server itself is `classroom`). Two guards make sure none is left behind: the server
ends a seat's process once its page has been gone for --keep-seats seconds (asking first, then
terminating), and every debugger watches the server through a pidfd and quits once it is gone.
"""

from __future__ import annotations

import argparse
import logging
import socket
import tempfile
from pathlib import Path

from model import InputError
from model.numbers import whole
from model.text import printable, quoted
from tui.frontends.classroom import Classroom
from tui.frontends.forked import Preloaded
from tui.frontends.hosts import Hosts, allowed_name, allowed_origin, listen_address
from tui.frontends.teach import Class
from tui.pinned import app_environment

KEEP_RANGE = (1, 3600)
"""Seconds --keep-seats allows."""


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def where(hosts: Hosts) -> str:
    """Where the server listens, in words: every interface is said plainly."""
    if hosts.everywhere:
        return (
            f"serving on every interface ({hosts.bound}), port {hosts.port}: http://127.0.0.1:{hosts.port} here, "
            f"or this machine's address from elsewhere"
        )
    shown = f"[{hosts.bound}]" if ":" in hosts.bound else hosts.bound
    return f"serving on http://{shown}:{hosts.port}"


def quiet() -> None:
    """No log lines without --verbose: a malformed request or a vanished tab is nothing the teacher must act on."""
    logging.getLogger().addHandler(logging.NullHandler())  # Python's last-resort handler would print warnings and tracebacks
    for name in ("aiohttp", "asyncio", "textual-serve"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def transcripts_folder(name: str) -> Path:
    """--transcripts: a folder files can really be made in; made if its parent exists."""
    folder = Path(name)
    shown = quoted(name)
    if not name.strip():
        raise InputError("--transcripts: give a folder")
    try:
        if not folder.exists() and folder.parent.is_dir():
            folder.mkdir()
        if not folder.is_dir():
            raise InputError(f"--transcripts: {shown} is not a folder" if folder.exists() else f"--transcripts: no folder {shown}")
        with tempfile.TemporaryFile(dir=folder):  # the one sure test: /proc/self passes every permission check
            pass
    except OSError as error:
        raise InputError(f"--transcripts: cannot write in {shown}: {error.strerror or error}") from None
    return folder.resolve()


def serve(args: argparse.Namespace) -> int:
    """Check the options, then serve until interrupted."""
    hosts = Hosts(
        listen_address(args.host),
        whole("--port", args.port, 1, 65535),
        tuple(allowed_name(name) for name in args.allow_host or ()),
        tuple(allowed_origin(url) for url in args.allow_origin or ()),
    )
    limit = whole("--max-sessions", args.max_sessions, 1, 10_000)
    per_device = whole("--per-device", args.per_device, 1, 10_000)
    keep = whole("--keep-seats", args.keep_seats, *KEEP_RANGE)
    options = ["--lesson", args.lesson] if args.lesson else []
    if args.transcripts:
        # Given a folder, each app opens a new file in it, named by time and pid, never reusing a name.
        options += ["--transcript", str(transcripts_folder(args.transcripts))]
    # What every seat will open, checked once, by the process they are forked from: a bad lesson is reported
    # before serving, not in each tab.
    preloaded = Preloaded(options, app_environment(80, 24))
    try:
        preloaded.checked()
        if args.verbose:
            logging.basicConfig(level=logging.INFO, format="%(message)s")
        else:
            quiet()
        if args.names and not args.teach:
            raise InputError("--names: only a class the teacher leads asks for names; add --teach")
        teach = Class(names=args.names) if args.teach else None
        classroom = Classroom(preloaded, hosts, (limit, per_device), keep, bool(args.verbose), teach)
        try:
            # Bound first, so that a taken port is reported before anything claims to be serving, while the
            # preloaded parent warms up.
            listening = socket.create_server((hosts.bound, hosts.port), reuse_port=False, family=_family(hosts.bound))
        except OSError as error:
            raise InputError(f"--port: cannot listen on {printable(hosts.bound)}:{hosts.port}: {error.strerror or error}") from None
        preloaded.ready()
        each = "one seat per browser" if teach is not None else "one session per browser tab"
        print(f"nn-by-hand: {where(hosts)} ({each}; Ctrl+C stops)", flush=True)
        if teach is not None:
            here = f"http://{'127.0.0.1' if hosts.everywhere else hosts.bound}:{hosts.port}"
            print("nn-by-hand: students open the first address; the second is the teacher's, keep it to yourself:")
            print(f"{here}/\n{here}/teach/{teach.token}", flush=True)
        classroom.run(listening)
    finally:
        preloaded.stop()
    return 0
