"""Card reading: ISO 7813 tracks, the unreadable marker, NFC UIDs, classification, masking of
payment cards (values, repr/str, logs), and the serial reader over a pty."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from hardware.cardreader import (
    CardClassifier,
    CardKind,
    CardParseError,
    CardRead,
    MemberRanges,
    SerialCardReader,
    WedgeCardReader,
    luhn_valid,
    make_card_reader,
    parse_swipe,
    parse_uid,
)
from hardware.device import DeviceStatus

PAN = "4111111111111111"  # the well-known Visa test number
PAN_AMEX = "378282246310005"
TRACK1 = f"%B{PAN}^DOE/JOHN A^2512101000000000000000?"
TRACK2 = f";{PAN}=25121010000000000000?"
MEMBER_T2 = ";8800001234567?"
RANGES = [["880000", "889999"]]


def _sensitive_fragments() -> list[str]:
    return [PAN, PAN[:12], PAN_AMEX, "DOE/JOHN", "2512101"]


def assert_no_card_data(text: str) -> None:
    for fragment in _sensitive_fragments():
        assert fragment not in text, f"card data {fragment!r} leaked into {text!r}"


# -- tracks ---------------------------------------------------------------------------------------
def test_track1_and_track2_fields() -> None:
    swipe = parse_swipe(TRACK1 + TRACK2 + "\r\n")
    assert swipe.track1 is not None and swipe.track2 is not None
    assert swipe.track1.format_code == "B"
    assert swipe.track1.pan == PAN and swipe.track1.name == "DOE/JOHN A"
    assert swipe.track1.data.startswith("2512101")
    assert swipe.track1.payment_structured
    assert swipe.track2.number == PAN and swipe.track2.separator
    assert swipe.track2.data.startswith("2512101")
    assert swipe.track2.payment_structured
    assert not swipe.track1_error and not swipe.track2_error
    for obj in (swipe, swipe.track1, swipe.track2):
        assert_no_card_data(repr(obj))
        assert_no_card_data(str(obj))
    assert "1111" in repr(swipe.track2)


def test_tracks_on_separate_lines_and_track3() -> None:
    swipe = parse_swipe(f"{TRACK1}\n{TRACK2}\n+1234567890?\n")
    assert swipe.track1 is not None and swipe.track2 is not None and swipe.track3_present


def test_member_card_track2_only() -> None:
    swipe = parse_swipe(MEMBER_T2)
    assert swipe.track1 is None and swipe.track2 is not None
    assert swipe.track2.number == "8800001234567" and not swipe.track2.separator


@pytest.mark.parametrize(
    ("text", "t1_err", "t2_err", "readable"),
    [
        ("%E?", True, False, False),
        (";E?", False, True, False),
        ("%E?;E?", True, True, False),
        ("%E?;E?+E?", True, True, False),
        (f"%E?{MEMBER_T2}", True, False, True),
        (f"{TRACK1};E?", False, True, True),
    ],
)
def test_unreadable_track_marker(text: str, t1_err: bool, t2_err: bool, readable: bool) -> None:
    swipe = parse_swipe(text)
    assert (swipe.track1_error, swipe.track2_error, swipe.readable) == (t1_err, t2_err, readable)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "%B4111?",  # format B without its fields
        f"%B{PAN}^DOE",  # no end sentinel
        ";4111=x?",
        ";41 11?",
        ";?",
        "%?",
        "%b" + "x" * 100 + "?",
        f"{TRACK1}{TRACK1}",
        f"{TRACK2}garbage",
        "%\x00abc?",
    ],
)
def test_malformed_swipes_raise_only_card_parse_error(text: str) -> None:
    with pytest.raises(CardParseError) as info:
        parse_swipe(text)
    assert_no_card_data(str(info.value))


def test_luhn() -> None:
    assert luhn_valid(PAN) and luhn_valid(PAN_AMEX) and luhn_valid("79927398713")
    assert not luhn_valid("4111111111111112") and not luhn_valid("") and not luhn_valid("12a4")
    assert not luhn_valid("٣٣")  # non-ASCII digits


# -- NFC --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fmt", "order", "expected"),
    [
        ("04A224B2", "hex", "msb", "04A224B2"),
        ("04:a2:24:b2", "auto", "msb", "04A224B2"),
        ("0x04A224B2", "auto", "msb", "04A224B2"),
        ("B224A204", "hex", "lsb", "04A224B2"),
        ("04A224B2C35E80", "auto", "msb", "04A224B2C35E80"),
        ("77735090", "dec", "msb", "04A224B2"),  # 0x04A224B2 as a decimal number
        ("0077735090", "auto", "msb", "04A224B2"),  # the common 10-digit form
        ("2988745220", "dec", "lsb", "04A224B2"),  # 0xB224A204: reader prints LSB first
        ("2988745220", "auto", "msb", "B224A204"),
        ("5124095576030430", "dec", "msb", "123456789ABCDE"),  # 7-byte UID
    ],
)
def test_nfc_uid_formats(text: str, fmt: str, order: str, expected: str) -> None:
    assert parse_uid(text, fmt, order).hex().upper() == expected
    read = CardClassifier(nfc_format=fmt, nfc_byte_order=order).classify(text)
    assert read.kind == CardKind.NFC and read.source == "nfc" and read.number == expected
    assert read.uid_decimal == str(int(expected, 16))


def test_nfc_fixed_length_and_errors() -> None:
    assert parse_uid("1", "dec", dec_bytes=7).hex() == "00000000000001"
    for bad, fmt in [("12345", "hex"), ("xyz", "auto"), ("", "auto"), ("99999999999", "dec")]:
        with pytest.raises(CardParseError):
            parse_uid(bad, fmt, dec_bytes=4)
    with pytest.raises(ValueError):
        parse_uid("00", "base64")
    read = CardClassifier().classify("not a uid")
    assert read.kind == CardKind.UNREADABLE and read.number is None


# -- classification ---------------------------------------------------------------------------------
def test_member_range_classification() -> None:
    clf = CardClassifier(RANGES)
    member = clf.classify(MEMBER_T2)
    assert member == CardRead(CardKind.MEMBER, "magstripe", number="8800001234567")
    assert clf.classify(";889999000001?").kind == CardKind.MEMBER
    assert clf.classify("%M8800001234567?").number == "8800001234567"  # track 1, custom format
    outside = clf.classify(";8900001234567?")
    assert outside.kind == CardKind.UNKNOWN and outside.number is None and outside.last4 == "4567"
    assert clf.classify(";87999?").kind == CardKind.UNKNOWN
    assert CardClassifier().classify(MEMBER_T2).kind == CardKind.UNKNOWN  # no ranges configured


def test_member_ranges_semantics() -> None:
    ranges = MemberRanges([["880000", "889999"], "7700"])
    assert "8800001" in ranges and "88999912" in ranges and "770012" in ranges
    assert "879999123" not in ranges and "88000" not in ranges and "77" not in ranges
    assert "abc" not in ranges and 880000 not in ranges
    for bad in (["88", "8"], ["89", "88"], ["8a", "8b"], ["1", "2", "3"]):
        with pytest.raises(ValueError):
            MemberRanges([bad])


@pytest.mark.parametrize(
    "swipe",
    [
        TRACK1 + TRACK2,
        TRACK1,
        TRACK2,
        TRACK1 + ";E?",
        "%E?" + TRACK2,
        f"%B{PAN_AMEX}^SMITH/JANE^2601101?",
        f";{PAN_AMEX}=2601101?",
    ],
)
def test_payment_card_is_masked(swipe: str) -> None:
    read = CardClassifier(RANGES).classify(swipe)
    assert read.kind == CardKind.PAYMENT
    assert read.number is None and read.uid_decimal is None
    assert read.last4 in ("1111", "0005")
    assert_no_card_data(repr(read))
    assert_no_card_data(str(read))


def test_payment_structure_beats_a_careless_member_range() -> None:
    """A range that covers a bank's BIN must not turn its cards into stored 'member numbers'."""
    read = CardClassifier([["411111", "411111"]]).classify(TRACK1 + TRACK2)
    assert read.kind == CardKind.PAYMENT and read.number is None


def test_unreadable_reads() -> None:
    clf = CardClassifier(RANGES)
    for text in ("%E?", ";E?", "%E?;E?", "%B4111?"):
        read = clf.classify(text)
        assert read.kind == CardKind.UNREADABLE and read.number is None and read.last4 is None


def test_card_read_refuses_to_carry_a_pan() -> None:
    with pytest.raises(ValueError):
        CardRead(CardKind.PAYMENT, "magstripe", number=PAN)
    with pytest.raises(ValueError):
        CardRead(CardKind.PAYMENT, "magstripe", last4=PAN)
    with pytest.raises(ValueError):
        CardRead(CardKind.UNKNOWN, "magstripe", number="8900001234567")
    with pytest.raises(ValueError):
        CardRead(CardKind.MEMBER, "magstripe")


def test_logs_never_contain_card_data(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    clf = CardClassifier(RANGES)
    for text in (TRACK1 + TRACK2, f"%B{PAN}^DOE/JOHN^25", f"{TRACK2}junk", "%E?" + TRACK2):
        clf.classify(text)
    assert caplog.records  # it does log (the kind), just not the data
    for record in caplog.records:
        assert_no_card_data(record.getMessage())
        assert_no_card_data(repr(record.args))


# -- the serial reader over a pty -----------------------------------------------------------------
FAST = {"reconnect_min_ms": 30, "reconnect_max_ms": 200}


def _reader(devices: list[Any], **cfg: Any) -> SerialCardReader:
    reader = make_card_reader({"kind": "simulator", "member_ranges": RANGES, **FAST, **cfg})
    assert isinstance(reader, SerialCardReader)
    devices.append(reader)
    return reader


def test_serial_reader_swipes_and_taps(
    qtbot: Any, devices: list[Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    reader = _reader(devices, nfc_format="hex")
    reads: list[CardRead] = []
    reader.card_read.connect(reads.append)
    reader.start()
    qtbot.waitUntil(lambda: reader.status == DeviceStatus.CONNECTED, timeout=3000)
    sim = reader.simulator
    assert sim is not None
    sim.swipe(MEMBER_T2)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(reads) == 1, timeout=3000)
    sim.swipe(TRACK1 + TRACK2, tracks_on_separate_lines=True)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(reads) == 2, timeout=3000)
    sim.tap("04A224B2C35E80")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(reads) == 3, timeout=3000)
    sim.swipe("%E?;E?")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(reads) == 4, timeout=3000)
    # one more member swipe: once it is read, anything the swipes before it produced (a track
    # read twice, a split swipe) has arrived too, so the kinds below are the whole story
    sim.swipe(MEMBER_T2)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(reads) >= 5, timeout=3000)
    assert [r.kind for r in reads] == [
        CardKind.MEMBER,
        CardKind.PAYMENT,
        CardKind.NFC,
        CardKind.UNREADABLE,
        CardKind.MEMBER,
    ]
    assert reads[0].number == "8800001234567"
    assert reads[1].last4 == "1111" and reads[1].number is None
    assert reads[2].number == "04A224B2C35E80"
    for record in caplog.records:
        assert_no_card_data(record.getMessage())
    assert_no_card_data(repr(reader) + repr(sim))


def test_serial_reader_unplug_and_replug(qtbot: Any, devices: list[Any]) -> None:
    reader = _reader(devices)
    reads: list[CardRead] = []
    reader.card_read.connect(reads.append)
    reader.start()
    qtbot.waitUntil(lambda: reader.status == DeviceStatus.CONNECTED, timeout=3000)
    sim = reader.simulator
    assert sim is not None
    sim.unplug()
    qtbot.waitUntil(lambda: reader.status == DeviceStatus.DISCONNECTED, timeout=3000)
    sim.replug()
    qtbot.waitUntil(lambda: reader.status == DeviceStatus.CONNECTED, timeout=3000)
    sim.swipe(MEMBER_T2)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: [r.kind for r in reads] == [CardKind.MEMBER], timeout=3000)


def test_factory_kinds(qapp: Any) -> None:
    wedge_reader = make_card_reader({"kind": "wedge", "member_ranges": RANGES})
    assert isinstance(wedge_reader, WedgeCardReader)
    assert wedge_reader.status == DeviceStatus.DISCONNECTED
    serial_reader = make_card_reader({"kind": "serial", "port": "/dev/ttyUSB9", "baudrate": 19200})
    assert isinstance(serial_reader, SerialCardReader) and serial_reader.port.baudrate == 19200
    with pytest.raises(ValueError, match="kind"):
        make_card_reader({"kind": "bluetooth"})
    with pytest.raises(ValueError):
        make_card_reader({"kind": "serial", "port": "/dev/x", "member_ranges": [["9", "1"]]})
    with pytest.raises(ValueError):
        make_card_reader({"kind": "serial", "port": "/dev/x", "nfc_byte_order": "middle"})
