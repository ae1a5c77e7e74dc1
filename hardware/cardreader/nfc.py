"""NFC / RFID UID readers: the UID as they type it (decimal or hex, either byte order).

Readers differ: some print the UID as hex (``04A224B2C35E80``, maybe with ``:`` or spaces),
others as a decimal number (often the 4-byte UID as a 10-digit integer), and many print the
bytes least-significant first. Config says which; the result is always the canonical UID:
bytes in the order the card sends them (ISO 14443 UID0 first), as upper-case hex.
"""

from __future__ import annotations

import re

from hardware.cardreader.tracks import CardParseError

FORMATS = ("auto", "hex", "dec")
BYTE_ORDERS = ("msb", "lsb")
MAX_UID_BYTES = 10
_HEX = re.compile(r"(?:0[xX])?([0-9A-Fa-f]{2}(?:[:\- ]?[0-9A-Fa-f]{2})*)", re.ASCII)
_DEC = re.compile(r"\d{1,25}", re.ASCII)


def parse_uid(
    text: str,
    fmt: str = "auto",
    byte_order: str = "msb",
    dec_bytes: int | None = None,
) -> bytes:
    """The UID bytes (card order) from reader text. Raises CardParseError (only).

    ``fmt``: "hex", "dec" or "auto" (hex if it has a-f, a 0x prefix or separators, or 8/14/20
    digits; otherwise decimal). ``byte_order``: "msb" if the reader prints the UID in card
    order, "lsb" if it prints it reversed. ``dec_bytes``: the UID length a decimal number
    stands for (default: 4, or 7/10 when the number needs it).
    """
    if fmt not in FORMATS:
        raise ValueError(f"nfc format must be one of {FORMATS}")
    if byte_order not in BYTE_ORDERS:
        raise ValueError(f"nfc byte order must be one of {BYTE_ORDERS}")
    if not isinstance(text, str):
        raise CardParseError("a UID is text")
    text = text.strip()
    if not text or len(text) > 40:
        raise CardParseError("UID empty or too long")
    if fmt == "auto":
        digits_only = text.isascii() and text.isdigit()
        fmt = "dec" if digits_only and len(text) not in (8, 14, 20) else "hex"
    if fmt == "hex":
        m = _HEX.fullmatch(text)
        if not m:
            raise CardParseError("UID is not hex bytes")
        uid = bytes.fromhex(re.sub(r"[:\- ]", "", m.group(1)))
    else:
        if not _DEC.fullmatch(text):
            raise CardParseError("UID is not a decimal number")
        value = int(text)
        size = dec_bytes
        if size is None:
            needed = max(1, (value.bit_length() + 7) // 8)
            size = next((n for n in (4, 7, 10) if n >= needed), needed)
        if value.bit_length() > size * 8:
            raise CardParseError("decimal UID does not fit the configured length")
        uid = value.to_bytes(size, "big")
    if not 1 <= len(uid) <= MAX_UID_BYTES:
        raise CardParseError("UID length out of range")
    return uid[::-1] if byte_order == "lsb" else uid
