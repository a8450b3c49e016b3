"""The server's side of the preloaded parent (see `preload`): starting it, and each tab's debugger forked from it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Sequence
from functools import partial

from model import InputError
from tui.formats.handoff import receive, send


class Forked:
    """A tab's debugger, forked by the preloaded parent: its three pipes, and a pidfd to signal it and see it end.

    A pidfd names this one process: a signal through it can never reach another that was given the same pid later.
    """

    def __init__(self, pidfd: int, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader, stderr: asyncio.StreamReader) -> None:
        self.pidfd = pidfd
        """The debugger's pidfd: readable once it has ended."""
        self.stdin = stdin
        """What the tab sends it."""
        self.stdout = stdout
        """What it draws, in textual-serve's packets."""
        self.stderr = stderr
        """What it says when something goes wrong."""
        self.ended = asyncio.Event()
        """Set once the process has ended."""
        asyncio.get_running_loop().add_reader(pidfd, self._on_end)

    @classmethod
    async def connect(cls, pidfd: int, stdin: int, stdout: int, stderr: int) -> Forked:
        """The debugger's pipes as asyncio streams, as asyncio's own subprocesses have them."""
        loop = asyncio.get_running_loop()
        readers = [asyncio.StreamReader(), asyncio.StreamReader()]
        for reader, fd in zip(readers, (stdout, stderr), strict=True):
            await loop.connect_read_pipe(partial(asyncio.StreamReaderProtocol, reader), os.fdopen(fd, "rb", 0))
        transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.StreamReaderProtocol(asyncio.StreamReader()), os.fdopen(stdin, "wb", 0)
        )
        return cls(pidfd, asyncio.StreamWriter(transport, protocol, None, loop), *readers)

    def _on_end(self) -> None:
        asyncio.get_running_loop().remove_reader(self.pidfd)
        os.close(self.pidfd)
        self.stdin.close()
        self.ended.set()

    def signal(self, number: int) -> None:
        """Send it a signal, unless it has ended."""
        if not self.ended.is_set():
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(self.pidfd, number)

    async def end(self, grace: float) -> None:
        """Terminate it, then kill it, each given `grace` seconds to take effect."""
        for number in (signal.SIGTERM, signal.SIGKILL):
            self.signal(number)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.ended.wait(), grace)
                return


class Preloaded:
    """The preloaded parent, as the server sees it: started once, then asked for one debugger per tab.

    If it dies (the out-of-memory killer picks the largest process first), the debuggers it forked go on,
    for they watch the server, not it; the next tab that asks starts it again.
    """

    def __init__(self, options: Sequence[str], environment: dict[str, str]) -> None:
        self.options = list(options)
        """The debugger options every tab's debugger is started with."""
        self.environment = environment
        """Its environment, which every debugger it forks starts from."""
        self._asking = asyncio.Lock()
        self._start()

    def _start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui.frontends.preload", str(theirs.fileno()), *self.options],
            env=self.environment,
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # its children's stdout is their tab's pipe, never this
            start_new_session=True,  # Ctrl+C reaches the server, which ends every session itself
        )
        theirs.close()
        self.channel = ours
        """Our end of its socket: when it closes, the preloaded parent ends, and its debuggers with it."""
        self.is_ready = False
        """Whether it has said it is ready to fork."""

    def checked(self) -> None:
        """Wait until it has checked the options (it has built one debugger); raises InputError if it refused them."""
        self._expect()

    def ready(self) -> None:
        """Wait until it is ready to fork: loaded, and warmed up."""
        self._expect()
        self.channel.setblocking(False)
        self.is_ready = True

    def _expect(self) -> None:
        message, _ = receive(self.channel, 0)
        if message is None:
            raise InputError("the debugger could not start; see the lines above")
        if "refused" in message:
            raise InputError(str(message["refused"]))

    def stop(self) -> None:
        """Hang up: it ends, and so does every debugger it forked; still loading, it has none and is ended at once."""
        self.channel.close()
        if not self.is_ready:
            self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)

    async def spawn(self, environment: dict[str, str], niceness: int = 0) -> Forked:
        """A new debugger with `environment` on top of the preloaded parent's, as nice as `niceness` says."""
        request = {"environment": {k: v for k, v in environment.items() if self.environment.get(k) != v}, "niceness": niceness}
        exchange = asyncio.ensure_future(self._exchange(request))
        try:
            return await asyncio.shield(exchange)  # a reply left unread would answer the next tab's request
        except asyncio.CancelledError:
            exchange.add_done_callback(_kill)
            raise

    async def _exchange(self, request: dict[str, object]) -> Forked:
        """Ask for one debugger, starting the preloaded parent again first if it has died (even while asked)."""
        async with self._asking:
            try:
                return await self._ask_living(request)
            except ConnectionError:  # it died while asked: once its exit is seen, it is started again
                with contextlib.suppress(subprocess.TimeoutExpired):
                    await asyncio.to_thread(self.process.wait, 5)
                return await self._ask_living(request)

    async def _ask_living(self, request: dict[str, object]) -> Forked:
        if self.process.poll() is not None:
            await self._restart()
        return await self._ask(request)

    async def _restart(self) -> None:
        status = self.process.returncode
        ended = f"signal {-status}" if status is not None and status < 0 else f"status {status}"
        print(f"nn-by-hand: the preloaded debugger ended ({ended}); starting it again", file=sys.stderr, flush=True)
        self.channel.close()
        self._start()
        await asyncio.to_thread(self.checked)
        await asyncio.to_thread(self.ready)

    async def _ask(self, request: dict[str, object]) -> Forked:
        (stdin, to_stdin), (from_stdout, stdout), (from_stderr, stderr) = os.pipe(), os.pipe(), os.pipe()
        ours = [to_stdin, from_stdout, from_stderr]
        try:
            try:
                send(self.channel, request, (stdin, stdout, stderr))
                reply, fds = await self._reply()
            finally:
                for fd in (stdin, stdout, stderr):
                    os.close(fd)
            if reply is None or not fds:  # it hung up (the most it sends with a reply is one pidfd)
                ours += fds
                raise ConnectionError("the debugger's preloaded parent has ended")
        except BaseException:
            for fd in ours:
                os.close(fd)
            raise
        return await Forked.connect(fds[0], *ours)

    async def _reply(self) -> tuple[dict[str, object] | None, list[int]]:
        while True:
            with contextlib.suppress(BlockingIOError):
                return receive(self.channel, 1)
            await _readable(self.channel)


async def _readable(channel: socket.socket) -> None:
    loop = asyncio.get_running_loop()
    readable = loop.create_future()
    loop.add_reader(channel, readable.set_result, None)
    try:
        await readable
    finally:
        loop.remove_reader(channel)


def _kill(exchange: asyncio.Future[Forked]) -> None:
    """A debugger forked for a tab that has gone meanwhile: it ends at once."""
    if not exchange.cancelled() and exchange.exception() is None:
        exchange.result().signal(signal.SIGKILL)
