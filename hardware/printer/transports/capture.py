"""A printer that records the exact ESC/POS bytes it is sent (python-escpos ``Dummy``).

For tests and the demo. Its condition can be changed from any thread to exercise the
print queue: ``unplug()``/``plug_in()`` (open and writes fail), ``set_paper(...)`` and
``set_online(...)`` (the real-time status answers change). Status answers are real
``DLE EOT`` bytes decoded by the same code as for real printers.
"""

from __future__ import annotations

import threading
from typing import Any

from hardware.printer.transports.base import (
    STATUS_OFFLINE_CAUSE,
    STATUS_PAPER,
    STATUS_PRINTER,
    PrinterNotFound,
    PrinterOffline,
    Transport,
)


class CaptureTransport(Transport):
    can_query_status = True

    def __init__(self, *, status_query: bool = True) -> None:
        super().__init__(status_query=status_query)
        self._dummy: Any = None  # python-escpos Dummy, made on first open (heavy import)
        self._lock = threading.Lock()
        self._writes: list[bytes] = []
        self._plugged = True
        self._online = True
        self._paper = "ok"  # "ok" | "low" | "out"
        self._cover_open = False
        self._open = False

    @property
    def description(self) -> str:
        return "capture"

    # -- what was printed (any thread) ----------------------------------------------------
    @property
    def output(self) -> bytes:
        """Everything written so far, as python-escpos's Dummy collected it."""
        with self._lock:
            return self._dummy.output if self._dummy is not None else b""

    @property
    def writes(self) -> list[bytes]:
        """Each successful write (one per print job), in order."""
        with self._lock:
            return list(self._writes)

    def clear(self) -> None:
        with self._lock:
            if self._dummy is not None:
                self._dummy.clear()
            self._writes.clear()

    # -- the simulated condition (any thread) --------------------------------------------
    def unplug(self) -> None:
        with self._lock:
            self._plugged = False

    def plug_in(self) -> None:
        with self._lock:
            self._plugged = True

    def set_online(self, online: bool) -> None:
        with self._lock:
            self._online = online

    def set_paper(self, paper: str) -> None:
        if paper not in ("ok", "low", "out"):
            raise ValueError("paper is 'ok', 'low' or 'out'")
        with self._lock:
            self._paper = paper

    def set_cover_open(self, cover_open: bool) -> None:
        with self._lock:
            self._cover_open = cover_open

    # -- Transport -------------------------------------------------------------------------
    def open(self) -> None:
        if self._dummy is None:
            from escpos.printer import Dummy

            dummy = Dummy()
            with self._lock:
                if self._dummy is None:
                    self._dummy = dummy
        with self._lock:
            if not self._plugged:
                raise PrinterNotFound("capture printer unplugged")
            self._open = True

    def write(self, data: bytes) -> None:
        with self._lock:
            if not (self._plugged and self._open):
                self._open = False
                raise PrinterOffline("capture printer unplugged")
            self._dummy._raw(data)
            self._writes.append(bytes(data))

    def _exchange(self, command: bytes) -> int | None:
        with self._lock:
            if not (self._plugged and self._open):
                self._open = False
                raise PrinterOffline("capture printer unplugged")
            offline = not self._online or self._cover_open or self._paper == "out"
            if command == STATUS_PRINTER:
                return 0x12 | (0x08 if offline else 0)
            if command == STATUS_PAPER:
                return 0x12 | {"ok": 0, "low": 0x0C, "out": 0x6C}[self._paper]
            if command == STATUS_OFFLINE_CAUSE:
                return (
                    0x12 | (0x04 if self._cover_open else 0) | (0x20 if self._paper == "out" else 0)
                )
            return None

    def close(self) -> None:
        with self._lock:
            self._open = False
