"""Card readers: magstripe tracks (ISO 7813) and NFC/RFID UIDs, classified into member,
payment, nfc, unknown or unreadable reads. A payment card never leaves this package with more
than its last four digits."""

from hardware.cardreader.card import CardClassifier, CardKind, CardRead, MemberRanges
from hardware.cardreader.factory import make_card_reader
from hardware.cardreader.nfc import parse_uid
from hardware.cardreader.reader import SerialCardReader, WedgeCardReader
from hardware.cardreader.sim import CardReaderSimulator
from hardware.cardreader.tracks import (
    CardParseError,
    Swipe,
    Track1,
    Track2,
    luhn_valid,
    parse_swipe,
)

__all__ = [
    "CardClassifier",
    "CardKind",
    "CardParseError",
    "CardRead",
    "CardReaderSimulator",
    "MemberRanges",
    "SerialCardReader",
    "Swipe",
    "Track1",
    "Track2",
    "WedgeCardReader",
    "luhn_valid",
    "make_card_reader",
    "parse_swipe",
    "parse_uid",
]
