"""Mettler Toledo 8217 in demand mode (the "Toledo" protocol of most POS scales).

Line: 9600 baud, 7 data bits, even parity, 1 stop bit. The host sends one byte, no terminator:
``W`` weight, ``Z`` zero, ``T`` tare, ``C`` clear tare, ``E`` echo test. Answers (see
``testdata/scale/README.md``):

* ``STX WW.WWW CR`` (kg) / ``STX WW.WW CR`` (lb): a stable weight; a trailing ``N`` marks net;
* ``STX ? <status> CR``: no weight, status only. The status byte is 7 bits: bit0 motion, bit1
  over capacity, bit2 under zero, bit3 outside zero-capture range, bit4 center of zero, bit5 net,
  bit6 always 1 (so ``@`` means no flag). If the port delivers 8 bits, bit 7 is the even
  parity bit and is checked.

The 8217 sends a weight only when it is stable, so every weight frame is a stable reading.
"""

from __future__ import annotations

import re
from typing import ClassVar

from hardware.scale.protocol import (
    FrameError,
    ScaleFlag,
    ScaleProtocol,
    ScaleReading,
    Transport,
    to_grams,
)

STX, CR = 0x02, 0x0D
_WEIGHT = re.compile(rb"\x02 *(\d{1,3}\.(\d{2,3}))(N?)\r")
_STATUS = re.compile(rb"\x02\?(.)\r", re.DOTALL)
_STATUS_BITS = (
    (0x01, ScaleFlag.MOTION),
    (0x02, ScaleFlag.OVER_CAPACITY),
    (0x04, ScaleFlag.UNDER_ZERO),
    (0x08, ScaleFlag.OUTSIDE_ZERO_RANGE),
    (0x10, ScaleFlag.CENTER_OF_ZERO),
    (0x20, ScaleFlag.NET),
)
_COMMANDS = {"zero": b"Z", "tare": b"T", "clear_tare": b"C"}
MAX_FRAME = 16


def status_flags(byte: int) -> frozenset[ScaleFlag]:
    """Decode a status byte (7-bit, or 8-bit with even parity in bit 7)."""
    if byte & 0x80:
        if bin(byte).count("1") % 2:
            raise FrameError(f"status byte 0x{byte:02x} fails even parity", bytes([byte]))
        byte &= 0x7F
    if not byte & 0x40:
        raise FrameError(f"status byte 0x{byte:02x} lacks bit 6", bytes([byte]))
    return frozenset(flag for bit, flag in _STATUS_BITS if byte & bit)


def status_byte(flags: frozenset[ScaleFlag] | set[ScaleFlag]) -> int:
    """Encode flags as the 7-bit status byte (for simulators)."""
    return 0x40 | sum(bit for bit, flag in _STATUS_BITS if flag in flags)


class Toledo8217(ScaleProtocol):
    name: ClassVar[str] = "toledo8217"
    serial_defaults: ClassVar[dict[str, object]] = {
        "baudrate": 9600,
        "bytesize": 7,
        "parity": "E",
        "stopbits": 1,
    }
    commands: ClassVar[frozenset[str]] = frozenset(_COMMANDS)

    def __init__(self, unit: str = "auto") -> None:
        if unit not in ("auto", "kg", "lb"):
            raise ValueError(f"unit must be auto, kg or lb, not {unit!r}")
        self.unit = unit

    def weigh(self, port: Transport, timeout_s: float) -> bytes:
        port.reset_input()
        port.write(b"W")
        return port.read_until(bytes([CR]), MAX_FRAME, timeout_s)

    def parse(self, frame: bytes) -> ScaleReading:
        m = _WEIGHT.fullmatch(frame)
        if m:
            number, decimals, net = m.groups()
            unit = self.unit
            if unit == "auto":
                unit = "kg" if len(decimals) == 3 else "lb"
            flags = frozenset({ScaleFlag.NET}) if net else frozenset()
            return ScaleReading(grams=to_grams(number, unit), stable=True, flags=flags)
        m = _STATUS.fullmatch(frame)
        if m:
            flags = status_flags(m.group(1)[0])
            return ScaleReading(grams=None, stable=False, flags=flags | {ScaleFlag.NO_WEIGHT})
        raise FrameError("not a Toledo 8217 frame", frame)

    def command(self, port: Transport, name: str, timeout_s: float) -> ScaleReading | None:
        request = _COMMANDS[name]
        port.reset_input()
        port.write(request)
        answer = port.read_until(bytes([CR]), MAX_FRAME, timeout_s)
        if not answer:
            raise FrameError(f"no answer to {name}")
        return self.parse(answer)
