"""A simulated serial device on a real pty pair.

The simulator owns the *master* side of ``os.openpty()`` and answers on it from its own thread;
the driver opens the *slave* side like any serial port, through a stable symlink (the simulator's
``path``), exactly as it opens ``/dev/serial/by-id/...`` on a real till. So the driver code, the
framing and the protocol parsers under test are the production ones.

* ``unplug()`` closes the master (the driver's next read fails with ``EIO``) and removes the
  symlink, as udev removes the by-id link when a USB adapter is pulled;
* ``replug()`` opens a fresh pty and points the same symlink at it, so a reconnecting driver
  finds the device again at the path in its config.

All descriptor work happens on the simulator thread (other threads hand it closures through a
queue and a wake-up pipe), so a descriptor is never closed under a ``select()`` that uses it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import queue
import select
import shutil
import tempfile
import threading
import time
import tty
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class PtySimulator:
    """Base class: override :meth:`handle` to answer what the driver sends."""

    def __init__(
        self, name: str = "device", link_path: str | os.PathLike[str] | None = None
    ) -> None:
        self.name = name
        self._own_dir: str | None = None
        if link_path is None:
            self._own_dir = tempfile.mkdtemp(prefix="patron-sim-")
            link_path = os.path.join(self._own_dir, f"tty-{name}")
        self.path = str(link_path)
        self._master: int | None = None
        self._slave: int | None = None
        self._generation = 0
        self._wake_r = self._wake_w = -1
        self._calls: queue.SimpleQueue[tuple[Callable[[], Any], threading.Event, list[Any]]] = (
            queue.SimpleQueue()
        )
        self._timed: list[tuple[float, bytes, int]] = []  # (due, data, generation)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.received = bytearray()  # everything the driver sent, for tests
        self.dropped = 0  # bytes that could not be delivered (unplugged, driver not reading)

    def __repr__(self) -> str:
        state = "plugged" if self._master is not None else "unplugged"
        return f"{type(self).__name__}({self.path!r}, {state})"

    # -- life cycle --------------------------------------------------------------------------
    def start(self) -> PtySimulator:
        """Plug in and start answering. A closed simulator may be started again."""
        if self._thread is not None and self._thread.is_alive():
            return self
        self._stop.clear()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        self._plug()
        self._thread = threading.Thread(target=self._loop, name=f"sim-{self.name}", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop the simulator: unplug, stop the thread, remove the symlink (and its temp dir)."""
        self._stop.set()
        self._poke()
        if self._thread is not None:
            self._thread.join(2.0)
            self._thread = None
        self._unplug()
        for fd in (self._wake_r, self._wake_w):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._wake_r = self._wake_w = -1
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)

    def __enter__(self) -> PtySimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def plugged(self) -> bool:
        return self._master is not None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def unplug(self) -> None:
        """Pull the cable: the driver's descriptor dies and the stable path disappears."""
        self._call(self._unplug)

    def replug(self) -> None:
        """Plug in again: a new pty behind the same stable path."""
        self._call(self._plug)

    # -- sending -----------------------------------------------------------------------------
    def write(self, data: bytes) -> bool:
        """Send bytes to the driver now (from any thread). False if they could not be delivered."""
        return bool(self._call(lambda: self._write_now(data)))

    def write_later(self, data: bytes, delay_s: float) -> None:
        """Send bytes after a delay without blocking the simulator thread (a slow device)."""
        self._call(lambda: self._timed.append((time.monotonic() + delay_s, data, self._generation)))

    def handle(self, data: bytes) -> None:
        """Called on the simulator thread with bytes the driver wrote. Override."""

    # -- internals (simulator thread, or before the thread runs) ---------------------------
    def _call(self, fn: Callable[[], Any]) -> Any:
        thread = self._thread
        if thread is None or not thread.is_alive() or threading.current_thread() is thread:
            return fn()
        done = threading.Event()
        box: list[Any] = []
        self._calls.put((fn, done, box))
        self._poke()
        if not done.wait(5.0):
            raise TimeoutError(f"simulator {self.name} did not answer")
        if box and isinstance(box[0], BaseException):
            raise box[0]
        return box[0] if box else None

    def _poke(self) -> None:
        if self._wake_w >= 0:
            with contextlib.suppress(OSError):
                os.write(self._wake_w, b"\0")

    def _plug(self) -> None:
        if self._master is not None:
            self._unplug()
        master, slave = os.openpty()
        tty.setraw(slave)  # the driver reconfigures it; raw from the start means no echo meanwhile
        os.set_blocking(master, False)
        self._master, self._slave = master, slave
        self._generation += 1
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        tmp = f"{self.path}.{os.getpid()}.tmp"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        os.symlink(os.ttyname(slave), tmp)
        os.replace(tmp, self.path)  # atomic: the driver never sees a half-made link
        log.debug("simulator %s plugged at %s -> %s", self.name, self.path, os.ttyname(slave))

    def _unplug(self) -> None:
        master, slave = self._master, self._slave
        self._master = self._slave = None
        self._timed.clear()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        for fd in (master, slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if master is not None:
            log.debug("simulator %s unplugged", self.name)

    def _write_now(self, data: bytes) -> bool:
        fd = self._master
        if fd is None:
            self.dropped += len(data)
            return False
        view = memoryview(data)
        deadline = time.monotonic() + 1.0
        while view:
            try:
                n = os.write(fd, view)
            except BlockingIOError:  # the driver is not reading and the tty buffer is full
                if time.monotonic() > deadline:
                    self.dropped += len(view)
                    return False
                time.sleep(0.005)
                continue
            except OSError:
                self.dropped += len(view)
                return False
            view = view[n:]
        return True

    def _run_calls(self) -> None:
        while True:
            try:
                fn, done, box = self._calls.get_nowait()
            except queue.Empty:
                return
            try:
                box.append(fn())
            except BaseException as exc:  # handed back to the calling thread
                box.append(exc)
            done.set()

    def _loop(self) -> None:
        try:
            while not self._stop.is_set():
                fd, gen = self._master, self._generation
                fds = [self._wake_r] if fd is None else [self._wake_r, fd]
                timeout = 0.2
                if self._timed:
                    timeout = max(
                        0.0, min(timeout, min(t[0] for t in self._timed) - time.monotonic())
                    )
                try:
                    readable, _, _ = select.select(fds, [], [], timeout)
                except (OSError, ValueError):
                    readable = []
                if self._wake_r in readable:
                    with contextlib.suppress(OSError):
                        os.read(self._wake_r, 4096)
                    self._run_calls()
                self._send_due()
                if fd is None or fd not in readable or gen != self._generation:
                    continue
                try:
                    data = os.read(fd, 4096)
                except BlockingIOError:
                    continue
                except OSError as exc:
                    if exc.errno != errno.EIO:  # EIO: no one has the slave open; not an error
                        log.debug("simulator %s read failed: %s", self.name, exc)
                    continue
                if data:
                    self.received += data
                    if len(self.received) > 65536:  # a demo polls for hours: keep the tail
                        del self.received[:-4096]
                    try:
                        self.handle(data)
                    except Exception:
                        log.exception("simulator %s failed handling input", self.name)
        finally:
            self._run_calls()

    def _send_due(self) -> None:
        if not self._timed:
            return
        now = time.monotonic()
        due = [t for t in self._timed if t[0] <= now]
        if not due:
            return
        self._timed = [t for t in self._timed if t[0] > now]
        for _, data, gen in sorted(due, key=lambda t: t[0]):
            if gen == self._generation:
                self._write_now(data)
