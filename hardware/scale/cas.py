"""CAS "ECR" protocol (CAS PD-II interface type 6; the same frame as Ohaus Aviator ECR format 1).

The host sends ``ENQ``; the scale answers ``ACK`` when ready (``NAK``: ask again). The host then
sends ``DC1`` and the scale answers 15 bytes::

    SOH STX STA SIGN W W W W W W U U BCC ETX EOT
     01  02  S|U  ' '|-|F  "01.234"  "kg"  xor  03  04

STA ``S`` stable, ``U`` unstable; SIGN space (zero or positive), ``-`` negative, ``F`` overload
(the weight digits are then ``F`` too); BCC is the XOR of STA..unit. The unit is "kg" or "lb"
(any case). The protocol has no zero or tare commands. BCC can itself be any byte, 03 and 04
included, so frames are read by length, not up to EOT.
"""

from __future__ import annotations

import re
from functools import reduce
from typing import ClassVar

from hardware.scale.protocol import (
    FrameError,
    ScaleFlag,
    ScaleProtocol,
    ScaleReading,
    Transport,
    to_grams,
)

SOH, STX, ETX, EOT, ENQ, ACK, NAK, DC1 = 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x15, 0x11
FRAME_LEN = 15
_NUMBER = re.compile(rb" *(\d+(?:\.\d+)?)")
_OVERLOAD = re.compile(rb"[F.]{6}")
_UNITS = {b"kg": "kg", b"lb": "lb"}


def bcc(body: bytes) -> int:
    """XOR of the bytes between STX and BCC (STA..unit)."""
    return reduce(lambda a, b: a ^ b, body, 0)


class CasEcr(ScaleProtocol):
    name: ClassVar[str] = "cas_ecr"
    serial_defaults: ClassVar[dict[str, object]] = {
        "baudrate": 9600,
        "bytesize": 8,
        "parity": "N",
        "stopbits": 1,
    }
    commands: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, handshake: bool = True, nak_retries: int = 3) -> None:
        self.handshake = handshake
        self.nak_retries = nak_retries

    def weigh(self, port: Transport, timeout_s: float) -> bytes:
        port.reset_input()
        if self.handshake:
            for _ in range(self.nak_retries):
                port.write(bytes([ENQ]))
                answer = port.read_exact(1, timeout_s)
                if not answer:
                    return b""
                if answer[0] == ACK:
                    break
                if answer[0] != NAK:
                    raise FrameError("expected ACK or NAK after ENQ", answer)
            else:
                raise FrameError(f"scale answered NAK {self.nak_retries} times")
        port.write(bytes([DC1]))
        return port.read_exact(FRAME_LEN, timeout_s)

    def parse(self, frame: bytes) -> ScaleReading:
        if len(frame) != FRAME_LEN:
            raise FrameError(f"CAS ECR frame must be {FRAME_LEN} bytes, got {len(frame)}", frame)
        if frame[0] != SOH or frame[1] != STX or frame[13] != ETX or frame[14] != EOT:
            raise FrameError("CAS ECR framing bytes (SOH STX … ETX EOT) wrong", frame)
        body = frame[2:12]
        if bcc(body) != frame[12]:
            raise FrameError(f"BCC mismatch: 0x{frame[12]:02x} != 0x{bcc(body):02x}", frame)
        sta, sign, digits, unit_raw = body[0], body[1], body[2:8], body[8:10]
        if sta not in b"SU":
            raise FrameError(f"status {chr(sta)!r} is not S or U", frame)
        unit = _UNITS.get(unit_raw.lower())
        if unit is None:
            raise FrameError(f"unit {unit_raw!r} is not kg or lb", frame)
        stable = sta == ord("S")
        flags: set[ScaleFlag] = set() if stable else {ScaleFlag.MOTION}
        if sign == ord("F"):
            if not _OVERLOAD.fullmatch(digits) or b"F" not in digits:
                raise FrameError("overload sign with weight digits", frame)
            flags |= {ScaleFlag.OVER_CAPACITY, ScaleFlag.NO_WEIGHT}
            return ScaleReading(grams=None, stable=False, flags=frozenset(flags))
        if sign not in b" -":
            raise FrameError(f"sign {chr(sign)!r} is not space, - or F", frame)
        m = _NUMBER.fullmatch(digits)
        if not m:
            raise FrameError(f"weight {digits!r} is not a number", frame)
        grams = to_grams(m.group(1), unit)
        if sign == ord("-") and grams:
            grams = -grams
            flags.add(ScaleFlag.UNDER_ZERO)
        return ScaleReading(grams=grams, stable=stable, flags=frozenset(flags))
