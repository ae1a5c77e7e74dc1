"""Retail barcodes: GTIN check digits, UPC-E expansion, GS1 variable-measure codes.

A store's nomenclature says which GS1 prefixes (20–29) carry a weight or a price, the way a
barcode nomenclature does in back-office software; the default follows common Chinese scale
labels: ``2 + prefix digit + 5-digit PLU + 5-digit value + check``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from app.errors import ValidationError


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit of ``body`` (all digits except the check digit)."""
    # Weight 3 on the digit next to the check digit, then alternating 1 and 3 leftwards.
    # Summed per slice: a catalogue import checks a hundred thousand of these.
    backwards = body[::-1]
    total = 3 * sum(map(int, backwards[0::2])) + sum(map(int, backwards[1::2]))
    return (10 - total % 10) % 10


def _ascii_digits(text: str) -> bool:
    # str.isdigit() also accepts "²" and "١": int() refuses the first, and neither is on a label
    return text.isascii() and text.isdigit()


def has_valid_check_digit(code: str) -> bool:
    return _ascii_digits(code) and len(code) >= 2 and gtin_check_digit(code[:-1]) == int(code[-1])


def expand_upce(upce: str) -> str:
    """An 8-digit UPC-E (number system, 6 digits, check) → its 12-digit UPC-A."""
    ns, d, check = upce[0], upce[1:7], upce[7]
    last = d[5]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    return ns + body + check


def normalize_gtin(raw: str) -> str:
    """Any EAN-13, EAN-8, UPC-A or UPC-E → its canonical form with check digit verified.

    EAN-8 stays 8 digits (it is its own GTIN-8); UPC-A and UPC-E become GTIN-13.
    Raises ValidationError with a message a cashier can read.
    """
    code = raw.strip()
    if not code:
        raise ValidationError("barcode.empty", "empty barcode")
    if not _ascii_digits(code):
        raise ValidationError("barcode.not_digits",
                              "barcode “{raw}” contains characters other than digits", raw=raw)
    if len(code) == 8 and code[0] in "01" and not has_valid_check_digit(code):
        # 8 digits starting 0/1 may be UPC-E rather than EAN-8
        upca = expand_upce(code)
        if has_valid_check_digit(upca):
            return "0" + upca
    if len(code) not in (8, 12, 13, 14):
        raise ValidationError("barcode.length",
                              "barcode “{raw}” has {digits} digits; expected 8, 12 or 13",
                              raw=raw, digits=len(code))
    if not has_valid_check_digit(code):
        raise ValidationError("barcode.check_digit", "barcode “{raw}” has a wrong check digit",
                              raw=raw)
    if len(code) == 12:
        return "0" + code
    if len(code) == 14:
        if code[0] != "0":
            raise ValidationError("barcode.case_code",
                                  "barcode “{raw}” is a case code (GTIN-14), not a unit", raw=raw)
        return code[1:]
    return code


@dataclass(frozen=True)
class VariableMeasureRule:
    prefix: str  # two digits, "20".."29"
    kind: str  # "weight" (grams) | "price" (minor units)
    item_digits: int = 5
    value_digits: int = 5


@dataclass(frozen=True)
class Nomenclature:
    rules: tuple[VariableMeasureRule, ...] = field(
        default_factory=lambda: tuple(
            VariableMeasureRule(f"2{d}", "weight" if d in "0125" else "price") for d in "0123456789"
        )
    )

    @classmethod
    def from_json(cls, text: str) -> Nomenclature:
        if not text.strip():
            return cls()
        try:
            rows = json.loads(text)
            rules = tuple(VariableMeasureRule(**row) for row in rows)
        except (ValueError, TypeError) as exc:
            raise ValidationError("barcode.nomenclature_invalid",
                                  "barcode nomenclature is not valid: {detail}",
                                  detail=str(exc)) from None
        for rule in rules:
            if not (len(rule.prefix) == 2 and rule.prefix[0] == "2" and rule.prefix.isdigit()):
                raise ValidationError("barcode.rule_prefix",
                                      "variable-measure prefix “{prefix}” is not 20–29",
                                      prefix=rule.prefix)
            if rule.kind not in ("weight", "price"):
                raise ValidationError("barcode.rule_kind",
                                      "variable-measure kind “{kind}” is not weight or price",
                                      kind=rule.kind)
            if 2 + rule.item_digits + rule.value_digits != 12:
                raise ValidationError("barcode.rule_digits",
                                      "rule {prefix}: item + value digits must be 10",
                                      prefix=rule.prefix)
        return cls(rules)

    def rule_for(self, prefix: str) -> VariableMeasureRule | None:
        return next((r for r in self.rules if r.prefix == prefix), None)


@dataclass(frozen=True)
class ParsedBarcode:
    """What a scanned code means: a plain GTIN, or a variable-measure item with its value."""

    code: str  # normalised GTIN, or the raw EAN-13 of a variable-measure label
    item_ref: str | None = None  # PLU for variable-measure codes
    weight_g: int | None = None
    price: int | None = None  # minor units


def parse_barcode(raw: str, nomenclature: Nomenclature | None = None) -> ParsedBarcode:
    """Interpret a scanned retail code. Raises ValidationError for malformed codes."""
    code = normalize_gtin(raw)
    if len(code) == 13 and code[0] == "2":
        rule = (nomenclature or Nomenclature()).rule_for(code[:2])
        if rule is not None:
            item = code[2 : 2 + rule.item_digits]
            value = int(code[2 + rule.item_digits : 12])
            if rule.kind == "weight":
                return ParsedBarcode(code, item_ref=item, weight_g=value)
            return ParsedBarcode(code, item_ref=item, price=value)
    return ParsedBarcode(code)


def make_variable_measure(prefix: str, item_ref: str, value: int) -> str:
    """Build the EAN-13 a scale label printer would print (used by the demo and tests)."""
    body = f"{prefix}{item_ref:0>5}{value:05d}"
    if len(body) != 12:
        raise ValidationError("barcode.value_too_large",
                              "variable-measure value does not fit in 5 digits")
    return body + str(gtin_check_digit(body))
