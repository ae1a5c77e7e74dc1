"""The transport base: how ESC/POS bytes reach a printer, and how its status comes back.

One module per transport (serial, usb, network, file, capture), each wrapping the
matching python-escpos printer class for the connection itself. A transport is used from
one thread only (the printer's device thread).

Real-time status (``DLE EOT n``) is asked where a transport can read answers back
(serial, USB, network). No answer within the timeout counts as "offline".
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from escpos.constants import DLE, EOT

from hardware.device import DeviceLost, DeviceUnavailable

log = logging.getLogger(__name__)

STATUS_PRINTER = DLE + EOT + b"\x01"  # online / offline
STATUS_OFFLINE_CAUSE = DLE + EOT + b"\x02"  # cover open, paper-end stop, error
STATUS_PAPER = DLE + EOT + b"\x04"  # roll paper sensors


class PrinterNotFound(DeviceUnavailable):
    """The printer could not be opened (absent, unplugged, refused, no permission)."""


class PrinterOffline(DeviceLost):
    """An open printer stopped answering or a write failed."""


@dataclass(frozen=True, slots=True)
class PrinterState:
    online: bool = True
    paper_out: bool = False
    paper_near_end: bool = False
    cover_open: bool = False
    error: bool = False

    @property
    def ready(self) -> bool:
        return self.online and not self.paper_out and not self.cover_open and not self.error

    def describe(self) -> str:
        if self.paper_out:
            return "paper out"
        if self.cover_open:
            return "cover open"
        if self.error:
            return "printer error"
        if not self.online:
            return "printer offline"
        if self.paper_near_end:
            return "paper low"
        return ""


def _is_status_byte(b: int) -> bool:
    # Every DLE EOT answer has bit 1 and bit 4 set, bits 0 and 7 clear.
    return (b & 0x93) == 0x12


def parse_status(printer: int, paper: int, cause: int | None = None) -> PrinterState:
    """Decode the answers to DLE EOT 1 (``printer``), 4 (``paper``) and optionally 2."""
    online = not (printer & 0x08)
    paper_out = (paper & 0x60) == 0x60
    near_end = (paper & 0x0C) == 0x0C
    cover_open = bool(cause is not None and cause & 0x04)
    error = bool(cause is not None and cause & 0x40)
    if cause is not None and cause & 0x20:
        paper_out = True
    return PrinterState(online, paper_out, near_end, cover_open, error)


class Transport(ABC):
    """A connection to one printer."""

    #: whether status queries are possible at all (a read-back channel exists)
    can_query_status: bool = False

    def __init__(self, *, status_query: bool = True) -> None:
        self.status_query = status_query and self.can_query_status

    @property
    @abstractmethod
    def description(self) -> str:
        """Where the printer is, for status texts ("network 10.0.0.5:9100")."""

    @abstractmethod
    def open(self) -> None:
        """Connect; raise PrinterNotFound if the printer is not there."""

    @abstractmethod
    def write(self, data: bytes) -> None:
        """Send bytes; raise PrinterOffline (an OSError) on failure or timeout."""

    @abstractmethod
    def close(self) -> None:
        """Disconnect. Never raises."""

    def _exchange(self, command: bytes) -> int | None:
        """Send a real-time command and return the one-byte answer (None: no answer)."""
        raise NotImplementedError

    def query_status(self) -> PrinterState | None:
        """The printer's real-time state, or None where it cannot be asked.

        Raises PrinterOffline if the printer does not answer (unplugged, switched off)."""
        if not self.status_query:
            return None
        printer = self._answer(STATUS_PRINTER)
        paper = self._answer(STATUS_PAPER)
        cause = self._answer(STATUS_OFFLINE_CAUSE) if printer & 0x08 else None
        return parse_status(printer, paper, cause)

    def _answer(self, command: bytes) -> int:
        answer = self._exchange(command)
        if answer is None:
            raise PrinterOffline(f"no answer to status query from {self.description}")
        if not _is_status_byte(answer):
            log.debug("unexpected status byte %#04x from %s", answer, self.description)
        return answer


class EscposTransport(Transport):
    """A transport that drives a python-escpos printer object (serial, USB, network, file)."""

    def __init__(self, *, status_query: bool = True) -> None:
        super().__init__(status_query=status_query)
        self._printer: Any = None

    def _open_printer(self, printer: Any) -> None:
        """Open ``printer``; an absent device becomes PrinterNotFound (retried with backoff)."""
        try:
            printer.open()
        except Exception as exc:
            if escpos_not_found(exc) or isinstance(exc, OSError):
                raise PrinterNotFound(f"{self.description}: {exc}".splitlines()[0]) from exc
            raise
        self._printer = printer

    def _opened(self) -> Any:
        if self._printer is None:
            raise PrinterOffline(f"{self.description} is not open")
        return self._printer

    def close(self) -> None:
        if self._printer is not None:
            try:
                self._printer.close()
            except Exception:  # closing must never raise
                pass
            self._printer = None


def escpos_not_found(exc: Exception) -> bool:
    """True for python-escpos's DeviceNotFoundError (and its USB subclass)."""
    from escpos.exceptions import DeviceNotFoundError

    return isinstance(exc, DeviceNotFoundError)
