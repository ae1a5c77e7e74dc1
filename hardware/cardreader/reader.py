"""Card-reader drivers: a serial reader on its own thread, and a keyboard-wedge reader fed by
the application's :class:`hardware.wedge.WedgeDetector`. Both emit ``card_read(CardRead)``.

Raw reader text (tracks, PANs) stays inside these classes: it is never logged, never put in an
exception message or a status detail, and never emitted; only the classified
:class:`~hardware.cardreader.card.CardRead` leaves.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hardware.cardreader.card import CardClassifier, CardKind, CardRead
from hardware.device import DeviceStatus
from hardware.serial_device import SerialDevice
from hardware.serialport import SerialPort

if TYPE_CHECKING:
    from hardware.wedge import WedgeDetector

log = logging.getLogger(__name__)

_DROP = {0x02, 0x03}  # STX/ETX framing some readers add


class SerialCardReader(SerialDevice):
    """A magstripe and/or NFC reader on a serial line: one card per CR/LF-terminated line
    (a track-1 line followed at once by a track-2 line counts as one swipe)."""

    card_read = Signal(object)  # CardRead

    def __init__(
        self,
        port: SerialPort,
        classifier: CardClassifier,
        *,
        name: str = "card-reader",
        merge_window_s: float = 0.1,
        idle_flush_s: float = 0.3,
        max_line: int = 512,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            name, port, backoff_initial_s=backoff_initial_s, backoff_max_s=backoff_max_s,
            parent=parent,
        )
        self.classifier = classifier
        self._merge_window = merge_window_s
        self._idle_flush = idle_flush_s
        self._max_line = max_line
        self._reset()

    # -- device thread -------------------------------------------------------------------------
    def _reset(self) -> None:
        self._buf = bytearray()
        self._last_data = 0.0
        self._pending: list[str] = []
        self._pending_at = 0.0

    def _open(self) -> None:
        self._port.open()
        self._reset()

    def _close(self) -> None:
        self._port.close()
        self._reset()

    def _poll(self) -> None:
        data = self._port.read_some(0.05)
        now = time.monotonic()
        if data:
            self._last_data = now
            self._buf += bytes(b for b in data if b not in _DROP)
            self._take_lines(now)
        elif self._buf and now - self._last_data >= self._idle_flush:
            # no terminator came: the reader sends none, or the line was cut
            self._add_line(bytes(self._buf), now)
            self._buf.clear()
        if self._pending and (
            not self._pending[-1].startswith("%") or now - self._pending_at >= self._merge_window
        ):
            text = "".join(self._pending)
            self._pending.clear()
            self._emit(self.classifier.classify(text))

    def _take_lines(self, now: float) -> None:
        while True:
            cut = next((i for i, b in enumerate(self._buf) if b in (0x0A, 0x0D)), -1)
            if cut < 0:
                break
            line = bytes(self._buf[:cut])
            del self._buf[: cut + 1]
            self._add_line(line, now)
        if len(self._buf) > self._max_line:
            self._buf.clear()
            self._pending.clear()
            self._emit(CardRead(CardKind.UNREADABLE, "magstripe", detail="line too long"))

    def _add_line(self, raw: bytes, now: float) -> None:
        text = "".join(ch for ch in raw.decode("ascii", errors="replace") if ch.isprintable())
        if not text.strip():
            return
        if self._pending and not text.lstrip().startswith((";", "+")):
            # a new card, not the next track of the pending one
            previous = "".join(self._pending)
            self._pending.clear()
            self._emit(self.classifier.classify(previous))
        self._pending.append(text)
        self._pending_at = now

    def _emit(self, read: CardRead) -> None:
        log.info("card reader %s: %s card", self.name, read.kind.value)
        self.card_read.emit(read)


class WedgeCardReader(QObject):
    """A card reader that types like a keyboard. The shared WedgeDetector recognises its bursts
    (they start with ``%`` or ``;``, or the configured NFC prefix) and hands them to this
    reader's classifier. Offers the Device status API so the UI treats it like the others;
    a keyboard cannot be probed, so it is "connected" while started."""

    card_read = Signal(object)  # CardRead
    status_changed = Signal(str, str)

    def __init__(
        self,
        detector: WedgeDetector,
        classifier: CardClassifier,
        *,
        name: str = "card-reader",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.detector = detector
        self.classifier = classifier
        self._status = DeviceStatus.DISCONNECTED
        self._detail = "not started"
        self._connected = False

    def __repr__(self) -> str:
        return f"WedgeCardReader({self.name!r}, {self._status.value})"

    @property
    def status(self) -> DeviceStatus:
        return self._status

    @property
    def status_detail(self) -> str:
        return self._detail

    def start(self) -> None:
        self.detector.card_classifier = self.classifier
        if not self._connected:
            self.detector.card_read.connect(self._forward)
            self._connected = True
        self.detector.start()
        self._set_status(DeviceStatus.CONNECTED, "keyboard wedge")

    def stop(self, timeout_s: float = 0.0) -> None:
        if self._connected:
            self.detector.card_read.disconnect(self._forward)
            self._connected = False
        self._set_status(DeviceStatus.DISCONNECTED, "stopped")

    def is_running(self) -> bool:
        return self._connected

    def _forward(self, read: CardRead) -> None:
        self.card_read.emit(read)

    def _set_status(self, status: DeviceStatus, detail: str) -> None:
        if (status, detail) != (self._status, self._detail):
            self._status, self._detail = status, detail
            self.status_changed.emit(status.value, detail)
