"""ISO 7811/7813 magnetic-stripe tracks as keyboard-wedge and serial readers type them.

A swipe is one or more tracks, each between a start and an end sentinel::

    %B4111111111111111^DOE/JOHN^2512101000000000000?      track 1 (format B: PAN ^ NAME ^ data)
    ;4111111111111111=25121010000000000?                  track 2 (PAN = data)
    +...?                                                 track 3 (ignored)

A reader that could not decode a track sends its sentinel, ``E`` and the end sentinel:
``%E?``, ``;E?``, ``+E?``. Readers may put CR/LF or spaces between tracks.

These objects hold card data: their ``repr``/``str`` show at most the last four digits, and
:class:`CardParseError` messages never contain input text. Never log the input of
:func:`parse_swipe`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_SWIPE = 512  # three tracks are at most 79 + 40 + 107 characters, plus separators

_TRACK1 = re.compile(r"%([^?%;]{0,79})\?")
_TRACK2 = re.compile(r";([^?%;]{0,40})\?")
_TRACK3 = re.compile(r"\+([^?%;+]{0,107})\?")
_FORMAT_B = re.compile(r"B(\d{1,19})\^([^^]{0,26})\^(.*)", re.DOTALL | re.ASCII)
_T1_CHARS = re.compile(r"[ -_]*")  # the 6-bit track-1 alphabet: space to underscore
_T2_DATA = re.compile(r"(\d{1,19})(?:=(\d*))?", re.ASCII)
_EXPIRY_SERVICE = re.compile(r"\d\d(0[1-9]|1[0-2])\d{3}", re.ASCII)


class CardParseError(ValueError):
    """The input is not a well-formed swipe. The message never contains card data."""


def mask(number: str | None) -> str:
    """``4111111111111111`` -> ``************1111`` (short numbers are masked entirely)."""
    if not number:
        return ""
    keep = 4 if len(number) > 8 else 0
    return "*" * (len(number) - keep) + number[len(number) - keep :]


def luhn_valid(number: str) -> bool:
    """The ISO/IEC 7812 check digit (mod 10) of a string of digits."""
    if not number.isdigit() or not number.isascii() or len(number) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _plausible_expiry(data: str) -> bool:
    """YYMM followed by a three-digit service code, as on a payment card."""
    return _EXPIRY_SERVICE.match(data) is not None


@dataclass(frozen=True, slots=True, repr=False)
class Track1:
    """Track 1. For format code ``B``: PAN, name and the data after the second separator."""

    format_code: str
    pan: str | None = field(default=None)
    name: str | None = field(default=None)
    data: str = field(default="")

    @property
    def payment_structured(self) -> bool:
        return (
            self.format_code == "B"
            and self.pan is not None
            and 12 <= len(self.pan) <= 19
            and _plausible_expiry(self.data)
        )

    @property
    def digits(self) -> str | None:
        """The card number this track carries: the PAN, or the data after a letter format code
        if it is all digits, or the whole track if it is all digits (no format code)."""
        if self.pan is not None:
            return self.pan
        raw = self.data if self.format_code.isalpha() else self.format_code + self.data
        return raw if raw.isdigit() and raw.isascii() else None

    def __repr__(self) -> str:
        number = self.digits
        return f"Track1(format={self.format_code!r}, number={mask(number)!r})"

    __str__ = __repr__


@dataclass(frozen=True, slots=True, repr=False)
class Track2:
    """Track 2: a number (the PAN on a payment card), an optional ``=`` and data."""

    number: str
    separator: bool = False
    data: str = ""

    @property
    def payment_structured(self) -> bool:
        return self.separator and 12 <= len(self.number) <= 19 and _plausible_expiry(self.data)

    @property
    def digits(self) -> str:
        return self.number

    def __repr__(self) -> str:
        return f"Track2(number={mask(self.number)!r}, separator={self.separator})"

    __str__ = __repr__


@dataclass(frozen=True, slots=True, repr=False)
class Swipe:
    """What one swipe produced. ``*_error`` is set when the reader sent the ``E`` marker."""

    track1: Track1 | None = None
    track2: Track2 | None = None
    track1_error: bool = False
    track2_error: bool = False
    track3_present: bool = False

    @property
    def readable(self) -> bool:
        return self.track1 is not None or self.track2 is not None

    def __repr__(self) -> str:
        return (
            f"Swipe(track1={self.track1!r}, track2={self.track2!r}, "
            f"track1_error={self.track1_error}, track2_error={self.track2_error})"
        )

    __str__ = __repr__


def _parse_track1(body: str) -> Track1:
    if not body:
        raise CardParseError("track 1 is empty")
    if not _T1_CHARS.fullmatch(body):
        raise CardParseError("track 1 has characters outside its alphabet")
    m = _FORMAT_B.fullmatch(body)
    if m:
        pan, name, data = m.groups()
        return Track1("B", pan=pan, name=name.strip(), data=data)
    if body[0] == "B":
        raise CardParseError("track 1 format B without PAN ^ NAME ^ fields")
    return Track1(body[0], data=body[1:])


def _parse_track2(body: str) -> Track2:
    m = _T2_DATA.fullmatch(body)
    if not m:
        raise CardParseError("track 2 is not digits with an optional '=' separator")
    number, data = m.groups()
    return Track2(number=number, separator=data is not None, data=data or "")


def parse_swipe(text: str) -> Swipe:
    """Parse a whole swipe. Raises :class:`CardParseError` (only) on anything malformed."""
    if not isinstance(text, str):
        raise CardParseError("a swipe is text")
    if len(text) > MAX_SWIPE:
        raise CardParseError("swipe too long")
    pos, end = 0, len(text)
    track1: Track1 | None = None
    track2: Track2 | None = None
    t1_err = t2_err = t3 = False
    seen = 0
    while True:
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        sentinel = text[pos]
        pattern = {"%": _TRACK1, ";": _TRACK2, "+": _TRACK3}.get(sentinel)
        if pattern is None:
            raise CardParseError(f"unexpected character at position {pos}")
        m = pattern.match(text, pos)
        if m is None:
            raise CardParseError(f"unterminated or malformed track at position {pos}")
        body = m.group(1)
        pos = m.end()
        seen += 1
        if sentinel == "%":
            if track1 is not None or t1_err:
                raise CardParseError("track 1 appears twice")
            if body == "E":
                t1_err = True
            else:
                track1 = _parse_track1(body)
        elif sentinel == ";":
            if track2 is not None or t2_err:
                # some readers send track 3 with the ';' sentinel too: take it as track 3
                t3 = True
                continue
            if body == "E":
                t2_err = True
            else:
                track2 = _parse_track2(body)
        else:
            t3 = True
    if not seen:
        raise CardParseError("no track in the input")
    return Swipe(track1, track2, t1_err, t2_err, t3)
