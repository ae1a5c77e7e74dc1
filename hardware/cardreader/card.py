"""What a card read means: member card, payment card, NFC tag, unknown or unreadable.

:class:`CardRead` is the only value that leaves the card-reader layer. It is built so that a
payment card can never carry its PAN or track data onward: for ``payment`` (and ``unknown``)
only the last four digits survive, and the constructor refuses anything else.

Classification of a magnetic swipe, in this order:

1. no track decoded (``%E?`` / ``;E?``, or malformed input) -> ``unreadable``;
2. a Luhn-valid PAN in a payment structure (track 1 format ``B``; or track 2 ``PAN=YYMM SSS…``)
   -> ``payment``. This wins over member ranges on purpose: a misconfigured range can never
   turn a bank card into a "member number" that gets stored;
3. the card number (track 2, else track 1) starts within a configured member range
   -> ``member`` with the number;
4. otherwise -> ``unknown`` (last four digits only).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hardware.cardreader.nfc import parse_uid
from hardware.cardreader.tracks import CardParseError, Swipe, luhn_valid, parse_swipe

log = logging.getLogger(__name__)


class CardKind(StrEnum):
    MEMBER = "member"
    PAYMENT = "payment"
    NFC = "nfc"
    UNKNOWN = "unknown"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True, repr=False)
class CardRead:
    """One card presented. ``number``: the member number (member) or the UID in upper-case
    hex, card byte order (nfc); None otherwise. ``last4``: payment/unknown only."""

    kind: CardKind
    source: str  # "magstripe" or "nfc"
    number: str | None = None
    last4: str | None = None
    uid_decimal: str | None = None  # nfc: the UID bytes as one big-endian integer
    detail: str = ""  # unreadable: why (never card data)

    def __post_init__(self) -> None:
        if self.kind in (CardKind.PAYMENT, CardKind.UNKNOWN, CardKind.UNREADABLE):
            if self.number is not None or self.uid_decimal is not None:
                raise ValueError(f"a {self.kind.value} card read must not carry a number")
        if self.last4 is not None and (
            len(self.last4) > 4 or not (self.last4.isascii() and self.last4.isdigit())
        ):
            raise ValueError("last4 holds at most four digits")
        if self.kind in (CardKind.MEMBER, CardKind.NFC) and not self.number:
            raise ValueError(f"a {self.kind.value} card read needs its number")

    def __repr__(self) -> str:
        parts = [f"kind={self.kind.value!r}", f"source={self.source!r}"]
        if self.number is not None:
            parts.append(f"number={self.number!r}")
        if self.last4 is not None:
            parts.append(f"last4={self.last4!r}")
        if self.detail:
            parts.append(f"detail={self.detail!r}")
        return f"CardRead({', '.join(parts)})"

    __str__ = __repr__


class MemberRanges:
    """Card-number prefix ranges, e.g. ``[["880000", "889999"], "7700"]``: a number is in a
    range when its first ``len(lo)`` digits lie between ``lo`` and ``hi`` inclusive."""

    def __init__(self, ranges: Iterable[Sequence[str] | str] = ()) -> None:
        parsed: list[tuple[str, str]] = []
        for item in ranges:
            if isinstance(item, str):
                lo = hi = item
            else:
                if len(item) != 2:
                    raise ValueError(f"a member range is [low, high], not {item!r}")
                lo, hi = str(item[0]), str(item[1])
            if not (lo.isascii() and lo.isdigit() and hi.isascii() and hi.isdigit()):
                raise ValueError(f"member range bounds must be digits: {item!r}")
            if len(lo) != len(hi) or lo > hi:
                raise ValueError(f"member range needs equal-length bounds, low <= high: {item!r}")
            parsed.append((lo, hi))
        self._ranges = tuple(parsed)

    def __contains__(self, number: object) -> bool:
        if not isinstance(number, str) or not (number.isascii() and number.isdigit()):
            return False
        return any(
            len(number) >= len(lo) and lo <= number[: len(lo)] <= hi for lo, hi in self._ranges
        )

    def __repr__(self) -> str:
        return f"MemberRanges({[list(r) for r in self._ranges]!r})"

    def __bool__(self) -> bool:
        return bool(self._ranges)


class CardClassifier:
    """Turns reader text into a :class:`CardRead`. Never raises on card input; never logs it."""

    def __init__(
        self,
        member_ranges: MemberRanges | Iterable[Sequence[str] | str] = (),
        *,
        nfc_format: str = "auto",
        nfc_byte_order: str = "msb",
        nfc_bytes: int | None = None,
    ) -> None:
        self.member_ranges = (
            member_ranges
            if isinstance(member_ranges, MemberRanges)
            else MemberRanges(member_ranges)
        )
        parse_uid("00000000", nfc_format, nfc_byte_order, nfc_bytes)  # validates the options
        self.nfc_format = nfc_format
        self.nfc_byte_order = nfc_byte_order
        self.nfc_bytes = nfc_bytes

    def __repr__(self) -> str:
        return (
            f"CardClassifier({self.member_ranges!r}, nfc={self.nfc_format}/{self.nfc_byte_order})"
        )

    @staticmethod
    def looks_like_swipe(text: str) -> bool:
        stripped = text.lstrip()
        return bool(stripped) and stripped[0] in "%;+"

    def classify(self, text: str) -> CardRead:
        """A swipe if it starts with a sentinel (% ; +), otherwise an NFC/RFID UID."""
        if self.looks_like_swipe(text):
            return self.classify_swipe(text)
        return self.classify_uid(text)

    def classify_swipe(self, text: str) -> CardRead:
        try:
            swipe = parse_swipe(text)
        except CardParseError as exc:
            read = CardRead(CardKind.UNREADABLE, "magstripe", detail=f"malformed swipe: {exc}")
        else:
            read = self._classify_tracks(swipe)
        log.debug("card read: %s", read.kind.value)
        return read

    def _classify_tracks(self, swipe: Swipe) -> CardRead:
        if not swipe.readable:
            return CardRead(CardKind.UNREADABLE, "magstripe", detail="track unreadable")
        t1, t2 = swipe.track1, swipe.track2
        for pan in (
            t1.pan if t1 is not None and t1.format_code == "B" else None,
            t2.number if t2 is not None and t2.payment_structured else None,
        ):
            if pan is not None and 12 <= len(pan) <= 19 and luhn_valid(pan):
                return CardRead(CardKind.PAYMENT, "magstripe", last4=pan[-4:])
        number = t2.digits if t2 is not None else (t1.digits if t1 is not None else None)
        if number and number in self.member_ranges:
            return CardRead(CardKind.MEMBER, "magstripe", number=number)
        last4 = number[-4:] if number and len(number) >= 8 else None
        return CardRead(CardKind.UNKNOWN, "magstripe", last4=last4)

    def classify_uid(self, text: str) -> CardRead:
        try:
            uid = parse_uid(text, self.nfc_format, self.nfc_byte_order, self.nfc_bytes)
        except CardParseError as exc:
            read = CardRead(CardKind.UNREADABLE, "nfc", detail=f"malformed UID: {exc}")
        else:
            read = CardRead(
                CardKind.NFC,
                "nfc",
                number=uid.hex().upper(),
                uid_decimal=str(int.from_bytes(uid, "big")),
            )
        log.debug("card read: %s", read.kind.value)
        return read

    @classmethod
    def from_config(cls, cfg: dict[str, object]) -> CardClassifier:
        ranges = cfg.get("member_ranges", ())
        if not isinstance(ranges, list | tuple):
            raise ValueError('member_ranges must be a list such as [["880000", "889999"]]')
        nfc_bytes = cfg.get("nfc_bytes")
        return cls(
            ranges,
            nfc_format=str(cfg.get("nfc_format", "auto")),
            nfc_byte_order=str(cfg.get("nfc_byte_order", "msb")),
            nfc_bytes=int(str(nfc_bytes)) if nfc_bytes is not None else None,
        )
