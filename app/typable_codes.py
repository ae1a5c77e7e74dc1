"""Short signed codes a person can type: point codes on product labels, coupon codes on slips.

    P 7 2MK4Q8R 9XH3KD2WQA N      kind, key, serial, tag, check  (shown as P72M-K4Q8-R9XH-3KD2-WQAN)

* The alphabet has no 0/O, 1/I: 2–9 and the letters without I and O (32 symbols, 5 bits each).
* **kind**: one letter per kind of code (``P`` point code, ``C`` coupon), so a coupon is never
  read as a point code.
* **key**: one symbol naming the signing key (app.signing_keys; a hash of its id), so keys rotate
  and old labels keep working while their key is known.
* **serial**: the unit's number, fixed width (7 symbols: 34 bits).
* **tag**: HMAC-SHA256 of kind, key id and serial, 50 bits (10 symbols): guessing a valid code
  for a serial takes ~10^15 tries, and redemption attempts are throttled.
* **check**: a weighted sum over the rest in GF(32): every single wrong symbol and every swap
  of two neighbours is caught before any database round trip.

:func:`parse` treats its input as hostile and raises a coded ValidationError: ``typo`` (the
check symbol says a symbol is wrong), ``not_this_kind`` (not such a code at all: another
system's QR, a coupon where a point code is expected), ``not_genuine`` (well-formed but not
signed by a known key: forged or mutated).
"""

from __future__ import annotations

import hashlib
import hmac
import zlib
from dataclasses import dataclass

from app import signing_keys
from app.errors import ValidationError

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
N = len(ALPHABET)  # 32
SERIAL_LEN, TAG_LEN = 7, 10
LENGTH = 1 + 1 + SERIAL_LEN + TAG_LEN + 1  # 20
MAX_SERIAL = N**SERIAL_LEN - 1
_SEPARATORS = str.maketrans("", "", " -_\t")
KINDS = ("P", "C")  # point code, coupon


@dataclass(frozen=True)
class TypableCode:
    kind: str
    serial: int
    key_id: str
    text: str  # canonical: upper case, no separators

    @property
    def grouped(self) -> str:
        """For people: groups of four joined by hyphens."""
        return "-".join(self.text[i:i + 4] for i in range(0, len(self.text), 4))


def key_symbol(key_id: str) -> str:
    return ALPHABET[zlib.crc32(key_id.encode()) % N]


def _encode(value: int, width: int) -> str:
    out = []
    for _ in range(width):
        value, digit = divmod(value, N)
        out.append(ALPHABET[digit])
    return "".join(reversed(out))


def _decode(text: str) -> int:
    value = 0
    for c in text:
        value = value * N + _VALUE[c]
    return value


# The check symbol is a weighted sum in GF(32) (x^5 + x^2 + 1): position i weighs alpha^(i+1),
# so a wrong symbol changes the sum by a non-zero amount, and swapping neighbours a, b changes
# it by alpha^i (1 + alpha)(a + b), non-zero whenever a != b. (Luhn mod 32 misses 2<->Z swaps.)
_EXP = [1] * 62
for _i in range(1, 62):
    _v = _EXP[_i - 1] << 1
    _EXP[_i] = _v ^ 0b100101 if _v & 0b100000 else _v
_LOG = {v: i for i, v in enumerate(_EXP[:31])}
_WEIGHTED = [{c: (_EXP[(_LOG[v] + pos + 1) % 31] if v else 0) for c, v in _VALUE.items()}
             for pos in range(LENGTH)]


def check_symbol(body: str) -> str:
    """The symbol that completes ``body`` (KeyError for a symbol outside the alphabet)."""
    total = 0
    for table, c in zip(_WEIGHTED, body, strict=False):  # body is shorter than the weights
        total ^= table[c]
    return ALPHABET[total]


_MACS: dict[bytes, hmac.HMAC] = {}  # keyed HMAC states, copied per code (faster than new())


def _tag(key: bytes, kind: str, key_id: str, serial: int) -> str:
    base = _MACS.get(key)
    if base is None:
        base = _MACS[key] = hmac.new(key, digestmod=hashlib.sha256)
    mac = base.copy()
    mac.update(f"{kind}|{key_id}|{serial}".encode())
    return _encode(int.from_bytes(mac.digest()[:7], "big") >> 6, TAG_LEN)  # 50 bits


def make(kind: str, serial: int) -> TypableCode:
    """The code of unit ``serial``, signed with the terminal's current key."""
    if kind not in KINDS:
        raise ValidationError("typable.bad_kind", "a code kind is P (point code) or C "
                              "(coupon), not {kind}", kind=kind)
    if not isinstance(serial, int) or not 0 <= serial <= MAX_SERIAL:
        raise ValidationError("typable.bad_serial", "a code serial is 0 to {max}, not {serial}",
                              max=MAX_SERIAL, serial=repr(serial))
    ring = signing_keys.active()
    body = kind + key_symbol(ring.current) + _encode(serial, SERIAL_LEN) + _tag(
        ring.current_key, kind, ring.current, serial)
    text = body + check_symbol(body)
    return TypableCode(kind, serial, ring.current, text)


def normalise(text: object) -> str:
    """Upper case without spaces or hyphens; '' for anything that is not text."""
    if not isinstance(text, str) or len(text) > 64:
        return ""
    return text.translate(_SEPARATORS).upper()


def _not_this_kind(kind: str) -> ValidationError:
    if kind == "C":
        return ValidationError("coupon.not_this_kind", "this is not a coupon code")
    return ValidationError("pointcode.not_this_kind", "this is not a point code")


def _typo(kind: str) -> ValidationError:
    if kind == "C":
        return ValidationError("coupon.typo", "a character of this coupon code is wrong (codes "
                               "never use 0, 1, I or O); check it and type it again")
    return ValidationError("pointcode.typo", "a character of this code is wrong (codes never "
                           "use 0, 1, I or O); check it and type it again")


def _not_genuine(kind: str) -> ValidationError:
    if kind == "C":
        return ValidationError("coupon.not_genuine", "this coupon cannot be used")
    return ValidationError("pointcode.not_genuine", "this code cannot be used")


def parse(text: object, kind: str) -> TypableCode:
    """The genuine code of ``kind`` (``P`` or ``C``) that ``text`` spells, or a coded
    ValidationError: not_this_kind, typo, not_genuine (in the kind's area)."""
    code = normalise(text)
    if len(code) != LENGTH or code[0] != kind:
        raise _not_this_kind(kind)
    try:
        wrong = check_symbol(code[:-1]) != code[-1]
    except KeyError:  # a symbol codes never use
        wrong = True
    if wrong:
        raise _typo(kind)
    serial = _decode(code[2:2 + SERIAL_LEN])
    tag = code[2 + SERIAL_LEN:-1]
    ring = signing_keys.active()
    for key_id, key in ring.keys.items():
        if key_symbol(key_id) == code[1] and hmac.compare_digest(
                tag, _tag(key, kind, key_id, serial)):
            return TypableCode(kind, serial, key_id, code)
    raise _not_genuine(kind)
