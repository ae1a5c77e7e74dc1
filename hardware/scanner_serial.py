"""A barcode scanner on a serial line (RS-232, or USB in CDC/virtual-COM mode).

Each code is a line ended by CR, LF or CR LF. Control characters are stripped (ASCII GS, the
GS1 FNC1 separator, can be kept with ``keep_gs=True`` for GS1 element strings); empty lines
are ignored; a line that never ends is dropped at ``max_line`` bytes. One ``scanned(str)``
per code. The simulator (:class:`SerialScannerSimulator`) sends codes on a pty.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, Signal

from hardware.serial_device import SerialDevice
from hardware.serialport import (
    SERIAL_KEYS,
    SerialPort,
    check_config_keys,
    config_seconds,
    port_from_config,
)
from hardware.sim.pty import PtySimulator

log = logging.getLogger(__name__)

GS = "\x1d"


def clean_code(raw: bytes, encoding: str = "utf-8", keep_gs: bool = False) -> str:
    """Decode one line and drop control characters (C0, DEL, C1)."""
    text = raw.decode(encoding, errors="replace")
    return "".join(
        ch
        for ch in text
        if (ch == GS and keep_gs) or not (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0)
    ).strip()


class SerialScanner(SerialDevice):
    scanned = Signal(str)

    def __init__(
        self,
        port: SerialPort,
        *,
        name: str = "scanner",
        encoding: str = "utf-8",
        keep_gs: bool = False,
        max_line: int = 4096,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            name, port, backoff_initial_s=backoff_initial_s, backoff_max_s=backoff_max_s,
            parent=parent,
        )
        "".encode(encoding)  # unknown encodings fail here, not on the first scan
        self.encoding = encoding
        self.keep_gs = keep_gs
        self._max_line = max_line
        self._buf = bytearray()
        self._overflow = False

    def _open(self) -> None:
        self._port.open()
        self._buf.clear()
        self._overflow = False

    def _close(self) -> None:
        self._port.close()
        self._buf.clear()

    def _poll(self) -> None:
        data = self._port.read_some(0.1)
        if not data:
            return
        self._buf += data
        while True:
            cut = next((i for i, b in enumerate(self._buf) if b in (0x0A, 0x0D)), -1)
            if cut < 0:
                break
            line = bytes(self._buf[:cut])
            del self._buf[: cut + 1]
            if self._overflow:  # the tail of a line already dropped
                self._overflow = False
                continue
            code = clean_code(line, self.encoding, self.keep_gs)
            if code:
                self.scanned.emit(code)
        if len(self._buf) > self._max_line:
            log.warning("scanner %s: line longer than %d bytes dropped", self.name, self._max_line)
            self._buf.clear()
            self._overflow = True


class SerialScannerSimulator(PtySimulator):
    """``scan(text)`` sends a code as a serial scanner does (text + CR LF by default)."""

    def __init__(
        self,
        name: str = "scanner",
        link_path: str | os.PathLike[str] | None = None,
        *,
        terminator: bytes = b"\r\n",
        encoding: str = "utf-8",
    ) -> None:
        super().__init__(name, link_path)
        self.terminator = terminator
        self.encoding = encoding

    def scan(self, text: str) -> bool:
        return self.write(text.encode(self.encoding) + self.terminator)


KINDS = ("serial", "simulator")
CONFIG_KEYS = SERIAL_KEYS | {
    "kind",
    "name",
    "encoding",
    "keep_gs",
    "reconnect_min_ms",
    "reconnect_max_ms",
}
SERIAL_DEFAULTS: dict[str, object] = {"baudrate": 9600, "bytesize": 8, "parity": "N", "stopbits": 1}


def make_serial_scanner(cfg: dict[str, object]) -> SerialScanner:
    """``{"kind": "serial"|"simulator", "port": "/dev/serial/by-id/...", "baudrate": 9600,
    "encoding": "utf-8", "keep_gs": false}`` -> a SerialScanner (not yet started)."""
    check_config_keys(cfg, CONFIG_KEYS, "serial scanner")
    kind = str(cfg.get("kind", ""))
    if kind not in KINDS:
        raise ValueError(f"unknown serial scanner kind {kind!r}; known: {', '.join(KINDS)}")
    encoding = str(cfg.get("encoding", "utf-8"))
    simulator: SerialScannerSimulator | None = None
    if kind == "simulator":
        port_path = cfg.get("port")
        simulator = SerialScannerSimulator(
            str(cfg.get("name", "scanner")),
            str(port_path) if port_path else None,
            encoding=encoding,
        )
        simulator.start()
        cfg = {**cfg, "port": simulator.path}
    try:
        scanner = SerialScanner(
            port_from_config(cfg, SERIAL_DEFAULTS),
            name=str(cfg.get("name", "scanner")),
            encoding=encoding,
            keep_gs=bool(cfg.get("keep_gs", False)),
            backoff_initial_s=config_seconds(cfg, "reconnect_min_ms", 200),
            backoff_max_s=config_seconds(cfg, "reconnect_max_ms", 5000),
        )
    except BaseException:
        if simulator is not None:
            simulator.close()
        raise
    if simulator is not None:
        scanner.attach_simulator(simulator, owned=True)
    return scanner
