"""Scales that speak the real protocols on a pty, for tests, demos and benchmarks.

Scriptable from any thread::

    sim = Toledo8217Simulator().start()      # sim.path is the stable symlink to open
    sim.set_weight(1234)                     # integer grams on the platform (gross)
    sim.set_motion(True)                     # the platform is moving
    sim.inject_garbage()                     # the next answer is a corrupted frame
    sim.stall()                              # stop answering (a hung scale) ... sim.stall(False)
    sim.set_delay(0.3)                       # answer late (a slow line)
    sim.unplug(); sim.replug()               # pull the cable; plug it back at the same path

Zero and tare work as on the real scale when the protocol has them (``Z``/``T``/``C`` on the
Toledo), and can also be pressed "on the front panel" with :meth:`press_zero` /
:meth:`press_tare`.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from hardware.scale import cas, toledo
from hardware.scale.protocol import ScaleFlag, grams_to_text
from hardware.sim.pty import PtySimulator


class ScaleSimulator(PtySimulator):
    """State shared by the protocol simulators; subclasses encode it."""

    default_name = "scale"

    def __init__(
        self,
        name: str | None = None,
        link_path: str | os.PathLike[str] | None = None,
        *,
        grams: int = 0,
        unit: str = "kg",
        capacity_g: int = 30000,
    ) -> None:
        super().__init__(name or self.default_name, link_path)
        self._lock = threading.Lock()
        self._grams = _check_grams(grams)
        self._unit = _check_unit(unit)
        self._capacity = capacity_g
        self._motion = False
        self._force_over = False
        self._zero_offset = 0
        self._tare = 0
        self._stall = False
        self._delay = 0.0
        self._garbage: list[bytes | None] = []
        self.answers = 0  # weight answers sent (for tests)
        self.unanswered = 0  # requests ignored while stalled (for tests)

    # -- scripting API (any thread) --------------------------------------------------------
    def set_weight(self, grams: int) -> None:
        with self._lock:
            self._grams = _check_grams(grams)

    def set_motion(self, moving: bool) -> None:
        with self._lock:
            self._motion = bool(moving)

    def set_over_capacity(self, over: bool) -> None:
        with self._lock:
            self._force_over = bool(over)

    def set_unit(self, unit: str) -> None:
        with self._lock:
            self._unit = _check_unit(unit)

    def stall(self, stalled: bool = True) -> None:
        """Stop answering requests (a hung scale), or resume."""
        with self._lock:
            self._stall = bool(stalled)

    def set_delay(self, seconds: float) -> None:
        """Answer each request this late (a slow scale), without blocking the simulator."""
        with self._lock:
            self._delay = max(0.0, float(seconds))

    def inject_garbage(self, count: int = 1, frame: bytes | None = None) -> None:
        """Replace the next ``count`` answers by ``frame`` (default: a corrupted real frame)."""
        with self._lock:
            self._garbage.extend([frame] * count)

    def press_zero(self) -> None:
        with self._lock:
            self._zero_offset = self._grams
            self._tare = 0

    def press_tare(self) -> None:
        with self._lock:
            self._tare = self._grams - self._zero_offset

    def clear_tare(self) -> None:
        with self._lock:
            self._tare = 0

    @property
    def displayed_grams(self) -> int:
        with self._lock:
            return self._grams - self._zero_offset - self._tare

    # -- helpers for subclasses (simulator thread) -----------------------------------------
    def _snapshot(self) -> _State:
        with self._lock:
            gross = self._grams - self._zero_offset
            over = self._force_over or gross > self._capacity
            return _State(gross - self._tare, self._motion, over, self._unit, self._tare != 0)

    def _take_garbage(self) -> tuple[bool, bytes | None]:
        with self._lock:
            if self._garbage:
                return True, self._garbage.pop(0)
            return False, None

    def _answer(self, data: bytes) -> None:
        with self._lock:
            delay, stalled = self._delay, self._stall
        if stalled:
            return
        if delay > 0:
            self.write_later(data, delay)
        else:
            self.write(data)

    def _stalled(self) -> bool:
        with self._lock:
            if self._stall:
                self.unanswered += 1
            return self._stall


@dataclass(frozen=True, slots=True)
class _State:
    shown: int  # what the display shows: gross - zero offset - tare
    motion: bool
    over: bool
    unit: str
    tared: bool


class Toledo8217Simulator(ScaleSimulator):
    """A Mettler Toledo 8217 in demand mode (see :mod:`hardware.scale.toledo`)."""

    default_name = "toledo8217"
    _echo = False  # set per instance once the host's echo probe arrives

    def weight_frame(self) -> bytes:
        """The frame the scale would answer to ``W`` right now."""
        st = self._snapshot()
        flags: set[ScaleFlag] = {ScaleFlag.NET} if st.tared else set()
        if st.over:
            flags.add(ScaleFlag.OVER_CAPACITY)
        elif st.motion:
            flags.add(ScaleFlag.MOTION)
        elif st.shown < 0:
            flags.add(ScaleFlag.UNDER_ZERO)
        if flags - {ScaleFlag.NET}:
            return bytes([toledo.STX, ord("?"), toledo.status_byte(flags), toledo.CR])
        decimals = 3 if st.unit == "kg" else 2
        text = grams_to_text(st.shown, st.unit, decimals, 2)
        return b"\x02" + text.encode() + (b"N" if st.tared else b"") + b"\r"

    def _status_frame(self) -> bytes:
        st = self._snapshot()
        flags: set[ScaleFlag] = {ScaleFlag.NET} if st.tared else set()
        if st.shown == 0:
            flags.add(ScaleFlag.CENTER_OF_ZERO)
        if st.motion:
            flags.add(ScaleFlag.MOTION)
        return bytes([toledo.STX, ord("?"), toledo.status_byte(flags), toledo.CR])

    def handle(self, data: bytes) -> None:
        if self._stalled():
            return
        for byte in data:
            char = chr(byte & 0x7F)
            if self._echo:
                if char == "F":
                    self._echo = False
                else:
                    self._answer(bytes([byte]))
                continue
            if char == "W":
                self.answers += 1
                bad, frame = self._take_garbage()
                if bad:
                    good = self.weight_frame()
                    self._answer(frame if frame is not None else _corrupt_toledo(good))
                else:
                    self._answer(self.weight_frame())
            elif char == "Z":
                self.press_zero()
                self._answer(self._status_frame())
            elif char == "T":
                self.press_tare()
                self._answer(self._status_frame())
            elif char == "C":
                self.clear_tare()
                self._answer(self._status_frame())
            elif char == "E":
                self._echo = True
                self._answer(b"\x02E\r")


class CasEcrSimulator(ScaleSimulator):
    """A CAS scale with the ECR (type 6) interface (see :mod:`hardware.scale.cas`)."""

    default_name = "cas_ecr"
    _naks = 0  # NAKs still to answer; set per instance by nak()

    def nak(self, count: int = 1) -> None:
        """Answer the next ``count`` ENQs with NAK (scale busy)."""
        with self._lock:
            self._naks += count

    def weight_frame(self) -> bytes:
        st = self._snapshot()
        unit = st.unit
        sta = b"U" if st.motion else b"S"
        if st.over:
            sign, digits = b"F", b"FF.FFF"
        else:
            sign = b"-" if st.shown < 0 else b" "
            if unit == "kg":
                digits = grams_to_text(st.shown, "kg", 3, 2).encode()
            else:
                digits = grams_to_text(st.shown, "lb", 2, 3).encode()
            if len(digits) != 6:  # beyond what six characters show: the scale reports overload
                sign, digits = b"F", b"FF.FFF"
        body = sta + sign + digits + unit.encode()
        return bytes([cas.SOH, cas.STX]) + body + bytes([cas.bcc(body), cas.ETX, cas.EOT])

    def handle(self, data: bytes) -> None:
        if self._stalled():
            return
        for byte in data:
            if byte == cas.ENQ:
                with self._lock:
                    nak = self._naks > 0
                    if nak:
                        self._naks -= 1
                self._answer(bytes([cas.NAK if nak else cas.ACK]))
            elif byte == cas.DC1:
                self.answers += 1
                bad, frame = self._take_garbage()
                if bad:
                    good = self.weight_frame()
                    self._answer(frame if frame is not None else _corrupt_cas(good))
                else:
                    self._answer(self.weight_frame())


def _corrupt_toledo(frame: bytes) -> bytes:
    """A realistic line error: the first byte after STX replaced by a stray character."""
    data = bytearray(frame)
    data[1] = ord("#")
    return bytes(data)


def _corrupt_cas(frame: bytes) -> bytes:
    """A flipped bit in the weight; the BCC no longer matches."""
    data = bytearray(frame)
    data[5] ^= 0x01
    return bytes(data)


def _check_grams(grams: int) -> int:
    if type(grams) is not int:
        raise TypeError(f"weights are integer grams, not {type(grams).__name__}")
    return grams


def _check_unit(unit: str) -> str:
    if unit not in ("kg", "lb"):
        raise ValueError(f"unit must be kg or lb, not {unit!r}")
    return unit


SIMULATORS: dict[str, type[ScaleSimulator]] = {
    "toledo8217": Toledo8217Simulator,
    "cas_ecr": CasEcrSimulator,
}
