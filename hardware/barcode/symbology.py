"""Symbology rules as pure functions: GTIN check digits, UPC-E expansion, text clean-up.

Every EAN/UPC reading is reported as a GTIN-13 so that one product has one key whatever
symbol was printed on it: UPC-A ``987654321012`` -> ``0987654321012``, UPC-E ``01234565``
-> UPC-A ``012345000065`` -> ``0012345000065``, EAN-8 ``98765430`` -> ``0000098765430``.
A reading whose check digit is wrong is rejected (``None``), never "corrected".
"""

from __future__ import annotations

import re

GS = "\x1d"  # GS1 field separator (FNC1 inside a GS1 message)

# Cc = C0 controls, DEL and C1 controls. Nothing else is stripped: spaces, CJK text and
# punctuation are data.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DIGITS = re.compile(r"[0-9]+")

# Names used across hardware/ for the EAN/UPC family.
EAN_UPC = frozenset({"EAN13", "EAN8", "UPCA", "UPCE"})


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for ``body`` (all digits but the check digit)."""
    if not body or not body.isascii() or not body.isdigit():
        raise ValueError(f"not a digit string: {body!r}")
    total = 0
    # Weights 3, 1, 3, ... counted from the rightmost digit of the body.
    for i, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    """True for an 8, 12, 13 or 14 digit string whose last digit is its GS1 check digit."""
    if len(code) not in (8, 12, 13, 14) or not _DIGITS.fullmatch(code):
        return False
    return gtin_check_digit(code[:-1]) == int(code[-1])


def with_check_digit(body: str) -> str:
    return body + str(gtin_check_digit(body))


def upce_to_upca(upce: str) -> str | None:
    """Expand an 8-digit UPC-E (number system, six digits, check) to its 12-digit UPC-A.

    Also accepts the 6 data digits alone (number system 0 assumed, check digit computed)
    and 7 digits (number system + 6). Returns None if the input is not a UPC-E or its
    check digit is wrong.
    """
    if not _DIGITS.fullmatch(upce or ""):
        return None
    if len(upce) == 6:
        ns, d, check = "0", upce, None
    elif len(upce) == 7:
        ns, d, check = upce[0], upce[1:], None
    elif len(upce) == 8:
        ns, d, check = upce[0], upce[1:7], upce[7]
    else:
        return None
    if ns not in "01":
        return None
    last = d[5]
    if last in "012":
        body = ns + d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = ns + d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = ns + d[0:4] + "00000" + d[4]
    else:
        body = ns + d[0:5] + "0000" + last
    upca = with_check_digit(body)
    if check is not None and upca[-1] != check:
        return None
    return upca


def upca_to_upce(upca: str) -> str | None:
    """Zero-suppress a valid UPC-A to its 8-digit UPC-E, or None if it cannot be."""
    if len(upca) != 12 or not is_valid_gtin(upca) or upca[0] not in "01":
        return None
    ns, m, p, check = upca[0], upca[1:6], upca[6:11], upca[11]
    if m[2] in "012" and m[3:5] == "00" and p[0:2] == "00":
        d = m[0:2] + p[2:5] + m[2]
    elif m[3:5] == "00" and p[0:3] == "000":
        d = m[0:3] + p[3:5] + "3"
    elif m[4] == "0" and p[0:4] == "0000":
        d = m[0:4] + p[4] + "4"
    elif p[0:4] == "0000" and p[4] in "56789":
        d = m + p[4]
    else:
        return None
    return ns + d + check


def to_gtin13(code: str, symbology: str | None = None) -> str | None:
    """Normalise an EAN/UPC reading to GTIN-13 with its check digit verified.

    ``symbology`` is one of EAN13, EAN8, UPCA, UPCE (or None: guess by length, where
    8 digits mean EAN-8 — a UPC-E must be named). Returns None for anything invalid.
    """
    code = (code or "").strip()
    if not _DIGITS.fullmatch(code):
        return None
    n = len(code)
    if symbology == "UPCE":
        if n == 13:  # zxing-cpp 3.x already expanded it: "0" + UPC-A
            return code if code[0] == "0" and is_valid_gtin(code) else None
        if n == 12:
            return "0" + code if is_valid_gtin(code) and upca_to_upce(code) else None
        upca = upce_to_upca(code) if n == 8 else None
        return "0" + upca if upca else None
    if symbology == "EAN8" or (symbology is None and n == 8):
        return "00000" + code if n == 8 and is_valid_gtin(code) else None
    if symbology == "UPCA" and n == 13 and code[0] != "0":
        return None
    if n == 12:
        return "0" + code if is_valid_gtin(code) else None
    if n == 13:
        return code if is_valid_gtin(code) else None
    if n == 14 and symbology is None and code[0] == "0":
        return code[1:] if is_valid_gtin(code) else None
    return None


def strip_controls(text: str, keep: str = "") -> str:
    """Remove C0/C1 control characters (and DEL), except those listed in ``keep``."""
    if not keep:
        return _CONTROLS.sub("", text)
    return _CONTROLS.sub(lambda m: m.group(0) if m.group(0) in keep else "", text)


def clean_gs1(text: str) -> str:
    """A GS1 element string as raw AIs without parentheses.

    FNC1 separators (GS) between variable-length fields are meaningful and kept; a
    separator at either end means nothing and is dropped, as are all other controls.
    """
    return strip_controls(text, keep=GS).strip(GS)
