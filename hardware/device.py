"""The base every device shares: a worker thread, a status, reconnection with backoff.

A driver subclasses :class:`Device` and implements ``_open`` / ``_poll`` / ``_close``.
All three run on the device's own thread, never on the GUI thread. Results reach the GUI
through Qt signals (queued automatically, since the emitting thread is not the receiver's).
"""

from __future__ import annotations

import logging
import threading
import time
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class DeviceStatus(StrEnum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    ERROR = "error"


class DeviceUnavailable(OSError):
    """The device could not be opened (absent, unplugged, busy). Retried with backoff."""


class DeviceLost(OSError):
    """An open device stopped answering or vanished. The driver closes and reconnects."""


class Device(QObject):
    """One device on its own thread. Subclasses report readings through their own signals."""

    status_changed = Signal(str, str)  # DeviceStatus value, human-readable detail

    def __init__(
        self,
        name: str,
        *,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._status = DeviceStatus.DISCONNECTED
        self._detail = "not started"
        self._backoff_initial = backoff_initial_s
        self._backoff_max = backoff_max_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- public API (GUI thread) -------------------------------------------------------
    @property
    def status(self) -> DeviceStatus:
        return self._status

    @property
    def status_detail(self) -> str:
        return self._detail

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"device-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 3.0) -> None:
        self._stop.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- for subclasses (device thread) ----------------------------------------------------
    def _open(self) -> None:
        """Open the device; raise DeviceUnavailable (or OSError) if it is not there."""

    def _poll(self) -> None:
        """Do one unit of work (read a frame, print a job). Must return within ~0.2 s so
        stop() is honoured; raise DeviceLost (or OSError) when the device vanished."""
        self._stop.wait(0.1)

    def _close(self) -> None:
        """Release the device. Must not raise."""

    def _wake(self) -> None:
        """Interrupt a blocking _poll (e.g. put a sentinel in a queue). Optional."""

    def _set_status(self, status: DeviceStatus, detail: str = "") -> None:
        if status == self._status and detail == self._detail:
            return
        self._status, self._detail = status, detail
        log.info("device %s: %s %s", self.name, status.value, detail)
        self.status_changed.emit(status.value, detail)

    def _stopping(self) -> bool:
        return self._stop.is_set()

    # -- the loop ------------------------------------------------------------------------------
    def _run(self) -> None:
        delay = self._backoff_initial
        while not self._stop.is_set():
            try:
                self._open()
            except OSError as exc:
                self._set_status(DeviceStatus.DISCONNECTED, f"{exc}; retrying in {delay:.1f} s")
                self._stop.wait(delay)
                delay = min(delay * 2, self._backoff_max)
                continue
            except Exception as exc:  # a driver bug must not kill the thread silently
                log.exception("device %s failed to open", self.name)
                self._set_status(DeviceStatus.ERROR, str(exc))
                self._stop.wait(delay)
                delay = min(delay * 2, self._backoff_max)
                continue
            self._set_status(DeviceStatus.CONNECTED, "")
            opened_at = time.monotonic()
            ended: tuple[DeviceStatus, str] | None = None
            try:
                while not self._stop.is_set():
                    self._poll()
            except OSError as exc:
                ended = (DeviceStatus.DISCONNECTED, f"lost: {exc}")
            except Exception as exc:
                log.exception("device %s failed", self.name)
                ended = (DeviceStatus.ERROR, str(exc))
            finally:
                self._close()
            if ended is not None:  # reported after _close(): state is consistent when seen
                self._set_status(*ended)
            if self._stop.is_set():
                break
            # A connection that held for a while earns a fresh, short backoff; one that dropped
            # at once (a flapping cable, a device that opens but dies) keeps backing off instead
            # of spinning through open/lose cycles.
            if time.monotonic() - opened_at >= self._backoff_max:
                delay = self._backoff_initial
            self._stop.wait(delay)
            delay = min(delay * 2, self._backoff_max)
        self._set_status(DeviceStatus.DISCONNECTED, "stopped")
