"""Hypothesis fuzzing of every parser: only the typed parse error may escape, and nothing that
is not exactly a documented frame ever becomes a weight (or a card number)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hardware.cardreader import (
    CardClassifier,
    CardKind,
    CardParseError,
    luhn_valid,
    parse_swipe,
    parse_uid,
)
from hardware.scale import CasEcr, FrameError, Toledo8217
from hardware.scale.cas import bcc
from hardware.scanner_serial import clean_code

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The documented grammars, written independently of the parsers (testdata/scale/README.md)
TOLEDO_WEIGHT = re.compile(rb"\x02 *\d{1,3}\.\d{2,3}N?\r")
TOLEDO_STATUS = re.compile(rb"\x02\?[\x40-\x7f\xc0-\xff]\r")
CAS_FRAME = re.compile(
    rb"\x01\x02[SU]([ \-] *\d+(\.\d+)?|F[F.]{6})(kg|lb)[\x00-\xff]\x03\x04", re.I
)


def _toledo_frames() -> st.SearchStrategy[bytes]:
    digits = st.text("0123456789", min_size=1, max_size=3)
    decimals = st.text("0123456789", min_size=2, max_size=3)
    valid = st.builds(
        lambda i, d, n: b"\x02" + f"{i}.{d}".encode() + (b"N" if n else b"") + b"\r",
        digits,
        decimals,
        st.booleans(),
    )
    status = st.integers(0, 255).map(lambda b: bytes([2, ord("?"), b, 13]))
    return st.one_of(valid, status)


def _mutate(frame: bytes, data: st.DataObject) -> bytes:
    """One realistic line error: a changed, dropped or inserted byte."""
    pos = data.draw(st.integers(0, max(0, len(frame) - 1)))
    op = data.draw(st.sampled_from(["flip", "drop", "insert", "truncate"]))
    byte = data.draw(st.integers(0, 255))
    if op == "flip":
        return frame[:pos] + bytes([byte]) + frame[pos + 1 :]
    if op == "drop":
        return frame[:pos] + frame[pos + 1 :]
    if op == "insert":
        return frame[:pos] + bytes([byte]) + frame[pos:]
    return frame[:pos]


def _check_toledo(frame: bytes) -> None:
    try:
        reading = Toledo8217().parse(frame)
    except FrameError:
        return
    if reading.grams is not None:
        assert TOLEDO_WEIGHT.fullmatch(frame), frame
        assert reading.grams >= 0
    else:
        assert TOLEDO_STATUS.fullmatch(frame), frame


@FUZZ
@given(st.binary(max_size=24))
@example(b"\x0201.234\r")
@example(b"\x02?A\r")
def test_toledo_random_bytes(frame: bytes) -> None:
    _check_toledo(frame)


@FUZZ
@given(_toledo_frames(), st.data())
def test_toledo_mutated_frames(frame: bytes, data: st.DataObject) -> None:
    _check_toledo(frame)
    _check_toledo(_mutate(frame, data))


def _cas_frame(body: bytes) -> bytes:
    return b"\x01\x02" + body + bytes([bcc(body)]) + b"\x03\x04"


def _check_cas(frame: bytes) -> None:
    try:
        reading = CasEcr().parse(frame)
    except FrameError:
        return
    assert CAS_FRAME.fullmatch(frame), frame
    assert frame[12] == bcc(frame[2:12])
    if reading.grams is None:
        assert frame[3:4] == b"F"


@FUZZ
@given(st.binary(max_size=20))
@example(_cas_frame(b"S 01.234kg"))
def test_cas_random_bytes(frame: bytes) -> None:
    _check_cas(frame)


@FUZZ
@given(st.binary(min_size=10, max_size=10))
def test_cas_random_bodies_with_good_framing_and_bcc(body: bytes) -> None:
    """Even with correct framing and checksum, a body outside the grammar is no weight."""
    _check_cas(_cas_frame(body))


@FUZZ
@given(
    st.sampled_from([b"S", b"U"]),
    st.sampled_from([b" ", b"-"]),
    st.integers(0, 99999),
    st.sampled_from([b"kg", b"lb", b"Kg"]),
    st.data(),
)
def test_cas_mutated_frames(
    sta: bytes, sign: bytes, grams: int, unit: bytes, data: st.DataObject
) -> None:
    digits = f"{grams // 1000:02d}.{grams % 1000:03d}".encode()
    frame = _cas_frame(sta + sign + digits + unit)
    reading = CasEcr().parse(frame)
    assert reading.grams is not None
    _check_cas(_mutate(frame, data))


class FakePort:
    """A Transport that answers with scripted bytes (for the exchange code paths)."""

    def __init__(self, answer: bytes) -> None:
        self.answer = bytearray(answer)
        self.sent = bytearray()

    def write(self, data: bytes) -> None:
        self.sent += data

    def read_until(self, terminators: bytes, max_len: int, timeout_s: float) -> bytes:
        for i, b in enumerate(self.answer):
            if b in terminators or i + 1 >= max_len:
                out = bytes(self.answer[: i + 1])
                del self.answer[: i + 1]
                return out
        out = bytes(self.answer)
        self.answer.clear()
        return out

    def read_exact(self, n: int, timeout_s: float) -> bytes:
        out = bytes(self.answer[:n])
        del self.answer[:n]
        return out

    def reset_input(self) -> None:
        pass


@FUZZ
@given(st.binary(max_size=40))
def test_exchanges_with_garbage_answers(answer: bytes) -> None:
    for proto, check in ((Toledo8217(), _check_toledo), (CasEcr(), _check_cas)):
        try:
            frame = proto.weigh(FakePort(answer), 0.01)
        except FrameError:
            continue
        check(frame)
    try:
        Toledo8217().command(FakePort(answer), "zero", 0.01)
    except FrameError:
        pass


# -- cards ------------------------------------------------------------------------------------------
CARD_ALPHABET = st.sampled_from(list("%;+?^=EB0123456789 /ABCDXYZ\r\n\x00é"))


@FUZZ
@given(st.one_of(st.text(max_size=120), st.text(CARD_ALPHABET, max_size=120)))
@example("%B4111111111111111^DOE/JOHN^2512101?;4111111111111111=2512101?")
@example("%E?;E?")
def test_swipe_parser_raises_only_its_error(text: str) -> None:
    try:
        parse_swipe(text)
    except CardParseError:
        pass


@FUZZ
@given(
    st.text(max_size=60), st.sampled_from(["auto", "hex", "dec"]), st.sampled_from(["msb", "lsb"])
)
def test_uid_parser_raises_only_its_error(text: str, fmt: str, order: str) -> None:
    try:
        uid = parse_uid(text, fmt, order)
    except CardParseError:
        return
    assert 1 <= len(uid) <= 10


@st.composite
def payment_pans(draw: Any) -> str:
    body = draw(st.text("0123456789", min_size=10, max_size=17))  # PAN: 12..19 digits
    body = draw(st.sampled_from("3456")) + body
    for check in "0123456789":
        if luhn_valid(body + check):
            return body + check
    raise AssertionError("unreachable")


@FUZZ
@given(
    payment_pans(),
    st.text(st.characters(min_codepoint=0x41, max_codepoint=0x5A), max_size=20),
    st.data(),
)
def test_payment_swipes_never_leak_the_pan(pan: str, name: str, data: st.DataObject) -> None:
    t1 = f"%B{pan}^{name or 'X'}/Y^2601101000?"
    t2 = f";{pan}=2601101000?"
    text = data.draw(st.sampled_from([t1, t2, t1 + t2, t1 + "\n" + t2, t1 + ";E?"]))
    ranges = data.draw(st.sampled_from([[], [[pan[:6], pan[:6]]], [["0", "9"]]]))
    read = CardClassifier(ranges).classify(text)
    assert read.kind == CardKind.PAYMENT
    assert read.number is None and read.last4 == pan[-4:]
    assert pan not in repr(read) and pan[:-4] not in repr(read) and pan not in str(read)
    swipe = parse_swipe(text)
    for part in (swipe, swipe.track1, swipe.track2):
        assert pan not in repr(part) and pan not in str(part)


@FUZZ
@given(st.text(max_size=200))
def test_classifier_never_raises_and_never_carries_more_than_last4(text: str) -> None:
    read = CardClassifier([["880000", "889999"]]).classify(text)
    if read.kind in (CardKind.PAYMENT, CardKind.UNKNOWN, CardKind.UNREADABLE):
        assert read.number is None
        assert read.last4 is None or len(read.last4) <= 4
    if read.kind == CardKind.MEMBER:
        assert read.number is not None and read.number.startswith("88")


@FUZZ
@given(st.binary(max_size=80), st.booleans())
def test_scanner_line_cleaning(raw: bytes, keep_gs: bool) -> None:
    code = clean_code(raw, keep_gs=keep_gs)
    assert all(ch == "\x1d" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0) for ch in code)
    assert keep_gs or "\x1d" not in code
