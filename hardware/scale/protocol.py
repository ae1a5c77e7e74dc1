"""What every scale protocol shares: the reading value, the typed parse error, the interface.

A protocol object does two things, kept apart so each can be tested alone:

* ``weigh(port, timeout_s)`` / ``command(port, name, timeout_s)``: the byte exchange with the
  scale (handshake, request, framing of the answer) over any :class:`Transport`;
* ``parse(frame)``: turn one answer frame into a :class:`ScaleReading` or raise
  :class:`FrameError`. Parsers are strict: anything that is not exactly a documented frame is an
  error, never a weight.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import ClassVar, Protocol

GRAMS_PER_KG = Decimal(1000)
GRAMS_PER_LB = Decimal("453.59237")  # exact, by definition


class FrameError(ValueError):
    """A frame that does not follow the protocol. It is reported, never turned into a weight."""

    def __init__(self, message: str, frame: bytes = b"") -> None:
        super().__init__(message)
        self.frame = bytes(frame)

    def describe(self) -> str:
        shown = self.frame[:48].hex(" ")
        more = "…" if len(self.frame) > 48 else ""
        return f"{self.args[0]} [{shown}{more}]" if self.frame else str(self.args[0])


class ScaleFlag(StrEnum):
    MOTION = "motion"
    OVER_CAPACITY = "over_capacity"
    UNDER_ZERO = "under_zero"
    OUTSIDE_ZERO_RANGE = "outside_zero_range"
    CENTER_OF_ZERO = "center_of_zero"
    NET = "net"
    NO_WEIGHT = "no_weight"  # the frame carries status only (Toledo "?x"), or an overload


@dataclass(frozen=True, slots=True)
class ScaleReading:
    """One parsed answer. ``grams`` is None when the frame carries no weight."""

    grams: int | None
    stable: bool
    flags: frozenset[ScaleFlag] = frozenset()

    def __post_init__(self) -> None:
        if self.grams is not None and (type(self.grams) is not int):
            raise TypeError("grams must be an int (integer grams, never a float)")

    @property
    def flags_text(self) -> str:
        """Flags as one comma-separated, sorted string ("" when none): the signal payload."""
        return ",".join(sorted(f.value for f in self.flags))

    @property
    def weighable(self) -> bool:
        """A weight a till may ring up: present, stable, not negative, not overloaded."""
        return (
            self.grams is not None
            and self.stable
            and self.grams >= 0
            and ScaleFlag.OVER_CAPACITY not in self.flags
            and ScaleFlag.UNDER_ZERO not in self.flags
            and ScaleFlag.MOTION not in self.flags
        )


class Transport(Protocol):
    """The part of :class:`hardware.serialport.SerialPort` a protocol uses (fakes implement it)."""

    def write(self, data: bytes) -> None: ...

    def read_until(self, terminators: bytes, max_len: int, timeout_s: float) -> bytes: ...

    def read_exact(self, n: int, timeout_s: float) -> bytes: ...

    def reset_input(self) -> None: ...


class ScaleProtocol(ABC):
    """One serial scale protocol."""

    name: ClassVar[str]
    serial_defaults: ClassVar[dict[str, object]]
    commands: ClassVar[frozenset[str]] = frozenset()  # of "zero", "tare", "clear_tare"

    @abstractmethod
    def weigh(self, port: Transport, timeout_s: float) -> bytes:
        """Ask for a weight; return the raw answer frame, ``b''`` if the scale said nothing.
        May raise FrameError when the handshake itself is garbled."""

    @abstractmethod
    def parse(self, frame: bytes) -> ScaleReading:
        """Parse one answer frame; raise FrameError unless it is exactly a documented frame."""

    def command(self, port: Transport, name: str, timeout_s: float) -> ScaleReading | None:
        """Send zero / tare / clear_tare; return the parsed acknowledgement (None if the scale
        sends none). Raises FrameError on a garbled or missing answer, KeyError if the
        protocol has no such command."""
        raise KeyError(name)


def to_grams(number: bytes, unit: str) -> int:
    """Decimal text from a frame (already validated as digits with at most one point) in
    ``unit`` ("kg", "lb" or "g") to integer grams, rounding half up. No floats."""
    try:
        value = Decimal(number.decode("ascii"))
    except (ArithmeticError, UnicodeDecodeError, ValueError) as exc:
        raise FrameError(f"not a number: {number!r}", number) from exc
    factor = {"kg": GRAMS_PER_KG, "lb": GRAMS_PER_LB, "g": Decimal(1)}.get(unit)
    if factor is None:
        raise FrameError(f"unknown unit {unit!r}", number)
    return int((value * factor).to_integral_value(rounding=ROUND_HALF_UP))


def grams_to_text(grams: int, unit: str, decimals: int, int_digits: int) -> str:
    """Inverse of :func:`to_grams` for simulators: ``1234, "kg", 3, 2`` -> ``"01.234"``."""
    if type(grams) is not int:
        raise TypeError("grams must be an int")
    grams = abs(grams)
    scale = 10**decimals
    if unit == "kg":
        units = (grams * scale * 2 + 1000) // 2000  # round half up
    elif unit == "lb":
        denom = 45359237  # grams per lb * 1e5
        units = (grams * scale * 100000 * 2 + denom) // (2 * denom)
    else:
        raise ValueError(f"unknown unit {unit!r}")
    whole, frac = divmod(units, scale)
    return f"{whole:0{int_digits}d}.{frac:0{decimals}d}" if decimals else f"{whole:0{int_digits}d}"
